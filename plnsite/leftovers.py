"""remove_leftovers: what killed builds left beside and in an output folder, removed by the next.

A build that is killed (or whose machine stops) can leave its staging folder beside the output
folder (staging.py) and, in the output folder, temporary files and folders of a write it had
begun (atomic.py names them ``.NAME.plnsite-PID-N.tmp``; earlier versions' names are known too). They would be deployed with the site,
and a staging folder can be as big as the site. Before it writes, publish (output.py) removes
those whose process is gone, or that are more than a day old (process ids are reused); another
build's that is still running keeps its own. One process publishes one build at a time, so
this process's own temporary files are leftovers too.

Looking through the whole output folder costs time (~12,000 folders at 10,000 notes), so it is
done only when a staging folder says that a build died, or when publish asks (see there):
every build makes its staging folder before it writes anything, and a killed one leaves it.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Collection
from pathlib import Path

from .atomic import remove_temp, temp_owner
from .staging import staging_folders

__all__ = ["STALE_AFTER", "remove_leftovers"]

STALE_AFTER = 24 * 3600  # seconds: older than this, a leftover is stale whatever its process id says
# Earlier plnsite versions' temporary names: ".NAME.plnsite-tmp", and mkstemp's ".NAME.XXXXXXXX.tmp".
_EARLIER = re.compile(r"\.(.+)\.(plnsite-tmp|[a-z0-9_]{8}\.tmp)", re.DOTALL)


def remove_leftovers(out_dir: Path, *, search: bool = False, ours: Callable[[], Collection[str]] = tuple) -> None:
    """Remove the staging folders of ``out_dir`` that builds no longer running left (never this
    process's own); then, if there were any or ``search`` asks, the temporary files in
    ``out_dir``. ``ours()``: the files the last build wrote (an earlier version's temporary file
    is known by the file it was for)."""
    now = time.time()
    died = False
    for folder, pid in staging_folders(out_dir):
        if pid != os.getpid() and _abandoned(folder, pid, now):
            shutil.rmtree(folder, ignore_errors=True)
            died = True
    if (died or search) and os.path.isdir(out_dir):
        _remove_temps(str(out_dir), now, ours())


def _remove_temps(root: str, now: float, ours: Collection[str]) -> None:
    for folder, dirs, files in os.walk(root):
        if ".git" in dirs:
            dirs.remove(".git")  # a gh-pages checkout's history is not ours to walk
        here = folder[len(root) + 1:].replace(os.sep, "/")
        gone = [name for name in (*dirs, *files) if name.startswith(".") and name.endswith("tmp") and (
            _is_stale_temp(os.path.join(folder, name), name, now) or _is_earlier_temp(name, here, ours))]
        for name in gone:
            remove_temp(Path(folder, name))
        if gone:
            dirs[:] = [d for d in dirs if d not in gone]
            _prune_empty(folder, root)  # a killed write may have made the folder for its file


def _is_stale_temp(path: str, name: str, now: float) -> bool:
    pid = temp_owner(name)
    return pid is not None and _abandoned(Path(path), pid, now)


def _is_earlier_temp(name: str, folder: str, ours: Collection[str]) -> bool:
    """An earlier version's temporary file for a file plnsite wrote (no process id: whatever
    wrote it is done)."""
    old = _EARLIER.fullmatch(name)
    return old is not None and (f"{folder}/{old.group(1)}" if folder else old.group(1)) in ours


def _abandoned(path: Path, pid: int, now: float) -> bool:
    if pid == os.getpid() or not _running(pid):
        return True
    try:
        return now - os.lstat(path).st_mtime > STALE_AFTER
    except OSError:
        return False


def _running(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill would end it there: only the age tells
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
