"""write_tree, write_files: a build's files into its output folder, all or nothing.

Into a folder that does not exist yet, the staging folder (staging.py) is filled with every
file and becomes the output folder in one rename. Into one that exists, every new or changed
file is first written under a temporary name beside its place (pending.py), and only when all
of them are written are they renamed into place. A failure (no room, no permission, something
of the user's in the way, a file that can not be removed) removes them all and leaves the
folder as it was; it is reported once per cause, naming the first path and counting the rest.

The manifest (``.plnsite-manifest.json``) lists the files the last build wrote, so that the
next removes the ones it no longer makes and nothing else. Between the first rename and the
last it lists the old files and the new: a build killed in between leaves no file that the
next build would not know as its own.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .atomic import copy_atomic, copy_temp, move_temp, write_atomic, write_temp
from .errors import Level, Loc, Problem
from .model import BuildResult, Copied, Kept, Staged
from .paths import display_path
from .pending import Blocked, PendingWrites, PlaceFailed

__all__ = ["MANIFEST", "WriteStats", "read_manifest", "write_files", "write_tree"]

MANIFEST = ".plnsite-manifest.json"
_REPAIR = "the output folder is partly updated; the next build repairs it"


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    problems: tuple[Problem, ...] = ()  # why the folder was left as it was (errors), or what stayed (warnings)


def write_tree(result: BuildResult, out_dir: Path, tree: Path, progress=None) -> WriteStats | None:
    """Fill the staging tree with the copies and the pages held in memory, then rename it to
    ``out_dir``. None when that cannot be done so (``out_dir`` was made meanwhile)."""
    if any(isinstance(o, Kept) for o in result.outputs.values()):
        return None
    failures = _Failures()
    try:
        tree.mkdir(parents=True, exist_ok=True)  # no page was staged: nothing made it yet
    except OSError as exc:
        failures.add(out_dir, *_cannot(exc))
        return WriteStats(written=0, unchanged=0, removed=0, problems=failures.problems())
    files = sorted(result.outputs.items())
    folders: set[Path] = {tree}
    for done, (file, output) in enumerate(files):
        if progress is not None:
            progress("write", done, len(files))
        if isinstance(output, Staged):
            continue  # at its own path in the tree already
        path = tree / file
        try:
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            if isinstance(output, Copied):
                copy_atomic(output.src, path)
            else:
                write_atomic(path, output.plain())
        except OSError as exc:
            failures.add(out_dir / file, *_cannot(exc, output))
    if progress is not None:
        progress("write", len(files), len(files))
    if not failures:
        try:
            write_atomic(tree / MANIFEST, _manifest(result.outputs))
        except OSError as exc:
            failures.add(out_dir / MANIFEST, *_cannot(exc))
    if failures:
        return WriteStats(written=0, unchanged=0, removed=0, problems=failures.problems())
    try:
        os.rename(tree, out_dir)
    except OSError as exc:
        if os.path.lexists(out_dir):
            return None  # made meanwhile: written file by file
        failures.add(out_dir, *_cannot(exc))
        return WriteStats(written=0, unchanged=0, removed=0, problems=failures.problems())
    return WriteStats(written=len(files), unchanged=0, removed=0)


def write_files(result: BuildResult, out_dir: Path, only=None, progress=None, before_commit=None) -> WriteStats:
    """Write ``result`` into ``out_dir`` file by file, all or nothing (see above); ``only``,
    ``progress``, ``before_commit``: as write_outputs (output.py) says."""
    previous = read_manifest(out_dir)
    going = previous - result.outputs.keys()
    pending = PendingWrites(out_dir, going)
    try:
        return _write_pending(result, out_dir, only, progress, before_commit, previous, pending)
    except BaseException:  # interrupted (Ctrl-C): no temporary file stays behind
        pending.rollback()
        raise


def _write_pending(result: BuildResult, out_dir: Path, only, progress, before_commit, previous: set[str],
                   pending: PendingWrites) -> WriteStats:
    outputs = result.outputs
    files = sorted(outputs.items() if only is None or not previous else (
        (f, outputs[f]) for f in only if f in outputs))
    failures = _Failures()
    try:
        pending.make_root()
    except OSError as exc:
        pending.rollback()
        failures.add(out_dir, *_cannot(exc))
        return WriteStats(written=0, unchanged=0, removed=0, problems=failures.problems())
    unchanged = 0
    for done, (file, output) in enumerate(files):
        if progress is not None:
            progress("write", done, len(files))
        if isinstance(output, Kept):  # most files of a warm build: no path made for them
            unchanged += 1
            continue
        target = out_dir / file
        try:
            if isinstance(output, Staged):  # the Stager compared it already
                pending.add(file, lambda path, src=output.src: move_temp(src, path))
            elif isinstance(output, Copied):
                if _same_copy(output.src, target):
                    unchanged += 1
                else:
                    pending.add(file, lambda path, src=output.src: copy_temp(src, path))
            else:  # Bytes, Gzipped
                body = output.plain()
                if _same_bytes(target, body):
                    unchanged += 1
                else:
                    pending.add(file, lambda path, body=body: write_temp(path, body))
        except Blocked as exc:
            failures.add(target, "cannot write", str(exc))
        except OSError as exc:
            failures.add(target, *_cannot(exc, output))
    if progress is not None:
        progress("write", len(files), len(files))
    old = _old_files(pending.going, out_dir, failures)
    if failures:
        pending.rollback()
        return WriteStats(written=0, unchanged=unchanged, removed=0, problems=failures.problems())
    # (The manifest is rewritten only when the files it names change: at 10,000 notes it is big.)
    if not pending and not old:
        try:
            if outputs.keys() != previous:
                _write_if_changed(out_dir / MANIFEST, _manifest(outputs))
        except OSError as exc:  # the files are right; the next build tries again
            return WriteStats(0, unchanged, 0, (_warning(out_dir / MANIFEST, *_cannot(exc)),))
        return WriteStats(written=0, unchanged=unchanged, removed=0)
    listed = previous
    try:
        if before_commit is not None:
            before_commit()
        # Until the end, the manifest names the old files and the new: a build killed
        # midway leaves none that the next build would not know as its own.
        if not outputs.keys() <= previous:
            listed = previous | outputs.keys()
            _write_if_changed(out_dir / MANIFEST, _manifest(listed))
    except OSError as exc:
        pending.rollback()
        failures.add(out_dir / MANIFEST, *_cannot(exc))
        return WriteStats(written=0, unchanged=unchanged, removed=0, problems=failures.problems())
    removed = 0
    stayed: list[Problem] = []
    try:
        pending.put_in_place(late=False)
        removed, kept = _remove(old, out_dir, stayed)
        pending.put_in_place(late=True)
        if outputs.keys() | kept != listed:
            _write_if_changed(out_dir / MANIFEST, _manifest(outputs.keys() | kept))
    except PlaceFailed as exc:
        pending.rollback()
        failures.add(exc.target, "cannot write", f"{_reason(exc.error)} ({_REPAIR})")
    except OSError as exc:
        failures.add(out_dir / MANIFEST, "cannot write", f"{_reason(exc)} ({_REPAIR})")
    return WriteStats(written=pending.placed, unchanged=unchanged, removed=removed,
                      problems=failures.problems() + tuple(stayed))


def _old_files(going: set[str], out_dir: Path, failures: _Failures) -> list[Path]:
    """The files of the last build that this one drops and that are there to remove; those
    that could not be removed are failures (found before anything is written)."""
    root = out_dir.resolve()
    old = []
    for file in sorted(going, reverse=True):
        target = out_dir / file
        if not target.parent.resolve().is_relative_to(root):  # a symlinked folder leads elsewhere
            continue
        if target.is_file() or target.is_symlink():
            if not os.access(target.parent, os.W_OK):
                failures.add(target, "cannot remove", "permission denied")
            old.append(target)
    return old


def _remove(old: list[Path], out_dir: Path, stayed: list[Problem]) -> tuple[int, set[str]]:
    """Remove the last build's files this one dropped; (how many, those that stayed)."""
    removed, kept = 0, set()
    for target in old:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            kept.add(target.relative_to(out_dir).as_posix())
            stayed.append(_warning(target, "cannot remove", f"{_reason(exc)} (the next build tries again)"))
            continue
        removed += 1
        _prune_empty_parents(target.parent, out_dir)
    return removed, kept


