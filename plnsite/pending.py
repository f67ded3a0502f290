"""PendingWrites: a build's new files, written under temporary names first, then renamed into
place together — or all removed, when any of them could not be written.

Writing is where a disk fills up or a folder refuses; renaming a file within its folder is
neither. So publish (output.py) first writes every new or changed file beside its target
(``.NAME.plnsite-PID-N.tmp``, atomic.py), making the folders it needs; when any fails, all are
removed and the output folder is as it was. Only then are they renamed into place, deepest
first, so that a list page or the sitemap is never in place before the pages it names.

An earlier build's file may stand where this build needs a folder, or its folder where this
build needs a file (a static file ``about`` that became a page ``about/``). When that file (or
every file in that folder) is the earlier build's and this build drops it, the new files are
prepared aside (in a temporary folder, or under a temporary name beside the old folder) and
renamed into place "late": after the old ones are removed. Anything else in the way is the
user's, and an error: nothing of the user's is ever deleted.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import remove_temp, temp_path
from .paths import display_path

__all__ = ["Blocked", "PendingWrites", "PlaceFailed"]


class Blocked(Exception):
    """Something that is not the last build's stands where this build needs to write."""


class PlaceFailed(Exception):
    """A rename into place failed (the output folder is then partly updated)."""

    def __init__(self, target: Path, error: OSError) -> None:
        super().__init__(str(error))
        self.target, self.error = target, error


@dataclass(slots=True)
class _Temp:
    file: str  # the output file it becomes (its depth orders the renames)
    temp: Path
    target: Path
    late: bool  # waits until the last build's files are removed
    placed: bool = False


@dataclass(slots=True)
class _Aside:
    temp: Path  # a temporary folder holding new files
    target: Path  # where it goes, once the last build's file of that name is removed
    placed: bool = False


class PendingWrites:
    def __init__(self, out_dir: Path, going: set[str] | frozenset[str]) -> None:
        """``going``: the files the last build wrote and this one does not (removed before the late renames)."""
        self.out_dir = out_dir
        self.going = going
        self.temps: list[_Temp] = []
        self.made: list[Path] = []  # folders made for new files, in the order made
        self.aside: list[_Aside] = []
        self._where: dict[str, tuple[Path, bool]] = {}  # folder (as in output paths) → where its files go, aside?

    def __len__(self) -> int:
        return len(self.temps) + len(self.aside)

    @property
    def placed(self) -> int:
        """How many files are in place."""
        return sum(t.placed for t in self.temps)

    def make_root(self) -> None:
        """Make the output folder (and the folders above it) if missing, to be removed on rollback."""
        missing = []
        folder = self.out_dir
        while not os.path.isdir(folder):
            missing.append(folder)
            if folder.parent == folder:
                break
            folder = folder.parent
        for folder in reversed(missing):
            os.mkdir(folder)
            self.made.append(folder)
        self._where[""] = (self.out_dir, False)

    def add(self, file: str, write: Callable[[Path], Path]) -> None:
        """Prepare ``file``: ``write(target)`` puts its bytes in a temporary file beside
        ``target`` and returns that file's path."""
        folder_name, _, name = file.rpartition("/")
        folder, aside = self._folder(folder_name)
        target = folder / name
        late = not aside and self._folder_in_the_way(target)
        self.temps.append(_Temp(file, write(target), target, late))

    def put_in_place(self, late: bool) -> None:
        """Rename the temporary files (``late``: those that waited for removals, and the folders
        prepared aside) over their targets. Raises PlaceFailed."""
        todo = sorted((t for t in self.temps if t.late == late and not t.placed),
                      key=lambda t: (-t.file.count("/"), t.file))
        for item in todo:
            try:
                os.replace(item.temp, item.target)
            except OSError as exc:
                raise PlaceFailed(item.target, exc) from None
            item.placed = True
        if late:
            for folder in self.aside:
                try:
                    os.rename(folder.temp, folder.target)
                except OSError as exc:
                    raise PlaceFailed(folder.target, exc) from None
                folder.placed = True

    def rollback(self) -> None:
        """Remove every temporary file and folder not yet in place, and the folders made (when empty)."""
        for item in self.temps:
            if not item.placed:
                remove_temp(item.temp)
        for folder in self.aside:
            if not folder.placed:
                remove_temp(folder.temp)
        for folder in reversed(self.made):
            try:
                os.rmdir(folder)
            except OSError:
                pass

    def _folder(self, name: str) -> tuple[Path, bool]:
        """Where the files of the output folder ``name`` are prepared (made if missing), and
        whether that is aside."""
        found = self._where.get(name)
        if found is not None:
            return found
        parent_name, _, last = name.rpartition("/")
        parent, aside = self._folder(parent_name)
        path = parent / last
        if aside:  # inside a folder prepared aside: everything is new
            os.mkdir(path)
            found = (path, True)
        else:
            try:
                mode = os.stat(path).st_mode  # a link to a folder is a folder
            except FileNotFoundError:
                os.mkdir(path)
                self.made.append(path)
                found = (path, False)
            else:
                if stat.S_ISDIR(mode):
                    found = (path, False)
                elif name in self.going:
                    temp = temp_path(path)
                    os.mkdir(temp)
                    self.aside.append(_Aside(temp, path))
                    found = (temp, True)
                else:
                    raise Blocked(f"'{display_path(path)}' is a file that plnsite did not write, where a folder "
                                  "is needed (move it away)")
        self._where[name] = found
        return found

    def _folder_in_the_way(self, target: Path) -> bool:
        """``target`` is a folder: True when it holds only files the last build wrote and this
        one drops (it goes before the new file comes); Blocked if it holds anything else."""
        try:
            if not stat.S_ISDIR(os.lstat(target).st_mode):
                return False
        except FileNotFoundError:
            return False
        root = str(self.out_dir)
        for folder, dirs, files in os.walk(target):
            ours = all(os.path.relpath(os.path.join(folder, f), root).replace(os.sep, "/") in self.going
                       for f in files)
            if not ours or any(os.path.islink(os.path.join(folder, d)) for d in dirs):
                raise Blocked(f"'{display_path(target)}' is a folder holding files that plnsite did not write, "
                              "where a file is needed (move it away)")
        return True
