"""plnsite import goodreads: column variants, cleaning, the built reading page, re-import,
and the Private Notes guarantee."""

from __future__ import annotations

import shutil

from plnsite.yamlio import load_yaml

from .conftest import FIXTURES, built, page, tree

SECRET = "PRIVATE-NOTE-SECRET-4f9c2a"


def entries(content):
    path = content / "reading" / "goodreads.yaml"
    return {e["title"]: e for e in load_yaml(path.read_text(encoding="utf-8"), str(path))}


def test_31_column_export_is_imported_and_built(content, run_cli):
    code, out, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_31.csv"))
    assert code == 0, err
    assert "wrote content/reading/goodreads.yaml" in out and "imported 6 books" in out
    books = entries(content)
    korean = books["채식주의자"]
    assert korean["author"] == "한강" and korean["status"] == "finished" and korean["rating"] == 5
    assert str(korean["finished"]) == "2023-04-02"
    assert korean["isbn"] == "9788936433598"  # ="…" unwrapped, kept a string
    assert korean["tags"] == ["korean-lit", "favourites"]  # the `read` shelf is a status, not a tag
    assert korean["notes"] == ("Quiet and **unsettling**.\n\nRead it in one sitting.\n"
                               "See [this essay](https://example.org/han) & more.\n")
    arabic = books["موسم الهجرة إلى الشمال"]
    assert arabic["status"] == "want" and "rating" not in arabic and "isbn" not in arabic  # 0 = unrated
    odyssey = books["The Odyssey"]
    assert odyssey["status"] == "reading" and odyssey["authors"] == ["Homer", "Robert Fagles", "Bernard Knox"]
    assert books["Infinite Jest"]["status"] == "abandoned" and "tags" not in books["Infinite Jest"]
    # read without a Date Read: Date Added stands in, with one warning naming the line
    assert str(books["Thinking, Fast and Slow"]["finished"]) == "2022-11-20"
    assert "goodreads_31.csv:5: warning: 1 read book without a Date Read (line 5)" in err

    reading = page(content, "reading/index.html")
    for title in ("채식주의자", "한강", "موسم الهجرة إلى الشمال", "الطيب صالح", "The Odyssey"):
        assert title in reading
    assert "<strong>unsettling</strong>" in reading or "unsettling" in reading


def test_24_column_export(content, run_cli):
    code, out, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"))
    assert code == 0, err
    books = entries(content)
    assert set(books) == {"Mindstorms", "Pedagogy of the Oppressed"}
    assert books["Mindstorms"]["tags"] == ["education"] and books["Mindstorms"]["goodreads_id"] == 7777
    assert "Pedagogy of the Oppressed" in page(content, "reading/index.html")


def test_padded_recased_reordered_headers_with_bom_and_crlf(content, run_cli):
    code, out, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_padded.csv"))
    assert code == 0, err
    book = entries(content)["Connected Learning"]
    assert book["author"] == "Mizuko Ito" and book["rating"] == 4 and book["tags"] == ["pln"]
    assert book["status"] == "finished" and str(book["finished"]) == "2024-10-11"
    assert "Connected Learning" in page(content, "reading/index.html")


def test_missing_header_line_is_one_clear_error(content, run_cli):
    code, out, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_no_header.csv"))
    assert code == 1
    line, = err.strip().splitlines()
    assert line.endswith("goodreads_no_header.csv:1: error: expected a header line naming the columns of a Goodreads "
                         "library export (Title, Author, Exclusive Shelf, …), found: 7777, Mindstorms, "
                         "Seymour Papert, =\"9780465046744\", 5, 2019…")
    assert "Traceback" not in err and not (content / "reading").exists()


def test_wrong_export_names_the_right_importer(content, run_cli):
    code, _, err = run_cli("import", "goodreads", str(FIXTURES / "storygraph.csv"))
    assert code == 1
    assert err.strip().endswith("storygraph.csv:1: error: this looks like a StoryGraph export: use `plnsite import storygraph`")


def test_not_a_csv_at_all(content, run_cli, tmp_path):
    blob = tmp_path / "library.xlsx"
    blob.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = run_cli("import", "goodreads", str(blob))
    assert code == 1 and "library.xlsx:1: error: a zip file or spreadsheet workbook, not text" in err
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"Title,Author,Exclusive Shelf\nCaf\xe9,Someone,read\n")
    code, _, err = run_cli("import", "goodreads", str(latin1))
    assert code == 1 and "latin1.csv:2: error: the file is not UTF-8 text (it looks like Latin-1" in err
    assert not (content / "reading").exists()


def test_reimport_adds_nothing_and_keeps_edits(content, run_cli):
    assert run_cli("import", "goodreads", str(FIXTURES / "goodreads_31.csv"))[0] == 0
    target = content / "reading" / "goodreads.yaml"
    edited = target.read_text(encoding="utf-8").replace("rating: 3\n", "rating: 5\n").replace(
        "title: The Odyssey", "title: The Odyssey (Fagles translation)")
    edited = "# My books, exported from Goodreads in 2025\n" + edited
    target.write_text(edited, encoding="utf-8")
    code, out, _ = run_cli("import", "goodreads", str(FIXTURES / "goodreads_31.csv"))
    assert code == 0 and "imported 0 books; 6 already in your content" in out
    assert target.read_text(encoding="utf-8") == edited
    # a later export with one new book: appended after the user's text, which is kept byte for byte
    code, out, _ = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"))
    assert code == 0 and "imported 2 books" in out
    after = target.read_text(encoding="utf-8")
    assert after.startswith(edited) and after[len(edited):].startswith("\n- title: Mindstorms\n")
    assert len(load_yaml(after, "x")) == 8
    built(content)


def test_dry_run_prints_and_writes_nothing(content, run_cli):
    before = tree(content)
    code, out, _ = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"), "--dry-run")
    assert code == 0
    assert out.startswith("would create content/reading/goodreads.yaml:\n- title: Mindstorms\n")
    assert out.rstrip().endswith("would import 2 books")
    assert tree(content) == before


def test_private_notes_never_imported(content, run_cli, tmp_path):
    outputs = []
    for name in ("goodreads_31.csv", "goodreads_24.csv", "goodreads_padded.csv"):
        outputs.append(run_cli("import", "goodreads", str(FIXTURES / name), "--dry-run"))
        outputs.append(run_cli("import", "goodreads", str(FIXTURES / name)))
    for code, out, err in outputs:
        assert code == 0 and SECRET not in out and SECRET not in err
    for rel, data in tree(content).items():
        assert SECRET.encode() not in data, rel
    for name, data in built(content).items():
        assert SECRET.encode() not in data, name
    # and not through a source other than the CSV's own column: a copied export stays private too
    shutil.copy(FIXTURES / "goodreads_31.csv", tmp_path / "export.csv")
    assert SECRET not in run_cli("import", "goodreads", str(tmp_path / "export.csv"))[1]
