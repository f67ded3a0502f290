"""write_atomic, copy_atomic: the one way plnsite writes a file that someone may read meanwhile.

The bytes go to a temporary file in the target's folder (a dot-name ending ``.tmp``, which
the preview server's watcher ignores), which is then renamed over the target with
``os.replace``: a reader sees the old file or the new one, never half of one. A failure
removes the temporary file and raises. Output pages, the caches in ``.plnsite-cache/``,
imports and ``plnsite new`` all write through here; what each adds on top (write only
changed bytes, ignore a read-only cache, append rather than rewrite) is its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

__all__ = ["copy_atomic", "write_atomic"]


def write_atomic(path: Path, data: bytes, *, fsync: bool = False, mode: int | None = None) -> None:
    """Replace ``path`` with ``data``. ``fsync``: the bytes reach the disk before the rename
    (for the user's own files); ``mode``: the file's permission bits (default: a new file's,
    0o666 less the umask)."""
    _replace(Path(path), lambda handle: handle.write(data), fsync, mode)


def copy_atomic(src: Path, path: Path, *, mode: int | None = None) -> None:
    """Replace ``path`` with a copy of the file ``src``."""
    def copy(handle: BinaryIO) -> None:
        with open(src, "rb") as source:
            shutil.copyfileobj(source, handle, 1 << 20)

    _replace(Path(path), copy, False, mode)


def _replace(path: Path, fill: Callable[[BinaryIO], object], fsync: bool, mode: int | None) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, _new_file_mode() if mode is None else mode)  # mkstemp makes it 0o600
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


@cache
def _new_file_mode() -> int:
    """0o666 less the umask, as ``open()`` would make a file. Read once, and from /proc where
    Linux shows it: reading it with ``os.umask`` sets it for a moment, for every thread."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask
