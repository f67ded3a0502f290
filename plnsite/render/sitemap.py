"""sitemap.xml and robots.txt."""

from __future__ import annotations

import html

from ..model import Route, RouteKind, Site
from ..urls import SITEMAP_URL, Urls

__all__ = ["render_robots", "render_sitemap"]

_LISTED = {
    RouteKind.HOME, RouteKind.NOTES, RouteKind.NOTE, RouteKind.PAGE, RouteKind.READING,
    RouteKind.READING_ENTRY, RouteKind.NETWORK, RouteKind.TAGS, RouteKind.TAG, RouteKind.SERIES,
    RouteKind.SERIES_INDEX, RouteKind.ACTIVITY, RouteKind.NETWORK_LATEST,
}


def render_sitemap(routes: tuple[Route, ...], site: Site, urls: Urls) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for route in routes:
        if route.kind not in _LISTED:
            continue
        lines.append(f"  <url><loc>{_escape(urls.absolute(route.url))}</loc>{_lastmod(route, site)}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _lastmod(route: Route, site: Site) -> str:
    if route.kind is RouteKind.NOTE:
        note = site.items[route.subject]
        when = note.updated or note.date
        return f"<lastmod>{when.date().isoformat()}</lastmod>"
    return ""


def render_robots(urls: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(SITEMAP_URL)}\n".encode()


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML text needs them: what xml.sax.saxutils.escape does, without
    the ~10 ms of imports it brings (urllib.request, http.client)."""
    return html.escape(text, quote=False)
