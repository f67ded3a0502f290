"""ParseCache: parsed notes and pages kept in ``.plnsite-cache/load/``, keyed by each file's bytes.

A build reads every source file; one whose bytes are the same as when it was last
parsed (with the same plnsite code, folder and time zone) is not parsed again, which
is most of a warm build's loading time. The parsed values are kept as pickles that
only plnsite's model values can come back from (store.load_model), so a tampered cache
cannot run code. Anything unreadable is a miss; a shard whose checksum holds but whose
entries, or a parsed value in them, are not what a load makes is damaged (store.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path

from ..errors import Problem
from ..model import Note, Page, Reading
from .store import Damage, Store, dump_model, fits, load_model, shard_name

__all__ = ["FOLDER", "ParseCache"]

FOLDER = "load"
GROUPS = "load-groups"  # files loaded together (every reading log): one record per group
_MAGIC = "plnsite-load-memo-3"
_SHARDS = 32
# A file modified less than this before the cache was written may have changed within the
# same clock tick as the stat the cache recorded: read it rather than trust its stat.
_RACY_NS = 2_000_000_000
# The modules whose code decides what loading a file gives: their bytes are in the key.
_CODE = ("load", "model.py", "errors.py", "yamlio.py", "dates.py", "text.py", "paths.py", "config.py",
         "sources.py", "yamlhints.py")
# A shard: (span, {path: ((size, mtime, ctime, inode), digest + repr(extra), pickle)}).
_SHARD = (int, {str: ((int, int, int, int), bytes, bytes)})
_DIGEST = 16  # bytes of BLAKE2b of a file's bytes


@lru_cache(maxsize=1)
def _code_key() -> str | None:
    """A digest of the loading code; None where its files cannot be read."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    try:
        for name in _CODE:
            target = root / name
            for path in sorted(target.glob("*.py")) if target.is_dir() else [target]:
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


