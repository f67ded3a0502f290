"""The pages a note mentions: the http(s) links of its rendered HTML that lead off the site."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

__all__ = ["outgoing_links"]


def outgoing_links(html: str, site_url: str) -> tuple[str, ...]:
    """Each ``<a href>`` to an http(s) URL outside ``site_url`` (the site's base URL), in
    document order, once each, without its ``#fragment`` (a Webmention target is a page)."""
    finder = _Links()
    finder.feed(html)
    finder.close()
    found: dict[str, None] = {}
    for href in finder.hrefs:
        url = urldefrag(href.strip()).url
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and parts.hostname and not _on_site(url, site_url):
            found.setdefault(url)
    return tuple(found)


def _on_site(url: str, site_url: str) -> bool:
    """Whether ``url`` is under the site's base URL (either scheme: a site linking itself by
    http:// mentions no one)."""
    def bare(text: str) -> str:
        parts = urlsplit(text)
        return f"{(parts.hostname or '').lower()}{parts.port or ''}{parts.path or '/'}"
    base = bare(site_url)
    return bare(url).startswith(base if base.endswith("/") else base + "/") or bare(url) == base.rstrip("/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a":
            href = dict(reversed(attrs)).get("href")
            if href:
                self.hrefs.append(href)
