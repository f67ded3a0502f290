"""RelatedCache: the last build's related notes, kept in ``.plnsite-cache/related/``.

Related notes are a function of every note's id, place and tags, the links between notes and
the series (link/related.py); working them out is a pass over the whole site (about 0.2 s at
10,000 notes) that a warm build would otherwise redo for an edit that changes none of those.
One shard holds the digest of those inputs and the answer; a build whose inputs have another
digest works them out and writes the shard again. The digest covers the code of related.py
and plnsite's version too (the store's key), so a new rule never reads an old answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from .. import __version__
from .store import Damage, Store, fits

__all__ = ["FOLDER", "RelatedCache", "related_inputs"]

FOLDER = "related"
_MAGIC = "plnsite-related-1"
_SHARD = "last"
_SHAPE = (bytes, {str: [str]})


@cache
def _code_digest() -> str:
    source = Path(__file__).resolve().parent.parent / "link" / "related.py"
    try:
        return hashlib.blake2b(source.read_bytes(), digest_size=8).hexdigest()
    except OSError:
        return "unknown"


def related_inputs(notes, hubs, backlinks, series) -> bytes:
    """A digest of everything related notes are made from."""
    parts = (tuple((n.id, n.tags) for n in notes), tuple((slug, hub.notes) for slug, hub in hubs.items()),
             tuple(backlinks.items()), tuple((name, s.notes) for name, s in series.items()))
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class RelatedCache:
    def __init__(self, cache_dir: Path, damage: Damage | None = None) -> None:
        self.store = Store(Path(cache_dir) / FOLDER, _MAGIC, f"{__version__}/{_code_digest()}", damage)

    def get(self, digest: bytes, make: Callable[[], Mapping[str, tuple[str, ...]]]) -> Mapping[str, tuple[str, ...]]:
        """The related notes kept for inputs of ``digest``, else ``make()`` (and kept)."""
        shard = self.store.read(_SHARD)
        if shard is not None:
            if not fits(shard.payload, _SHAPE):
                self.store.damaged(_SHARD)
            elif shard.payload[0] == digest:
                return MappingProxyType(shard.payload[1])
        value = make()
        self.store.write(_SHARD, (digest, dict(value)))
        return value
