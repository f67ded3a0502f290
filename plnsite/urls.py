"""The only place that makes URLs. Everything internal is built from ``base_url``.

A route's ``url`` is site-relative without a leading slash (``"notes/x/"``);
``path()`` gives what pages link to (``"/portfolio/notes/x/"``), ``absolute()``
what feeds carry, ``file_for()`` the output file.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from .model import Contact, Note, Page, Reading

__all__ = ["Urls", "item_url", "normalize_base_url"]

_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src|poster|srcset|action)=)(["'])/(?!/)""")
_ATTR_URL = re.compile(r"""(\s(?:href|src|poster)=)(["'])([^"']*)\2""")


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
        return _ROOT_RELATIVE.sub(lambda m: f"{m[1]}{m[2]}{self.base_path}", html)

    def absolutize_html(self, html: str, page_url: str) -> str:
        """Every href/src made absolute, relative ones against the page's absolute URL."""
        page = self.absolute(page_url)

        def fix(match: re.Match) -> str:
            target = match[3]
            if not target or target.startswith(("#", "mailto:", "data:", "tel:")):
                if target.startswith("#"):
                    return f"{match[1]}{match[2]}{page}{target}{match[2]}"
                return match[0]
            return f"{match[1]}{match[2]}{urljoin(page, target)}{match[2]}"

        return _ATTR_URL.sub(fix, html)
