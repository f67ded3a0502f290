"""plnsite import opml: nested folders, blank titles, damaged XML repaired or recovered, re-import."""

from __future__ import annotations

import pytest

from plnsite.yamlio import load_yaml

from .conftest import FIXTURES, built, tree


def people(content, list_id):
    path = content / "contacts" / f"{list_id}.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    return data["title"], {p["name"]: p for p in data["people"]}


def test_nested_folders_become_lists_and_the_blogroll(content, run_cli):
    code, out, err = run_cli("import", "opml", str(FIXTURES / "subscriptions.opml"))
    assert code == 0, err
    assert sorted(p.name for p in (content / "contacts").iterdir()) == [
        "education-research.yaml", "education.yaml", "following.yaml", "tech.yaml"]  # no file for empty folders
    title, following = people(content, "following")
    assert title == "Following"
    assert following["Stephen Downes"] == {"name": "Stephen Downes", "url": "https://www.downes.ca/",
                                           "feed": "https://www.downes.ca/news/OLDaily.xml"}
    _, education = people(content, "education")
    assert education["blog.example.edu"]["feed"] == "https://blog.example.edu/rss.xml"  # blank title → host
    title, research = people(content, "education-research")
    assert title == "Education / Research" and "학습 연구실" in research
    _, tech = people(content, "tech")
    assert list(tech) == ["Simon Willison"]  # Jesse is in two folders: imported once, in the first

    output = built(content)
    opml = output["network.opml"].decode("utf-8")
    for feed in ("https://www.downes.ca/news/OLDaily.xml", "https://personalizedlearningnetwork.ca/feed/",
                 "https://blog.example.edu/rss.xml", "https://learning.example.kr/feed.xml",
                 "https://simonwillison.net/atom/everything/"):
        assert f'xmlUrl="{feed}"' in opml
    assert "학습 연구실" in output["network/index.html"].decode("utf-8")


def test_folders_as_tags(content, run_cli):
    code, _, err = run_cli("import", "opml", str(FIXTURES / "subscriptions.opml"), "--list", "Blogroll",
                           "--folders-as-tags")
    assert code == 0, err
    assert [p.name for p in (content / "contacts").iterdir()] == ["blogroll.yaml"]
    title, everyone = people(content, "blogroll")
    assert title == "Blogroll" and len(everyone) == 5
    assert everyone["Jesse Hotchin"]["tags"] == ["Education", "Tech"]
    assert everyone["학습 연구실"]["tags"] == ["Education", "Research"]
    assert "tags" not in everyone["Stephen Downes"]
    assert "tags/research/index.html" in built(content)


def test_raw_ampersand_is_repaired_with_warnings(content, run_cli):
    code, out, err = run_cli("import", "opml", str(FIXTURES / "malformed.opml"))
    assert code == 0
    assert err.splitlines() == [
        f"{FIXTURES / 'malformed.opml'}:3: warning: raw '&' read as '&amp;' (the file is not well-formed XML)",
        f"{FIXTURES / 'malformed.opml'}:6: warning: raw '&' read as '&amp;' (the file is not well-formed XML)",
    ]
    title, news = people(content, "news-views")
    assert title == "News & Views"
    assert news["Search results"]["feed"] == "https://search.example.org/feed?q=pln&format=rss"
    assert news["Search results"]["url"] == "https://search.example.org/?q=pln&lang=en"
    assert "https://search.example.org/feed?q=pln&amp;format=rss" in built(content)["network.opml"].decode()


def warnings(err: str, fixture: str) -> list[str]:
    """The warning lines of ``err``, without the fixture's path."""
    prefix = f"{FIXTURES / fixture}:"
    lines = err.splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    return [line[len(prefix):] for line in lines]


