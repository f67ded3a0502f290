"""The learning network read by the tools other people use: listparser for the OPML
blogroll, mf2py for h-cards, h-cites and the representative h-card."""

from __future__ import annotations

from tests.clients import require_module

BASE = "https://example.org/portfolio/"


def _mf2(public, rel):
    mf2py = require_module("mf2py")
    path = public / rel / "index.html" if rel else public / "index.html"
    return mf2py.parse(doc=path.read_text(), url=BASE + rel)


def _all_items(items):
    for item in items:
        yield item
        yield from _all_items(item.get("children", []))
        for values in item.get("properties", {}).values():
            yield from _all_items(v for v in values if isinstance(v, dict) and "type" in v)


def test_listparser_reads_the_blogroll_grouped_by_list(basic_public):
    listparser = require_module("listparser")
    for name in ("network.opml", ".well-known/recommendations.opml"):
        parsed = listparser.parse((basic_public / name).read_text())
        assert not parsed.bozo, parsed.get("bozo_exception")
        feeds = {f.url: f.categories for f in parsed.feeds}
        assert feeds == {
            "https://alice.example.org/feed.xml": [["Friends"]],
            "https://bob.example.net/atom.xml": [["Friends"]],
            "https://carol.example.com/rss.xml": [["Experts"]],
        }
        titles = {f.url: f.title for f in parsed.feeds}
        assert titles["https://alice.example.org/feed.xml"] == "Alice Example"
        for feed in parsed.feeds:
            assert "private" not in feed.url


def test_every_page_links_the_blogroll_and_rss_points_at_it(basic_public):
    for page in basic_public.rglob("*.html"):
        html = page.read_text()
        assert 'rel="blogroll"' in html and "network.opml" in html, page


def test_mf2py_finds_an_h_card_per_public_contact_on_the_network_page(basic_public):
    parsed = _mf2(basic_public, "network/")
    cards = [i for i in _all_items(parsed["items"]) if "h-card" in i["type"]]
    names = sorted(c["properties"]["name"][0] for c in cards)
    assert "Alice Example" in names and "Bob Example" in names
    assert not any("PRIVATE" in n for n in names)
    alice = next(c for c in cards if c["properties"]["name"][0] == "Alice Example")
    assert alice["properties"]["url"][0] == "https://alice.example.org/"
    html = (basic_public / "network" / "index.html").read_text()
    assert 'id="alice"' in html and 'id="bob"' in html
    assert "Finished Article" in html  # what Alice recommended (via)


def test_mf2py_finds_h_cites_with_read_status_on_the_reading_page(basic_public):
    parsed = _mf2(basic_public, "reading/")
    cites = [i for i in _all_items(parsed["items"]) if "h-cite" in i["type"]]
    status = {c["properties"]["name"][0]: c["properties"].get("read-status", [None])[0] for c in cites}
    assert status["Finished Article"] == "finished"
    assert status["Book In Progress"] == "reading"
    assert status["Someday Paper"] == "to-read"


def test_home_page_has_the_representative_h_card(basic_public):
    parsed = _mf2(basic_public, "")
    cards = [i for i in parsed["items"] if "h-card" in i["type"]]
    rep = [c for c in cards if c["properties"].get("url", [None])[0] == BASE
           and c["properties"].get("uid", [None])[0] == BASE]
    assert len(rep) == 1
    assert rep[0]["properties"]["name"] == ["Test Author"]


def test_topic_hub_joins_notes_readings_and_people(basic_public):
    hub = (basic_public / "tags" / "pln" / "index.html").read_text()
    assert "First note" in hub or "first-note" in hub
    assert "Finished Article" in hub
    assert "Alice Example" in hub
    index = (basic_public / "tags" / "index.html").read_text()
    assert "pln" in index.lower()


def test_finished_readings_are_feed_items_when_included(basic_source, tmp_path):
    import json

    from .conftest import build_site

    site_yaml = (basic_source / "site.yaml").read_text()
    copy = tmp_path / "content"
    import shutil

    shutil.copytree(basic_source, copy)
    (copy / "site.yaml").write_text(site_yaml + "feed: {include: [notes, reading]}\n")
    result = build_site(copy)
    items = json.loads(result.outputs["feed.json"].body)["items"]
    reading = [i for i in items if ":reading/" in i["id"]]
    assert [i["title"] for i in reading] == [
        "Finished reading: Deep Book", "Finished reading: Finished Video", "Finished reading: Finished Article",
    ]
    assert reading[2]["url"] == "https://alice.example.org/articles/finished/"
