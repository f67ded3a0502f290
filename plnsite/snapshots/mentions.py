"""The mentions snapshot: the Webmentions ``plnsite fetch`` last read for this site.

``fetch`` writes it (replacing every mention at once, so one deleted at its source goes away
with the next read; a failed read leaves the last snapshot as it was); ``build`` and ``serve``
only read it. It lives in ``.plnsite-cache/mentions/`` through ``Store``, like the network
snapshot: checksummed (a damaged snapshot is absent, never a traceback), read even with
``--no-cache``, keyed by this module's format version so an upgrade keeps it.

Every text in it is plain text, cleaned by the reader (snapshots/jf2.py: no markup, no control
characters), every link an absolute http(s) URL or empty, every time ISO 8601 in UTC or empty.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from ..incremental.store import CACHE_DIR, Store
from . import read_payload, write_payload

__all__ = ["KINDS", "Mention", "MentionsSnapshot", "mentions_dir", "read_mentions", "write_mentions"]

_MAGIC = "mentions-snapshot"
_FORMAT = "1"

# What a mention says of the note, in the order a note shows them.
KINDS = ("reply", "like", "repost", "bookmark", "mention")


@dataclass(frozen=True)
class Mention:
    """One Webmention received: a post elsewhere that replies to, likes, reposts, bookmarks or
    mentions a page of this site."""

    id: str  # the receiver's id for it (webmention.io's wm-id), else its source
    kind: str  # one of KINDS
    target: str  # the page of this site it is about (absolute URL)
    source: str  # the page that sent it
    url: str  # the post itself (its u-url), else its source
    author_name: str
    author_url: str
    author_photo: str  # a link only: shown as an image only where site.yaml allows (photos: true)
    published: str  # ISO 8601 UTC, else ""
    received: str  # when the receiver got it, ISO 8601 UTC, else ""
    text: str  # plain text, at most a few thousand characters; "" for likes and the like


@dataclass(frozen=True)
class MentionsSnapshot:
    taken: str  # when the fetch that wrote it ran (ISO 8601 UTC)
    api: str  # where it was read from, without any token
    mentions: tuple[Mention, ...]  # sorted by target, kind, published, id


_SHAPE = (str, str, [(str,) * 11])


def mentions_dir(site_root: Path) -> Path:
    """The snapshot's folder, for the site whose folder holds content/."""
    return Path(site_root) / CACHE_DIR / "mentions"


def _store(site_root: Path) -> Store:
    return Store(mentions_dir(site_root), _MAGIC, _FORMAT)


def read_mentions(site_root: Path) -> MentionsSnapshot | None:
    """The last snapshot written for this site, or None (never fetched, or unreadable)."""
    payload = read_payload(_store(site_root), _SHAPE)
    if payload is None:
        return None
    taken, api, mentions = payload
    return MentionsSnapshot(taken=taken, api=api, mentions=tuple(Mention(*m) for m in mentions))


def write_mentions(site_root: Path, snapshot: MentionsSnapshot) -> bool:
    """Replace the snapshot (atomically); False if the disk would not take it."""
    payload = (snapshot.taken, snapshot.api, tuple(astuple(m) for m in snapshot.mentions))
    return write_payload(_store(site_root), payload)