def test_html_in_a_description_is_read_as_text(content, run_cli):
    code, out, err = run_cli("import", "opml", str(FIXTURES / "html_in_description.opml"))
    assert code == 0, err
    assert warnings(err, "html_in_description.opml") == [
        "9: warning: HTML tag '<a>' read as text (the file is not well-formed XML)",
        "10: warning: HTML tags '<p>', '<b>' read as text (the file is not well-formed XML)",
    ]
    title, learning = people(content, "learning")
    assert title == "Learning" and list(learning) == ["Ann Lee", "Bob Diaz", "Cy Park", "Dee Moss"]
    assert learning["Bob Diaz"] == {  # the attributes after the markup are kept too
        "name": "Bob Diaz", "url": "https://bob.example/", "feed": "https://bob.example/feed",
        "note": 'Bob writes about <a href="https://bob.example/pln">learning networks</a> and more.'}
    assert learning["Cy Park"]["note"] == "<p>Notes from <b>class</b></p>"
    network = built(content)["network/index.html"].decode()
    assert '<a href="https://bob.example/pln">learning networks</a>' in network


def test_an_unescaped_less_than_is_recovered(content, run_cli):
    code, _, err = run_cli("import", "opml", str(FIXTURES / "unescaped_lt.opml"))
    assert code == 0, err
    assert warnings(err, "unescaped_lt.opml") == [
        "6: warning: not well-formed XML at column 37 (Unescaped '<' not allowed in attributes values); "
        "read what could be read",
    ]
    assert list(people(content, "programming")[1]) == ["C++ < Rust?", "Eve Stone"]
    assert list(people(content, "following")[1]) == ["Fay Wu"]
    assert "C++ &lt; Rust?" in built(content)["network/index.html"].decode()


def test_a_file_cut_short_keeps_what_came_before(content, run_cli):
    code, out, err = run_cli("import", "opml", str(FIXTURES / "truncated.opml"))
    assert code == 0, err
    assert warnings(err, "truncated.opml") == [  # the end of the data: reported on the last line
        "7: warning: not well-formed XML at column 1 (Premature end of data in tag outline line 5); "
        "read what could be read",
    ]
    assert list(people(content, "research")[1]) == ["Gus Hale", "Ida Bell"]


def test_control_characters_are_removed(content, run_cli):
    code, _, err = run_cli("import", "opml", str(FIXTURES / "control_character.opml"))
    assert code == 0, err
    assert warnings(err, "control_character.opml") == [
        "5: warning: control character U+000B removed (the file is not well-formed XML)",
        "6: warning: control character U+001F removed (the file is not well-formed XML)",
    ]
    assert list(people(content, "following")[1]) == ["Jo Lane", "Kim Ro", "Lou Ash"]


def test_a_missing_close_tag_is_recovered_and_every_line_it_damaged_is_named(content, run_cli):
    code, _, err = run_cli("import", "opml", str(FIXTURES / "broken.opml"))
    assert code == 0, err
    assert warnings(err, "broken.opml") == [
        "6: warning: not well-formed XML at column 10 (Opening and ending tag mismatch: outline line 4 and body); "
        "read what could be read",
        "7: warning: not well-formed XML at column 8 (Opening and ending tag mismatch: body line 3 and opml); "
        "read what could be read",
    ]
    assert people(content, "tech") == ("Tech", {"A": {"name": "A", "feed": "https://a.example.org/feed"}})


def test_outlines_after_a_stray_close_tag_are_still_read(content, run_cli, tmp_path):
    opml = tmp_path / "extra.opml"
    opml.write_text('<opml version="2.0">\n<body>\n<outline text="Tech">\n'
                    '<outline type="rss" text="A" xmlUrl="https://a.example/feed"/>\n</outline>\n</outline>\n'
                    '<outline type="rss" text="B" xmlUrl="https://b.example/feed"/>\n</body>\n</opml>\n',
                    encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(opml))
    assert code == 0, err
    assert [line.split(": warning: ")[0] for line in err.splitlines()] == [f"{opml}:6", f"{opml}:8"]
    assert list(people(content, "tech")[1]) == ["A"] and list(people(content, "following")[1]) == ["B"]


