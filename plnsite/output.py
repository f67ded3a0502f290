"""publish: a build put on disk — the one way ``plnsite build``, ``deploy`` and ``serve -o`` write.

``publish`` refuses an output folder that would hold the sources, removes what killed builds
left (leftovers.py), builds, and only when the build has no errors writes it
(``write_outputs``), saves what the folder now holds for the next build, and removes its
staging folder. Files are written only when their bytes differ; files the previous build
wrote and this one does not are removed (a manifest remembers them); anything else in the
folder is the user's and is never deleted.

A write is all or nothing where it can be (writes.py): a write that fails (no room, no
permission, something in the way) leaves the folder as it was and says so, once per cause.
What is not atomic is the renaming into place: a build killed between two renames leaves some
files new and some old. Before the first rename the manifest lists the old files and the new,
and the build state saved in ``.plnsite-cache/`` is emptied, so the next build compares every
file again and removes what it does not make: it repairs the folder. Each build makes its
staging folder before anything is written, so a killed build leaves it behind, and the next
removes it and looks for the temporary files it left (leftovers.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from .build import build, site_root
from .errors import Level, OutputDirError
from .incremental import BuildMemo, cache_dir
from .incremental.store import Store
from .leftovers import remove_leftovers
from .model import BuildOptions, BuildResult, Copied, Kept
from .paths import display_path
from .search import BUNDLE_DIR, index_pages, is_indexed, pagefind_version
from .spill import HtmlSpill
from .staging import Stager, staging_folder
from .writes import MANIFEST, WriteStats, read_manifest, write_files, write_tree

__all__ = ["MANIFEST", "Stager", "WriteStats", "check_output_dir", "publish", "with_search_index", "write_outputs"]

_SEARCHED = "plnsite-output-searched-1"  # the cache's note that an output folder was looked through


def publish(opts: BuildOptions, out_dir: Path, progress=None, *, memo: BuildMemo | None = None,
            finish=None) -> BuildResult:
    """Build, and write the build to ``out_dir`` if it has no errors (the result says which;
    a write that failed adds its problems, and then the folder is as it was).

    By default pages are staged on disk as they are rendered (never all held in memory), and
    a fresh memo compares with what ``out_dir`` holds from the last build and remembers it
    for the next. The preview server passes its session's ``memo`` and holds its pages in
    memory (``finish``): then only the files its build rendered, and the copies, are compared.
    ``progress(stage, done, total)``, if given, hears how far each stage is. Raises
    OutputDirError for a folder that is, holds or lies in the content or site folder, or is a file.
    """
    check_output_dir(out_dir, opts.source, site_root(opts.source))
    memo = memo if memo is not None else BuildMemo(opts, out_dir=out_dir)
    marked = _mark(out_dir)
    try:
        remove_leftovers(out_dir, search=_search(opts, out_dir, marked, memo if finish else None),
                         ours=lambda: read_manifest(out_dir))
        stager = Stager(out_dir) if finish is None else None
        if stager is not None and memo.link.spill is None:  # the texts wait on disk too (spill.py)
            memo.link.spill = HtmlSpill(digests=memo.renders.cache_dir is not None)  # (compared: build_state.py)
        result = build(opts, progress, memo=memo, finish=finish or stager)
        if not result.ok:
            return result
        if finish is None:  # the preview server indexes in the background (serve/search.py)
            result = with_search_index(result, out_dir)
        only = None if stager is not None else {
            *result.rendered, *(f for f, o in result.outputs.items() if isinstance(o, Copied))}
        stats = write_outputs(result, out_dir, only=only, staged_tree=stager.tree if stager else None,
                              progress=progress, before_commit=memo.renders.distrust_state)
        if any(p.level is Level.ERROR for p in stats.problems):
            # The folder did not take this build: the session's next build renders, and so
            # compares, every page again (the memo's way to ask for that).
            memo.templates_changed()
        else:
            memo.renders.save_state()
    finally:
        shutil.rmtree(staging_folder(out_dir, os.getpid()), ignore_errors=True)  # the Stager's too
    return replace(result, problems=result.problems + stats.problems,
                   stats=replace(result.stats, written=stats.written))


def with_search_index(result: BuildResult, out_dir: Path) -> BuildResult:
    """``result`` with the search index of its pages (plnsite/search/) as outputs under pagefind/,
    and a warning if the indexer could not run; unchanged for a site with ``search: false``."""
    if result.site is None or not result.site.config.search:
        return result
    kept = _index_kept(result, out_dir)
    if kept is not None:
        return replace(result, outputs={**result.outputs, **kept}, stats=replace(
            result.stats, files=len(result.outputs) + len(kept)))
    with tempfile.TemporaryDirectory(prefix="plnsite-search-") as work:
        made = index_pages(_pages(result, out_dir), Path(work) / "index")
    outputs = {**result.outputs, **(made.files or {})}
    return replace(result, outputs=outputs, problems=result.problems + made.problems,
                   stats=replace(result.stats, files=len(outputs)))


def _index_kept(result: BuildResult, out_dir: Path) -> dict[str, Kept] | None:
    """The index the output folder holds, when it is still right: the last build wrote it (the
    manifest lists it) with the Pagefind installed now, and this build changed, added or removed
    no page that is, or was, indexed. (Indexing 10,000 pages costs several times a warm build.)"""
    previous = read_manifest(out_dir)
    index = {f for f in previous if f.startswith(f"{BUNDLE_DIR}/")}
    entry = out_dir / BUNDLE_DIR / "pagefind-entry.json"
    try:
        if not index or f'"version":"{pagefind_version()}"' not in entry.read_text(encoding="utf-8"):
            return None
    except OSError:
        return None
    pages = {f for f in result.outputs if f.endswith(".html")}
    if {f for f in previous if f.endswith(".html")} != pages:
        return None  # a page added or removed: it may have been indexed
    try:
        for file in pages:
            output = result.outputs[file]
            if isinstance(output, Kept):
                continue
            body = output.plain()
            if is_indexed(body if body is not None else output.src.read_bytes()):
                return None
            old = out_dir / file  # not yet replaced: what the index was made from
            if old.is_file() and is_indexed(old.read_bytes()):
                return None
    except OSError:
        return None
    return {f: Kept(file=f, url=f) for f in sorted(index)}


def _pages(result: BuildResult, out_dir: Path):
    """(file, bytes) of each HTML page of a build, wherever its bytes are."""
    for file, output in sorted(result.outputs.items()):
        if not file.endswith(".html"):
            continue
        body = output.plain()
        if body is None:
            path = output.src if output.src is not None else (out_dir / file if isinstance(output, Kept) else None)
            if path is None:
                continue
            body = path.read_bytes()
        yield file, body


def _mark(out_dir: Path) -> bool:
    """Make this process's staging folder before anything is written: a build killed from now on
    leaves it behind, and the next build knows to look for what it left (leftovers.py). False
    when it cannot be made."""
    folder = staging_folder(out_dir, os.getpid())
    shutil.rmtree(folder, ignore_errors=True)  # an earlier publish's of this process, had it stayed
    try:
        os.makedirs(folder)
    except OSError:
        return False
    return True


def _search(opts: BuildOptions, out_dir: Path, marked: bool, session: BuildMemo | None) -> bool:
    """Whether to look through ``out_dir`` for temporary files even though no staging folder says
    a build died there: at a preview session's first build; when this build could not make its
    staging folder (neither could a killed one); and once per output folder for the temporary
    files of earlier plnsite versions (remembered in the cache; always without one)."""
    if session is not None:
        return session.site is None
    if not marked:
        return True
    folder = cache_dir(opts)
    if folder is None:
        return True
    store = Store(folder, _SEARCHED, str(out_dir.resolve()))
    if store.read("output-searched") is not None:
        return False
    store.write("output-searched", True)
    return True


def check_output_dir(out_dir: Path, source: Path, project: Path) -> None:
    """Refuse an output folder that is, contains, or lies inside the source or the project
    root, or that is a file."""
    out = out_dir.resolve()
    for name, guarded in (("the content folder", source.resolve()), ("the site folder", project.resolve())):
        if out == guarded or guarded.is_relative_to(out):
            raise OutputDirError(
                f"refusing to write into '{display_path(out_dir)}': it is or contains {name} ('{display_path(guarded)}')"
            )
    if out.is_relative_to(source.resolve()):
        raise OutputDirError(f"refusing to write into '{display_path(out_dir)}': it is inside the content folder")
    if os.path.lexists(out) and not out.is_dir():
        raise OutputDirError(f"refusing to write into '{display_path(out_dir)}': it is a file, not a folder")


def write_outputs(result: BuildResult, out_dir: Path, only=None, staged_tree: Path | None = None,
                  progress=None, before_commit=None) -> WriteStats:
    """Write ``result``, all or nothing (see above); with ``only`` (file names), compare and
    write just those files (the preview server knows which it re-rendered). ``staged_tree``:
    a folder holding the staged pages at their own paths (see Stager); where ``out_dir`` does
    not exist, it is filled and becomes ``out_dir`` in one rename. ``before_commit()``, if
    given, is called before the first file is put in place. ``progress(stage, done, total)``,
    if given, hears of each file."""
    if staged_tree is not None and not os.path.lexists(out_dir):
        stats = write_tree(result, out_dir, staged_tree, progress)
        if stats is not None:
            return stats
    return write_files(result, out_dir, only, progress, before_commit)


