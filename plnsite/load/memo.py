"""The load memo: parsed notes and pages kept in ``.plnsite-cache/``, keyed by each file's bytes.

A build reads every source file; one whose bytes are the same as when it was last
parsed (with the same plnsite code, folder and time zone) is not parsed again, which
is most of a warm build's loading time. The entries are pickles read back by an
unpickler that can only make plnsite's model values, dates, time zones and paths,
so a tampered cache cannot run code. Anything unreadable is a miss: the memo is
never needed for a correct build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import marshal
import os
import pathlib
import pickle
import time
import zlib
import zoneinfo
from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic

__all__ = ["LoadMemo", "MEMO_DIR"]

MEMO_DIR = "load"
_MAGIC = "plnsite-load-memo"
_FORMAT = 2
_SHARDS = 32
# A file modified less than this before the memo was written may have changed within the
# same clock tick as the stat the memo recorded: read it rather than trust its stat.
_RACY_NS = 2_000_000_000
# The modules whose code decides what loading a file gives: their bytes are in the key.
_CODE = ("load", "model.py", "errors.py", "yamlio.py", "dates.py", "text.py", "paths.py", "config.py",
         "sources.py", "yamlhints.py")


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


class LoadMemo:
    """``lookup`` a file before parsing it, ``store`` what parsing gave, ``save`` at the end.

    Kept in ``_SHARDS`` files, so that a build after one edit rewrites one of them. An entry
    is (stat, digest, pickle). A file whose size, times and inode are as recorded, and older
    than the memo by a margin (so an edit in the same clock tick as the last save is never
    missed), is not even read; any other file is read and compared by the digest of its
    bytes (a fresh checkout in CI still hits).
    """

    @classmethod
    def open(cls, cache_dir: Path, context: tuple) -> LoadMemo | None:
        """The memo in ``cache_dir``; None where the loading code cannot be read (a zipped
        install): no memo at all, rather than one that might outlive a change of that code."""
        code = _code_key()
        return None if code is None else cls(cache_dir, (code, *context))

    def __init__(self, cache_dir: Path, context: tuple) -> None:
        self.folder = cache_dir / MEMO_DIR
        self.context = repr((_FORMAT, *context))
        self.started = time.monotonic_ns()
        self.trust_before = 0  # files modified before this (ns) are trusted by their stat
        self.known: dict[str, tuple] = self._read()  # path → (stat, digest, pickle)
        self.used: dict[str, tuple] = {}
        self.dirty: set[int] = set()  # shards to write again

    def _read(self) -> dict:
        known: dict[str, tuple] = {}
        trust = None
        for shard in range(_SHARDS):
            path = self.folder / f"{shard:02x}.bin"
            try:
                written = path.stat().st_mtime_ns
                magic, context, span, entries = marshal.loads(path.read_bytes())
            except Exception:  # noqa: BLE001 - missing, corrupt or foreign: start that shard empty
                continue
            if magic != _MAGIC or context != self.context or not isinstance(entries, dict) \
                    or not isinstance(span, int):
                continue
            known.update(entries)
            # The stats in this shard were taken at most ``span`` before it was written (by the
            # file system's clock, like the files' own times).
            since = written - span - _RACY_NS
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
        if found is not None and found[0] == stat and info.st_mtime_ns < self.trust_before \
                and found[1][16:] == repr(extra).encode():
            digest = found[1]
        else:
            try:
                with open(key, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).digest() + repr(extra).encode()
            except OSError:
                return None
        if found is not None and found[1] == digest:
            try:
                result = _SafeUnpickler(io.BytesIO(found[2])).load()
            except Exception:  # noqa: BLE001 - an entry that does not read back is a miss
                result = None
            if result is not None:
                entry = found if found[0] == stat else (stat, digest, found[2])
                self._use(key, entry, changed=entry is not found)
                return result
        self._use(key, (stat, digest, b""), changed=True)  # the pickle comes with store()
        return None

    def store(self, path: Path, result: tuple) -> None:
        # Pickled only when its shard is written: 10,000 pickles held at once would add
        # ~60 MB to a first build's peak.
        key = str(path)
        entry = self.used.get(key)
        if entry is not None:
            self._use(key, (entry[0], entry[1], result), True)

    def _use(self, key: str, entry: tuple, changed: bool) -> None:
        self.used[key] = entry
        if changed:
            self.dirty.add(_shard(key))

    def save(self) -> None:
        """Write the shards that changed; entries of files this load did not see are dropped."""
        for key in self.known.keys() - self.used.keys():
            self.dirty.add(_shard(key))
        if not self.dirty:
            return
        shards: dict[int, list[str]] = {n: [] for n in self.dirty}
        for key, entry in self.used.items():
            keys = shards.get(_shard(key))
            if keys is not None and entry[2]:
                keys.append(key)
        span = time.monotonic_ns() - self.started
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for number, keys in shards.items():
                entries = {}
                for key in keys:
                    stat, digest, value = self.used[key]
                    if not isinstance(value, bytes):
                        value = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                    entries[key] = (stat, digest, value)
                write_atomic(self.folder / f"{number:02x}.bin", marshal.dumps((_MAGIC, self.context, span, entries)))
        except OSError:
            pass  # a read-only or full disk only costs speed


def _shard(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % _SHARDS


def _zoneinfo_unpickle(obj, name):
    """The one attribute lookup plnsite's pickles need (how a ZoneInfo is rebuilt)."""
    if obj is zoneinfo.ZoneInfo and name == "_unpickle":
        return zoneinfo.ZoneInfo._unpickle
    raise pickle.UnpicklingError(f"not allowed in the load memo: getattr {name}")


class _SafeUnpickler(pickle.Unpickler):
    _ALLOWED = {
        ("datetime", "datetime"): dt.datetime, ("datetime", "date"): dt.date,
        ("datetime", "timedelta"): dt.timedelta, ("datetime", "timezone"): dt.timezone,
        ("zoneinfo", "ZoneInfo"): zoneinfo.ZoneInfo,
        ("builtins", "getattr"): _zoneinfo_unpickle,
    }

    def find_class(self, module: str, name: str):
        allowed = self._ALLOWED.get((module, name))
        if allowed is not None:
            return allowed
        if module in ("plnsite.model", "plnsite.errors"):
            found = super().find_class(module, name)
            if isinstance(found, type):  # classes only: no functions from those modules
                return found
        if module in ("pathlib", "pathlib._local"):  # Python 3.13 pickles pathlib._local.PosixPath
            found = getattr(pathlib, name, None)
            if isinstance(found, type) and issubclass(found, pathlib.PurePath):
                return found
        raise pickle.UnpicklingError(f"not allowed in the load memo: {module}.{name}")
