"""follow/: cleaning a feed's fields, JSON Feed, discovery, --since; and feedparser never fetches."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from plnsite.follow import new_posts, parse_since
from plnsite.follow.clean import SUMMARY_CHARS, clean_entries, clean_link, clean_text
from plnsite.follow.discovery import announced_feed
from plnsite.follow.feeds import NotAFeed, RawEntry, parse_feed
from plnsite.snapshots.network import NetworkPost, NetworkSnapshot
from tests.webserver import LocalWeb, answer

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.timezone.utc)
FEED = "https://ada.example/blog/feed.xml"


@pytest.mark.parametrize(("raw", "text"), [
    ("<p>Tea &amp; <em>cake</em></p><p>More</p>", "Tea & cake More"),
    ("a &lt; b", "a < b"),  # text that says "<" (the page escapes it again)
    ("a\x1b[31mred\x1b[0m b\x07c", "ared bc"),
    ("one &#27;[1mtwo", "one [1mtwo"),  # the entity of a control character decodes to nothing
    ("<script>alert(1)</script>Hello<style>p{}</style> there", "Hello there"),
    ("<SCRIPT type=x>never closed", ""),
    ("<p>A post about <b>PLNs</b><script>alert(1)</script>.</p>", "A post about PLNs."),  # no gap where it was
    ("  lots \n\t of   space ", "lots of space"),
])
def test_clean_text_is_one_line_of_plain_text(raw, text):
    assert clean_text(raw, 100) == text


def test_clean_text_cuts_at_a_word():
    text = clean_text("word " * 200, SUMMARY_CHARS)
    assert len(text) <= SUMMARY_CHARS and text.endswith("word…")


@pytest.mark.parametrize(("link", "kept"), [
    ("https://ada.example/p", "https://ada.example/p"),
    ("/p/1", "https://ada.example/p/1"),
    ("../x", "https://ada.example/x"),
    ("//cdn.example/y", "https://cdn.example/y"),
    ("javascript:alert(1)", ""),
    (" JavaScript:alert(1)", ""),
    ("javascript://ada.example/%0Aalert(1)", ""),  # a host, yet script
    ("feed://ada.example/rss", ""),
    ("data:text/html,<script>x</script>", ""),
    ("vbscript:x", ""),
    ("mailto:a@b.example", ""),
    ("ftp://ada.example/f", ""),
    ("https://ada.example/a b", ""),
    ("https://ada.example/\"onmouseover=x", ""),
    ("http://[::1:bad/", ""),
    ("https://ada.example:99999/", ""),
    ("", ""),
])
def test_links_are_absolute_http_or_nothing(link, kept):
    assert clean_link(link, FEED) == kept


def entry(**fields) -> RawEntry:
    base = dict(id="", title="T", link="https://ada.example/p", published=None, author="", categories=(), summary="")
    return RawEntry(**{**base, **fields})


def test_dates_become_utc_and_odd_ones_none():
    posts = clean_entries((
        entry(id="a", published=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
        entry(id="future", published=NOW + dt.timedelta(days=3)),
        entry(id="soon", published=NOW + dt.timedelta(hours=3)),  # a clock a little ahead
        entry(id="old", published=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)),
    ), "ada", FEED, FEED, NOW)
    got = {p.id: p.published for p in posts}
    assert got == {"a": "2026-12-01T07:30:00Z", "future": "", "soon": "2026-12-06T15:00:00Z", "old": ""}


def test_newest_first_undated_last_duplicates_once_and_at_most_keep():
    entries = [entry(id=f"e{n}", published=NOW - dt.timedelta(days=n)) for n in range(25)]
    entries.insert(3, entry(id="undated", published=None))
    entries.append(entry(id="e3", title="again", published=NOW))  # the same entry twice: the first is kept
    posts = clean_entries(tuple(reversed(entries[:-1])) + (entries[-1],), "ada", FEED, FEED, NOW, keep=30)
    assert [p.id for p in posts] == [f"e{n}" for n in range(25)] + ["undated"]
    assert [p.title for p in posts if p.id == "e3"] == ["T"]
    assert [p.id for p in clean_entries(tuple(entries), "ada", FEED, FEED, NOW)] == [f"e{n}" for n in range(20)]


def test_an_entry_without_id_or_link_or_text_is_dropped_and_categories_are_capped():
    posts = clean_entries((entry(title="", link="javascript:x", summary=""),
                           entry(id="c", categories=tuple(f"<b>tag{n}</b>" for n in range(30)) + ("tag1",))),
                          "ada", FEED, FEED, NOW)
    assert [p.id for p in posts] == ["c"]
    assert posts[0].categories == tuple(f"tag{n}" for n in range(12))
    assert isinstance(posts[0], NetworkPost) and posts[0].person == "ada" and posts[0].feed == FEED


def test_json_feed_1_0_and_1_1():
    one = json.dumps({"version": "https://jsonfeed.org/version/1", "title": "x", "author": {"name": "Old"},
                      "items": [{"id": 7, "external_url": "https://x.example/e", "content_text": "text only",
                                 "date_modified": "2026-11-01T10:00:00+01:00"}, "not an item"]}).encode()
    feed = parse_feed(one, FEED, "application/json")
    assert feed.entries == (RawEntry(id="7", title="", link="https://x.example/e",
                                     published=dt.datetime(2026, 11, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                                     author="Old", categories=(), summary="text only"),)


@pytest.mark.parametrize(("body", "why"), [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": "nope"}', "without 'items'"),
    (b'{"hello": 1}', "not a JSON Feed"),
    (b'{"version": ', "damaged JSON"),
    (b"\xff\xfe garbage", "not a feed"),
    (b"<html><body>a page</body></html>", "not a feed"),
    (b"", "not a feed"),
])
def test_what_is_no_feed_says_so(body, why):
    with pytest.raises(NotAFeed, match=why):
        parse_feed(body, FEED)


def test_feedparser_is_never_handed_something_it_could_open():
    """feedparser opens a URL or a file name it is given as a string: the body is always a stream."""
    with LocalWeb() as web:
        web.routes["/x"] = answer(body='<rss version="2.0"><channel><item><title>fetched!</title></item></channel></rss>')
        for body in (web.url("/x").encode(), b"/etc/passwd", b"/etc/hostname"):
            with pytest.raises(NotAFeed):
                parse_feed(body, FEED)
        assert web.hits == []


def test_a_malformed_feed_still_gives_what_it_can():
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Kept & broken</title><link>https://a.example/1</link></item>'
    feed = parse_feed(body, FEED)
    assert [e.title for e in feed.entries] == ["Kept & broken"]


@pytest.mark.parametrize(("html", "found"), [
    ('<link rel="alternate" type="application/rss+xml" href="/feed.xml">', "https://ada.example/feed.xml"),
    ('<LINK REL="Alternate home" TYPE="application/atom+xml; charset=utf-8" HREF="atom">', "https://ada.example/blog/atom"),
    ('<link rel="alternate" type="application/feed+json" href="https://j.example/feed.json"/>', "https://j.example/feed.json"),
    ('<base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="rss">',
     "https://other.example/x/rss"),
    ('<link rel="alternate" type="text/html" href="/fr/"><link rel="alternate" type="application/rss+xml" href="/rss">',
     "https://ada.example/rss"),
    ('<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
     '<link rel="alternate" type="application/rss+xml" href="/second">', "https://ada.example/second"),
    ('<link rel="stylesheet" href="/s.css"><a href="/feed.xml">feed</a>', ""),
    ('<link rel="alternate" type="application/rss+xml" href="/f" <<<<<', ""),
    ("", ""),
])
def test_discovery(html, found):
    page = f"<html><head><title>t</title>{html}</head><body></body></html>".encode()
    result = announced_feed(page, "https://ada.example/blog/")
    assert result == found or (found == "" and result in ("", "https://ada.example/f"))


def test_parse_since():
    assert parse_since("7d", NOW) == NOW - dt.timedelta(days=7)
    assert parse_since("24h", NOW) == NOW - dt.timedelta(hours=24)
    assert parse_since(" 2W ", NOW) == NOW - dt.timedelta(weeks=2)
    assert parse_since("2026-12-01", NOW) == dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    for bad in ("yesterday", "7", "d7", "-3d", "2026-13-01", ""):
        with pytest.raises(ValueError, match="--since takes"):
            parse_since(bad, NOW)


def post(person: str, id: str, published: str) -> NetworkPost:
    return NetworkPost(person, FEED, id, id, "", published, "", (), "")


def test_new_posts():
    old = NetworkSnapshot("2026-12-01T00:00:00Z", (post("ada", "a", "2026-11-30T00:00:00Z"),), ())
    new = NetworkSnapshot("2026-12-06T00:00:00Z", (post("bob", "b", "2026-12-05T00:00:00Z"),
                                                   post("ada", "a", "2026-11-30T00:00:00Z"),
                                                   post("ada", "c", "")), ())
    assert [p.id for p in new_posts(new, old, None)] == ["b", "c"]
    assert [p.id for p in new_posts(new, None, None)] == ["b", "a", "c"]
    assert [p.id for p in new_posts(new, old, dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc))] == ["b", "a"]


def test_a_feed_of_thousands_of_entries_keeps_its_newest():
    entries = tuple(entry(id=f"e{n}", published=NOW - dt.timedelta(minutes=n)) for n in range(5000))
    shuffled = entries[2500:] + entries[:2500]
    assert [p.id for p in clean_entries(shuffled, "ada", FEED, FEED, NOW)] == [f"e{n}" for n in range(20)]
