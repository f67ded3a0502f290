"""read_jf2: the bytes of a JF2 feed of Webmentions (webmention.io's API, or any receiver that
serves JF2) → the mentions it holds, every field cleaned.

What a receiver serves is written by strangers, so nothing of it is trusted: every text is made
plain (tags and scripts dropped, entities decoded, control characters removed, length capped),
every link must be an absolute http(s) URL (else it is empty), every time becomes ISO 8601 in
UTC (else empty). Entries marked deleted or private (webmention.io's ``wm-private``), and those
that name no page of any site, are left out. A pure function: no network, no clock.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple
from urllib.parse import urlsplit

from ..sources import drop_controls
from ..text import html_to_text, shorten
from .mentions import Mention

__all__ = ["Jf2Feed", "NotJf2", "read_jf2"]

_TEXT_LIMIT = 2000  # characters of a reply shown; longer ones are cut at a word
_NAME_LIMIT = 100
_URL_LIMIT = 2000

# webmention.io's wm-property, and the JF2 property that says the same.
_KINDS = {
    "in-reply-to": "reply", "like-of": "like", "repost-of": "repost", "bookmark-of": "bookmark",
    "mention-of": "mention",
}


class NotJf2(ValueError):
    """The bytes are not a JF2 feed (not JSON, or no list of entries)."""


class Jf2Feed(NamedTuple):
    mentions: tuple[Mention, ...]
    entries: int  # entries in the feed, the ones left out included
    left_out: int  # deleted, private, or naming no target


def read_jf2(data: bytes) -> Jf2Feed:
    """The mentions of one JF2 feed (``{"type": "feed", "children": [...]}``, or a bare list of
    entries), in the feed's order; NotJf2 when it is no such thing."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotJf2(f"not JSON: {str(exc).splitlines()[0][:200]}") from None
    entries = feed.get("children") if isinstance(feed, dict) else feed
    if not isinstance(entries, list):
        raise NotJf2("not a JF2 feed: no list of entries ('children')")
    mentions = [m for m in map(_mention, entries) if m is not None]
    return Jf2Feed(tuple(mentions), len(entries), len(entries) - len(mentions))


def _mention(entry) -> Mention | None:
    if not isinstance(entry, dict) or entry.get("deleted") or entry.get("wm-private") is True:
        return None
    if entry.get("type", "entry") != "entry":
        return None
    prop = entry.get("wm-property")
    kind = _KINDS.get(prop) if isinstance(prop, str) else None
    if kind is None:
        if isinstance(prop, str) and prop:  # rsvp and the like: nothing a note shows
            return None
        kind = next((k for p, k in _KINDS.items() if p in entry), "mention")
    target = clean_url(entry.get("wm-target")) or _first_url(entry.get(prop or "") if prop else None) \
        or _first_url(next((entry[p] for p, k in _KINDS.items() if k == kind and p in entry), None))
    source = clean_url(entry.get("wm-source"))
    url = clean_url(entry.get("url")) or source
    if not target or not url:
        return None
    author = entry.get("author") if isinstance(entry.get("author"), dict) else {}
    name = clean_text(author.get("name"), _NAME_LIMIT)
    author_url = clean_url(author.get("url"))
    if not name:  # someone, at least: their site's host, or the post's
        name = urlsplit(author_url or url).hostname or ""
    wm_id = entry.get("wm-id")
    ident = str(wm_id) if isinstance(wm_id, (int, str)) and not isinstance(wm_id, bool) else ""
    return Mention(
        id=clean_text(ident, 100) or source or url,
        kind=kind,
        target=target,
        source=source or url,
        url=url,
        author_name=name,
        author_url=author_url,
        author_photo=clean_url(author.get("photo")),
        published=utc_iso(entry.get("published")),
        received=utc_iso(entry.get("wm-received")),
        text=_text(entry) if kind in ("reply", "mention") else "",
    )


def _text(entry: dict) -> str:
    """A reply's words: its content's text, else its HTML made text, else its summary or name."""
    content = entry.get("content")
    if isinstance(content, dict):
        for key in ("text", "value", "html"):
            text = clean_text(content.get(key), _TEXT_LIMIT)
            if text:
                return text
    elif isinstance(content, str):
        text = clean_text(content, _TEXT_LIMIT)
        if text:
            return text
    return clean_text(entry.get("summary"), _TEXT_LIMIT) or clean_text(entry.get("name"), _TEXT_LIMIT)


def clean_text(value, limit: int) -> str:
    """Any value → plain text on one line: markup and scripts dropped, entities decoded, control
    characters removed, at most ``limit`` characters. Not text → ""."""
    if not isinstance(value, str):
        return ""
    text, _ = drop_controls(value)
    # Decoding entities can make characters that were not there (``&#7;``): drop them after too.
    text, _ = drop_controls(html_to_text(text))
    return shorten(text, limit)


def clean_url(value) -> str:
    """An absolute http(s) URL with a host and no spaces or controls, else ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if not value or len(value) > _URL_LIMIT or drop_controls(value)[1] is not None \
            or any(c.isspace() or c in "<>\"'`" for c in value):
        return ""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return value


def _first_url(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url")
    return clean_url(value)


def utc_iso(value) -> str:
    """An ISO 8601 time → ``2026-12-02T09:30:00Z`` (a time without a zone is taken as UTC); else ""."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            when = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        except ValueError:
            return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    try:
        return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return ""
