"""remove_leftovers: what killed builds left beside and in an output folder, removed by the next.

A build that is killed (or whose machine stops) can leave its staging folder beside the output
folder (staging.py) and, in the output folder, temporary files and folders of a write it had
begun (atomic.py names them ``.NAME.plnsite-PID-N.tmp``). They would be deployed with the site,
and a staging folder can be as big as the site. Before it writes, publish (output.py) removes
those whose process is gone, or that are more than a day old (process ids are reused); another
build's that is still running keeps its own. One process publishes one build at a time, so
this process's own are leftovers too.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .atomic import remove_temp, temp_owner
from .staging import staging_folders

__all__ = ["STALE_AFTER", "remove_leftovers"]

STALE_AFTER = 24 * 3600  # seconds: older than this, a leftover is stale whatever its process id says


def remove_leftovers(out_dir: Path, *, inside: bool = True) -> int:
    """Remove stale staging folders of ``out_dir`` and (``inside``) temporary files in it; how many."""
    now = time.time()
    removed = 0
    for folder, pid in staging_folders(out_dir):
        if _abandoned(folder, pid, now):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    if inside and os.path.isdir(out_dir):
        removed += _remove_temps(str(out_dir), now)
    return removed


def _remove_temps(root: str, now: float) -> int:
    removed = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]  # a gh-pages checkout's history is not ours to walk
        gone = [name for name in (*dirs, *files) if _is_stale_temp(os.path.join(folder, name), name, now)]
        for name in gone:
            remove_temp(Path(folder, name))
        if gone:
            removed += len(gone)
            dirs[:] = [d for d in dirs if d not in gone]
            _prune_empty(folder, root)  # a killed write may have made the folder for its file
    return removed


def _is_stale_temp(path: str, name: str, now: float) -> bool:
    pid = temp_owner(name)
    return pid is not None and _abandoned(Path(path), pid, now)


def _abandoned(path: Path, pid: int, now: float) -> bool:
    if pid == os.getpid() or not _running(pid):
        return True
    try:
        return now - os.lstat(path).st_mtime > STALE_AFTER
    except OSError:
        return False


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists (another user's): not ours to judge
    return True


def _prune_empty(folder: str, root: str) -> None:
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)
