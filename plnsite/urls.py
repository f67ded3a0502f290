"""The only place that makes URLs. Everything internal is built from ``base_url``.

A route's ``url`` is site-relative without a leading slash (``"notes/x/"``);
``path()`` gives what pages link to (``"/portfolio/notes/x/"``), ``absolute()``
what feeds carry, ``file_for()`` the output file.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from .model import Contact, Note, Page, Reading

__all__ = ["Urls", "item_url", "may_rebase", "normalize_base_url"]

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


def item_url(item: Note | Page | Reading | Contact) -> str:
    """The site-relative URL where an item is shown (its page, or its anchor on a list)."""
    if isinstance(item, Note):
        return f"notes/{item.slug}/"
    if isinstance(item, Page):
        return f"{item.slug}/"
    if isinstance(item, Reading):
        return f"reading/{item.slug}/" if item.has_page else f"reading/#{item.slug}"
    if isinstance(item, Contact):
        return f"network/#{item.id}"
    raise TypeError(f"no URL for {type(item).__name__}")


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

    @staticmethod
    def file_for(url: str) -> str:
        """``"notes/x/"`` → ``"notes/x/index.html"``; ``""`` → ``"index.html"``."""
        if url == "" or url.endswith("/"):
            return url + "index.html"
        return url

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
