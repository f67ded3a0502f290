"""plnsite import storygraph: spreadsheet-damaged rows, half stars, ASINs, and matching
books that another import already brought in."""

from __future__ import annotations

from plnsite.yamlio import load_yaml

from .conftest import FIXTURES, built, page, tree


def entries(content):
    path = content / "reading" / "storygraph.yaml"
    return {e["title"]: e for e in load_yaml(path.read_text(encoding="utf-8"), str(path))}


def test_export_with_spreadsheet_damage_is_imported_and_built(content, run_cli):
    code, out, err = run_cli("import", "storygraph", str(FIXTURES / "storygraph.csv"))
    assert code == 0, err
    books = entries(content)
    sweetgrass = books["Braiding Sweetgrass"]
    # 9.78157E+12 lost its digits: dropped, with a warning at its line; the rest of the row is fine
    assert "isbn" not in sweetgrass
    assert "storygraph.csv:2: warning: ISBN '9.78157E+12' was turned into a number by a spreadsheet" in err
    assert str(sweetgrass["started"]) == "2023-04-01" and str(sweetgrass["finished"]) == "2023-05-14"  # 'apostrophe
    assert sweetgrass["rating"] == 5 and sweetgrass["stars"] == 4.5  # half up; the exact value kept
    assert sweetgrass["tags"] == ["nature", "indigenous knowledge"] and sweetgrass["notes"] == "Gentle and *wise*."
    range_ = books["Range"]
    assert range_["isbn"] == "9780735214484"  # leading apostrophe dropped
    assert str(range_["finished"]) == "2023-05-14"  # 5/14/2023: the day can only be 14
    assert range_["rating"] == 3 and range_["stars"] == 3.25
    stick = books["Make It Stick"]
    assert stick["asin"] == "B00JTCJA48" and "isbn" not in stick
    assert stick["authors"] == ["Peter C. Brown", "Henry L. Roediger III", "Mark A. McDaniel"]
    assert stick["status"] == "reading"
    assert books["The Little Prince"]["isbn"] == "0156012197"  # the leading zero a spreadsheet dropped
    assert books["The Little Prince"]["status"] == "abandoned"
    assert books["Thinking, Fast and Slow"]["rating"] == 4 and "stars" not in books["Thinking, Fast and Slow"]

    reading = page(content, "reading/index.html")
    for title in ("소년이 온다", "Braiding Sweetgrass", "Make It Stick", "Antoine de Saint-Exupéry"):
        assert title in reading


def test_reimport_and_books_already_imported_from_goodreads(content, run_cli):
    assert run_cli("import", "goodreads", str(FIXTURES / "goodreads_31.csv"))[0] == 0
    code, out, _ = run_cli("import", "storygraph", str(FIXTURES / "storygraph.csv"))
    # "Thinking, Fast and Slow" is in both exports: matched by ISBN, imported once
    assert code == 0 and "imported 5 books; 1 already in your content" in out
    assert "Thinking, Fast and Slow" not in entries(content)
    before = tree(content)
    code, out, _ = run_cli("import", "storygraph", str(FIXTURES / "storygraph.csv"))
    assert "imported 0 books; 6 already in your content" in out and tree(content) == before
    built(content)


def test_goodreads_file_given_to_storygraph(content, run_cli):
    code, _, err = run_cli("import", "storygraph", str(FIXTURES / "goodreads_24.csv"))
    assert code == 1 and "goodreads_24.csv:1: error: this looks like a Goodreads library export" in err


def test_missing_required_column(content, run_cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Title,Authors,Star Rating\nA Book,Someone,4\n", encoding="utf-8")
    code, _, err = run_cli("import", "storygraph", str(export))
    assert code == 1
    assert err.strip().endswith("export.csv:1: error: the header line has no 'Read Status' column; expected a StoryGraph "
                                "export (Title, Authors, Read Status, …), found: Title, Authors, Star Rating")
    assert "Traceback" not in err and not (content / "reading").exists()


def test_semicolon_csv_from_a_european_spreadsheet(content, run_cli, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Title;Authors;Read Status;Last Date Read;Star Rating\n"
                      "Le Petit Prince;Antoine de Saint-Exupéry;read;14/05/2023;3,5\n", encoding="utf-8")
    code, _, err = run_cli("import", "storygraph", str(export))
    assert code == 0, err
    book = entries(content)["Le Petit Prince"]
    assert str(book["finished"]) == "2023-05-14" and book["rating"] == 4 and book["stars"] == 3.5