def test_a_second_import_of_a_damaged_file_adds_nothing(content, run_cli):
    for fixture in ("html_in_description.opml", "unescaped_lt.opml", "truncated.opml", "control_character.opml"):
        assert run_cli("import", "opml", str(FIXTURES / fixture))[0] == 0
    before = tree(content)
    for fixture, count in (("html_in_description.opml", 4), ("unescaped_lt.opml", 3), ("truncated.opml", 2),
                           ("control_character.opml", 3)):
        code, out, err = run_cli("import", "opml", str(FIXTURES / fixture))
        assert code == 0 and f"imported 0 people; {count} already in your content" in out, (out, err)
    assert tree(content) == before


def test_what_is_not_xml_at_all_is_refused(content, run_cli, tmp_path):
    expected = "expected an OPML file of feed subscriptions (<opml> XML)"
    code, _, err = run_cli("import", "opml", str(FIXTURES / "not_xml.opml"))
    assert code == 1 and err.strip().endswith(f"not_xml.opml:1: error: not XML; {expected}")
    garbage = tmp_path / "garbage.opml"
    garbage.write_text("<<<>>>\n", encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(garbage))
    assert code == 1 and err.strip().endswith(
        f"garbage.opml:1: error: not well-formed XML (not well-formed (invalid token) at column 2); {expected}")
    page = tmp_path / "page.opml"
    page.write_text("<html><body><p>Feeds & more</p></body></html>\n", encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(page))
    assert code == 1 and err.strip().endswith(f"page.opml:1: error: found an <html> document; {expected}")
    assert "Traceback" not in err and not (content / "contacts").exists()


def test_a_feed_is_not_an_opml_file(content, run_cli, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n', encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(feed))
    assert code == 1 and err.strip().endswith("feed.xml:2: error: found a news feed; expected an OPML file of "
                                              "feed subscriptions (<opml> XML)")


def test_reimport_adds_nothing_and_appends_to_a_hand_written_list(site_factory, run_cli):
    hand_written = (
        "title: People I follow\n"
        "people:\n"
        "  - name: Stephen Downes   # my first follow\n"
        "    feed: http://downes.ca/news/OLDaily.xml/\n"
        "  - name: Jesse Hotchin\n"
        "    visibility: private\n"
        "description: Written by hand.\n"
    )
    content = site_factory({"contacts/following.yaml": hand_written})
    code, out, err = run_cli("import", "opml", str(FIXTURES / "subscriptions.opml"))
    assert code == 0, err
    assert "imported 4 people; 1 already in your content" in out  # http/https, www and a slash ignored
    text = (content / "contacts" / "following.yaml").read_text(encoding="utf-8")
    assert text == hand_written  # nothing new for `following`: the file is untouched
    _, education = people(content, "education")
    assert education["Jesse Hotchin"]["id"] == "jesse-hotchin-2"  # the private Jesse keeps his id
    before = tree(content)
    code, out, _ = run_cli("import", "opml", str(FIXTURES / "subscriptions.opml"))
    assert "imported 0 people; 5 already in your content" in out and tree(content) == before
    built(content)


def test_people_list_followed_by_other_keys(site_factory, run_cli, tmp_path):
    content = site_factory({"contacts/following.yaml": (
        "people:\n"
        "  - name: Ada\n"
        "    url: https://ada.example/\n"
        "\n"
        "description: People.\n"
    )})
    opml = tmp_path / "one.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Bo" xmlUrl="https://bo.example/feed"/>'
                    "</body></opml>", encoding="utf-8")
    assert run_cli("import", "opml", str(opml))[0] == 0
    assert (content / "contacts" / "following.yaml").read_text(encoding="utf-8") == (
        "people:\n"
        "  - name: Ada\n"
        "    url: https://ada.example/\n"
        "\n"
        "  - name: Bo\n"
        "    feed: https://bo.example/feed\n"
        "\n"
        "description: People.\n"
    )
    assert "Bo" in built(content)["network/index.html"].decode()


