"""render/feeds.py: RSS, Atom and JSON Feed — newest first, no clock, stable tag: ids, absolute URLs."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest

from plnsite import BuildOptions, build
from tests.clients import require_module
from tests.conftest import NOW, build_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = """\
title: Ada's Portfolio
description: What I learn.
base_url: https://ada.example/portfolio/
author: {name: Ada Lovelace, url: "https://ada.example/"}
timezone: America/Vancouver
feed: {limit: 20, include: [notes, reading]}
"""
FILES = {
    "site.yaml": SITE,
    "notes/2025-01-01-first.md": "---\ntitle: First\ntags: [pln]\n---\nSee [[second]] and [home](/about/).\n",
    "notes/2025-02-01-second.md": (
        "---\ntitle: Second\ndate: 2025-02-01T09:30:00\nupdated: 2025-02-03\ntags: [PLN, Machine Learning]\n"
        "summary: The second note.\n---\nBody of the second.\n"
    ),
    "notes/2025-03-01-pics/index.md": (
        "---\ntitle: Pictures\n---\n![a pic](pic.svg)\n\n"
        '<img srcset="pic.svg 1x, /img/big.svg 2x" src="pic.svg" alt="">\n\n[jump](#part) [mail](mailto:ada@example.org)\n'
    ),
    "notes/2025-03-01-pics/pic.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "reading/2025.yaml": (
        "- title: Net Smart\n  author: Howard Rheingold\n  url: https://example.org/net-smart\n"
        "  finished: 2025-02-15\n  tags: [pln]\n"
        "- title: Not Yet\n  status: want\n"
    ),
}


@pytest.fixture
def built(site_factory):
    def run(files=None, **opts):
        content = site_factory(files or FILES)
        result = build_site(content, **opts)
        assert result.ok, [str(p) for p in result.problems]
        return result

    return run


def body(result, file: str) -> str:
    return result.outputs[file].body.decode("utf-8")


def rss_items(xml: str) -> list[ET.Element]:
    return ET.fromstring(xml).find("channel").findall("item")


def test_newest_first_in_every_format(built):
    result = built()
    expected = [
        "tag:ada.example,2025-03-01:notes/pics",
        "tag:ada.example,2025-02-15:reading/net-smart",
        "tag:ada.example,2025-02-01:notes/second",
        "tag:ada.example,2025-01-01:notes/first",
    ]
    assert [i.findtext("guid") for i in rss_items(body(result, "feed.xml"))] == expected
    atom = ET.fromstring(body(result, "atom.xml"))
    assert [e.findtext(f"{ATOM}id") for e in atom.findall(f"{ATOM}entry")] == expected
    assert [i["id"] for i in json.loads(body(result, "feed.json"))["items"]] == expected


def test_guids_are_not_permalinks(built):
    result = built()
    for item in rss_items(body(result, "feed.xml")):
        assert item.find("guid").get("isPermaLink") == "false"


def test_feeds_do_not_depend_on_the_day_they_are_built(site_factory):
    content = site_factory(FILES)
    one_day = build(BuildOptions(source=content, now=NOW))
    another_day = build(BuildOptions(source=content, now=dt.datetime(2026, 1, 15, 3, 0, tzinfo=dt.timezone.utc)))
    assert set(one_day.outputs) == set(another_day.outputs)
    for file in ("feed.xml", "atom.xml", "feed.json", "tags/pln/feed.xml"):
        assert one_day.outputs[file].body == another_day.outputs[file].body, file
    # Only the pages that show "today" (the heatmaps and streaks) change with the build day.
    changed = {file for file, output in one_day.outputs.items() if output.body != another_day.outputs[file].body}
    assert changed == {"index.html", "activity/index.html"}


def test_feed_dates_come_from_content(built):
    result = built()
    rss = ET.fromstring(body(result, "feed.xml")).find("channel")
    assert rss.findtext("lastBuildDate") == "Sat, 01 Mar 2025 00:00:00 -0800"
    dates = [i.findtext("pubDate") for i in rss.findall("item")]
    assert dates == [
        "Sat, 01 Mar 2025 00:00:00 -0800",
        "Sat, 15 Feb 2025 00:00:00 -0800",
        "Sat, 01 Feb 2025 09:30:00 -0800",
        "Wed, 01 Jan 2025 00:00:00 -0800",
    ]
    atom = ET.fromstring(body(result, "atom.xml"))
    assert atom.findtext(f"{ATOM}updated") == "2025-03-01T00:00:00-08:00"
    second = [e for e in atom.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("notes/second")][0]
    assert second.findtext(f"{ATOM}published") == "2025-02-01T09:30:00-08:00"
    assert second.findtext(f"{ATOM}updated") == "2025-02-03T00:00:00-08:00"
    item = [i for i in json.loads(body(result, "feed.json"))["items"] if i["id"].endswith("notes/second")][0]
    assert (item["date_published"], item["date_modified"]) == ("2025-02-01T09:30:00-08:00", "2025-02-03T00:00:00-08:00")


def test_ids_survive_base_url_changes_and_title_edits(site_factory):
    content = site_factory(FILES)
    before = build_site(content)
    moved = build_site(content, base_url="https://deploy-preview-7--ada.netlify.app/")
    (content / "notes/2025-01-01-first.md").write_text("---\ntitle: First, renamed\ntags: [pln]\n---\nEdited.\n")
    renamed = build_site(content)

    def ids(result):
        return [i.findtext("guid") for i in rss_items(body(result, "feed.xml"))]

    assert ids(before) == ids(moved) == ids(renamed)
    assert "https://deploy-preview-7--ada.netlify.app/notes/first/" in body(moved, "feed.xml")


def test_channel_links_self_and_blogroll(built):
    result = built()
    channel = ET.fromstring(body(result, "feed.xml")).find("channel")
    assert channel.findtext("link") == "https://ada.example/portfolio/", "RSS <link> is the site, not the feed"
    self_link = channel.find(f"{ATOM}link")
    assert (self_link.get("href"), self_link.get("rel"), self_link.get("type")) == (
        "https://ada.example/portfolio/feed.xml", "self", "application/rss+xml",
    )
    assert channel.findtext("{http://source.scripting.com/}blogroll") == "https://ada.example/portfolio/network.opml"
    assert channel.findtext("title") == "Ada's Portfolio"
    assert channel.findtext("description") == "What I learn."
    atom = ET.fromstring(body(result, "atom.xml"))
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links == {"alternate": "https://ada.example/portfolio/", "self": "https://ada.example/portfolio/atom.xml"}
    feed = json.loads(body(result, "feed.json"))
    assert (feed["home_page_url"], feed["feed_url"]) == ("https://ada.example/portfolio/", "https://ada.example/portfolio/feed.json")
    assert feed["authors"] == [{"name": "Ada Lovelace", "url": "https://ada.example/"}]


def test_every_url_in_every_feed_is_absolute(built):
    result = built()
    for file in ("feed.xml", "atom.xml", "feed.json", "tags/pln/feed.xml"):
        text = body(result, file).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("\\\"", '"')
        urls = re.findall(r'(?:href|src)="([^"]*)"', text)
        urls += [u.split()[0] for s in re.findall(r'srcset="([^"]*)"', text) for u in s.split(",")]
        assert urls, file
        for url in urls:
            assert url.startswith(("https://ada.example/portfolio/", "https://example.org/", "mailto:", "http://www.w3.org/")), (file, url)


def test_bundle_images_and_fragments_are_made_absolute_against_the_note(built):
    content = [i for i in rss_items(body(built(), "feed.xml")) if i.findtext("guid").endswith("notes/pics")][0]
    html = content.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert 'src="https://ada.example/portfolio/notes/pics/pic.svg"' in html
    assert 'srcset="https://ada.example/portfolio/notes/pics/pic.svg 1x, https://ada.example/portfolio/img/big.svg 2x"' in html
    assert 'href="https://ada.example/portfolio/notes/pics/#part"' in html
    assert 'href="mailto:ada@example.org"' in html


def test_note_entries(built):
    result = built()
    second = [i for i in rss_items(body(result, "feed.xml")) if i.findtext("guid").endswith("notes/second")][0]
    assert second.findtext("title") == "Second"
    assert second.findtext("link") == "https://ada.example/portfolio/notes/second/"
    assert [c.text for c in second.findall("category")] == ["pln", "Machine Learning"], "each tag's shown name"
    assert second.findtext("description") == "<p>The second note.</p>"
    assert second.findtext("{http://purl.org/rss/1.0/modules/content/}encoded").strip() == "<p>Body of the second.</p>"


def test_reading_entries_when_feed_include_has_reading(built):
    result = built()
    item = [i for i in rss_items(body(result, "feed.xml")) if "reading/" in i.findtext("guid")]
    assert len(item) == 1, "only finished readings"
    assert item[0].findtext("title") == "Finished reading: Net Smart"
    assert item[0].findtext("link") == "https://example.org/net-smart"
    assert "by Howard Rheingold" in item[0].findtext("description")


def test_no_readings_without_reading_in_feed_include(built):
    files = {**FILES, "site.yaml": SITE.replace("include: [notes, reading]", "include: [notes]")}
    guids = [i.findtext("guid") for i in rss_items(body(built(files), "feed.xml"))]
    assert guids and not any("reading/" in g for g in guids)


def test_feed_limit(built):
    files = {**FILES, "site.yaml": SITE.replace("limit: 20", "limit: 2")}
    result = built(files)
    assert [i.findtext("guid") for i in rss_items(body(result, "feed.xml"))] == [
        "tag:ada.example,2025-03-01:notes/pics",
        "tag:ada.example,2025-02-15:reading/net-smart",
    ]
    assert len(json.loads(body(result, "feed.json"))["items"]) == 2
    assert len(ET.fromstring(body(result, "atom.xml")).findall(f"{ATOM}entry")) == 2


def test_full_content_false_leaves_content_out(built):
    files = {**FILES, "site.yaml": SITE.replace("feed: {", "feed: {full_content: false, ")}
    rss = body(built(files), "feed.xml")
    assert "content:encoded" not in rss
    assert "<description>&lt;p&gt;The second note.&lt;/p&gt;</description>" in rss


def test_tag_feed_has_only_that_tags_items(built):
    result = built()
    channel = ET.fromstring(body(result, "tags/pln/feed.xml")).find("channel")
    assert channel.findtext("title") == "Ada's Portfolio: pln"
    assert channel.findtext("link") == "https://ada.example/portfolio/tags/pln/"
    assert channel.find(f"{ATOM}link").get("href") == "https://ada.example/portfolio/tags/pln/feed.xml"
    assert [i.findtext("guid") for i in channel.findall("item")] == [
        "tag:ada.example,2025-02-15:reading/net-smart",
        "tag:ada.example,2025-02-01:notes/second",
        "tag:ada.example,2025-01-01:notes/first",
    ]


def test_same_day_notes_are_in_the_same_order_as_the_notes_list(site_factory):
    content = site_factory({
        "notes/2025-01-01-alpha.md": "---\ntitle: A\n---\n",
        "notes/2025-01-01-beta.md": "---\ntitle: B\n---\n",
        "notes/2025-01-01-gamma.md": "---\ntitle: C\n---\n",
    })
    result = build_site(content)
    guids = [i.findtext("guid").rsplit("/", 1)[1] for i in rss_items(body(result, "feed.xml"))]
    notes_page = body(result, "notes/index.html")
    listed = sorted(["alpha", "beta", "gamma"], key=lambda s: notes_page.index(f"/notes/{s}/"))
    assert guids == listed


def test_a_site_without_notes_still_has_valid_feeds(built):
    result = built({"site.yaml": "title: Empty\nbase_url: https://example.org/\n"})
    assert rss_items(body(result, "feed.xml")) == []
    assert ET.fromstring(body(result, "atom.xml")).findtext(f"{ATOM}updated") == "2000-01-01T00:00:00+00:00"
    assert json.loads(body(result, "feed.json"))["items"] == []


def test_feedparser_reads_them_without_complaint(built):
    feedparser = require_module("feedparser")
    result = built()
    for file in ("feed.xml", "atom.xml", "tags/pln/feed.xml"):
        parsed = feedparser.parse(result.outputs[file].body)
        assert not parsed.bozo, (file, parsed.get("bozo_exception"))
        assert parsed.entries
        published = [e.published_parsed for e in parsed.entries]
        assert published == sorted(published, reverse=True)
