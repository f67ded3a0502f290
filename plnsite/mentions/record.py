"""The record of Webmentions sent: for each source (a note's public URL), a digest of what it
said and linked to when it was last sent, the targets it then had, and those whose sending
failed (tried again on the next run).

It lives in ``.plnsite-cache/webmention/`` through ``Store`` (checksummed: a damaged record is
absent, and the next run sends everything again, which receivers take as updates). It is not a
cache that can be rebuilt from content/, so CI keeps it between runs (the workflow ``plnsite
init`` writes restores and saves that folder). Its key is this module's format, not plnsite's
version, so an upgrade keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..incremental.store import CACHE_DIR, Store, fits

__all__ = ["Sent", "read_record", "record_dir", "write_record"]

_MAGIC = "webmention-record"
_FORMAT = "1"
_SHARD = "sent"
_SHAPE = [(str, str, [str], [str])]


@dataclass(frozen=True)
class Sent:
    source: str  # the note's public URL
    digest: str  # of its content and targets when last sent
    targets: tuple[str, ...]  # the pages it mentioned then
    failed: tuple[str, ...] = ()  # targets (current or removed) not yet notified


def record_dir(site_root: Path) -> Path:
    return Path(site_root) / CACHE_DIR / "webmention"


def _store(site_root: Path) -> Store:
    return Store(record_dir(site_root), _MAGIC, _FORMAT)


def read_record(site_root: Path) -> dict[str, Sent]:
    """What was sent, by source; empty when nothing was (or the record is unreadable)."""
    store = _store(site_root)
    shard = store.read(_SHARD)
    if shard is None:
        return {}
    if not fits(shard.payload, _SHAPE):
        store.damaged(_SHARD)
        return {}
    return {s: Sent(s, d, tuple(t), tuple(f)) for s, d, t, f in shard.payload}


def write_record(site_root: Path, record: Mapping[str, Sent]) -> bool:
    """Replace the record (atomically); False if the disk would not take it."""
    payload = tuple((s.source, s.digest, s.targets, s.failed) for s in sorted(record.values(), key=lambda s: s.source))
    return _store(site_root).write(_SHARD, payload)
