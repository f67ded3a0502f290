"""RSS 2.0 and Atom (via feedgen) and JSON Feed 1.1. The one home of feedgen.

Dates come from content only, entries keep the order given (newest first:
feedgen prepends by default, so every add_entry passes ``order="append"``), and
each entry is what views/feeds.py makes of a note or a finished reading. The feeds of
network/latest/ ("what my network is writing") carry other people's posts instead: their
title, link and plain summary, each person named by ``dc:creator`` (RSS) or ``author`` (Atom).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import cache

from ..i18n import ENGLISH, Words
from ..model import Route, RouteKind, Site
from ..text import html_to_text
from ..urls import BLOGROLL_URL, HOME_URL, NETWORK_LATEST_URL, Urls, item_url, tag_url
from .views.feeds import EPOCH, FeedEntry
from .views.followed import post_title

__all__ = ["render_feed", "render_network_feed"]

_SOURCE_NS = "http://source.scripting.com/"
_GENERATOR = "plnsite"


@cache
def _feedgen() -> tuple[type, type]:
    """feedgen's FeedGenerator, and the extension that adds ``<source:blogroll>`` to the RSS
    channel (pointing at the OPML). Imported on the first RSS or Atom feed a process renders,
    not with this module: feedgen brings lxml and dateutil (~18 ms of imports), which a build
    that renders no feed (a warm build after most edits, the preview's first pages) never needs."""
    from feedgen.ext.base import BaseExtension
    from feedgen.feed import FeedGenerator

    class Blogroll(BaseExtension):
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

    return FeedGenerator, Blogroll


def render_feed(route: Route, site: Site, urls: Urls, words: Words = ENGLISH) -> bytes:
    """One feed; ``words``: its human text in the site's language (dates stay RFC 3339 / RFC 822)."""
    entries = [FeedEntry(site, urls, site.items[i], words) for i in route.items]
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
    feed_generator, blogroll = _feedgen()
    fg = feed_generator()
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
        fg.register_extension("blogroll", blogroll, None, atom=False)
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
    return site.notes[0].date if site.notes else EPOCH


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
                **({"external_url": e.external} if e.external else {}),
                "title": e.title,
                "content_html": e.content or e.summary or "",
                **({"summary": html_to_text(e.summary)} if e.summary else {}),  # JSON Feed's summary is plain text
                "date_published": e.published.isoformat(),
                "date_modified": e.updated.isoformat(),
                **({"tags": e.tags} if e.tags else {}),
            }
            for e in entries
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_network_feed(route: Route, site: Site, urls: Urls) -> bytes:
    """RSS or Atom of network/latest/: the dated posts it lists, newest first. Entry ids are tag
    URIs of the person and the post's key (load/network.py), so they survive a new fetch."""
    cfg, network = site.config, site.network
    posts = [p for p in network.latest if p.published is not None]
    fg = _feedgen()[0]()
    fg.title(f"{cfg.title}: what my network is writing")
    fg.id(f"tag:{cfg.id_authority},2000:{route.url}")
    kind = RouteKind.RSS if route.kind is RouteKind.NETWORK_RSS else RouteKind.ATOM
    fg.link(href=urls.absolute(route.url), rel="self", type=_MEDIA[kind])
    fg.link(href=urls.absolute(NETWORK_LATEST_URL), rel="alternate")
    about = f"The latest posts of the people {cfg.author.name or cfg.title} follows."
    fg.description(about)
    fg.subtitle(about)
    fg.language(cfg.language)
    fg.author({"name": cfg.author.name, **({"uri": cfg.author.url} if cfg.author.url else {})})
    fg.generator(_GENERATOR, uri="https://pypi.org/project/plnsite/")
    updated = max((p.published for p in posts), default=network.taken)
    fg.updated(updated)
    fg.lastBuildDate(updated)
    if kind is RouteKind.RSS:
        fg.load_extension("dc", atom=False, rss=True)
    for post in posts:
        person = site.contacts[post.person]
        card = urls.absolute(item_url(person))
        fe = fg.add_entry(order="append")
        entry_id = f"tag:{cfg.id_authority},2000:network/{post.person}/{post.key}"
        fe.id(entry_id)
        fe.guid(entry_id, permalink=False)
        fe.title(post_title(post))
        fe.link(href=post.link or card, rel="alternate")
        fe.published(post.published)
        fe.updated(post.published)
        if kind is RouteKind.RSS:
            fe.dc.dc_creator(person.name)
        else:
            fe.author({"name": person.name, "uri": card})
        for category in post.categories:
            fe.category(term=category)
        if post.summary:
            # RSS readers take a description as HTML: the text is escaped to stay text.
            fe.summary(post.summary, type="text") if kind is RouteKind.ATOM else fe.description(html.escape(post.summary))
    return fg.atom_str(pretty=True) if kind is RouteKind.ATOM else fg.rss_str(pretty=True)
