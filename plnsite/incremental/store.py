"""Store: the one way anything is kept in ``.plnsite-cache/`` (beside content/).

A store is one folder of files ("shards"), each a marshal'ed ``(magic, key, payload)``:
``magic`` names what the store holds and ``key`` everything its payloads depend on besides
themselves (plnsite's version, the Markdown settings, the folder built...). A shard is
written to a temporary file and renamed into place (atomic.py), and read back only if it
unmarshals and its magic and key match: a missing, corrupt, foreign or stale shard is
simply absent, so deleting the cache is always safe and a cache is never needed for a
correct build. A read-only or full disk only costs speed.

marshal cannot make anything but plain values, so reading a shard runs no code; model
values (parsed notes) travel inside as pickles, read back by ``load_model``, an unpickler
that can only make plnsite's model classes, dates, time zones and paths.
"""

from __future__ import annotations

import datetime as dt
import io
import marshal
import pathlib
import pickle
import zlib
import zoneinfo
from pathlib import Path
from typing import NamedTuple

from ..atomic import write_atomic

__all__ = ["CACHE_DIR", "Shard", "Store", "dump_model", "load_model", "shard_name"]

CACHE_DIR = ".plnsite-cache"


class Shard(NamedTuple):
    payload: object
    written_ns: int  # the shard file's mtime: when it was written, by the file system's clock


class Store:
    def __init__(self, folder: Path, magic: str, key: str) -> None:
        self.folder = Path(folder)
        self.magic = magic
        self.key = key

    def read(self, name: str) -> Shard | None:
        """The payload of shard ``name``, if it is there, whole, and of this magic and key."""
        path = self.folder / f"{name}.bin"
        try:
            written = path.stat().st_mtime_ns
            magic, key, payload = marshal.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: absent
            return None
        if magic != self.magic or key != self.key:
            return None
        return Shard(payload, written)

    def write(self, name: str, payload) -> bool:
        """Write shard ``name`` (``payload``: plain values marshal can hold); False if the
        disk would not take it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{name}.bin", marshal.dumps((self.magic, self.key, payload)))
        except OSError:
            return False
        return True


def shard_name(text: str, count: int) -> str:
    """Which of ``count`` shards (≤ 256) an entry named ``text`` goes to: two hex digits."""
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')) % count:02x}"


def dump_model(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load_model(data: bytes):
    """A pickle made by ``dump_model``; UnpicklingError for anything else it would have to make."""
    return _ModelUnpickler(io.BytesIO(data)).load()


def _zoneinfo_unpickle(obj, name):
    """The one attribute lookup plnsite's pickles need (how a ZoneInfo is rebuilt)."""
    if obj is zoneinfo.ZoneInfo and name == "_unpickle":
        return zoneinfo.ZoneInfo._unpickle
    raise pickle.UnpicklingError(f"not allowed in the cache: getattr {name}")


class _ModelUnpickler(pickle.Unpickler):
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
        raise pickle.UnpicklingError(f"not allowed in the cache: {module}.{name}")
