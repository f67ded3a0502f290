"""load_content: content/ → Content. Every file parsed, problems collected, nothing linked.

With a LoadMemo (incremental/load_memo.py), a load re-reads only the files the memo
was told changed, and takes the others as the last load left them.

The loaders of each kind of file, the memo and the parse cache are imported by ``load_content``
when it runs: ``plnsite new`` uses ``load.discover`` and ``load.fields`` alone, and importing
this package must not bring Markdown, the caches and the image probe along (~50 ms).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import NO_SITE_YAML, read_config
from ..dates import zone
from ..errors import ConfigError, Level, Loc, Problem, Problems
from ..model import Content, StaticFile
from ..parallel import fork_map, stage_progress
from ..paths import display_path
from .discover import discover

if TYPE_CHECKING:
    from ..incremental.load_memo import FileResult, LoadMemo
    from ..incremental.load_patch import LoadedList
    from ..incremental.parse_cache import ParseCache

__all__ = ["load_content", "require_site"]

_PARALLEL_MIN = 1000  # files; below this, forking costs more than parsing


def load_content(source: Path, base_url: str | None = None, *, jobs: int | None = 1,
                 memo: LoadMemo | None = None, progress=None) -> Content:
    """Read every source file under ``source``; raise ConfigError only if site.yaml is unusable.

    ``jobs`` > 1 parses many files across that many processes; ``memo`` keeps what was read
    for the next load; ``progress(stage, done, total)``, if given, hears how many notes have
    been read.
    """
    from ..incremental.load_memo import LoadMemo
    from .contacts import load_contacts
    from .mentions import load_mentions
    from .network import load_network
    from .notes import load_note
    from .pages import load_page

    require_site(source)
    memo = memo if memo is not None else LoadMemo()
    root = Path(source).resolve()
    changed = memo.take_changes()
    problems = Problems()
    config = read_config(root, problems, base_url)
    if config is None:
        raise ConfigError("\n".join(str(p) for p in problems.freeze()), problems.freeze())
    tz = zone(config.timezone)
    if memo.rescan or memo.sources is None:
        memo.sources, memo.rescan = discover(root), False
    found = memo.sources
    problems.extend(found.problems)  # links out of content/ and the like, skipped
    bundle_assets = dict(found.bundle_assets)
    # A bundle's note is loaded again when the files beside it change.
    for path, assets in found.bundle_assets:
        if memo.assets.get(path) != assets:
            memo.files.pop(path, None)
            changed.add(path)
            memo.assets[path] = assets
    cache = memo.parse_cache((str(root), os.getcwd(), config.timezone))
    notes = _each(found.notes, problems, lambda p, pr: load_note(p, tz, pr, bundle_assets.get(p, ())), memo, jobs,
                  cache, lambda p: ("note", *map(str, bundle_assets.get(p, ()))), progress, "note", changed)
    pages = _each(found.pages, problems, lambda p, pr: load_page(p, tz, pr), memo, jobs, cache,
                  lambda p: ("page",), None, "page", changed)
    if cache is not None and memo.save_cache:
        cache.save()
    readings = _group("readings", found.readings, changed, problems, memo,
                      lambda pr: _readings(found.readings, tz, pr, cache, memo.save_cache))
    contacts, lists, withheld = _group("contacts", found.contacts, changed, problems, memo,
                                       lambda pr: load_contacts(found.contacts, pr))
    static = []
    for src, dest in found.static:
        if src.is_file():
            static.append(StaticFile(src=src, dest=dest))
        else:  # a broken symlink: say so rather than fail when copying
            problems.error(Loc(display_path(src)), "cannot read the file (a broken link?)")
    memo.network = load_network(root.parent, memo.network, config.network.days)  # what plnsite fetch wrote
    if config.cname and any(f.dest == "CNAME" for f in static):
        problems.warning(config.loc, "both site.yaml `cname` and static/CNAME are set: static/CNAME is used")
    return Content(
        config=config, notes=tuple(notes), pages=tuple(pages), readings=readings, contacts=contacts,
        lists=lists, static=tuple(static), problems=problems.freeze(), source_dir=root, withheld=withheld,
        mentions=load_mentions(root.parent, config),
        network=memo.network[1],
    )


def require_site(source: Path) -> None:
    """Raise ConfigError when ``source`` is no site at all: no such folder, or no site.yaml in it
    (the same messages whichever command meets it first)."""
    if not Path(source).is_dir():
        raise ConfigError(f"no content folder at '{display_path(source)}' (use -s to point at one)")
    config = Path(source) / "site.yaml"
    if not config.is_file():
        problem = Problem(Loc(display_path(config)), Level.ERROR, NO_SITE_YAML)
        raise ConfigError(str(problem), [problem])


def _each(paths, problems: Problems, load_one, memo: LoadMemo, jobs: int | None, cache: ParseCache | None,
          extra, progress, what: str, changed: set[Path]) -> list:
    """Each file's item: from the memo, else from the parse cache, else parsed (in parallel);
    the later of two with one slug dropped. ``changed``: the paths read again since the last
    load, with which the last load's list is patched when it can be (incremental/load_patch.py)."""
    from ..incremental.load_memo import FileResult
    from ..incremental.load_patch import patched

    files = memo.files
    last = memo.lists.get(what)
    if last is not None and last.paths is paths:  # every file not in ``changed`` is in the memo
        missing = [p for p in changed if p not in files and last.holds(p)]
    else:
        missing = [p for p in paths if p not in files]
    if cache is not None:
        remembered = [(p, cache.lookup(p, extra(p))) for p in missing]
        files.update((p, FileResult(*found)) for p, found in remembered if found is not None)
        missing = [p for p, found in remembered if found is None]
    if missing:
        results = fork_map(_load_chunk, missing, jobs, _PARALLEL_MIN,
                           stage_progress(progress, "load", len(missing)), shared=load_one)
        files.update(zip(missing, results))
        if cache is not None:
            for path, result in zip(missing, results):
                cache.store_result(path, tuple(result))
    now = patched(last, paths, changed, files)
    if now is None:
        now = _loaded_list(paths, files, what)
    memo.lists[what] = now
    for found in now.problems.values():
        problems.extend(found)
    problems.extend(now.duplicates)
    return now.items


