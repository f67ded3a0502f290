"""The network snapshot, read for a build: what ``plnsite fetch`` kept → ``NetworkNews``.

``build`` and ``serve`` only read the snapshot (they never touch the network). Everything in it
came from other people's servers, so it is taken as untrusted even though fetch cleaned it: texts
lose control characters and runs of whitespace, links are kept only when absolute http(s), and a
date that cannot be read, or lies more than a day after the snapshot was taken, is no date.
Which people's posts are shown is link's business (link/network.py): load reads them all.

A session's loads read the file again only when it changed (its name, size, time or inode).
A snapshot holds thousands of posts (500 feeds × 20), each read on every build: what fetch
already wrote cleanly (printable one-line text, a plain http(s) URL, a UTC time) passes
through quick checks, and only the rest takes the slower, thorough way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..dates import parse_iso
from ..model import FollowedPost, NetworkNews
from ..snapshots.network import NetworkPost, read_snapshot, snapshot_dir
from ..sources import drop_controls
from ..text import shorten

__all__ = ["SUMMARY_LIMIT", "load_network", "snapshot_stamp"]

SUMMARY_LIMIT = 300  # characters of a post's summary kept (the pages show fewer)
_TITLE_LIMIT = 300
_SKEW = dt.timedelta(days=1)  # a feed's clock may run a little ahead of the fetching machine's
_SPACE = re.compile(r"\s+")
# An absolute http(s) URL with a host, nothing in it that is not printable or a space (the
# quick check; urlsplit decides for the rest).
_PLAIN_HTTP = re.compile(r"https?://(?:[^\s/?#@\[\]]*@)?[^\s/?#@:\[\]]+(?::[0-9]*)?(?:[/?#]\S*)?", re.IGNORECASE)
_UTC_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def snapshot_stamp(site_root: Path) -> tuple:
    """What says the snapshot's files changed: each one's name, size, time and inode."""
    try:
        with os.scandir(snapshot_dir(site_root)) as entries:
            found = []
            for entry in entries:
                if entry.is_file():
                    info = entry.stat()
                    found.append((entry.name, info.st_size, info.st_mtime_ns, info.st_ino))
    except OSError:
        return ()
    return tuple(sorted(found))


def load_network(site_root: Path, last: tuple | None = None, days: int = 30) -> tuple[tuple, NetworkNews | None]:
    """``(stamp, news)``: the snapshot of the site whose folder holds content/, None when there
    is none (never fetched, or unreadable). ``last``: what an earlier call returned, used again
    while the stamp is the same. ``days`` (site.yaml's network.days): a post dated earlier than
    that before the snapshot was taken, and not its person's latest, can never be shown, so it
    is left out here (most of a feed's twenty entries, for a feed that posts weekly)."""
    stamp = (snapshot_stamp(site_root), days)
    if last is not None and last[0] == stamp:
        return last
    snapshot = read_snapshot(site_root) if stamp[0] else None
    taken = _when(snapshot.taken) if snapshot is not None else None
    if taken is None:  # no snapshot, or one whose date cannot be read: nothing to show
        return stamp, None
    since, latest = taken - dt.timedelta(days=days), taken + _SKEW
    dated = []
    for post in snapshot.posts:
        published = _when(post.published)
        dated.append((published if published is not None and published <= latest else None, post))
    dated.sort(key=_newest_first)  # so the first post of each person met is their latest
    posts, seen, people = [], set(), set()
    for published, post in dated:
        person = _text(post.person)
        if published is not None and published < since and person in people:
            continue
        people.add(person)
        followed = _post(post, person, published)
        if followed is not None and (followed.person, followed.key) not in seen:
            seen.add((followed.person, followed.key))
            posts.append(followed)
    return stamp, NetworkNews(taken=taken, posts=tuple(sorted(posts, key=order)))


def _newest_first(pair: tuple) -> tuple:
    when = pair[0]
    return (when is None, -when.timestamp() if when is not None else 0.0)


def order(post: FollowedPost) -> tuple:
    """Newest first; undated last; then by person, link and key (one order for equal dates)."""
    when = post.published
    return (when is None, -when.timestamp() if when else 0.0, post.person, post.link or "", post.key)


def _post(post: NetworkPost, person: str, published: dt.datetime | None) -> FollowedPost | None:
    if not person:
        return None
    link = _http(post.link)
    key = hashlib.blake2b(f"{post.feed}\n{post.id or post.link or post.title}".encode("utf-8", "surrogatepass"),
                          digest_size=10).hexdigest()
    categories = tuple(dict.fromkeys(c for c in map(_text, post.categories) if c))
    return FollowedPost(person=person, key=key, title=shorten(_text(post.title), _TITLE_LIMIT), link=link,
                        published=published, summary=shorten(_text(post.summary), SUMMARY_LIMIT),
                        categories=categories)


def _text(value: str) -> str:
    """Plain text on one line, without the characters no page can hold."""
    value = str(value)
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value  # printable (no control, line break, tab or other space than " "): as it is
    return _SPACE.sub(" ", drop_controls(value)[0]).strip()


def _http(value: str) -> str | None:
    """An absolute http(s) URL without spaces or control characters, else None."""
    value = str(value).strip()
    if value.isprintable() and _PLAIN_HTTP.fullmatch(value):
        return value
    if not value or drop_controls(value)[1] is not None or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # an unbalanced IPv6 bracket and the like
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _when(value: str) -> dt.datetime | None:
    """An ISO 8601 time (UTC when it says no offset), else None."""
    if _UTC_TIME.fullmatch(value):  # what fetch writes: read by the C parser
        try:
            return dt.datetime.fromisoformat(value[:-1]).replace(tzinfo=dt.timezone.utc)
        except ValueError:  # 2026-02-30
            return None
    try:
        when = parse_iso(str(value).strip())
    except ValueError:
        return None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    try:
        return when.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):  # year 1 or 9999 with an offset
        return None
