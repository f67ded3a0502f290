"""What of the network snapshot the site shows: public people's posts, chosen for each page.

Only posts of people who are public contacts now are kept: a private person, or one no longer
in contacts/, is dropped here, before any page or feed can see them. The windows are counted
from when the snapshot was taken, never from the build's clock, so the same content and the
same snapshot give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from ..incremental.remembered import Remembered
from ..model import FollowedPost, Network, NetworkConfig, NetworkNews
from ..text import tag_slug

__all__ = ["public_network"]


def public_network(news: NetworkNews | None, contacts: Mapping, tags: Mapping, settings: NetworkConfig,
                   memo=None) -> Network | None:
    """The Network the pages show (None without a snapshot); ``memo``: a LinkMemo, whose last
    value is taken again while the snapshot is the very same and the people, tags and settings equal."""
    if news is None:
        return None
    inputs = (news, tuple(contacts), tuple(tags), settings)
    last = memo.network if memo is not None else None
    if last is not None and last.inputs[0] is news and last.inputs[1:] == inputs[1:]:
        return last.value
    network = _network(news, contacts, tags, settings)
    if memo is not None:
        memo.network = Remembered(inputs, network)
    return network


def _network(news: NetworkNews, contacts: Mapping, tags: Mapping, settings: NetworkConfig) -> Network:
    public = [p for p in news.posts if p.person in contacts]
    since = news.taken - dt.timedelta(days=settings.days)
    recent = [p for p in public if p.published is not None and p.published >= since]
    undated = [p for p in public if p.published is None]
    people: dict[str, FollowedPost] = {}
    if settings.per_person:
        for post in public:  # newest first, undated last: the first of each person is their latest
            people.setdefault(post.person, post)
    hubs: dict[str, list[FollowedPost]] = {}
    if settings.hubs:
        for post in recent:
            for slug in dict.fromkeys(map(tag_slug, post.categories)):
                if slug in tags:
                    shown = hubs.setdefault(slug, [])
                    if len(shown) < settings.hubs:
                        shown.append(post)
    return Network(
        taken=news.taken,
        latest=tuple((recent + undated)[: settings.max]) if settings.latest else (),
        people=MappingProxyType(dict(sorted(people.items()))),
        hubs=MappingProxyType({slug: tuple(hubs[slug]) for slug in sorted(hubs)}),
        home=tuple(recent[: settings.home]),
    )
