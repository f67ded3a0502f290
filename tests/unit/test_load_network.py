"""load/network.py: the snapshot read for a build, every value from a feed taken as untrusted."""

from __future__ import annotations

import datetime as dt

import pytest

from plnsite.load.network import load_network, snapshot_stamp
from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, write_snapshot

UTC = dt.timezone.utc


def read(tmp_path, posts, taken="2026-12-02T09:30:00Z"):
    write_snapshot(tmp_path, NetworkSnapshot(taken=taken, posts=tuple(posts), feeds=()))
    return load_network(tmp_path)[1]


def one(tmp_path, **fields):
    values = dict(person="ada", feed="https://ada.example/feed.xml", id="1", title="T", link="https://ada.example/1",
                  published="2026-12-01T08:00:00Z", author="", categories=(), summary="S")
    values.update(fields)
    news = read(tmp_path, [NetworkPost(**values)])
    return news.posts[0] if news.posts else None


@pytest.mark.parametrize("link, kept", [
    ("https://ada.example/x?a=1#f", True),
    ("HTTP://ADA.EXAMPLE/", True),
    ("http://user@ada.example:8080/x", True),
    ("http://[::1]/x", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//ada.example/x", False),
    ("/relative", False),
    ("http://", False),
    ("http://:80/", False),
    ("https://ada.example/a b", False),
    ("https://ada.example/\x1b[31m", False),
    ("https://ada.example/\u2028x", False),
    ("", False),
])
def test_only_absolute_http_links_are_kept(tmp_path, link, kept):
    assert one(tmp_path, link=link).link == (link if kept else None)


@pytest.mark.parametrize("published, expected", [
    ("2026-12-01T08:00:00Z", dt.datetime(2026, 12, 1, 8, tzinfo=UTC)),
    ("2026-12-01T10:00:00+02:00", dt.datetime(2026, 12, 1, 8, tzinfo=UTC)),
    ("2026-12-01T08:00:00", dt.datetime(2026, 12, 1, 8, tzinfo=UTC)),  # no offset: UTC, as the snapshot says
    ("2026-12-01", dt.datetime(2026, 12, 1, tzinfo=UTC)),
    ("2026-02-30T08:00:00Z", None),
    ("0001-01-01T00:00:00+01:00", None),
    ("last Tuesday", None),
    ("", None),
    ("2026-12-04T08:00:00Z", None),  # more than a day after the snapshot was taken: not believable
    ("2026-12-03T08:00:00Z", dt.datetime(2026, 12, 3, 8, tzinfo=UTC)),  # within a day: a clock ahead
])
def test_dates_are_read_strictly(tmp_path, published, expected):
    assert one(tmp_path, published=published).published == expected


def test_texts_are_one_plain_line(tmp_path):
    post = one(tmp_path, title="  A\ttitle\n\nwith \x1b[31mred\x1b[0m\x00 words ", summary="x" * 5000,
               categories=("Python", " python\t", "", "Python"))
    assert post.title == "A title with red words"
    assert len(post.summary) <= 300 and post.summary.endswith("…")
    assert post.categories == ("Python", "python")


def test_posts_are_ordered_newest_first_and_undated_last(tmp_path):
    def post(person, id, published):
        return NetworkPost(person, "f", id, id, "", published, "", (), "")

    news = read(tmp_path, [post("b", "old", "2026-11-01T00:00:00Z"), post("a", "none", ""),
                           post("c", "new", "2026-12-01T00:00:00Z"), post("a", "tie", "2026-11-01T00:00:00Z")])
    assert [p.title for p in news.posts] == ["new", "tie", "old", "none"]
    assert news.taken == dt.datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def test_a_post_twice_is_shown_once_and_a_post_without_person_not_at_all(tmp_path):
    same = NetworkPost("ada", "f", "1", "T", "", "", "", (), "")
    news = read(tmp_path, [same, same, NetworkPost(" ", "f", "2", "T", "", "", "", (), "")])
    assert len(news.posts) == 1


def test_no_snapshot_or_an_unreadable_date_is_none_and_the_stamp_says_when_to_read_again(tmp_path):
    assert load_network(tmp_path) == (((), 30), None)
    assert read(tmp_path, [], taken="yesterday") is None
    first = load_network(tmp_path)
    assert load_network(tmp_path, first) is first  # unchanged: not read again
    write_snapshot(tmp_path, NetworkSnapshot(taken="2026-12-02T09:30:00Z", posts=(), feeds=()))
    assert snapshot_stamp(tmp_path) != first[0]
    assert load_network(tmp_path, first)[1] is not None


def test_posts_that_can_never_be_shown_are_left_out(tmp_path):
    """Older than `days` before the snapshot, and not the person's latest: on no page."""
    def post(person, id, published):
        return NetworkPost(person, "f", id, id, "", published, "", (), "")

    write_snapshot(tmp_path, NetworkSnapshot(taken="2026-12-02T09:30:00Z", feeds=(), posts=(
        post("ada", "recent", "2026-11-30T00:00:00Z"), post("ada", "old", "2026-09-01T00:00:00Z"),
        post("bo", "old but latest", "2026-09-02T00:00:00Z"), post("bo", "older", "2026-09-01T00:00:00Z"),
        post("bo", "undated", ""))))
    news = load_network(tmp_path, days=30)[1]
    assert [p.title for p in news.posts] == ["recent", "old but latest", "undated"]
    assert [p.title for p in load_network(tmp_path, days=100)[1].posts] == [
        "recent", "old but latest", "old", "older", "undated"]
