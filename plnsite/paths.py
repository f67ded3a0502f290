"""How a file's path is shown to the user: relative to the cwd when under it, POSIX."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["display_path"]


def display_path(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix() if not path.is_absolute() else os.path.normpath(path).replace(os.sep, "/")
