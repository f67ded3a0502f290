"""The only place that knows a URL or an output file, in both directions.

A route's ``url`` is site-relative without a leading slash (``"notes/x/"``); the
functions and names below make every such URL, :func:`file_for` turns one into the
output file (``"notes/x/index.html"``) and :func:`url_for` a file back into its URL.
:class:`Urls` places a site-relative URL under the base URL: ``path()`` gives what
pages link to (``"/portfolio/notes/x/"``), ``absolute()`` what feeds carry.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from .model import Contact, Note, Page, Reading, RouteKind

__all__ = [
    "ACTIVITY_URL", "BLOGROLL_URL", "CNAME_URL", "HOME_URL", "NETWORK_LATEST_URL", "NETWORK_URL", "NOJEKYLL_URL",
    "NOTES_URL", "NOT_FOUND_URL", "READING_URL", "RECOMMENDATIONS_URL", "ROBOTS_URL", "SEARCH_URL", "SERIES_URL",
    "SITE_CARD_URL", "SITEMAP_URL", "TAGS_URL", "Urls", "card_url", "feed_url", "file_for", "item_url", "may_rebase",
    "network_feed_url", "normalize_base_url", "note_url", "page_url", "reading_entry_url", "series_url", "tag_feed_url",
    "tag_url", "url_for",
]

# The site's fixed addresses (site-relative).
HOME_URL = ""
NOTES_URL = "notes/"
READING_URL = "reading/"
NETWORK_URL = "network/"
NETWORK_LATEST_URL = "network/latest/"  # what the people you follow write (from the network snapshot)
TAGS_URL = "tags/"
ACTIVITY_URL = "activity/"
SERIES_URL = "series/"  # a series' page is series/<slug>/
NOT_FOUND_URL = "404.html"
SEARCH_URL = "search/"  # the search page; the index is in pagefind/ beside it (plnsite/search/)
BLOGROLL_URL = "network.opml"
RECOMMENDATIONS_URL = ".well-known/recommendations.opml"  # the same blogroll, where feed readers look for it
SITEMAP_URL = "sitemap.xml"
ROBOTS_URL = "robots.txt"
NOJEKYLL_URL = ".nojekyll"
CNAME_URL = "CNAME"
SITE_CARD_URL = "card.png"  # the site's link-preview image (a file static/card.png replaces it)
_FEEDS = {RouteKind.RSS: "feed.xml", RouteKind.ATOM: "atom.xml", RouteKind.JSON_FEED: "feed.json"}
_TAG_FEED = "feed.xml"  # a tag's own feed (RSS), beside its hub page
_NETWORK_FEEDS = {RouteKind.NETWORK_RSS: "feed.xml", RouteKind.NETWORK_ATOM: "atom.xml"}  # beside network/latest/
_INDEX = "index.html"  # what a folder URL is served from
_PAGE = "page/"  # archive pages after the first: notes/page/2/

# Real tags only: "<a href='/x'>" shown in a code sample is escaped ("&lt;a ...") and is text.
_TAG = re.compile(r"""<[A-Za-z](?:"[^"]*"|'[^']*'|[^'">])*>""")
_URL_ATTR = re.compile(r"""(\s(href|src|poster|srcset|action)\s*=\s*)(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL)
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,]+)")
# A root-relative URL attribute, or any srcset: only then can rebasing change anything.
_MAY_REBASE = re.compile(r"""\s(?:href|src|poster|action)\s*=\s*["']\s*/(?!/)|\ssrcset\s*=""", re.IGNORECASE)


def normalize_base_url(base_url: str) -> str:
    """``https://x.org/portfolio`` → ``https://x.org/portfolio/``; ValueError if unusable."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base_url must be an absolute http(s) URL, not {base_url!r}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def note_url(slug: str) -> str:
    """``"x"`` → ``"notes/x/"``: a note's page (a bundle's files sit beside it)."""
    return f"{NOTES_URL}{slug}/"


def reading_entry_url(slug: str) -> str:
    """``"b"`` → ``"reading/b/"``: the page of a reading entry written as a Markdown file."""
    return f"{READING_URL}{slug}/"


def tag_url(slug: str) -> str:
    """``"pln"`` → ``"tags/pln/"``: a tag's hub."""
    return f"{TAGS_URL}{slug}/"


def series_url(slug: str) -> str:
    """``"learning-rust"`` → ``"series/learning-rust/"``: a series' page, its parts in order."""
    return f"{SERIES_URL}{slug}/"


def tag_feed_url(slug: str) -> str:
    """``"pln"`` → ``"tags/pln/feed.xml"``: a tag's RSS feed."""
    return tag_url(slug) + _TAG_FEED


