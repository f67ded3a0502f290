"""The feed a home page announces: ``<link rel="alternate" type="application/rss+xml" href>``
(Atom and JSON Feed too), the first in the document, resolved against the page (or its
``<base href>``). Read with html.parser: it never fails on broken markup and runs no script."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from .clean import clean_link

__all__ = ["FEED_TYPES", "announced_feed"]

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json",
                        "application/rdf+xml", "application/json"})
_READ_CHARS = 512 * 1024  # announcements are in <head>; a huge page is not read to its end


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.feeds: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and not self.base and values.get("href"):
            self.base = values["href"]
        elif tag == "link":
            rels = values.get("rel", "").lower().split()
            kind = values.get("type", "").split(";")[0].strip().lower()
            if "alternate" in rels and kind in FEED_TYPES and values.get("href", "").strip():
                self.feeds.append(values["href"])

    handle_startendtag = handle_starttag


def announced_feed(html: bytes, page_url: str) -> str:
    """The absolute http(s) URL of the first feed announced on the page, or ""."""
    parser = _Links()
    try:
        parser.feed(html[:_READ_CHARS].decode("utf-8", errors="replace"))
        parser.close()
    except (AssertionError, ValueError):  # html.parser's rare give-ups on broken markup
        pass
    base = clean_link(parser.base, page_url) or page_url
    for href in parser.feeds:
        url = clean_link(urljoin(base, href.strip()), base)
        if url:
            return url
    return ""
