"""Run the real build of a case: ``plnsite.cli.main(["build", …])`` in this process, its output
captured, under a watchdog that turns a build running past its budget into a reported hang.

In-process builds are fast (no interpreter start-up per example). ``-j 1`` keeps the build in
this process, so the watchdog's signal reaches it. A case that builds twice (cache damage or
later edits) also builds a third time with ``--no-cache``, to compare.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import signal
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from plnsite.cli import main

from .edits import Case, damage_cache
from .seed import render

__all__ = ["BUILD_SECONDS", "Build", "Hang", "Run", "run_case"]

BUILD_SECONDS = 20.0  # a build of the seed site takes a fraction of a second: 20 s is a hang


class Hang(BaseException):
    """Raised in the build by the watchdog. A BaseException, so no ``except Exception`` in
    plnsite can take it for a problem of the content and carry on."""


@dataclass(frozen=True)
class Build:
    """What one ``plnsite build`` did."""

    argv: tuple
    code: int | None  # None: it did not return (an exception escaped, or it hung)
    out: str
    err: str
    error: BaseException | None = None  # what escaped cli.main
    trace: str = ""  # its traceback
    hang: bool = False
    warned: tuple = ()  # Python warnings a user would see (not deprecations)
    output: Path | None = None
    touched: tuple = ()  # files of content/ the build changed, added or removed
    cpu: float = 0.0  # seconds of CPU time the build took
    grew: int = 0  # bytes by which the build raised this process's peak memory
    inspected: tuple | None = None  # what ``inspect`` found in its output, right after it


@dataclass(frozen=True)
class Run:
    root: Path
    builds: tuple  # the build; or first build, build after damage/edits, --no-cache build


@contextlib.contextmanager
def _cwd(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _watchdog(seconds: float):
    """Raise Hang in this (main) thread after ``seconds``; elsewhere, no watchdog."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def ring(signum, frame):
        raise Hang(f"the build ran for more than {seconds:g} s")

    before = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def build(root: Path, output: str, extra: list[str], seconds: float = BUILD_SECONDS) -> Build:
    argv = ["build", "-s", "content", "-o", output, "-j", "1", *extra]
    out, err = io.StringIO(), io.StringIO()
    code, error, trace, hang = None, None, "", False
    before = _snapshot(root / "content")
    cpu, peak = time.process_time(), _peak()
    with warnings.catch_warnings(record=True) as caught, _cwd(root):
        warnings.simplefilter("always")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _watchdog(seconds):
                code = main(argv)
        except Hang as exc:
            error, trace, hang = exc, traceback.format_exc(), True
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: B036 - SystemExit and MemoryError are findings too
            error, trace = exc, traceback.format_exc()
    warned = tuple(f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught
                   if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning)))
    cpu, grew = time.process_time() - cpu, _peak() - peak
    after = _snapshot(root / "content")
    touched = tuple(sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p)))
    return Build(tuple(argv), code, out.getvalue(), err.getvalue(), error, trace, hang, warned, root / output,
                 touched, cpu=cpu, grew=grew)


def _peak() -> int:
    """This process's peak resident memory so far, in bytes (Linux counts kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _snapshot(folder: Path) -> dict:
    """{path: bytes} of every file under ``folder`` (the seed site is small)."""
    found = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            with contextlib.suppress(OSError):
                with open(path, "rb") as handle:
                    found[path] = handle.read()
    return found


def run_case(case: Case, root: Path, seconds: float = BUILD_SECONDS, inspect=None) -> Run:
    """Write the case's site under ``root`` (an empty folder) and build it as the case says.
    ``inspect(build)``, if given, looks at each build's output before the next build changes it."""
    case.site().write(root)
    flags = case.flags.argv()

    def step(output: str, extra: list[str]) -> Build:
        result = build(root, output, extra, seconds)
        return replace(result, inspected=tuple(inspect(result))) if inspect is not None else result

    first = step("public", flags)
    if not case.rebuilds or first.error is not None:
        return Run(root, (first,))
    for damage in case.cache:
        damage_cache(root / ".plnsite-cache", damage)
    if case.later:
        _rewrite(root, case)
    second = step("public", flags)
    fresh = step("public-no-cache", [*flags, "--no-cache"])
    return Run(root, (first, second, fresh))


def _rewrite(root: Path, case: Case) -> None:
    """The content folder as the case's later edits leave it: changed files rewritten, others
    untouched (as an editor saves), files gone removed."""
    before, after = case.site(), case.site(later=True)
    old = before.docs
    for path in old:
        if path not in after.docs:
            target = root / path
            if target.is_file():
                target.unlink()
    for path, doc in sorted(after.docs.items()):
        data = render(doc)
        if path in old and render(old[path]) == data:
            continue
        target = root / path
        with contextlib.suppress(OSError):  # a name now taken by a folder, or the reverse
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
