"""What ``plnsite fetch`` read from the network, kept for ``build`` and ``serve``, which only read it.

One module per kind of snapshot; each keeps its values in ``.plnsite-cache/<kind>/`` through
``incremental.store.Store``, as one shard read and written here.
"""

from __future__ import annotations

from ..incremental.store import Store, fits

__all__ = ["read_payload", "write_payload"]

_SHARD = "snapshot"


def read_payload(store: Store, shape):
    """The snapshot's plain values, if they are there and of ``shape``; a damaged one is removed."""
    shard = store.read(_SHARD)
    if shard is None:
        return None
    if not fits(shard.payload, shape):
        store.damaged(_SHARD)
        return None
    return shard.payload


def write_payload(store: Store, payload) -> bool:
    """Replace the snapshot (atomically); False if the disk would not take it."""
    return store.write(_SHARD, payload)
