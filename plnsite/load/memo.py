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
import pickle
import zoneinfo
from functools import lru_cache
from pathlib import Path

__all__ = ["LoadMemo", "MEMO_FILE"]

MEMO_FILE = "load.bin"
_MAGIC = "plnsite-load-memo"
_FORMAT = 1
# The modules whose code decides what loading a file gives: their bytes are in the key.
_CODE = ("load", "model.py", "errors.py", "yamlio.py", "dates.py", "text.py", "paths.py", "config.py")


@lru_cache(maxsize=1)
def _code_key() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for name in _CODE:
        target = root / name
        for path in sorted(target.glob("*.py")) if target.is_dir() else [target]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class LoadMemo:
    """``lookup`` a file before parsing it, ``store`` what parsing gave, ``save`` at the end."""

    def __init__(self, cache_dir: Path, context: tuple) -> None:
        self.path = cache_dir / MEMO_FILE
        self.context = repr((_FORMAT, _code_key(), *context))
        self.known: dict[str, tuple[bytes, bytes]] = self._read()  # path → (digest, pickle)
        self.used: dict[str, tuple[bytes, bytes]] = {}
        self.changed = False

    def _read(self) -> dict:
        try:
            magic, context, entries = marshal.loads(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: start empty
            return {}
        if magic != _MAGIC or context != self.context or not isinstance(entries, dict):
            return {}
        return entries

    def lookup(self, path: Path, extra: tuple = ()) -> tuple | None:
        """What parsing ``path`` gave last time, if its bytes (and ``extra``) are the same."""
        key = str(path)
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16)
        except OSError:
            return None
        digest.update(repr(extra).encode())
        found = self.known.get(key)
        if found is not None and found[0] == digest.digest():
            try:
                result = _SafeUnpickler(io.BytesIO(found[1])).load()
            except Exception:  # noqa: BLE001 - an entry that does not read back is a miss
                result = None
            if result is not None:
                self.used[key] = found
                return result
        self.used[key] = (digest.digest(), b"")  # filled by store()
        self.changed = True
        return None

    def store(self, path: Path, result: tuple) -> None:
        key = str(path)
        entry = self.used.get(key)
        if entry is not None:
            self.used[key] = (entry[0], pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Keep what this load used (so files gone from content/ leave the memo too)."""
        if not self.changed and self.used.keys() == self.known.keys():
            return
        entries = {k: v for k, v in self.used.items() if v[1]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(marshal.dumps((_MAGIC, self.context, entries)))
            os.replace(temp, self.path)
        except OSError:
            pass  # a read-only or full disk only costs speed


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
        if module in ("plnsite.model", "plnsite.errors") or (module == "pathlib" and name.endswith("Path")):
            found = super().find_class(module, name)
            if isinstance(found, type):  # classes only: no functions from those modules
                return found
        raise pickle.UnpicklingError(f"not allowed in the load memo: {module}.{name}")
