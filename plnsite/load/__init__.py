"""load_content: content/ → Content. Every file parsed, problems collected, nothing linked.

``ContentLoader`` keeps what it parsed, so the preview server re-reads only the
files a save touched; ``load_content`` is one fresh load.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..config import NO_SITE_YAML, read_config
from ..dates import zone
from ..errors import ConfigError, Level, Loc, Problem, Problems
from ..incremental.parse_cache import ParseCache
from ..model import Content, StaticFile
from ..parallel import fork_map, stage_progress
from ..paths import display_path
from .contacts import load_contacts
from .discover import Sources, discover
from .notes import load_note
from .pages import load_page
from .reading import load_readings

__all__ = ["load_content", "require_site", "ContentLoader"]


def load_content(source: Path, base_url: str | None = None) -> Content:
    """Read every source file under ``source``; raise ConfigError only if site.yaml is unusable."""
    return ContentLoader(source, base_url).load()


def require_site(source: Path) -> None:
    """Raise ConfigError when ``source`` is no site at all: no such folder, or no site.yaml in it
    (the same messages whichever command meets it first)."""
    if not Path(source).is_dir():
        raise ConfigError(f"no content folder at '{display_path(source)}' (use -s to point at one)")
    config = Path(source) / "site.yaml"
    if not config.is_file():
        problem = Problem(Loc(display_path(config)), Level.ERROR, NO_SITE_YAML)
        raise ConfigError(str(problem), [problem])


class ContentLoader:
    """Loads content/, remembering each file's result until that file is reported changed."""

    def __init__(self, source: Path, base_url: str | None = None, jobs: int | None = 1,
                 memo_dir: Path | None = None, save_memo: bool = False) -> None:
        """``memo_dir``: where the load memo lives (see memo.py): the first load takes unchanged
        files from it; with ``save_memo`` that load also writes it back."""
        self.jobs = jobs
        self.memo_dir, self.save_memo = memo_dir, save_memo
        self.source = Path(source).resolve()
        self.shown_source = Path(source)
        self.base_url = base_url
        self._sources: Sources | None = None
        self._files: dict[Path, tuple] = {}  # path → (item or None, problems)
        self._assets: dict[Path, tuple[Path, ...]] = {}  # bundle index → the files beside it
        self._known: tuple | None = None  # (sources, their files), see known_files
        self._groups: dict[str, tuple] = {}  # "readings"/"contacts" → (paths, result, problems)
        self._config = None

    def load(self, changed: Iterable[Path] | None = None, rescan: bool = True, progress=None) -> Content:
        """Load, re-reading only ``changed`` files (all files on the first call).

        ``rescan`` walks content/ again (needed when files were added or removed);
        ``progress(stage, done, total)``, if given, hears how many notes have been read.
        """
        require_site(self.shown_source)
        for path in changed or ():
            self._files.pop(Path(path), None)
        changed_set = {Path(p) for p in changed or ()}
        problems = Problems()
        config = read_config(self.source, problems, self.base_url)
        if config is None:
            raise ConfigError("\n".join(str(p) for p in problems.freeze()), problems.freeze())
        tz = zone(config.timezone)
        if rescan or self._sources is None:
            self._sources = discover(self.source)
        found = self._sources
        bundle_assets = dict(found.bundle_assets)
        # A bundle's note is loaded again when the files beside it change.
        for path, assets in found.bundle_assets:
            if self._assets.get(path) != assets:
                self._files.pop(path, None)
                self._assets[path] = assets
        memo = None
        if self.memo_dir is not None:  # the first load only: later ones re-read just what changed
            memo = ParseCache.open(self.memo_dir, (str(self.source), os.getcwd(), config.timezone))
            self.memo_dir = None
        notes = self._each(found.notes, problems, lambda p, pr: load_note(p, tz, pr, bundle_assets.get(p, ())),
                           memo, lambda p: ("note", *map(str, bundle_assets.get(p, ()))), progress)
        notes = _unique(notes, problems, "note")
        pages = _unique(self._each(found.pages, problems, lambda p, pr: load_page(p, tz, pr), memo, lambda p: ("page",)),
                        problems, "page")
        if memo is not None and self.save_memo:
            memo.save()
        readings = self._group("readings", found.readings, changed_set, problems,
                               lambda pr: load_readings(found.readings, tz, pr))
        contacts, lists, withheld = self._group("contacts", found.contacts, changed_set, problems,
                                                lambda pr: load_contacts(found.contacts, pr))
        static = []
        for src, dest in found.static:
            if src.is_file():
                static.append(StaticFile(src=src, dest=dest))
            else:  # a broken symlink: say so rather than fail when copying
                problems.error(Loc(display_path(src)), "cannot read the file (a broken link?)")
        if config.cname and any(f.dest == "CNAME" for f in static):
            problems.warning(config.loc, "both site.yaml `cname` and static/CNAME are set: static/CNAME is used")
        return Content(
            config=config, notes=tuple(notes), pages=tuple(pages), readings=readings, contacts=contacts,
            lists=lists, static=tuple(static), problems=problems.freeze(), source_dir=self.source,
            withheld=withheld,
        )

    def known_files(self) -> set[Path]:
        """Every source file the last load found (empty before the first load)."""
        found = self._sources
        if found is None:
            return set()
        if self._known is None or self._known[0] is not found:
            assets = {a for _, files in found.bundle_assets for a in files}
            self._known = (found, frozenset({*found.notes, *found.pages, *found.readings, *found.contacts,
                                             *assets, *(src for src, _ in found.static)}))
        return self._known[1]

    def _each(self, paths, problems: Problems, load_one, memo: ParseCache | None = None, extra=None,
              progress=None) -> list:
        missing = [p for p in paths if p not in self._files]
        if memo is not None:
            remembered = [(p, memo.lookup(p, extra(p))) for p in missing]
            self._files.update((p, found) for p, found in remembered if found is not None)
            missing = [p for p, found in remembered if found is None]
        if missing:
            global _LOAD_ONE
            _LOAD_ONE = load_one  # forked workers inherit it (see parallel.py)
            try:
                results = fork_map(_load_chunk, missing, self.jobs, _PARALLEL_MIN,
                                   stage_progress(progress, "load", len(missing)))
            finally:
                _LOAD_ONE = None
            self._files.update(zip(missing, results))
            if memo is not None:
                for path, result in zip(missing, results):
                    memo.store_result(path, result)
        loaded = [self._files[path] for path in paths]
        for _, found in loaded:
            if found:
                problems.extend(found)
        return [item for item, _ in loaded if item is not None]

    def _group(self, name: str, paths: tuple[Path, ...], changed: set[Path], problems: Problems, load_all):
        """Files that are loaded together (slugs and ids are unique across them)."""
        memo = self._groups.get(name)
        if memo is None or memo[0] != paths or changed.intersection(paths):
            own = Problems()
            memo = self._groups[name] = (paths, load_all(own), own.freeze())
        problems.extend(memo[2])
        return memo[1]


_LOAD_ONE = None
_PARALLEL_MIN = 1000  # files; below this, forking costs more than parsing


def _load_chunk(paths: list[Path]) -> list[tuple]:
    results = []
    for path in paths:
        own = Problems()
        results.append((_LOAD_ONE(path, own), own.freeze()))
    return results


def _unique(items: list, problems: Problems, what: str) -> list:
    """Drop the later of two items with one slug, reporting both places."""
    seen: dict[str, Loc] = {}
    kept = []
    for item in items:
        if item.slug in seen:
            problems.error(item.loc, f"duplicate {what} slug '{item.slug}': also used by {seen[item.slug].path}")
            continue
        seen[item.slug] = item.loc
        kept.append(item)
    return kept
