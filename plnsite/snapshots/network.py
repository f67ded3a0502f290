"""The network snapshot: what ``plnsite fetch`` last read from the feeds of the people you follow.

``fetch`` writes it; ``build`` and ``serve`` only read it (they never touch the network), so the
same content and the same snapshot give the same bytes. It lives in ``.plnsite-cache/network/``
through ``Store`` (checksummed; a damaged or foreign snapshot is absent, never a traceback), but
unlike the caches it is not derived from content/: ``--no-cache`` still reads it, and its key is
this module's format version, not plnsite's, so an upgrade keeps it.

Every text in it is plain text, already cleaned by fetch (no markup, no control characters), and
every link an absolute http(s) URL or empty; the renderer still escapes it like any other text.
Times are ISO 8601 in UTC (``2026-12-02T09:30:00Z``), empty when a feed gave none.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from ..incremental.store import CACHE_DIR, Store
from . import read_payload, write_payload

__all__ = ["FeedState", "NetworkPost", "NetworkSnapshot", "read_snapshot", "snapshot_dir", "write_snapshot"]

_MAGIC = "network-snapshot"
_FORMAT = "1"


@dataclass(frozen=True)
class NetworkPost:
    """One entry of a followed feed."""

    person: str  # the contact's id
    feed: str  # the feed URL it was read from
    id: str  # the entry's id (guid), else its link
    title: str
    link: str  # absolute http(s) URL, or ""
    published: str  # ISO 8601 UTC, or "" when the feed gave no usable date
    author: str
    categories: tuple[str, ...]
    summary: str  # plain text, at most a few hundred characters


@dataclass(frozen=True)
class FeedState:
    """What fetch remembers of one feed between runs (conditional GET, discovery, politeness)."""

    person: str
    url: str  # the feed URL requested (from ``feed:``, or discovered from ``url:``)
    discovered_from: str  # the home page the feed was found on, or ""
    etag: str
    last_modified: str
    checked: str  # when it was last requested (ISO 8601 UTC)
    ok: str  # when it last gave entries, or ""
    status: str  # "ok", "unchanged", "failed", "gone", "moved", "wait"
    message: str  # the last failure, one line, or ""
    retry_after: str  # do not ask again before this time (ISO 8601 UTC), or ""
    moved_to: str  # a permanent redirect's target, to tell the user, or ""


@dataclass(frozen=True)
class NetworkSnapshot:
    taken: str  # when the fetch that wrote it ran (ISO 8601 UTC)
    posts: tuple[NetworkPost, ...]  # newest first; ties by person, then link
    feeds: tuple[FeedState, ...]  # sorted by person, then url


_POST = (str, str, str, str, str, str, str, [str], str)
_FEED = (str,) * 11
_SHAPE = (str, [_POST], [_FEED])


def snapshot_dir(site_root: Path) -> Path:
    """The snapshot's folder, for the site whose folder holds content/."""
    return Path(site_root) / CACHE_DIR / "network"


def _store(site_root: Path) -> Store:
    return Store(snapshot_dir(site_root), _MAGIC, _FORMAT)


def read_snapshot(site_root: Path) -> NetworkSnapshot | None:
    """The last snapshot written for this site, or None (never fetched, or unreadable)."""
    payload = read_payload(_store(site_root), _SHAPE)
    if payload is None:
        return None
    taken, posts, feeds = payload
    return NetworkSnapshot(
        taken=taken,
        posts=tuple(NetworkPost(*p[:7], tuple(p[7]), p[8]) for p in posts),
        feeds=tuple(FeedState(*f) for f in feeds),
    )


def write_snapshot(site_root: Path, snapshot: NetworkSnapshot) -> bool:
    """Replace the snapshot (atomically); False if the disk would not take it."""
    payload = (snapshot.taken, tuple(astuple(p) for p in snapshot.posts), tuple(astuple(f) for f in snapshot.feeds))
    return write_payload(_store(site_root), payload)