def test_entity_declarations_are_refused(content, run_cli, tmp_path):
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "aaaaaaaa">\n<!ENTITY b "&a;&a;&a;">\n]>\n'
                    '<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.org/f"/></body></opml>\n',
                    encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(bomb))
    assert code == 1 and "bomb.opml:3: error: declares XML entities, which plnsite does not read" in err


def test_entity_declarations_are_refused_in_a_damaged_file_too(content, run_cli, tmp_path):
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "aaaaaaaa">\n]>\n'
                    '<opml version="2.0"><body><outline text="&a; < b" xmlUrl="https://x.org/f"/></body></opml>\n',
                    encoding="utf-8")
    code, _, err = run_cli("import", "opml", str(bomb))
    assert code == 1 and "bomb.opml:3: error: declares XML entities, which plnsite does not read" in err
    assert not (content / "contacts").exists()


def _opml(declaration: str, name: str) -> str:
    return (f"{declaration}<opml version=\"2.0\"><head><title>Feeds</title></head><body>\n"
            f"<outline text=\"{name}\" type=\"rss\" xmlUrl=\"https://renee.example/feed\"/>\n"
            "</body></opml>\n")


def _imported_name(content, run_cli, path) -> str:
    code, _, err = run_cli("import", "opml", str(path))
    assert (code, err) == (0, "")
    _, following = people(content, "following")
    (name,) = following
    return name


@pytest.mark.parametrize("encoding, name", [
    ("ISO-8859-1", "Ren\xe9e's blog"), ("windows-1252", "Ren\xe9e\u2019s \u201cblog\u201d"),
    ("iso-8859-15", "Ren\xe9e \u20ac"), ("UTF-16", "Ren\xe9e \ud559\uc2b5"),
])
def test_an_export_in_the_encoding_its_xml_declaration_names(content, run_cli, tmp_path, encoding, name):
    export = tmp_path / "feeds.opml"
    export.write_bytes(_opml(f'<?xml version="1.0" encoding="{encoding}"?>\n', name).encode(encoding))
    assert _imported_name(content, run_cli, export) == name


def test_utf8_text_under_a_declaration_of_latin1_is_read_as_the_utf8_it_is(content, run_cli, tmp_path):
    export = tmp_path / "feeds.opml"
    export.write_bytes(_opml("<?xml version='1.0' encoding='ISO-8859-1'?>\n", "Ren\xe9e \ud559\uc2b5").encode())
    assert _imported_name(content, run_cli, export) == "Ren\xe9e \ud559\uc2b5"


@pytest.mark.parametrize("declaration, data, said", [
    ('encoding="klingon"', b"", ":1: error: the file declares the encoding 'klingon', which plnsite does not know"),
    ('encoding="windows-1252"', b"\x81", ":3: error: the file is not windows-1252 text as it declares (byte 0x81 "
                                        "on this line is not windows-1252)"),
    ("", b"\xe9", ":3: error: the file is not UTF-8 text (it looks like Latin-1: byte 0xE9 on this line would be"),
])
def test_an_export_not_in_its_declared_encoding_is_refused_at_the_line(content, run_cli, tmp_path, declaration,
                                                                        data, said):
    export = tmp_path / "feeds.opml"
    export.write_bytes(_opml(f'<?xml version="1.0" {declaration}?>\n', "Ren").encode().replace(b"Ren", b"Ren" + data))
    code, _, err = run_cli("import", "opml", str(export))
    (line,) = err.splitlines()
    assert code == 1 and line.startswith(f"{export}{said}")
    assert not (content / "contacts").exists()


def test_a_damaged_export_in_latin1_is_repaired_and_read_in_its_encoding(content, run_cli, tmp_path):
    export = tmp_path / "feeds.opml"
    text = _opml('<?xml version="1.0" encoding="ISO-8859-1"?>\n', "Caf\xe9 & cr\xe8me").replace("</body>", "</bdy>")
    export.write_bytes(text.encode("latin-1"))
    code, _, err = run_cli("import", "opml", str(export))
    assert code == 0 and err.count(": warning: ") == 2, err
    _, following = people(content, "following")
    assert list(following) == ["Caf\xe9 & cr\xe8me"]
