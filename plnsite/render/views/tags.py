"""Tags: a tag as items show it, the tag index, and a tag's hub (its notes, readings and people)."""

from __future__ import annotations

from ...model import Route
from ...urls import TAGS_URL, tag_feed_url, tag_url
from .followed import as_of, posts_of

__all__ = ["tag_context", "tag_index", "tag_view", "tags_context"]


def tag_view(views, slug: str) -> dict | None:
    """``{name, slug, url}`` of the tag with ``slug`` (None if the site has none)."""
    hub = views.site.tags.get(slug)
    return None if hub is None else {"name": hub.tag.name, "slug": slug, "url": views.urls.path(tag_url(slug))}


def tag_index(views) -> list[dict]:
    out = []
    for slug, hub in views.site.tags.items():
        out.append({"name": hub.tag.name, "slug": slug, "url": views.urls.path(tag_url(slug)),
                    "notes": len(hub.notes), "readings": len(hub.readings), "people": len(hub.contacts),
                    "total": len(hub.notes) + len(hub.readings) + len(hub.contacts)})
    return out


def tags_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = views.words("Tags")
    ctx["tags"] = views.once("tags", lambda: tag_index(views))


def tag_context(views, route: Route, ctx: dict) -> None:
    site, urls, words = views.site, views.urls, views.words
    hub = site.tags[route.subject]
    first = route.page_no in (None, 1)
    feed = urls.path(tag_feed_url(hub.tag.slug))
    page = ctx["page"]
    page["title"] = (words("Tagged “{tag}”", tag=hub.tag.name) if first
                     else words("Tagged “{tag}”, page {n}", tag=hub.tag.name, n=route.page_no))
    page["description"] = words("Notes, reading and people tagged “{tag}” on {site}.", tag=hub.tag.name,
                                site=site.config.title)
    page["alternates"] = [{"title": f"{site.config.title}: {hub.tag.name}",
                           "type": "application/rss+xml", "url": feed}]
    ctx["tag"] = {
        "name": hub.tag.name,
        "slug": hub.tag.slug,
        "url": urls.path(tag_url(hub.tag.slug)),
        "feed_url": feed,
        "tags_url": urls.path(TAGS_URL),
        "counts": {"notes": len(hub.notes), "readings": len(hub.readings), "people": len(hub.contacts)},
        "notes": [views.note(i) for i in route.items],
        "readings": [views.reading(i) for i in hub.readings if i in site.items] if first else [],
        "people": [views.contact(i) for i in hub.contacts if i in site.contacts] if first else [],
        "from_network": posts_of(views, site.network.hubs.get(route.subject, ())) if first and site.network else [],
        "network_as_of": as_of(views),
    }
