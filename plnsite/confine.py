"""Which files a build may read: none that a symbolic link brings in from outside its folder.

The folders are ``content/`` and each theme folder. A file or folder link that resolves inside
its folder is followed (the user's own file under a second name); one that resolves outside
it (``static/pw.txt → /etc/passwd``) is never read, so a pull request built by CI cannot
publish a file of the machine that builds it. The folder itself may be a link
(``content → ~/Sync/portfolio``): only what lies under it is judged.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["escapes", "outside_message"]


def escapes(path: Path | str, root: Path | str) -> Path | None:
    """Where ``path`` really leads, through every link on the way, when that is outside
    ``root`` (itself resolved the same way); None when it stays inside."""
    real = Path(os.path.realpath(path))
    return None if real.is_relative_to(os.path.realpath(root)) else real


def outside_message(real: Path, folder: str) -> str:
    """The problem's text for a link that leads to ``real``, outside ``folder`` ("the content folder")."""
    return (f"a symbolic link to '{real}', outside {folder}: not read (copy it into {folder} "
            f"to publish it)")
