"""Store: the one way anything is kept in ``.plnsite-cache/`` (beside content/).

A store is one folder of files ("shards"), each one record: a header, a checksum, and a
marshal'ed ``(magic, key, payload)``. ``magic`` names what the store holds and ``key``
everything its payloads depend on besides themselves (plnsite's version, the Markdown
settings, the folder built...). A shard is written to a temporary file and renamed into
place (atomic.py). A cache is never needed for a correct build: a missing shard, or one of
another magic or key (stale, foreign), or one an older plnsite wrote, is simply absent; a
read-only or full disk only costs speed.

The cache is verified, not trusted. The checksum (CRC-32) covers the record's place
(``markdown/3f``: a shard copied or renamed to another place fails) and every byte after it,
magic and key included, and is checked before anything is decoded: damaged bytes never reach
marshal or pickle. A record that fails, or whose checksum holds but whose value is not what
its reader expects (``damaged``: another plnsite version's shape under the same magic), is a
miss too, but a counted one: the build says so in one warning (``Damage``), removes the file,
and does the work again.

The threat is accidental damage: a disk or a sync tool's error, a half-copied folder, bits
flipped in storage or memory. CRC-32 catches every error of one or two bits and every burst
up to 32 bits, and misses other damage once in four billion; it checks the cache a warm
build reads (27 MB at 2,000 notes) in 11 ms, BLAKE2b in 70. No checksum stops someone who
can write the folder, since they can write a valid one too; against them the guarantee is
that no code runs: marshal makes only plain values, and model values (parsed notes) travel
inside as pickles read back by ``load_model``, an unpickler that can only make plnsite's
model classes, dates, time zones and paths. What such a person can change is what the site
says, as they could by editing content/.
"""

from __future__ import annotations

import datetime as dt
import io
import marshal
import os
import pathlib
import pickle
import zlib
import zoneinfo
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from ..atomic import write_atomic
from ..errors import Level, Loc, Problem
from ..paths import display_path

__all__ = [
    "CACHE_DIR", "Damage", "Damaged", "Foreign", "Shard", "Store", "decode", "dump_model", "encode", "fits",
    "load_model", "shard_name",
]

CACHE_DIR = ".plnsite-cache"

_HEADER = b"plnsite cache 1\n"
_SUM = 4  # bytes of CRC-32, big-endian
# How the records plnsite wrote before they had a header begin: marshal's code for a small
# tuple (with or without its reference flag) and the length 3. Flipping fewer than four bits
# of this header's first byte (``p``) never makes either.
_UNCHECKED = (b")\x03", b"\xa9\x03")


class Damaged(ValueError):
    """A record whose bytes are not the ones written (see the module docstring)."""


class Foreign(ValueError):
    """A record in the format of the plnsite releases before records had a checksum."""


class Shard(NamedTuple):
    payload: object
    written_ns: int  # the shard file's mtime: when it was written, by the file system's clock


def encode(path: Path, magic: str, key: str, payload) -> bytes:
    """The bytes of the record kept at ``path`` (its place is part of its checksum)."""
    body = marshal.dumps((magic, key, payload))
    return _HEADER + _checksum(path, body) + body


def decode(path: Path, data: bytes) -> tuple[str, str, object]:
    """``(magic, key, payload)`` of the record ``data`` read from ``path``: Damaged unless the
    checksum holds (checked first) and the value is a triple of two strings and a payload;
    Foreign for a record of the format before this one."""
    if not data.startswith(_HEADER):
        if data[:2] in _UNCHECKED:
            raise Foreign(path)
        raise Damaged(path)
    view = memoryview(data)
    body = view[len(_HEADER) + _SUM:]
    if view[len(_HEADER):len(_HEADER) + _SUM] != _checksum(path, body):
        raise Damaged(path)
    try:
        value = marshal.loads(body)  # the bytes written: only their shape can be unexpected
    except Exception as exc:  # noqa: BLE001 - e.g. written by a Python with a newer marshal format
        raise Damaged(path) from exc
    if type(value) is not tuple or len(value) != 3 or type(value[0]) is not str or type(value[1]) is not str:
        raise Damaged(path)
    return value


def _checksum(path: Path, body) -> bytes:
    place = f"{path.parent.name}/{path.stem}\0".encode("utf-8", "surrogateescape")
    return zlib.crc32(body, zlib.crc32(place)).to_bytes(_SUM, "big")


class Damage:
    """The damaged records one build met, reported in one warning (``take``)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.found: list[Path] = []

    def note(self, path: Path) -> None:
        if path not in self.found:
            self.found.append(path)

    def take(self) -> tuple[Problem, ...]:
        """The warning for the records found since the last ``take`` (none if there were none).
        A warning and not an error: the build made again what they held, so its output is
        the same as without the cache, and nothing in the user's files is wrong."""
        found, self.found = self.found, []
        if not found:
            return ()
        names = sorted(_relative(p, self.cache_dir) for p in found)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        count = f"{len(names)} damaged cache record{'s' * (len(names) != 1)}"
        return (Problem(Loc(display_path(self.cache_dir)), Level.WARNING,
                        f"{count} ignored and made again from the sources ({shown})"),)


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


