"""Site search: a Pagefind index of the built pages (Pagefind's one home in plnsite).

Only pages that opt in are indexed: a page whose markup holds an element with
``data-pagefind-body`` (the default theme marks the main content of notes, pages, readings and
the network page) and that does not ask robots not to index it. Every other page — drafts
(never built), the 404 page, tag lists, pages another part of plnsite adds later — stays out
by default, whatever it shows. Pagefind itself then reads only those elements of those pages.

``index_pages`` writes the chosen pages into a work folder, lets Pagefind index that folder,
and returns the bundle (the index, Pagefind's scripts and its WebAssembly) as outputs under
``pagefind/``, to be written or served like every other file. Pagefind's output is a function
of the pages' bytes: the same pages give byte-identical files (tests/test_search.py checks).
When Pagefind cannot run here (no binary for this platform, a binary that fails), the
result says so in one warning and the site is built without an index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Level, Problem
from ..model import Bytes
from .binary import pagefind_binary
from .stable import stabilise

__all__ = ["BUNDLE_DIR", "IndexResult", "index_pages", "is_indexed", "pagefind_version"]

BUNDLE_DIR = "pagefind"  # where the bundle goes, relative to the site root
_TIMEOUT = 30 * 60  # seconds: a binary that hangs must not hang the build

# An opening tag carrying the attribute (text never matches: its "<" is escaped as &lt;).
_OPT_IN = re.compile(rb"<[A-Za-z][^<>]*?\sdata-pagefind-body(?=[\s=/>])")
_NOINDEX = re.compile(rb"<meta\s[^<>]*?name=[\"']?robots[\"']?[^<>]*?noindex", re.IGNORECASE)

_MEDIA = {
    ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
}  # the rest (index chunks, fragments, the WebAssembly) is gzip data Pagefind's script unpacks itself


def is_indexed(html: bytes) -> bool:
    """Whether a built page opts in to the index (and does not opt out as a whole)."""
    head = html[: html.find(b"</head>")] if b"</head>" in html else html
    return _OPT_IN.search(html) is not None and _NOINDEX.search(head) is None


@dataclass(frozen=True)
class IndexResult:
    """What indexing made: the bundle's files as outputs (None when Pagefind could not run), how
    many pages it indexed, and the problems to report."""

    files: dict[str, Bytes] | None
    pages: int
    problems: tuple[Problem, ...] = ()


def index_pages(pages: Iterable[tuple[str, bytes]], work: Path) -> IndexResult:
    """Index the pages that opt in, of ``(output file, bytes)`` pairs. ``work``: a folder this
    call may fill and empties again."""
    site, bundle = work / "site", work / "bundle"
    shutil.rmtree(work, ignore_errors=True)
    count = 0
    try:
        for file, html in pages:
            if file.endswith(".html") and is_indexed(html):
                target = site / file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(html)
                count += 1
        if not count:
            return IndexResult({}, 0)
        _run_pagefind(site, bundle)
        files = _read_bundle(bundle)
        if not files:
            return IndexResult(None, count, (_cannot_run(RuntimeError("it wrote no index")),))
        return IndexResult(files, count)
    except OSError as exc:  # no room for its work folder, a binary that cannot start
        return IndexResult(None, count, (_cannot_run(exc),))
    except (RuntimeError, subprocess.SubprocessError) as exc:  # a binary that fails or hangs
        return IndexResult(None, count, (_cannot_run(exc),))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_pagefind(site: Path, bundle: Path) -> None:
    """Pagefind's indexer on ``site``, its bundle into ``bundle``: the binary run as a command and
    waited for. (Driven through pagefind's Python API, which stops the binary's service as soon
    as it answers that the files are written, a build under load once read an empty file of the
    bundle; the command has written every file when it exits, and answers at once where the API
    polls every 0.1 s.)"""
    binary = pagefind_binary()  # the binary pagefind_bin ships, or PAGEFIND_BINARY_PATH
    if binary is None:
        raise RuntimeError("Pagefind has no binary for this platform")
    done = subprocess.run([str(binary), "--site", str(site), "--output-path", str(bundle), "--silent"],
                          capture_output=True, text=True, errors="replace", timeout=_TIMEOUT)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f"it exited with status {done.returncode}" + (f": {said[0]}" if said else ""))


def _read_bundle(bundle: Path) -> dict[str, Bytes]:
    raw = {}
    for folder, dirs, names in os.walk(bundle):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            raw[path.relative_to(bundle).as_posix()] = path.read_bytes()
    files = {}
    for rel, body in sorted(stabilise(raw).items()):
        file = f"{BUNDLE_DIR}/{rel}"
        media = _MEDIA.get(Path(rel).suffix, "application/octet-stream")
        files[file] = Bytes(file=file, body=body, media_type=media, url=file)
    return files


def _cannot_run(exc: BaseException) -> Problem:
    reason = (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)).strip() or type(exc).__name__
    if isinstance(exc, OSError) and exc.filename:
        reason = f"{reason}: {exc.filename}"
    return Problem(None, Level.WARNING,
                   f"search: the search index could not be made ({reason}); the site is built without one "
                   "(its /search/ page says so)")


def pagefind_version() -> str | None:
    """The installed Pagefind's version (benchmarks and messages), None without it."""
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:
        return None
