"""Feeds and OPML as a reader sees them: well-formed, with the elements readers need.

RSS 2.0: ``<rss><channel>`` with title, link and description; each item a title, link and
guid. Atom 1.0: id, title and updated on the feed and on each entry. JSON Feed 1.x:
version, title, items; each item an id and content. OPML 2.0: ``<head><title>``, ``<body>``,
``text`` on every outline and ``xmlUrl`` on ``type="rss"`` outlines. Sitemaps: well-formed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..errors import Loc, Problem, Problems

__all__ = ["CHECKERS", "check_document"]

_ATOM = "{http://www.w3.org/2005/Atom}"


def _parse_xml(file: str, body: bytes, problems: Problems) -> ET.Element | None:
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        problems.error(Loc(file, line), f"not well-formed XML: {exc}")
        return None


def _text(parent: ET.Element, tag: str) -> str:
    found = parent.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _check_rss(file: str, body: bytes, problems: Problems) -> None:
    root = _parse_xml(file, body, problems)
    if root is None:
        return
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        problems.error(Loc(file), f"not an RSS feed: the root is <{root.tag}>, not <rss><channel>")
        return
    for tag in ("title", "link", "description"):  # a description may be empty, the others not
        if channel.find(tag) is None or (tag != "description" and not _text(channel, tag)):
            problems.error(Loc(file), f"RSS channel has no <{tag}>")
    for n, item in enumerate(channel.findall("item"), start=1):
        name = _text(item, "title") or f"item {n}"
        for tag in ("title", "link", "guid"):
            if not _text(item, tag):
                problems.error(Loc(file), f"RSS item '{name}' has no <{tag}>")


def _check_atom(file: str, body: bytes, problems: Problems) -> None:
    root = _parse_xml(file, body, problems)
    if root is None:
        return
    if root.tag != f"{_ATOM}feed":
        problems.error(Loc(file), f"not an Atom feed: the root is <{root.tag}>, not <feed> in the Atom namespace")
        return
    for tag in ("id", "title", "updated"):
        if not _text(root, _ATOM + tag):
            problems.error(Loc(file), f"Atom feed has no <{tag}>")
    for n, entry in enumerate(root.findall(f"{_ATOM}entry"), start=1):
        name = _text(entry, f"{_ATOM}title") or f"entry {n}"
        for tag in ("id", "title", "updated"):
            if not _text(entry, _ATOM + tag):
                problems.error(Loc(file), f"Atom entry '{name}' has no <{tag}>")


def _check_json_feed(file: str, body: bytes, problems: Problems) -> None:
    try:
        feed = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        problems.error(Loc(file, getattr(exc, "lineno", None)), f"not valid JSON: {exc}")
        return
    if not isinstance(feed, dict):
        problems.error(Loc(file), "a JSON Feed must be an object")
        return
    version = feed.get("version")
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        problems.error(Loc(file), "JSON Feed has no 'version' (https://jsonfeed.org/version/1.1)")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.error(Loc(file), "JSON Feed has no 'title'")
    items = feed.get("items")
    if not isinstance(items, list):
        problems.error(Loc(file), "JSON Feed has no 'items' list")
        return
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.error(Loc(file), f"JSON Feed item {n} is not an object")
            continue
        name = item.get("title") or f"item {n}"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.error(Loc(file), f"JSON Feed item '{name}' has no 'id'")
        if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
            problems.error(Loc(file), f"JSON Feed item '{name}' has neither 'content_html' nor 'content_text'")


def _check_opml(file: str, body: bytes, problems: Problems) -> None:
    root = _parse_xml(file, body, problems)
    if root is None:
        return
    if root.tag != "opml":
        problems.error(Loc(file), f"not OPML: the root is <{root.tag}>, not <opml>")
        return
    head = root.find("head")
    if head is None or head.find("title") is None:
        problems.error(Loc(file), "OPML has no <head><title>")
    body_el = root.find("body")
    if body_el is None:
        problems.error(Loc(file), "OPML has no <body>")
        return
    for outline in body_el.iter("outline"):
        name = outline.get("text") or outline.get("title") or "an outline"
        if outline.get("text") is None:
            problems.error(Loc(file), f"OPML outline '{name}' has no 'text' attribute")
        if outline.get("type", "").lower() == "rss" and not outline.get("xmlUrl"):
            problems.error(Loc(file), f"OPML outline '{name}' is type=\"rss\" but has no 'xmlUrl'")


def _check_xml(file: str, body: bytes, problems: Problems) -> None:
    _parse_xml(file, body, problems)


# By the media type render_routes gives each output.
CHECKERS: dict[str, Callable[[str, bytes, Problems], None]] = {
    "application/rss+xml": _check_rss,
    "application/atom+xml": _check_atom,
    "application/feed+json": _check_json_feed,
    "text/x-opml": _check_opml,
    "application/xml": _check_xml,
}


def check_document(file: str, body: bytes, media_type: str) -> tuple[Problem, ...]:
    """Problems of one feed, OPML or sitemap file; () for other media types."""
    checker = CHECKERS.get(media_type)
    if checker is None:
        return ()
    problems = Problems()
    checker(file, body, problems)
    return problems.freeze()
