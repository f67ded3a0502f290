"""The plain text a site gives of its HTML (meta descriptions, JSON Feed summaries), read from
a real build with real parsers."""

from __future__ import annotations

import json

import feedparser
from lxml import html

NOTE = """\
---
title: Drafting in public
tags: [pln]
---
Before <!-- draft -> later --> after, with <abbr title="a > b">ABC</abbr> inline & plain.

The rest of the note.
"""
SAID = "Before after, with ABC inline & plain."


def _built(site_factory, run_cli, tmp_path):
    content = site_factory({"notes/2025-01-02-drafting.md": NOTE})
    out = tmp_path / "public"
    code, _, err = run_cli("build", "-s", str(content), "-o", str(out))
    assert code == 0, err
    return out


def test_found_a_comment_or_a_quoted_gt_in_raw_html_leaked_markup_into_descriptions(site_factory, run_cli, tmp_path):
    out = _built(site_factory, run_cli, tmp_path)
    page = html.fromstring((out / "notes" / "drafting" / "index.html").read_bytes())
    assert page.xpath("//meta[@name='description']/@content") == [SAID]
    assert page.xpath("//meta[@property='og:description']/@content") == [SAID]


def test_found_the_same_in_the_json_feed_summary(site_factory, run_cli, tmp_path):
    out = _built(site_factory, run_cli, tmp_path)
    item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert item["summary"] == SAID
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    assert "ABC" in rss.entries[0].summary  # RSS keeps the HTML; only the text forms are plain
