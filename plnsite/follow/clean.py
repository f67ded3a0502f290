"""Raw entries → the snapshot's posts: plain text only, links only absolute http(s), dates in UTC.

What a feed sends is someone else's markup: every text loses its tags, its entities are decoded,
its control characters (terminal escape codes too) dropped and its whitespace made single; a link
is kept only if it is an absolute http(s) URL once resolved against the feed's URL (so
``javascript:`` and ``data:`` go). Dates become ISO 8601 UTC; a date more than a day after the
fetch (a wrong clock, or a post pinned on top) or before 1990 counts as no date, so it neither
leads nor trails the list for ever. Each feed keeps its newest ``KEEP`` posts.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

from ..snapshots.network import NetworkPost
from ..sources import drop_controls
from ..text import html_to_text, shorten
from .feeds import RawEntry

__all__ = ["KEEP", "SUMMARY_CHARS", "clean_entries", "clean_link", "clean_text", "iso_utc"]

KEEP = 20  # posts per feed
SUMMARY_CHARS = 300
_TITLE_CHARS = 300
_NAME_CHARS = 100
_CATEGORY_CHARS = 60
_CATEGORIES = 12
_URL_CHARS = 2000
# Elements whose content is no text to read (a script's code, a stylesheet), dropped whole: as a
# browser shows them, they leave no gap ("PLNs<script>…</script>." reads "PLNs.").
_UNSHOWN = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)
_LATEST_AHEAD = dt.timedelta(days=1)
_CONSIDERED = 10  # × keep: how many raw entries of a very long feed are looked at


def clean_text(value: str, limit: int) -> str:
    """``value`` as one line of plain text, at most ``limit`` characters (cut at a word)."""
    text = html_to_text(_UNSHOWN.sub("", drop_controls(value)[0].replace("\x00", "")))
    text = drop_controls(text)[0]  # an entity such as &#27; decodes to a control character
    return shorten(" ".join(text.split()), limit)


def clean_link(value: str, base: str) -> str:
    """An absolute http(s) URL (``value`` resolved against ``base``), or "" when it is none."""
    value = value.strip()
    if not value or len(value) > _URL_CHARS or any(not c.isprintable() or c.isspace() for c in value):
        return ""
    try:
        url = urljoin(base, value)
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c in url for c in "<>\"'`\\"):
        return ""
    return url


def iso_utc(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _date(when: dt.datetime | None, now: dt.datetime) -> str:
    if when is None:
        return ""
    try:
        if not _EARLIEST <= when <= now + _LATEST_AHEAD:
            return ""
        return iso_utc(when)
    except (OverflowError, ValueError):
        return ""


def clean_entries(entries: tuple[RawEntry, ...], person: str, feed: str, base: str, now: dt.datetime,
                  keep: int = KEEP) -> tuple[NetworkPost, ...]:
    """The newest ``keep`` posts of a feed (dated ones newest first, then undated in the feed's
    order), each entry once (by id)."""
    posts: list[NetworkPost] = []
    seen: set[str] = set()
    if len(entries) > keep * _CONSIDERED:  # a feed of thousands of entries: only its newest are cleaned
        order = sorted(range(len(entries)), key=lambda i: (entries[i].published is None, -_stamp(entries[i]), i))
        entries = tuple(entries[i] for i in sorted(order[: keep * _CONSIDERED]))
    for entry in entries:
        link = clean_link(entry.link, base)
        title = clean_text(entry.title, _TITLE_CHARS)
        summary = clean_text(entry.summary, SUMMARY_CHARS)
        ident = clean_text(entry.id, _URL_CHARS) or link or (title and f"{title}|{entry.published}")
        if not ident or ident in seen or not (title or link or summary):
            continue
        seen.add(ident)
        categories: list[str] = []
        for category in entry.categories:
            text = clean_text(category, _CATEGORY_CHARS)
            if text and text not in categories and len(categories) < _CATEGORIES:
                categories.append(text)
        posts.append(NetworkPost(person=person, feed=feed, id=ident, title=title, link=link,
                                 published=_date(entry.published, now), author=clean_text(entry.author, _NAME_CHARS),
                                 categories=tuple(categories), summary=summary))
    order = sorted(range(len(posts)), key=lambda i: (posts[i].published == "", _descending(posts[i].published), i))
    return tuple(posts[i] for i in order[:keep])


def _stamp(entry: RawEntry) -> float:
    try:
        return entry.published.timestamp() if entry.published is not None else 0.0
    except (OverflowError, OSError, ValueError):
        return 0.0


def _descending(iso: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in iso)