class _Failures:
    """Paths that could not be written, one problem per cause: the first path is named, the
    rest counted."""

    def __init__(self) -> None:
        self._paths: dict[tuple[str, str], list[Path]] = {}

    def add(self, path: Path, what: str, reason: str) -> None:
        self._paths.setdefault((what, reason), []).append(path)

    def __bool__(self) -> bool:
        return bool(self._paths)

    def problems(self) -> tuple[Problem, ...]:
        found = []
        for (what, reason), paths in self._paths.items():
            more = len(paths) - 1
            tail = f" (and {more} more file{'s' * (more != 1)})" if more else ""
            first = min(paths, key=lambda p: p.as_posix())
            found.append(Problem(Loc(display_path(first)), Level.ERROR, f"{what}: {reason}{tail}"))
        return tuple(sorted(found, key=lambda p: p.sort_key))


def _cannot(exc: OSError, output=None) -> tuple[str, str]:
    """(what could not be done, why) for an OSError of writing ``output``."""
    src = getattr(output, "src", None)
    if isinstance(output, Copied) and exc.filename is not None and os.fspath(exc.filename) == os.fspath(src):
        return f"cannot copy '{display_path(src)}'", _reason(exc)
    return "cannot write", _reason(exc)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _warning(path: Path, what: str, reason: str) -> Problem:
    return Problem(Loc(display_path(path)), Level.WARNING, f"{what}: {reason}")


def _manifest(files) -> bytes:
    # ASCII with escapes: a file name may hold any character, a control character too
    return json.dumps(sorted(files), indent=0).encode("ascii")


def read_manifest(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, list):
        return set()
    # Only relative paths inside the folder: a tampered manifest must not delete elsewhere.
    return {f for f in data if isinstance(f, str) and not f.startswith("/") and ".." not in f.split("/")}


def _write_if_changed(target: Path, body: bytes) -> bool:
    if _same_bytes(target, body):
        return False
    write_atomic(target, body)
    return True


def _same_bytes(target: Path, body: bytes) -> bool:
    try:
        return target.stat().st_size == len(body) and target.read_bytes() == body
    except OSError:
        return False


def _same_copy(src: Path, target: Path) -> bool:
    try:
        return target.stat().st_size == src.stat().st_size and target.read_bytes() == src.read_bytes()
    except OSError:
        return False


def _prune_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
