"""LoadMemo: what ``load_content`` parsed, so the next load re-reads only the files that changed.

The preview server keeps one for its session and tells it which files a save touched
(``forget``); the first load of a build may take unchanged files from the parse cache on
disk (parse_cache.py) instead of parsing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..errors import Problem
from .parse_cache import ParseCache
from .store import Damage

__all__ = ["FileResult", "GroupResult", "LoadMemo"]


class FileResult(NamedTuple):
    """What loading one file gave: its item (None when it has none) and its problems."""

    item: object | None
    problems: tuple[Problem, ...]


class GroupResult(NamedTuple):
    """What loading files that belong together gave (every reading log; every contact list)."""

    paths: tuple[Path, ...]
    value: object
    problems: tuple[Problem, ...]


class LoadMemo:
    def __init__(self, cache_dir: Path | None = None, save_cache: bool = False, damage: Damage | None = None) -> None:
        """``cache_dir``: where the parse cache is (the first load takes unchanged files from it);
        ``save_cache``: that load also writes it back (a build that writes its output does);
        ``damage``: where damaged records of it are counted."""
        self.cache_dir, self.save_cache, self.damage = cache_dir, save_cache, damage
        self.sources = None  # the files the last load found (load/discover.py's Sources)
        self.files: dict[Path, FileResult] = {}  # notes and pages, by path
        self.assets: dict[Path, tuple[Path, ...]] = {}  # bundle index → the files beside it
        self.groups: dict[str, GroupResult] = {}  # "readings", "contacts"
        self.lists: dict = {}  # "note", "page": the last load's load_patch.LoadedList
        self.changed: set[Path] = set()  # told changed since the last load
        self.rescan = True  # walk content/ again at the next load (files added or removed)
        self.network: tuple | None = None  # (its files' stamp, NetworkNews | None): load/network.py
        self._known: tuple | None = None  # (sources, their files, the bundles' files), see known_files

    def forget(self, paths: Iterable[Path], rescan: bool = False) -> None:
        """``paths`` changed on disk: read them again at the next load; ``rescan``: files were
        added or removed, so the list of files must be made again too."""
        for path in paths:
            path = Path(path)
            self.files.pop(path, None)
            self.changed.add(path)
        self.rescan = self.rescan or rescan

    def take_changes(self) -> set[Path]:
        """The paths told changed since the last load (and the load starts a new list)."""
        changed, self.changed = self.changed, set()
        return changed

    def parse_cache(self, context: tuple) -> ParseCache | None:
        """The parse cache, for the first load only: later ones re-read just what changed."""
        if self.cache_dir is None:
            return None
        cache, self.cache_dir = ParseCache.open(self.cache_dir, context, self.damage), None
        return cache

    def known_files(self) -> frozenset[Path]:
        """Every source file the last load found (empty before the first load)."""
        return self._files_found()[0]

    def bundle_files(self) -> frozenset[Path]:
        """The files beside bundles' index.md the last load found (published as they are)."""
        return self._files_found()[1]

    def _files_found(self) -> tuple[frozenset[Path], frozenset[Path]]:
        found = self.sources
        if found is None:
            return frozenset(), frozenset()
        if self._known is None or self._known[0] is not found:
            assets = frozenset(a for _, files in found.bundle_assets for a in files)
            self._known = (found, frozenset({*found.notes, *found.pages, *found.readings, *found.contacts,
                                             *assets, *(src for src, _ in found.static)}), assets)
        return self._known[1], self._known[2]
