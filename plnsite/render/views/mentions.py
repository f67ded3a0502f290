"""The responses a note received (Webmentions): what its page shows under it.

Every value is fetched text, already plain (snapshots/jf2.py); templates escape it as any text.
Authors' photos are links unless site.yaml's ``webmention.photos`` is true: a page loads nothing
from another site unless its owner said so.
"""

from __future__ import annotations

import datetime as dt

from ...dates import zone

__all__ = ["responses_view"]

_COUNTED = (("like", "likes"), ("repost", "reposts"), ("bookmark", "bookmarks"))  # kind, its group's class


def responses_view(views, note_id: str) -> dict | None:
    """``{replies, mentions, counted: [{kind, key, count, people}], photos}``; None for a note without any."""
    mentions = views.site.mentions.get(note_id)
    if not mentions:
        return None
    config = views.site.config
    tz = views.once("mentions:tz", lambda: zone(config.timezone))
    photos = bool(config.webmention and config.webmention.photos)
    counted = []
    for kind, key in _COUNTED:
        people = [_person(m) for m in mentions if m.kind == kind]
        if people:
            counted.append({"kind": kind, "key": key, "people": people, "count": len(people)})
    return {
        "replies": [_cite(m, tz, views.words) for m in mentions if m.kind == "reply"],
        "mentions": [_cite(m, tz, views.words) for m in mentions if m.kind == "mention"],
        "counted": counted,
        "photos": photos,
        "count": len(mentions),
    }


def _person(mention) -> dict:
    return {"name": mention.author_name, "author_url": mention.author_url or None, "url": mention.url}


def _cite(mention, tz, words) -> dict:
    when = mention.published or mention.received
    local = None
    if when:
        local = dt.datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).astimezone(tz)
    return {
        "author": {"name": mention.author_name, "url": mention.author_url or None,
                   "photo": mention.author_photo or None},
        "url": mention.url,
        "date_iso": when or None,
        "date_display": words.date(local) if local else None,
        "text": mention.text,
    }
