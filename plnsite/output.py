"""publish: a build put on disk — the one way ``plnsite build``, ``deploy`` and ``serve -o`` write.

``publish`` refuses an output folder that would hold the sources, builds, and only when
the build has no errors writes it (``write_outputs``), saves what the folder now holds for
the next build, and removes its staging folder. Files are written only when their bytes
differ; files the previous build wrote and this one does not are removed (a manifest
remembers them); anything else in the folder is the user's and is never deleted.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from .atomic import copy_atomic, write_atomic
from .build import build, site_root
from .errors import OutputDirError
from .incremental import BuildMemo
from .model import BuildOptions, BuildResult, Bytes, Copied, Kept, Output, Staged
from .paths import display_path

__all__ = ["MANIFEST", "Stager", "WriteStats", "check_output_dir", "publish", "write_outputs"]

MANIFEST = ".plnsite-manifest.json"


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def publish(opts: BuildOptions, out_dir: Path, progress=None, *, memo: BuildMemo | None = None,
            finish=None) -> BuildResult:
    """Build, and write the build to ``out_dir`` if it has no errors (the result says which).

    By default pages are staged on disk as they are rendered (never all held in memory), and
    a fresh memo compares with what ``out_dir`` holds from the last build and remembers it
    for the next. The preview server passes its session's ``memo`` and holds its pages in
    memory (``finish``): then only the files its build rendered, and the copies, are compared.
    ``progress(stage, done, total)``, if given, hears how far each stage is. Raises
    OutputDirError for a folder that is, holds or lies in the content or site folder.
    """
    check_output_dir(out_dir, opts.source, site_root(opts.source))
    stager = Stager(out_dir) if finish is None else None
    memo = memo if memo is not None else BuildMemo(opts, out_dir=out_dir)
    try:
        result = build(opts, progress, memo=memo, finish=finish or stager)
        if not result.ok:
            return result
        only = None if stager is not None else {
            *result.rendered, *(f for f, o in result.outputs.items() if isinstance(o, Copied))}
        stats = write_outputs(result, out_dir, only=only, staged_tree=stager.tree if stager else None,
                              progress=progress)
        memo.renders.save_state()
    finally:
        if stager is not None:
            stager.discard()
    return replace(result, stats=replace(result.stats, written=stats.written))


def check_output_dir(out_dir: Path, source: Path, project: Path) -> None:
    """Refuse an output folder that is, contains, or lies inside the source or the project root."""
    out = out_dir.resolve()
    for name, guarded in (("the content folder", source.resolve()), ("the site folder", project.resolve())):
        if out == guarded or guarded.is_relative_to(out):
            raise OutputDirError(
                f"refusing to write into '{display_path(out_dir)}': it is or contains {name} ('{display_path(guarded)}')"
            )
    if out.is_relative_to(source.resolve()):
        raise OutputDirError(f"refusing to write into '{display_path(out_dir)}': it is inside the content folder")


def write_outputs(result: BuildResult, out_dir: Path, only=None, staged_tree: Path | None = None,
                  progress=None) -> WriteStats:
    """Write ``result``; with ``only`` (file names), compare and write just those files
    (the preview server knows which it re-rendered). ``staged_tree``: a folder holding the
    staged pages at their own paths (see Stager); where ``out_dir`` does not exist, it
    becomes ``out_dir`` in one rename. ``progress(stage, done, total)``, if given, hears of
    each file."""
    in_place = False
    if staged_tree is not None and not os.path.lexists(out_dir):
        try:
            os.rename(staged_tree, out_dir)
            in_place = True
        except OSError:
            pass  # moved file by file below
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out_dir)
    written = unchanged = 0
    files = sorted(result.outputs.items() if only is None or not previous else (
        (f, result.outputs[f]) for f in only if f in result.outputs))
    made: set[Path] = set()
    for done, (file, output) in enumerate(files):
        if progress is not None:
            progress("write", done, len(files))
        target = out_dir / file
        if isinstance(output, Kept):
            unchanged += 1
            continue
        if isinstance(output, Staged):
            if not in_place:  # else already there: the staging folder became out_dir
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                _move(output.src, target)
            written += 1
            continue
        if isinstance(output, Copied):
            changed = _copy_if_changed(output.src, target)
        else:  # Bytes, Gzipped
            changed = _write_if_changed(target, output.plain())
        written += changed
        unchanged += not changed
    if progress is not None:
        progress("write", len(files), len(files))
    removed = 0
    root = out_dir.resolve()
    for file in sorted(previous - result.outputs.keys(), reverse=True):
        target = out_dir / file
        if not target.parent.resolve().is_relative_to(root):  # a symlinked folder leads elsewhere
            continue
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed += 1
            _prune_empty_parents(target.parent, out_dir)
    manifest = json.dumps(sorted(result.outputs), ensure_ascii=False, indent=0).encode("utf-8")
    _write_if_changed(out_dir / MANIFEST, manifest)
    return WriteStats(written=written, unchanged=unchanged, removed=removed)


class Stager:
    """Keeps a big build's pages out of memory: each rendered page is compared with the file
    already in the output folder (same bytes: kept) or written to a staging folder beside it,
    from where ``write_outputs`` moves it into place once the whole build has succeeded.
    Render workers call it, so pages never travel between processes either."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.stage_dir = out_dir.resolve().parent / f".{out_dir.resolve().name}.plnsite-staging-{os.getpid()}"
        # Into a folder that does not exist yet (a first build, a CI checkout), pages are
        # staged at their own paths, and the staging folder becomes the output folder in
        # one rename. Otherwise staged files lie side by side (not in the output's folder
        # tree): this runs once per page, and a folder per page cost more than the page.
        self.whole_tree = not os.path.lexists(out_dir)
        self._out, self._stage = str(out_dir), str(self.stage_dir)
        self._count = 0
        self._folders: set[str] = set()  # made already (workers forked after that know it)

    @property
    def tree(self) -> Path | None:
        """For write_outputs: the staging folder, where it holds the pages at their own paths."""
        return self.stage_dir if self.whole_tree else None

    def __call__(self, output: Bytes) -> Output:
        body = output.body
        if self.whole_tree:
            staged = os.path.join(self._stage, output.file)
        else:
            if self._on_disk(output.file, body):
                return Kept(file=output.file, url=output.url)
            self._count += 1
            # Render workers share the folder: the process id keeps their names apart.
            staged = os.path.join(self._stage, f"{os.getpid()}-{self._count}")
        folder = os.path.dirname(staged)
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with open(staged, "wb") as handle:
                handle.write(body)
        except OSError:
            return output  # no room beside the output folder: keep it in memory
        return Staged(file=output.file, src=Path(staged), media_type=output.media_type, url=output.url)

    def _on_disk(self, file: str, body: bytes) -> bool:
        """The output folder already holds ``file`` with these bytes."""
        try:
            target = os.path.join(self._out, file)
            if os.stat(target).st_size != len(body):
                return False
            with open(target, "rb") as existing:
                return existing.read() == body
        except OSError:
            return False

    def discard(self) -> None:
        shutil.rmtree(self.stage_dir, ignore_errors=True)


def _move(src: Path, target: Path) -> None:
    try:
        os.replace(src, target)
    except OSError:  # another file system
        shutil.move(src, target)


def _read_manifest(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    # Only relative paths inside the folder: a tampered manifest must not delete elsewhere.
    return {f for f in data if isinstance(f, str) and not f.startswith("/") and ".." not in f.split("/")}


def _write_if_changed(target: Path, body: bytes) -> bool:
    try:
        if target.stat().st_size == len(body) and target.read_bytes() == body:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, body)
    return True


def _copy_if_changed(src: Path, target: Path) -> bool:
    try:
        if target.stat().st_size == src.stat().st_size and target.read_bytes() == src.read_bytes():
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_atomic(src, target)
    return True


def _prune_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