class Store:
    def __init__(self, folder: Path, magic: str, key: str, damage: Damage | None = None) -> None:
        """``damage``: where damaged records are counted (None: they are only removed)."""
        self.folder = Path(folder)
        self.magic = magic
        self.key = key
        self.damage = damage

    def read(self, name: str) -> Shard | None:
        """The payload of shard ``name``, if it is there, whole, and of this magic and key."""
        path = self.folder / f"{name}.bin"
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                written = os.fstat(handle.fileno()).st_mtime_ns
        except OSError:  # missing or unreadable: absent
            return None
        try:
            magic, key, payload = decode(path, data)
        except Foreign:
            return None
        except Damaged:
            self.damaged(name)
            return None
        if magic != self.magic or key != self.key:
            return None
        return Shard(payload, written)

    def damaged(self, name: str) -> None:
        """Shard ``name`` is damaged (its bytes, or a value in it its reader cannot use): count it,
        and remove it, so the next build neither reads it nor says so again."""
        if self.damage is not None:
            self.damage.note(self.folder / f"{name}.bin")
        self.remove(name)

    def remove(self, name: str) -> None:
        """Remove shard ``name`` (a cache is never needed)."""
        try:
            (self.folder / f"{name}.bin").unlink()
        except OSError:
            pass  # gone already, or a read-only cache: it stays a miss

    def names(self) -> set[str]:
        """The shards in the folder."""
        try:
            with os.scandir(self.folder) as entries:
                return {entry.name[:-4] for entry in entries if entry.name.endswith(".bin")}
        except OSError:
            return set()

    def write(self, name: str, payload) -> bool:
        """Write shard ``name`` (``payload``: plain values marshal can hold); False if the
        disk would not take it."""
        path = self.folder / f"{name}.bin"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, encode(path, self.magic, self.key, payload))
        except OSError:
            return False
        return True


def fits(value, shape) -> bool:
    """Whether a decoded ``value`` has ``shape``: a type (exactly it), a tuple of shapes (a tuple
    of as many values, each of its shape), ``[shape]`` (a tuple of any length of that shape),
    ``{key shape: value shape}`` (a dict), or a frozenset of shapes (any one of them)."""
    return _all_fit((value,), shape)


def _all_fit(values: tuple, shape) -> bool:
    """Whether each of ``values`` has ``shape``: a pass over all of them per part of the shape,
    not a call per value (the Markdown cache of 10,000 notes holds ~100,000 headings and links)."""
    kind = type(shape)
    if kind is type:
        return set(map(type, values)) <= {shape}
    if kind is frozenset:
        return all(any(_all_fit((v,), s) for s in shape) for v in values)
    if kind is dict:
        (keys, items), = shape.items()
        return set(map(type, values)) <= {dict} and _all_fit(tuple(chain.from_iterable(values)), keys) \
            and _all_fit(tuple(chain.from_iterable(map(dict.values, values))), items)
    if not set(map(type, values)) <= {tuple}:
        return False
    if kind is list:
        return _all_fit(tuple(chain.from_iterable(values)), shape[0])
    if not set(map(len, values)) <= {len(shape)}:
        return False
    return not values or all(_all_fit(column, part) for column, part in zip(zip(*values), shape))


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

    # What each allowed (module, name) gave, process-wide: a warm build of 10,000 notes asks
    # ~60,000 times (every pickle names its classes once), and the import look-up behind
    # ``super().find_class`` was a third of reading them back. Only allowed names are kept:
    # a refused one raises again each time.
    _found: dict[tuple[str, str], object] = {}

    def find_class(self, module: str, name: str):
        found = self._found.get((module, name))
        if found is None:
            found = self._found[(module, name)] = self._allowed_class(module, name)
        return found

    def _allowed_class(self, module: str, name: str):
        allowed = self._ALLOWED.get((module, name))
        if allowed is not None:
            return allowed
        if module in ("plnsite.model", "plnsite.kinds", "plnsite.errors"):  # kinds: the model's reading enums
            found = super().find_class(module, name)
            if isinstance(found, type):  # classes only: no functions from those modules
                return found
        if module in ("pathlib", "pathlib._local"):  # Python 3.13 pickles pathlib._local.PosixPath
            found = getattr(pathlib, name, None)
            if isinstance(found, type) and issubclass(found, pathlib.PurePath):
                return found
        raise pickle.UnpicklingError(f"not allowed in the cache: {module}.{name}")
