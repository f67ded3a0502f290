"""The long run: N fuzzed cases, every failure counted, each new kind shrunk and saved.

Hypothesis stops at the first failing example; a long run must go on and count. So the run is
cut into segments: in each, cases are generated (and counted) until one fails in a way not
seen before; that one is raised, Hypothesis shrinks it to a minimal case (calls made while
shrinking are not counted), the minimal case is saved, and the next segment goes on with the
next seed. Failures of a kind already seen are counted and not raised. A hang is saved as it
was found (shrinking it would cost the watchdog's time per try).
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import pickle
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as seed_of

from .checks import Failure, check_case
from .edits import Case
from .harness import BUILD_SECONDS
from .known import known_as
from .strategies import cases

__all__ = ["Tally", "explore", "replay"]


class _Found(Exception):
    """Raised for a new kind of failure, so that Hypothesis shrinks it."""


def _found() -> None:
    # One place raises: Hypothesis tells failures apart by where they are raised.
    raise _Found


@dataclass
class Tally:
    runs: int = 0
    failing: Counter = field(default_factory=Counter)  # kind (traceback, hang, slow, other) → runs
    failing_new: Counter = field(default_factory=Counter)  # the same, outside KNOWN_ELSEWHERE
    signatures: Counter = field(default_factory=Counter)  # signature → runs
    saved: dict = field(default_factory=dict)  # signature → folder

    def add(self, failures: list[Failure]) -> None:
        self.runs += 1
        for group, found in ((self.failing, failures),
                             (self.failing_new, [f for f in failures if known_as(f) is None])):
            for kind in sorted({_group(f) for f in found}):
                group[kind] += 1
        for signature in {f.signature for f in failures}:
            self.signatures[signature] += 1

    def line(self) -> str:
        def part(counts):
            return (f"{counts['traceback']} tracebacks, {counts['hang']} hangs, "
                    f"{counts['slow']} too slow or too big, {counts['other']} other failures")
        return (f"{self.runs} runs: {part(self.failing)} ({len(self.signatures)} kinds); "
                f"outside KNOWN_ELSEWHERE: {part(self.failing_new)}")


def _backstop(seconds: float) -> None:
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):  # no real stderr
        faulthandler.dump_traceback_later(seconds, exit=True, file=sys.__stderr__)


def _group(failure: Failure) -> str:
    if failure.kind in ("slow", "memory"):
        return "slow"
    return failure.kind if failure.kind in ("traceback", "hang") else "other"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


def _save(folder: Path, failure: Failure, found: Case, minimal: Case | None) -> Path:
    number = 1 + sum(1 for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else 1
    target = folder / f"{number:02d}-{_slug(failure.signature)}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    case = minimal or found
    known = known_as(failure)
    (target / "failure.txt").write_text(
        f"{failure.signature}\n" + (f"known elsewhere: {known}\n" if known else "") + f"\n{failure.evidence}\n",
        encoding="utf-8")
    (target / "case.txt").write_text(
        (f"minimal case:\n{minimal!r}\n\n" if minimal else "") + f"case as found:\n{found!r}\n", encoding="utf-8")
    (target / "case.pickle").write_bytes(pickle.dumps(case))
    case.site().write(target / "site")
    return target


class _Explorer:
    """One long run: its tally, where findings go, and the segment under way."""

    def __init__(self, findings: Path, work: Path, shrink: bool, seconds: float, every: int, out) -> None:
        self.tally = Tally()
        self.findings, self.work, self.shrink, self.seconds, self.every, self.out = \
            findings, work, shrink, seconds, every, out
        self.started = time.monotonic()
        self.target: Failure | None = None  # the new failure this segment shrinks
        self.found: Case | None = None
        self.minimal: tuple | None = None  # (case, failure): the smallest case that still fails so

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def one(self, case: Case) -> None:
        """Hypothesis' test function: build the case and check it."""
        (self.findings / "last-case.pickle").write_bytes(pickle.dumps(case))
        # The hard backstop: a build stuck where the watchdog's signal cannot reach it (inside
        # C code) ends the process with every thread's stack on stderr.
        _backstop(self.seconds * 3 + 30)
        root = Path(tempfile.mkdtemp(dir=self.work))
        try:
            failures = check_case(case, root, self.seconds)[1]
        finally:
            faulthandler.cancel_dump_traceback_later()
            shutil.rmtree(root, ignore_errors=True)
        if self.target is not None:  # shrinking: only the failure being shrunk counts
            same = [f for f in failures if f.signature == self.target.signature]
            if same:
                self.minimal = case, same[0]
                _found()
            return
        self.count(case, failures)
        if self.target is not None:
            _found()

    def count(self, case: Case, failures: list[Failure]) -> None:
        tally = self.tally
        tally.add(failures)
        new = {f.signature: f for f in failures if f.signature not in tally.saved}
        for failure in new.values():
            tally.saved[failure.signature] = None
            known = known_as(failure)
            self.say(f"new [{tally.runs}]: {failure.signature}" + (f"  (known elsewhere: {known})" if known else ""))
            if self.shrink and failure.kind != "hang" and self.target is None:
                self.target, self.found = failure, case
            else:
                tally.saved[failure.signature] = _save(self.findings, failure, case, None)
        if tally.runs % self.every == 0:
            self.say(f"{tally.line()} [{tally.runs / (time.monotonic() - self.started):.1f} runs/s]")

    def segment(self, seed: int, runs: int, allow_controls: bool) -> bool:
        """Generate up to ``runs`` cases; True when one failed in a new way (it is saved, shrunk)."""
        self.target = self.found = self.minimal = None
        test = settings(max_examples=runs, database=None, deadline=None, phases=[Phase.generate, Phase.shrink],
                        report_multiple_bugs=False, verbosity=Verbosity.quiet,
                        suppress_health_check=list(HealthCheck))(given(cases(allow_controls))(self.one))
        try:
            seed_of(seed)(test)()
        except _Found:
            pass
        except Exception as exc:  # Hypothesis' own complaint (a flaky failure): say so, go on
            self.say(f"fuzzer: {type(exc).__name__}: {str(exc)[:300]}")
        if self.target is None:
            return False
        case, failure = self.minimal if self.minimal is not None else (None, self.target)
        folder = _save(self.findings, failure, self.found, case)
        self.tally.saved[failure.signature] = folder
        self.say(f"  saved ({'shrunk' if case is not None else 'as found'}) → {folder}")
        return True