def _loaded_list(paths, files: dict, what: str) -> LoadedList:
    """Every file's item and problems gathered afresh."""
    from ..incremental.load_patch import LoadedList

    loaded = [(path, files[path]) for path in paths]
    duplicates = Problems()
    items, kept = _unique([(path, item) for path, (item, _) in loaded if item is not None], duplicates, what)
    return LoadedList(paths=paths, items=items, kept=kept, others=frozenset(p for p in paths if p not in kept),
                      problems={path: found for path, (_, found) in loaded if found}, duplicates=duplicates.freeze())


def _group(name: str, paths: tuple[Path, ...], changed: set[Path], problems: Problems, memo: LoadMemo, load_all):
    """Files that are loaded together (slugs and ids are unique across them)."""
    from ..incremental.load_memo import GroupResult

    last = memo.groups.get(name)
    if last is None or last.paths != paths or changed.intersection(paths):
        own = Problems()
        last = memo.groups[name] = GroupResult(paths, load_all(own), own.freeze())
    problems.extend(last.problems)
    return last.value


def _readings(paths, tz, problems: Problems, cache: ParseCache | None, save: bool):
    """Every reading log, loaded together (from the parse cache when none changed)."""
    from .reading import load_readings

    def load():
        own = Problems()
        return load_readings(paths, tz, own), own.freeze()

    readings, found = cache.readings(paths, load, save) if cache is not None else load()
    problems.extend(found)
    return readings


def _load_chunk(load_one, paths: list[Path]) -> list[FileResult]:
    from ..incremental.load_memo import FileResult

    results = []
    for path in paths:
        own = Problems()
        results.append(FileResult(load_one(path, own), own.freeze()))
    return results


def _unique(items: list, problems: Problems, what: str) -> tuple[list, dict]:
    """Drop the later of two items with one slug, reporting both places. ``items``: (path,
    item) pairs; returns the items kept, and each one's index by its path."""
    seen: dict[str, Loc] = {}
    kept, at = [], {}
    for path, item in items:
        if item.slug in seen:
            problems.error(item.loc, f"duplicate {what} slug '{item.slug}': also used by {seen[item.slug].path}")
            continue
        seen[item.slug] = item.loc
        at[path] = len(kept)
        kept.append(item)
    return kept, at
