"""Webmentions received: site.yaml `webmention:`, the snapshot `plnsite fetch` writes, and what the
built notes show of it (checked in the HTML and parsed back with mf2py)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import mf2py
import pytest
from lxml import html as lxml_html

from plnsite.snapshots.jf2 import read_jf2
from plnsite.snapshots.mentions import MentionsSnapshot, write_mentions

FIXTURE = Path(__file__).resolve().parent / "received" / "mentions.jf2"

SITE_YAML = """\
title: Learner
base_url: https://learner.example/portfolio/
webmention:
  endpoint: https://webmention.io/learner.example/webmention
  pingback: https://webmention.io/learner.example/xmlrpc
  block: [spam.example, "https://brid.gy/comment/mastodon/@troll"]
"""
NOTES = {
    "notes/2026-11-30-first-note.md": "---\ntitle: First note\n---\nHello.\n",
    "notes/2026-11-29-second-note.md": "---\ntitle: Second note\n---\nAgain.\n",
    "notes/2026-11-28-quiet-note.md": "---\ntitle: Quiet note\n---\nNobody answered.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
}


def _snapshot(content: Path, data: bytes | None = None) -> None:
    mentions = read_jf2(data if data is not None else FIXTURE.read_bytes()).mentions
    assert write_mentions(content.parent, MentionsSnapshot("2026-12-03T09:00:00Z", "https://webmention.io/api", mentions))


@pytest.fixture
def site(site_factory):
    content = site_factory({"site.yaml": SITE_YAML, **NOTES})
    _snapshot(content)
    return content


def _page(out: Path, slug: str) -> str:
    return (out / "notes" / slug / "index.html").read_text(encoding="utf-8")


def _entry(page: str) -> dict:
    parsed = mf2py.parse(doc=page, url="https://learner.example/portfolio/")
    (entry,) = [i for i in parsed["items"] if "h-entry" in i["type"]]
    return entry


def test_every_page_advertises_the_endpoint(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    for page in (tmp_path / "out").rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath('//head/link[@rel="webmention"]/@href') == ["https://webmention.io/learner.example/webmention"]
        assert tree.xpath('//head/link[@rel="pingback"]/@href') == ["https://webmention.io/learner.example/xmlrpc"]


def test_without_webmention_nothing_is_advertised_or_shown(site_factory, run_cli, tmp_path):
    content = site_factory({"site.yaml": "title: L\nbase_url: https://learner.example/portfolio/\n", **NOTES})
    _snapshot(content)
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "first-note")
    assert 'rel="webmention"' not in page and "responses" not in page


def test_replies_and_counts_under_the_note(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "first-note")
    tree = lxml_html.fromstring(page)
    (section,) = tree.xpath('//section[@id="responses"]')
    text = " ".join(section.text_content().split())
    assert "1 like" not in text and "2 likes" in text and "1 repost" in text and "1 bookmark" in text
    assert "2 replies" in text
    assert "Great post! Tea & cake." in text and "I disagree, here is why." in text
    # Moderation and deletion: the blocked domain, the blocked URL, the deleted and the private reply.
    for gone in ("Spammer", "spam spam", "Troll", "Gone Gary", "deleted", "Hidden Hal", "private reply"):
        assert gone not in page
    # Fetched text is text: no script, no element or attribute of theirs, no remote image.
    assert "<script" not in page.lower() and "alert" not in page and "onerror" not in page
    assert "javascript:" not in page and "<img" not in page and "<style" not in page
    assert tree.xpath('//section[@id="responses"]//a[@class="u-photo photo-link"]/@href') == ["https://ada.example/me.jpg"]
    # Replies oldest first, each with its date and a link to the original.
    assert [li.xpath('.//a[@class="u-url"]/@href')[0]
            for li in section.xpath('.//ol[@class="replies"]/li')] == ["https://ada.example/replies/1",
                                                                      "https://bo.example/post/2"]
    assert section.xpath('.//time/@datetime')[:2] == ["2026-12-01T09:15:00Z", "2026-12-02T08:00:00Z"]


def test_microformats_of_the_responses(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    entry = _entry(_page(tmp_path / "out", "first-note"))
    props = entry["properties"]
    comments = props["comment"]
    assert [c["type"] for c in comments] == [["h-cite"], ["h-cite"]]
    ada = comments[0]["properties"]
    assert ada["author"][0]["properties"]["name"] == ["Ada Lovelace"]
    assert ada["author"][0]["properties"]["url"] == ["https://ada.example/"]
    assert ada["author"][0]["properties"]["photo"] == ["https://ada.example/me.jpg"]
    assert ada["url"] == ["https://ada.example/replies/1"]
    assert ada["published"] == ["2026-12-01T09:15:00Z"]
    assert ada["content"] == ["Great post! Tea & cake."]
    likes = props["like"]
    assert [(like["properties"]["url"], like["properties"]["author"][0]["properties"]["name"]) for like in likes] == [
        (["https://cy.example/likes/9"], ["Cy"]), (["https://dee.example/likes/1"], ["Dee"])]
    assert likes[1]["properties"]["author"][0]["properties"]["url"] == ["https://dee.example/"]
    assert [r["properties"]["url"] for r in props["repost"]] == [["https://eve.example/reposts/3"]]
    assert [b["properties"]["url"] for b in props["bookmark"]] == [["https://fay.example/bookmarks/4"]]
    second = _entry(_page(tmp_path / "out", "second-note"))["properties"]
    assert [m["properties"]["url"] for m in second["mention"]] == [["https://ivy.example/posts/7"]]
    assert "comment" not in second


def test_a_note_with_none_shows_nothing(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "quiet-note")
    assert "responses" not in page and "h-cite" not in page
    assert "A reply to a page" not in (tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8")


def test_photos_are_images_only_when_the_site_allows(site, run_cli, tmp_path):
    (site / "site.yaml").write_text(SITE_YAML + "  photos: true\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    tree = lxml_html.fromstring(_page(tmp_path / "out", "first-note"))
    (img,) = tree.xpath('//section[@id="responses"]//img')
    assert img.get("src") == "https://ada.example/me.jpg"
    assert (img.get("referrerpolicy"), img.get("loading"), img.get("alt")) == ("no-referrer", "lazy", "")
