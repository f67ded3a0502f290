"""How a file's path is shown to the user: relative to the cwd when under it, POSIX."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

__all__ = ["display_path", "files_signature"]


def display_path(path: Path | str) -> str:
    path = Path(path)
    return _display_dir(str(path.parent), os.getcwd()) + path.name if path.name else _whole(path)


@lru_cache(maxsize=4096)  # thousands of files share a few folders: resolve each folder once
def _display_dir(folder: str, cwd: str) -> str:
    shown = _whole(Path(folder), cwd)
    return "" if shown == "." else shown + "/"


def _whole(path: Path, cwd: str | None = None) -> str:
    try:
        return path.resolve().relative_to(Path(cwd or os.getcwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix() if not path.is_absolute() else os.path.normpath(path).replace(os.sep, "/")


def files_signature(paths) -> tuple:
    """Each file's name, size and mtime (a file that cannot be read is left out): what a value
    cached from those files is reused only while it holds."""
    found = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
