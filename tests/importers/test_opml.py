"""plnsite import opml: nested folders, blank titles, repair of a raw '&', bad XML, re-import."""

from __future__ import annotations

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


def test_xml_errors_name_the_line(content, run_cli):
    code, _, err = run_cli("import", "opml", str(FIXTURES / "broken.opml"))
    assert code == 1
    assert err.strip().endswith("broken.opml:6: error: not well-formed XML (mismatched tag at column 5); "
                                "expected an OPML file of feed subscriptions (<opml> XML)")
    code, _, err = run_cli("import", "opml", str(FIXTURES / "not_xml.opml"))
    assert code == 1
    assert err.strip().endswith("not_xml.opml:1: error: not XML; expected an OPML file of feed subscriptions (<opml> XML)")
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
