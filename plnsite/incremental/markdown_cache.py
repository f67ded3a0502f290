"""MarkdownCache: rendered Markdown kept in ``.plnsite-cache/markdown/``, keyed by its text.

256 shards, named by the first two hex digits of each entry's key: a digest of the text,
whether its first heading is the title, and ``settings_key()`` (plnsite's version and every
library and speed-up that shapes the HTML). So a build after a small edit reads every shard
but rewrites only the one that changed, and an upgrade starts afresh. Entries are plain
tuples (the caller packs and unpacks them, link/rendering.py): a shard whose entries are not
of their shape (``ENTRY``) is damaged, and its texts are rendered again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .. import installed, speedups
from .store import Damage, Store, fits

__all__ = ["ENTRY", "FOLDER", "MarkdownCache", "settings_key"]

FOLDER = "markdown"
_MAGIC = "plnsite-markdown-cache-7"
# What an entry is: HTML, summary HTML, headings (level, id, text), links (kind, target,
# fragment, line), whether the HTML may hold a root-relative URL, warnings (line, message), and
# whether the HTML may hold an href to a private person or list (link/private.py), and whether it
# holds a diagram.
ENTRY = (str, str, [(int, str, str)], [(str, str, str, int)], bool, [(int, str)], bool, bool)
_SHARD = {str: ENTRY}


@lru_cache(maxsize=1)
def settings_key() -> str:
    """Everything besides the text that changes rendered HTML."""
    from .. import __version__

    parts = [f"plnsite={__version__}"]
    # The speed-ups give the same HTML; keyed anyway, so PLNSITE_STOCK=1 never reads what they wrote.
    parts += [f"{name}-speedup={speedups.enabled(name)}" for name in ("markdown", "pygments")]
    for dist in ("markdown-it-py", "mdit-py-plugins", "pygments", "latex2mathml"):
        parts.append(f"{dist}={installed.version(dist) or '?'}")
    return ";".join(parts)


class MarkdownCache:
    """One per session: ``lookup`` what a render needs, ``add`` what it rendered, ``save``."""

    def __init__(self, cache_dir: Path, damage: Damage | None = None) -> None:
        self.store = Store(Path(cache_dir) / FOLDER, _MAGIC, settings_key(), damage)
        self.shards: dict[str, dict[str, tuple]] = {}  # read this call: prefix → entries
        self.dirty: set[str] = set()
        self.first = True  # the session's first render: it sees every text of the site

    @staticmethod
    def key(text: str, take_title: bool) -> str:
        """The key of ``text`` (as ``key_of`` its ``Markdown.digest``)."""
        return MarkdownCache.key_of(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), take_title)

    @staticmethod
    def key_of(text_digest: bytes, take_title: bool) -> str:
        """The key of a text whose SHA-256 is ``text_digest`` (``Markdown.digest``: the text is
        hashed once, where it is read). SHA-256: ~1.7x blake2b where the CPU has SHA
        instructions (most since 2017)."""
        digest = hashlib.sha256(text_digest)
        digest.update(b"\x01" if take_title else b"\x00")
        digest.update(settings_key().encode())
        return digest.hexdigest()[:32]

    def lookup(self, keys: list[str]) -> dict[str, tuple]:
        """The entries found for ``keys`` (reading the shards they fall in)."""
        for prefix in {k[:2] for k in keys} - self.shards.keys():
            found = self.store.read(prefix)
            if found is not None and not fits(found.payload, _SHARD):
                self.store.damaged(prefix)
                found = None
            self.shards[prefix] = found.payload if found is not None else {}
        found: dict[str, tuple] = {}
        for key in keys:
            entry = self.shards[key[:2]].get(key)
            if entry is not None:
                found[key] = entry
        return found

    def add(self, key: str, entry: tuple) -> None:
        self.shards.setdefault(key[:2], {})[key] = entry
        self.dirty.add(key[:2])

    def save(self, live: set[str], last: bool = True) -> None:
        """Write the shards that changed; forget what was read. The session's first save also
        drops the entries no key in ``live`` (every text of the site) needs any more, and the
        shards none of them falls in (unread, they could only be stale, or damaged unseen), so
        the cache does not grow forever. A later one (a preview save) sees only the texts it
        renders: the other texts of a shard it writes are still the site's, and stay. ``last``
        False: more of the same render follows, over other shards (a big site's first render
        is saved part by part, link/rendering.py), so it is still the first."""
        if self.first:
            for prefix in self.store.names() - {k[:2] for k in live}:
                self.store.remove(prefix)
        for prefix, entries in self.shards.items():
            stale = [k for k in entries if k not in live] if self.first else []
            if not stale and prefix not in self.dirty:
                continue
            for key in stale:
                del entries[key]
            if not self.store.write(prefix, entries):
                break  # a read-only or full disk only costs speed
        self.shards, self.dirty, self.first = {}, set(), self.first and not last
