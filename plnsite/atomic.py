"""write_atomic, copy_atomic: the one way plnsite writes a file that someone may read meanwhile.

The bytes go to a temporary file beside the target, ``.NAME.plnsite-PID-N.tmp`` (a dot-name
ending ``.tmp``, which the preview server's watcher ignores; PID is the writing process), which
is then renamed over the target with ``os.replace``: a reader sees the old file or the new one,
never half of one. A failure removes the temporary file and raises. Output pages, the caches in
``.plnsite-cache/``, imports and ``plnsite new`` all write through here; what each adds on top
(write only changed bytes, ignore a read-only cache, append rather than rewrite) is its own.

``write_temp``, ``copy_temp`` and ``move_temp`` do the first half alone: publish (output.py)
puts every file of a build under a temporary name before it renames any into place.
``temp_owner`` knows such a name again, so that what a killed process left can be removed.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["copy_atomic", "copy_temp", "move_temp", "remove_temp", "temp_owner", "temp_path", "write_atomic",
           "write_temp"]

_TEMP = re.compile(r"\.(.*)\.plnsite-([0-9]+)-[0-9]+\.tmp", re.DOTALL)
_NUMBERS = itertools.count(1)  # with the process id, a name no other writer uses


def write_atomic(path: Path, data: bytes, *, fsync: bool = False, mode: int | None = None) -> None:
    """Replace ``path`` with ``data``. ``fsync``: the bytes reach the disk before the rename
    (for the user's own files); ``mode``: the file's permission bits (default: a new file's,
    0o666 less the umask)."""
    _replace(write_temp(path, data, fsync=fsync, mode=mode), path)


def copy_atomic(src: Path, path: Path, *, mode: int | None = None) -> None:
    """Replace ``path`` with a copy of the file ``src``."""
    _replace(copy_temp(src, path, mode=mode), path)


def write_temp(path: Path, data: bytes, *, fsync: bool = False, mode: int | None = None) -> Path:
    """A new temporary file beside ``path`` holding ``data``; the caller renames or removes it."""
    return _fill(Path(path), lambda handle: handle.write(data), fsync, mode)


def copy_temp(src: Path, path: Path, *, mode: int | None = None) -> Path:
    """A new temporary file beside ``path`` holding a copy of the file ``src``."""
    def copy(handle: BinaryIO) -> None:
        with open(src, "rb") as source:
            shutil.copyfileobj(source, handle, 1 << 20)

    return _fill(Path(path), copy, False, mode)


def move_temp(src: Path, path: Path) -> Path:
    """The file ``src`` renamed to a temporary name beside ``path`` (copied there, and ``src``
    left, when they are on two file systems)."""
    temp = temp_path(path)
    try:
        os.rename(src, temp)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        return copy_temp(src, path)
    return temp


def temp_path(path: Path) -> Path:
    """A name beside ``path`` for a temporary file or folder of this process."""
    path = Path(path)
    name = path.name
    if len(os.fsencode(name)) > 200:  # the whole name must stay within 255 bytes (NAME_MAX)
        name = os.fsencode(name)[:60].decode("utf-8", "ignore")  # a character cut in two is dropped
    return path.with_name(f".{name}.plnsite-{os.getpid()}-{next(_NUMBERS)}.tmp")


def temp_owner(name: str) -> int | None:
    """The process id in a temporary name that ``temp_path`` made, or None for any other name."""
    found = _TEMP.fullmatch(name)
    return int(found.group(2)) if found else None


def remove_temp(temp: Path) -> None:
    """Remove a temporary file or folder, if it is still there."""
    try:
        os.unlink(temp)
    except IsADirectoryError:
        shutil.rmtree(temp, ignore_errors=True)
    except OSError:
        pass


def _fill(path: Path, fill: Callable[[BinaryIO], object], fsync: bool, mode: int | None) -> Path:
    while True:
        temp = temp_path(path)
        try:
            # 0o666 less the umask, as open() would make the file.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            break
        except FileExistsError:
            continue  # left by an earlier process with this id: take the next number
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        remove_temp(temp)
        raise
    return temp


def _replace(temp: Path, path: Path) -> None:
    try:
        os.replace(temp, path)
    except BaseException:
        remove_temp(temp)
        raise
