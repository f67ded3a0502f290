"""read_jf2: a JF2 feed of Webmentions → clean mentions; nothing of a stranger's markup survives."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.snapshots.jf2 import NotJf2, clean_url, read_jf2, utc_iso
from plnsite.snapshots.mentions import Mention, MentionsSnapshot, mentions_dir, read_mentions, write_mentions

FIXTURE = Path(__file__).resolve().parents[1] / "received" / "mentions.jf2"


def test_the_fixture_reads_into_clean_mentions():
    feed = read_jf2(FIXTURE.read_bytes())
    by_id = {m.id: m for m in feed.mentions}
    assert feed.entries == 12
    assert "107" not in by_id and "110" not in by_id  # deleted, private
    assert feed.left_out == 2
    ada = by_id["101"]
    assert ada.kind == "reply" and ada.author_name == "Ada Lovelace"
    assert ada.text == "Great post! Tea & cake."  # content.text wins; its script and BEL gone
    assert ada.published == "2026-12-01T09:15:00Z" and ada.received == "2026-12-01T09:20:00Z"
    bo = by_id["102"]
    assert (bo.url, bo.author_url, bo.author_photo) == ("https://bo.example/post/2", "", "")  # javascript: dropped
    assert bo.author_name == "Bo Brown"
    assert bo.text == "I disagree, here is why."
    assert by_id["103"].kind == "like" and by_id["103"].text == ""
    assert by_id["104"].author_name == "Dee" and by_id["104"].published == ""
    assert (by_id["105"].kind, by_id["106"].kind, by_id["111"].kind) == ("repost", "bookmark", "mention")
    for mention in feed.mentions:
        for value in (mention.author_name, mention.text):
            assert "<" not in value and "alert" not in value and "\x07" not in value


@pytest.mark.parametrize("data", [b"", b"not json", b'{"type": "feed"}', b"[1", b'"text"', b"\xff\xfe"])
def test_what_is_not_jf2_is_said_so(data):
    with pytest.raises(NotJf2):
        read_jf2(data)


def test_a_bare_list_and_odd_entries():
    feed = read_jf2(b'[1, "x", {"type": "entry"}, {"type": "entry", "wm-property": "rsvp", '
                    b'"wm-target": "https://a.example/", "url": "https://b.example/"}, '
                    b'{"type": "entry", "like-of": ["https://a.example/n/"], "url": "https://b.example/l"}]')
    assert feed.entries == 5 and feed.left_out == 4
    (like,) = feed.mentions
    assert (like.kind, like.target, like.author_name) == ("like", "https://a.example/n/", "b.example")


@pytest.mark.parametrize("url, kept", [
    ("https://a.example/x?y=1", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("//a.example/x", False), ("https://a.example/x y", False),
    ("https://a.example/\x07", False), ("https://a.example:99999/", False), ('https://a.example/"x', False),
    ("ftp://a.example/", False), (42, False),
])
def test_only_http_urls_are_kept(url, kept):
    assert (clean_url(url) == url) is kept


@pytest.mark.parametrize("text, iso", [
    ("2026-12-01T10:15:00+01:00", "2026-12-01T09:15:00Z"), ("2026-12-01T09:15:00Z", "2026-12-01T09:15:00Z"),
    ("2026-12-01T09:15:00", "2026-12-01T09:15:00Z"), ("2026-12-01", "2026-12-01T00:00:00Z"),
    ("yesterday", ""), ("", ""), (None, ""), (20261201, ""),
])
def test_times_become_utc(text, iso):
    assert utc_iso(text) == iso


def test_the_snapshot_reads_back_and_a_damaged_one_is_absent(tmp_path):
    snapshot = MentionsSnapshot("2026-12-02T09:30:00Z", "https://webmention.io/api/mentions.jf2?domain=a.example",
                                read_jf2(FIXTURE.read_bytes()).mentions)
    assert read_mentions(tmp_path) is None
    assert write_mentions(tmp_path, snapshot)
    assert read_mentions(tmp_path) == snapshot
    assert all(isinstance(m, Mention) for m in read_mentions(tmp_path).mentions)
    (shard,) = mentions_dir(tmp_path).glob("*.bin")
    data = bytearray(shard.read_bytes())
    data[-3] ^= 0x40
    shard.write_bytes(bytes(data))
    assert read_mentions(tmp_path) is None