def explore(runs: int, seed: int, findings: Path, *, shrink: bool = True, seconds: float = BUILD_SECONDS,
            every: int = 100, allow_controls: bool = True, out=None) -> Tally:
    findings.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="plnsite-fuzz-"))
    explorer = _Explorer(findings, work, shrink, seconds, every, out or sys.stdout)
    # Hypothesis warns when it spells out the (large) strategy of a case; that costs nothing here.
    warnings.filterwarnings("ignore", message="Generating overly large repr")
    try:
        segment = 0
        while explorer.tally.runs < runs:
            segment += 1
            if not explorer.segment(seed * 1000 + segment, runs - explorer.tally.runs, allow_controls):
                break  # the segment ran its examples without a new kind of failure: done
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return explorer.tally


def replay(path: Path, seconds: float = BUILD_SECONDS, out=None) -> list[Failure]:
    """Run a saved case again (``case.pickle`` of a finding, or ``last-case.pickle``)."""
    out = out or sys.stdout
    case = pickle.loads(path.read_bytes())
    print(repr(case), file=out)
    with tempfile.TemporaryDirectory(prefix="plnsite-fuzz-") as folder:
        run, failures = check_case(case, Path(folder), seconds)
        for result in run.builds:
            print(f"$ plnsite {' '.join(result.argv)}  → exit {result.code}\n{result.err}", file=out)
    for failure in failures:
        print(f"{failure.signature}\n{failure.evidence}\n", file=out)
    print("no failure" if not failures else f"{len(failures)} failures", file=out)
    return failures