class ParseCache:
    """``lookup`` a file before parsing it, ``store_result`` what parsing gave, ``save`` at the end.

    Kept in ``_SHARDS`` shards, so that a build after one edit rewrites one of them. An entry
    is (stat, digest, pickle). A file whose size, times and inode are as recorded, and older
    than the cache by a margin (so an edit in the same clock tick as the last save is never
    missed), is not even read; any other file is read and compared by the digest of its
    bytes (a fresh checkout in CI still hits).
    """

    @classmethod
    def open(cls, cache_dir: Path, context: tuple, damage: Damage | None = None) -> ParseCache | None:
        """The cache in ``cache_dir``; None where the loading code cannot be read (a zipped
        install): no cache at all, rather than one that might outlive a change of that code."""
        code = _code_key()
        return None if code is None else cls(cache_dir, (code, *context), damage)

    def __init__(self, cache_dir: Path, context: tuple, damage: Damage | None = None) -> None:
        self.store = Store(Path(cache_dir) / FOLDER, _MAGIC, repr(context), damage)
        self.groups = Store(Path(cache_dir) / GROUPS, _MAGIC, repr(context), damage)
        self.started = time.monotonic_ns()
        self.opened_ns = time.time_ns()  # the clock file times are read by, on a local disk
        self.trust_before = 0  # files modified before this (ns) are trusted by their stat
        self.known: dict[str, tuple] = self._read()  # path → (stat, digest, pickle)
        self.used: dict[str, tuple] = {}
        self.dirty: set[str] = set()  # shards to write again

    def _read(self) -> dict:
        known: dict[str, tuple] = {}
        trust = None
        for number in range(_SHARDS):
            name = f"{number:02x}"
            shard = self.store.read(name)
            if shard is None:
                continue
            if not fits(shard.payload, _SHARD) or not all(
                    len(digest) >= _DIGEST and pickled and shard_name(path, _SHARDS) == name
                    for path, (_, digest, pickled) in shard.payload[1].items()):
                self.store.damaged(name)
                continue
            span, entries = shard.payload
            known.update(entries)
            # The stats in this shard were taken at most ``span`` before it was written (by the
            # file system's clock, like the files' own times).
            since = shard.written_ns - span - _RACY_NS
            trust = since if trust is None else min(trust, since)
        self.trust_before = trust or 0
        return known

    def lookup(self, path: Path, extra: tuple = ()) -> tuple | None:
        """What parsing ``path`` gave last time, if its bytes (and ``extra``) are the same."""
        key = str(path)
        try:
            info = os.stat(key)
        except OSError:
            return None
        stat = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        found = self.known.get(key)
        trusted = found is not None and found[0] == stat and info.st_mtime_ns < self.trust_before \
            and found[1][16:] == repr(extra).encode()
        if trusted:
            digest = found[1]
        else:
            try:
                with open(key, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).digest() + repr(extra).encode()
            except OSError:
                return None
        if found is not None and found[1] == digest:
            try:
                result = load_model(found[2])
            except Exception:  # noqa: BLE001 - checked bytes that do not read back: damaged
                result = None
            if not _is_parsed(result):
                self.store.damaged(shard_name(key, _SHARDS))
                result = None
            if result is not None:
                entry = found if found[0] == stat else (stat, digest, found[2])
                # A file read only because its record is too recent to vouch for its stat (a
                # checkout built at once): writing the record again lets later builds trust it.
                self._use(key, entry, changed=entry is not found or not trusted and self._old(info.st_mtime_ns))
                return result
        self._use(key, (stat, digest, b""), changed=True)  # the pickle comes with store()
        return None

    def _old(self, mtime_ns: int) -> bool:
        """Whether a file modified at ``mtime_ns`` is old enough now for the next build to trust
        its stat."""
        return mtime_ns < self.opened_ns - _RACY_NS

    def readings(self, paths, load, save: bool) -> tuple:
        """(readings, problems) of loading every reading log at once: what the last load gave
        if every file is as then, else ``load()``; with ``save``, kept for the next build
        (parsing 1,000 entries' YAML takes ~0.1 s). As for single files, a file whose size,
        times and inode are as recorded, and older than the record by a margin, is not read;
        otherwise the files' bytes are compared by digest."""
        try:
            stats = tuple((str(p), *_stat(p)) for p in paths)
        except OSError:
            return load()
        shard = self.groups.read("readings")
        found = digest = None
        if shard is not None:
            if fits(shard.payload, (bytes, [(str, int, int, int, int)], bytes)):
                try:
                    found = load_model(shard.payload[2])
                except Exception:  # noqa: BLE001 - checked bytes that do not read back: damaged
                    found = None
            if not _is_readings(found):
                self.groups.damaged("readings")
                found = None
            elif shard.payload[1] == stats and all(s[2] < shard.written_ns - _RACY_NS for s in stats):
                return found
        try:
            digest = _files_digest(paths)
        except OSError:
            return load()
        if found is not None and shard.payload[0] == digest:
            value = found
        else:
            value = load()
        # Stats as recorded but too recent then to trust, old enough now: written again (see lookup).
        old_now = all(self._old(s[2]) for s in stats)
        if save and (found is None or value is not found or shard.payload[1] != stats or old_now):
            self.groups.write("readings", (digest, stats, dump_model(value)))
        return value

    def store_result(self, path: Path, result: tuple) -> None:
        # Pickled only when its shard is written: 10,000 pickles held at once would add
        # ~60 MB to a first build's peak.
        key = str(path)
        entry = self.used.get(key)
        if entry is not None:
            self._use(key, (entry[0], entry[1], result), True)

    def _use(self, key: str, entry: tuple, changed: bool) -> None:
        self.used[key] = entry
        if changed:
            self.dirty.add(shard_name(key, _SHARDS))

    def save(self) -> None:
        """Write the shards that changed; entries of files this load did not see are dropped."""
        for key in self.known.keys() - self.used.keys():
            self.dirty.add(shard_name(key, _SHARDS))
        if not self.dirty:
            return
        shards: dict[str, dict[str, tuple]] = {name: {} for name in self.dirty}
        for key, (stat, digest, value) in self.used.items():
            entries = shards.get(shard_name(key, _SHARDS))
            if entries is not None and value:
                entries[key] = (stat, digest, value if isinstance(value, bytes) else dump_model(value))
        span = time.monotonic_ns() - self.started
        for name, entries in shards.items():
            if not self.store.write(name, (span, entries)):
                return  # a read-only or full disk only costs speed


def _is_parsed(value) -> bool:
    """Whether ``value`` is what loading a note or page gives (load_memo.FileResult as a tuple):
    no item or a whole Note or Page, and its problems."""
    if type(value) is not tuple or len(value) != 2:
        return False
    item, problems = value
    return (item is None or type(item) in (Note, Page) and _whole(item)) and type(problems) is tuple \
        and all(type(p) is Problem and _whole(p) for p in problems)


def _stat(path) -> tuple[int, int, int, int]:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _files_digest(paths) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        with open(path, "rb") as handle:
            digest.update(hashlib.blake2b(handle.read(), digest_size=16).digest())
    return digest.digest()


def _is_readings(value) -> bool:
    """Whether ``value`` is what loading the reading logs gives: readings, and problems."""
    return type(value) is tuple and len(value) == 2 and type(value[0]) is tuple and type(value[1]) is tuple \
        and all(type(r) is Reading and _whole(r) for r in value[0]) \
        and all(type(p) is Problem and _whole(p) for p in value[1])


def _whole(value) -> bool:
    """Every field set (a pickle of a class with fewer fields leaves the others unset)."""
    try:
        _fields_of(type(value))(value)
    except AttributeError:
        return False
    return True


@cache
def _fields_of(cls: type):
    return attrgetter(*(f.name for f in dataclasses.fields(cls)))
