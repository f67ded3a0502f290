"""The progress bar: it moves while a stage runs, on a terminal only.

The real CLI runs in a subprocess whose stderr is a pseudo-terminal; every frame it draws
("\\r<stage> [###...] done/total") is read back from the terminal's other end.
"""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys

import pytest

from plnsite.report import Progress
from tests.conftest import ROOT

needs_a_terminal = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

FRAME = re.compile(r"^(\w+) +\[([#.]+)\] (\d+)/(\d+)")
NOTES = 60


def notes(count: int = NOTES) -> dict[str, str]:
    return {
        f"notes/2024-01-{n % 28 + 1:02d}-note-{n}.md":
            f"---\ntitle: Note {n}\ntags: [t{n % 7}, shared]\n---\nBody of note {n}, see [[note-{max(n - 1, 0)}]].\n"
        for n in range(count)
    }


def plnsite(*argv: str, tty: bool = True) -> tuple[int, str, str]:
    """``python -m plnsite ARGV`` in the current folder → (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "plnsite", *argv]
    if not tty:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr
    leader, follower = os.openpty()
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
                          env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            if not select.select([leader], [], [], 300)[0]:
                proc.kill()  # a hung build fails the test rather than the whole run
                break
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: every copy of the terminal's end was closed
                break
            if not data:
                break
            chunks.append(data)
        out = proc.stdout.read().decode("utf-8")
        code = proc.wait(timeout=300)
    os.close(leader)
    return code, out, b"".join(chunks).decode("utf-8")


def frames(err: str) -> list[tuple[str, int, int]]:
    """(stage, done, total) of every frame drawn, in order."""
    found = []
    for piece in err.split("\r"):
        match = FRAME.match(piece)
        if match:
            found.append((match[1], int(match[3]), int(match[4])))
    return found


def counts(err: str, stage: str) -> list[int]:
    seen = [(done, total) for name, done, total in frames(err) if name == stage]
    assert seen, f"no {stage!r} frames in {err!r}"
    totals = {total for _, total in seen}
    assert len(totals) == 1, totals
    done = [d for d, _ in seen]
    assert done == sorted(done), "the bar never goes back"
    assert done[0] == 0 and done[-1] == totals.pop(), "from 0 to the end"
    return done


def assert_moves(err: str, stage: str) -> None:
    done = counts(err, stage)
    assert len(set(done)) >= 4, f"{stage}: {done} (0, then at least two steps, then the end)"


@needs_a_terminal
def test_a_build_on_a_terminal_shows_each_stage_moving(site_factory):
    site_factory(notes())
    code, out, err = plnsite("build", "-j", "1", "--no-cache")
    assert code == 0, err
    assert out.startswith("built ")
    stages = list(dict.fromkeys(name for name, _, _ in frames(err)))
    assert stages == ["load", "markdown", "render", "write"]
    for stage in ("load", "markdown", "render"):
        assert_moves(err, stage)
    assert err.endswith("\r\033[K"), "the bar is cleared before the summary"


@needs_a_terminal
def test_a_warm_build_shows_the_few_pages_it_renders_moving(site_factory):
    content = site_factory(notes())
    assert plnsite("build", "-j", "1", tty=False)[0] == 0
    note = content / "notes" / "2024-01-01-note-0.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    code, _, err = plnsite("build", "-j", "1")
    assert code == 0, err
    done = counts(err, "render")
    assert done[-1] < NOTES, "most pages are kept as they are on disk"
    assert len(set(done)) >= 4, done
    assert counts(err, "markdown")[-1] == 1, "one note's Markdown, the others from the cache"


@needs_a_terminal
def test_check_on_a_terminal_shows_its_pages_being_checked(site_factory):
    site_factory(notes())
    code, out, err = plnsite("check")
    assert code == 0, out
    assert out.startswith("check: no problems found")
    assert_moves(err, "check")
    assert counts(err, "check")[-1] > NOTES  # every HTML page: notes, lists, tags…
    assert err.endswith("\r\033[K")


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(site_factory):
    site_factory(notes(20))
    code, out, err = plnsite("build", tty=False)
    assert (code, err) == (0, "") and out.startswith("built ")
    code, out, err = plnsite("check", tty=False)
    assert (code, err) == (0, "") and out.startswith("check: no problems found")


# --------------------------------------------------------------------------- the parts


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_each_whole_percent_once_and_clears():
    stream = FakeTerminal()
    progress = Progress(stream)
    for done in range(0, 1001):
        progress("render", done, 1000)
    drawn = frames(stream.getvalue())
    assert [d for _, d, _ in drawn] == list(range(0, 1001, 10))
    progress.clear()
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_is_silent_off_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress("render", 1, 2)
    progress.clear()
    assert stream.getvalue() == ""
