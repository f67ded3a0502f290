"""Posts of the people you follow (the network snapshot): as one post shows, /network/latest/ grouped
by day, and the short lists of the home page, the topic hubs and each person's card.

The posts are other people's words from other servers: every text stays text (the templates
escape it), every link is the http(s) URL load kept or none, and the person is shown by the
contact they are (name, and their card on /network/), never by what their feed says.
"""

from __future__ import annotations

import datetime as dt

from ...dates import zone
from ...model import FollowedPost, Route, RouteKind
from ...text import shorten
from ...urls import NETWORK_LATEST_URL, NETWORK_URL, network_feed_url
from .common import iso

__all__ = ["UNTITLED", "as_of", "network_latest_context", "post_title", "post_view", "posts_of"]

UNTITLED = "Untitled post"
_SUMMARY_LIMIT = 200  # characters of a summary a page shows
_TITLE_FROM_SUMMARY = 80  # a post without a title is named by the start of its summary


def post_title(post: FollowedPost) -> str:
    """The post's title; without one, the start of its summary; without either, UNTITLED."""
    return post.title or shorten(post.summary, _TITLE_FROM_SUMMARY) or UNTITLED


def _local(views, when: dt.datetime) -> dt.datetime:
    tz = views.once("zone", lambda: zone(views.site.config.timezone))
    return when.astimezone(tz)


def post_view(views, post: FollowedPost) -> dict:
    """``{person: {name, url}, title, url, date_iso, date_display, day, summary, categories}``;
    ``url`` None when the post has no http(s) link, the dates None when it has no date."""
    person = views.link(post.person)  # a public contact: link/network.py keeps no one else's posts
    when = _local(views, post.published) if post.published is not None else None
    return {
        "key": post.key,
        "person": {"id": post.person, "name": person["title"], "url": person["url"]},
        "title": post.title or shorten(post.summary, _TITLE_FROM_SUMMARY) or views.words("Untitled post"),
        "url": post.link,
        "date_iso": iso(when),
        "date_display": views.words.date(when),
        "day": when.date().isoformat() if when else None,
        "summary": shorten(post.summary, _SUMMARY_LIMIT),
        "categories": list(post.categories),
    }


def posts_of(views, posts: tuple[FollowedPost, ...]) -> list[dict]:
    return [post_view(views, p) for p in posts]


def as_of(views) -> dict | None:
    """When the snapshot was taken, in the site's time zone: ``{iso, display}`` ("2 December 2026"),
    with the URL of /network/latest/ (None when the site has no such page); None without a snapshot."""
    network = views.site.network
    if network is None:
        return None

    def make() -> dict:
        when = _local(views, network.taken)
        latest = views.site.config.network.latest
        return {"iso": iso(when), "display": views.words.date(when),
                "latest_url": views.urls.path(NETWORK_LATEST_URL) if latest else None}

    return views.once("network_as_of", make)


def _days(posts: list[dict]) -> list[dict]:
    """Posts (newest first, undated last) grouped by their day in the site's time zone."""
    groups: list[dict] = []
    for post in posts:
        if not groups or groups[-1]["day"] != post["day"]:
            groups.append({"day": post["day"], "display": post["date_display"], "posts": []})
        groups[-1]["posts"].append(post)
    return groups


def network_latest_context(views, route: Route, ctx: dict) -> None:
    site, urls = views.site, views.urls
    posts = posts_of(views, site.network.latest)
    page = ctx["page"]
    words = views.words
    page["title"] = words("Latest from my network")
    page["description"] = words("What the people {name} follows are writing.",
                                name=site.config.author.name or site.config.title)
    rss, atom = (urls.path(network_feed_url(k)) for k in (RouteKind.NETWORK_RSS, RouteKind.NETWORK_ATOM))
    title = words("{site}: what my network is writing", site=site.config.title)
    page["alternates"] = [{"title": f"{title} (RSS)", "type": "application/rss+xml", "url": rss},
                          {"title": f"{title} (Atom)", "type": "application/atom+xml", "url": atom}]
    ctx["latest"] = {
        "days": _days(posts),
        "count": len(posts),
        "people": len({p["person"]["id"] for p in posts}),
        "as_of": as_of(views),
        "network_url": urls.path(NETWORK_URL),
        "rss_url": rss,
        "atom_url": atom,
    }
