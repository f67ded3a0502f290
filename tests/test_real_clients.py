"""Real clients on the built golden site: feed readers, the Nu HTML Checker, mf2py,
and a plain static host serving it under its sub-path."""

from __future__ import annotations

import json
import re

import pytest

from tests.clients import crawl, require_module, static_server, vnu_check

FEEDS = ["feed.xml", "atom.xml", "tags/pln/feed.xml"]


@pytest.mark.parametrize("name", FEEDS)
def test_feedparser_reads_every_feed_newest_first_with_absolute_links(basic_public, name):
    feedparser = require_module("feedparser")
    parsed = feedparser.parse((basic_public / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in parsed.entries:
        assert entry.link.startswith("https://")
        assert entry.id.startswith("tag:example.org,")
    body = (basic_public / name).read_text()
    for url in re.findall(r'(?:href|src)=(?:"|&quot;)([^"&]+)', body):
        assert url.startswith(("https://", "http://", "mailto:")), url


def test_rss_points_at_itself_and_at_the_blogroll(basic_public):
    rss = (basic_public / "feed.xml").read_text()
    assert '<atom:link href="https://example.org/portfolio/feed.xml" rel="self" type="application/rss+xml"/>' in rss
    assert "<source:blogroll>https://example.org/portfolio/network.opml</source:blogroll>" in rss


def test_every_feed_lists_the_same_items_in_the_same_order(basic_public):
    feedparser = require_module("feedparser")
    rss = [e.id for e in feedparser.parse((basic_public / "feed.xml").read_bytes()).entries]
    atom = [e.id for e in feedparser.parse((basic_public / "atom.xml").read_bytes()).entries]
    json_feed = json.loads((basic_public / "feed.json").read_text())
    assert rss == atom == [item["id"] for item in json_feed["items"]]


def test_json_feed_is_version_1_1(basic_public):
    feed = json.loads((basic_public / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.org/portfolio/feed.json"
    assert feed["home_page_url"] == "https://example.org/portfolio/"
    assert isinstance(feed["authors"], list) and feed["authors"][0]["name"]
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))
    for item in feed["items"]:
        assert item["url"].startswith("https://example.org/portfolio/") or item["url"].startswith("http")
        assert item.get("content_html") or item.get("content_text")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", item["date_published"])


def test_feed_ids_survive_a_base_url_change(basic_source, built_basic):
    from .conftest import build_site

    moved = build_site(basic_source, base_url="https://preview.example.net/x/")
    before = json.loads(built_basic.outputs["feed.json"].body)
    after = json.loads(moved.outputs["feed.json"].body)
    assert [i["id"] for i in before["items"]] == [i["id"] for i in after["items"]]
    assert after["items"][0]["url"].startswith("https://preview.example.net/x/")


def test_nu_html_checker_finds_no_errors_on_any_page(basic_public):
    pages = sorted(basic_public.rglob("*.html"))
    assert len(pages) > 10
    assert vnu_check(pages) == []


def test_mf2py_finds_the_h_entry_on_a_note(basic_public):
    mf2py = require_module("mf2py")
    page = basic_public / "notes" / "first-note" / "index.html"
    parsed = mf2py.parse(doc=page.read_text(), url="https://example.org/portfolio/notes/first-note/")
    entries = [i for i in parsed["items"] if "h-entry" in i["type"]]
    assert len(entries) == 1
    props = entries[0]["properties"]
    assert props["name"] and props["published"] and props["content"]
    assert props["url"] == ["https://example.org/portfolio/notes/first-note/"]
    assert props["syndication"] == ["https://mastodon.example/@learner/112233445566778899",
                                    "https://bsky.app/profile/learner.example/post/3kfirst"]
    reply = mf2py.parse(doc=(basic_public / "notes" / "from-filename" / "index.html").read_text(),
                        url="https://example.org/portfolio/notes/from-filename/")
    assert [i["properties"]["in-reply-to"] for i in reply["items"] if "h-entry" in i["type"]] == [
        ["https://blog.example.net/2024/02/cafe-learning/"]]


def test_every_internal_link_answers_200_under_the_sub_path(basic_public):
    with static_server(basic_public, prefix="/portfolio/") as base:
        statuses = crawl(base, ["", "404.html"])
    bad = {url: status for url, status in statuses.items() if status != 200}
    assert bad == {}
    assert len(statuses) > 20


def test_a_note_quoting_cdata_end_still_makes_valid_feeds(site_factory):
    from .conftest import build_site

    feedparser = require_module("feedparser")
    content = site_factory({"notes/2025-01-01-x.md": "---\ntitle: X\n---\n```\nif a[b[0]]>1: pass\n```\n"})
    result = build_site(content)
    assert result.ok
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(result.outputs[name].body)
        assert not parsed.bozo
        entry = parsed.entries[0]
        text = entry.content[0].value if "content" in entry else entry.summary
        assert "if a[b[0]]&gt;1: pass" in text