def feed_url(kind: RouteKind) -> str:
    """The site's feed of ``kind`` (RSS, ATOM or JSON_FEED): ``"feed.xml"``, ``"atom.xml"``, ``"feed.json"``."""
    return _FEEDS[kind]


def network_feed_url(kind: RouteKind) -> str:
    """The feed of /network/latest/ of ``kind`` (NETWORK_RSS or NETWORK_ATOM): ``"network/latest/feed.xml"``."""
    return NETWORK_LATEST_URL + _NETWORK_FEEDS[kind]


def page_url(first: str, n: int) -> str:
    """Page ``n`` (1-based) of the archive whose first page is ``first``: ``("notes/", 2)`` → ``"notes/page/2/"``."""
    return first if n == 1 else f"{first}{_PAGE}{n}/"


def item_url(item: Note | Page | Reading | Contact) -> str:
    """The site-relative URL where an item is shown (its page, or its anchor on a list)."""
    if isinstance(item, Note):
        return note_url(item.slug)
    if isinstance(item, Page):
        return f"{item.slug}/"
    if isinstance(item, Reading):
        return reading_entry_url(item.slug) if item.has_page else f"{READING_URL}#{item.slug}"
    if isinstance(item, Contact):
        return f"{NETWORK_URL}#{item.id}"
    raise TypeError(f"no URL for {type(item).__name__}")


def card_url(page: str) -> str:
    """A note's link-preview image, beside its page: ``"notes/x/"`` → ``"notes/x/card.png"``."""
    return page + SITE_CARD_URL


def file_for(url: str) -> str:
    """The output file of a site-relative URL: ``"notes/x/"`` → ``"notes/x/index.html"``,
    ``""`` → ``"index.html"``, ``"feed.xml"`` → ``"feed.xml"``."""
    if url == "" or url.endswith("/"):
        return url + _INDEX
    return url


def url_for(file: str) -> str:
    """The URL an output file is served at (the inverse of :func:`file_for`):
    ``"notes/x/index.html"`` → ``"notes/x/"``, ``"index.html"`` → ``""``, ``"404.html"`` → ``"404.html"``."""
    if file == _INDEX or file.endswith("/" + _INDEX):
        return file[: -len(_INDEX)]
    return file


class Urls:
    __slots__ = ("base_path", "base_url", "origin")

    def __init__(self, base_url: str) -> None:
        self.base_url = normalize_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.base_path = parts.path  # "/portfolio/" or "/"
        self.origin = f"{parts.scheme}://{parts.netloc}"

    def path(self, url: str) -> str:
        """Site-relative ``url`` → root-relative link under the base path."""
        return self.base_path + quote(url, safe="/#?=&%-_.~:")

    def absolute(self, url: str) -> str:
        return self.origin + self.path(url)

    file_for = staticmethod(file_for)

    def site_url(self, written: str) -> str:
        """A URL as written in site.yaml or content: ``/notes/`` means the site root."""
        if written.startswith("/") and not written.startswith("//"):
            return self.base_path + written[1:]
        return written

    def rebase_html(self, html: str) -> str:
        """Root-relative ``href="/x"`` in content HTML → under the base path."""
        if self.base_path == "/":
            return html

        def fix(url: str) -> str:
            return self.base_path + url[1:] if url.startswith("/") and not url.startswith("//") else url

        if not may_rebase(html):
            return html  # nothing to move: the very same string, no copy
        return _rewrite_urls(html, fix)

    def absolutize_html(self, html: str, page_url: str) -> str:
        """Every href/src made absolute, relative ones against the page's absolute URL."""
        page = self.absolute(page_url)

        def fix(target: str) -> str:
            if target.startswith("#"):
                return page + target
            if not target or target.startswith(("mailto:", "data:", "tel:")):
                return target
            return urljoin(page, target)

        return _rewrite_urls(html, fix)


def may_rebase(html: str) -> bool:
    """Cheap test (plain substring searches first) for a root-relative URL attribute or a srcset."""
    if '"/' not in html and "'/" not in html and '" /' not in html and "' /" not in html \
            and "srcset" not in html.lower():
        return False
    return _MAY_REBASE.search(html) is not None


def _rewrite_urls(html: str, fix) -> str:
    """Apply ``fix`` to every URL in the href/src/poster/srcset/action attributes of real tags."""

    def attribute(match: re.Match) -> str:
        value = match[4]
        if match[2].lower() != "srcset":
            value = fix(value)
        elif "data:" not in value:  # a data: URL may hold commas; leave such a srcset as written
            value = _SRCSET_URL.sub(lambda c: c[1] + c[2] + fix(c[3]), value)
        return f"{match[1]}{match[3]}{value}{match[3]}"

    return _TAG.sub(lambda tag: _URL_ATTR.sub(attribute, tag[0]), html)
