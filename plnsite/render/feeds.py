"""RSS 2.0 and Atom (via feedgen) and JSON Feed 1.1. The one home of feedgen.

Dates come from content only, entries keep the order given (newest first:
feedgen prepends by default, so every add_entry passes ``order="append"``), and
ids are tag URIs that survive ``--base-url`` and title edits.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from ..model import Note, Route, RouteKind, Site
from ..text import tag_slug
from ..urls import BLOGROLL_URL, HOME_URL, Urls, item_url, tag_url

__all__ = ["entry_id", "render_feed"]

_SOURCE_NS = "http://source.scripting.com/"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
_GENERATOR = "plnsite"


def entry_id(site: Site, item) -> str:
    """``tag:host,YYYY-MM-DD:notes/slug``: independent of base_url path and title."""
    day = (item.date or _EPOCH).strftime("%Y-%m-%d")
    return f"tag:{site.config.id_authority},{day}:{item.id}"


class _Blogroll(BaseExtension):
    """``<source:blogroll>`` in the RSS channel, pointing at the OPML."""

    url = ""

    def extend_ns(self):
        return {"source": _SOURCE_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]  # feedgen's own (lxml) element: it makes the child itself
        element = channel.makeelement(f"{{{_SOURCE_NS}}}blogroll", {})
        element.text = self.url
        channel.append(element)
        return rss_feed

    def extend_atom(self, atom_feed):
        return atom_feed


class _Entry:
    """What every feed format needs from one note or finished reading."""

    __slots__ = ("content", "id", "link", "published", "summary", "tags", "title", "updated")

    def __init__(self, site: Site, urls: Urls, item) -> None:
        rendered = site.html.get(item.id)
        page_url = item_url(item)
        absolutize = lambda html: urls.absolutize_html(html, page_url.split("#")[0])
        self.id = entry_id(site, item)
        if isinstance(item, Note):
            self.title = item.title
            self.link = urls.absolute(page_url)
            self.published = item.date
            self.updated = item.updated or item.date
            self.content = absolutize(rendered.html) if rendered else ""
            self.summary = _summary(item, rendered, absolutize)
            self.tags = [site.tags[t].tag.name for t in _slugs(site, item)]
        else:
            self.title = f"Finished reading: {item.title}"
            self.link = item.url or urls.absolute(page_url)
            self.published = self.updated = item.date
            by = f" by {', '.join(item.authors)}" if item.authors else ""
            notes = absolutize(rendered.html) if rendered else ""
            self.content = f"<p><a href=\"{_attr(self.link)}\">{_text(item.title)}</a>{_text(by)}</p>{notes}"
            self.summary = self.content
            self.tags = [site.tags[t].tag.name for t in _slugs(site, item)]


def _slugs(site: Site, item) -> list[str]:
    seen = []
    for tag in item.tags:
        slug = tag_slug(tag)
        if slug in site.tags and slug not in seen:
            seen.append(slug)
    return seen


def _summary(note: Note, rendered, absolutize) -> str:
    if note.summary:
        return f"<p>{_text(note.summary)}</p>"
    return absolutize(rendered.summary_html) if rendered else ""


def _plain(html: str) -> str:
    """JSON Feed's summary is plain text."""
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


_TAGS = re.compile(r"<[^>]+>")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def render_feed(route: Route, site: Site, urls: Urls) -> bytes:
    entries = [_Entry(site, urls, site.items[i]) for i in route.items]
    cfg = site.config
    title = cfg.title
    home = urls.absolute(HOME_URL)
    if route.subject is not None:  # a tag's feed
        title = f"{cfg.title}: {site.tags[route.subject].tag.name}"
        home = urls.absolute(tag_url(route.subject))
    updated = max((e.updated for e in entries), default=None) or _newest(site)
    self_url = urls.absolute(route.url)
    if route.kind is RouteKind.JSON_FEED:
        return _json_feed(entries, site, urls, title, home, self_url)
    fg = FeedGenerator()
    fg.title(title)
    fg.id(f"tag:{cfg.id_authority},2000:{route.url}")
    # feedgen's RSS <link> is the last link given: the site, not the feed itself.
    fg.link(href=self_url, rel="self", type=_MEDIA[route.kind])
    fg.link(href=home, rel="alternate")
    fg.description(cfg.description or cfg.title)
    fg.subtitle(cfg.description or cfg.title)
    fg.language(cfg.language)
    fg.author({"name": cfg.author.name, **({"uri": cfg.author.url} if cfg.author.url else {})})
    fg.generator(_GENERATOR, uri="https://pypi.org/project/plnsite/")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    if route.kind is RouteKind.RSS:
        fg.register_extension("blogroll", _Blogroll, None, atom=False)
        fg.blogroll.url = urls.absolute(BLOGROLL_URL)
    full = cfg.feed.full_content
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.guid(e.id, permalink=False)
        fe.title(e.title)
        fe.link(href=e.link, rel="alternate")
        fe.published(e.published)
        fe.updated(e.updated)
        fe.author({"name": cfg.author.name})
        for tag in e.tags:
            fe.category(term=tag)
        if full and e.content:
            fe.content(e.content, type=_content_type(route.kind, e.content))
        if e.summary:
            fe.summary(e.summary, type="html") if route.kind is RouteKind.ATOM else fe.description(e.summary)
    if route.kind is RouteKind.ATOM:
        return fg.atom_str(pretty=True)
    return fg.rss_str(pretty=True)


def _content_type(kind: RouteKind, html: str) -> str | None:
    """Atom says "html"; RSS uses CDATA unless the text itself holds "]]>" (then plain escaping)."""
    if kind is RouteKind.ATOM:
        return "html"
    return None if "]]>" in html else "CDATA"


_MEDIA = {RouteKind.RSS: "application/rss+xml", RouteKind.ATOM: "application/atom+xml"}


def _newest(site: Site) -> dt.datetime:
    return site.notes[0].date if site.notes else _EPOCH


def _json_feed(entries, site: Site, urls: Urls, title: str, home: str, self_url: str) -> bytes:
    cfg = site.config
    author = {"name": cfg.author.name, **({"url": cfg.author.url} if cfg.author.url else {})}
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home,
        "feed_url": self_url,
        "description": cfg.description or cfg.title,
        "language": cfg.language,
        "authors": [author],
        "items": [
            {
                "id": e.id,
                "url": e.link,
                "title": e.title,
                "content_html": e.content or e.summary or "",
                **({"summary": _plain(e.summary)} if e.summary else {}),
                "date_published": e.published.isoformat(),
                "date_modified": e.updated.isoformat(),
                **({"tags": e.tags} if e.tags else {}),
            }
            for e in entries
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
