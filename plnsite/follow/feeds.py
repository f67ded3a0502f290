"""A feed's bytes → its raw entries: RSS 0.9x–2.0, Atom 0.3/1.0 and RDF through feedparser (its
one home), JSON Feed 1.0/1.1 read here with json. Nothing is fetched while parsing: feedparser is
handed a stream of the bytes already read, never a URL or a string it could take for a file name."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import json
from dataclasses import dataclass

import feedparser

from ..dates import parse_iso

__all__ = ["NotAFeed", "ParsedFeed", "RawEntry", "parse_feed"]

_JSON_TYPES = ("application/feed+json", "application/json")


@dataclass(frozen=True)
class RawEntry:
    """One entry as the feed gave it: texts may still hold markup, the link may be relative."""

    id: str
    title: str
    link: str
    published: dt.datetime | None  # aware
    author: str
    categories: tuple[str, ...]
    summary: str  # HTML or text


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[RawEntry, ...]


class NotAFeed(ValueError):
    """The bytes are no feed this module reads (the message says what went wrong, one line)."""


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The entries of the feed ``body`` read from ``url`` (relative links are resolved against it)."""
    if _looks_like_json(body, content_type):
        return _json_feed(body)
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url,
                                                                 "content-type": content_type or "application/xml"},
                              sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"not a feed ({_one_line(reason)})" if reason else "not a feed (no RSS, Atom or JSON Feed found)")
    feed = parsed.get("feed", {})
    return ParsedFeed(title=str(feed.get("title", "")),
                      entries=tuple(_feedparser_entry(entry, feed) for entry in parsed.entries))


def _feedparser_entry(entry, feed) -> RawEntry:
    # dict.get: feedparser's own get maps a missing key to another, with a deprecation warning.
    when = next((dict.get(entry, key) for key in ("published_parsed", "updated_parsed", "created_parsed")
                 if dict.get(entry, key)), None)
    published = dt.datetime.fromtimestamp(calendar.timegm(when), dt.timezone.utc) if when else None
    content = entry.get("content") or []
    summary = entry.get("summary") or (content[0].get("value", "") if content else "")
    link = entry.get("link") or ""
    return RawEntry(
        id=str(entry.get("id") or ""),
        title=str(entry.get("title") or ""),
        link=str(link),
        published=published,
        author=str(entry.get("author") or feed.get("author") or ""),
        categories=tuple(str(tag.get("term") or tag.get("label") or "") for tag in entry.get("tags") or ()),
        summary=str(summary),
    )


def _looks_like_json(body: bytes, content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in _JSON_TYPES or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _json_feed(body: bytes) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotAFeed(f"not a feed (damaged JSON: {_one_line(error)})") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAFeed("not a feed (JSON, but not a JSON Feed: no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise NotAFeed("not a feed (a JSON Feed without 'items')")
    feed_author = _json_author(data)
    return ParsedFeed(title=_text(data.get("title")),
                      entries=tuple(_json_entry(item, feed_author) for item in items if isinstance(item, dict)))


def _json_entry(item: dict, feed_author: str) -> RawEntry:
    tags = item.get("tags")
    return RawEntry(
        id=_text(item.get("id")),
        title=_text(item.get("title")),
        link=_text(item.get("url")) or _text(item.get("external_url")),
        published=_json_date(item.get("date_published")) or _json_date(item.get("date_modified")),
        author=_json_author(item) or feed_author,
        categories=tuple(_text(tag) for tag in tags) if isinstance(tags, list) else (),
        summary=_text(item.get("summary")) or _text(item.get("content_html")) or _text(item.get("content_text")),
    )


def _json_author(data: dict) -> str:
    authors = data.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return _text(authors[0].get("name"))
    author = data.get("author")  # JSON Feed 1.0
    return _text(author.get("name")) if isinstance(author, dict) else ""


def _json_date(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = parse_iso(value.strip())
    except ValueError:
        return None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:200]
