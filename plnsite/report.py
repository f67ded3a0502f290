"""What a build says on the console: problems, a progress bar on a terminal, a summary."""

from __future__ import annotations

import contextlib
import sys

from .errors import BuildFailed, ConfigError, OutputDirError, count_line
from .model import BuildStats

__all__ = ["Progress", "as_build_failure", "count_line", "print_problems", "summary_line"]


def print_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(str(problem), file=stream)


@contextlib.contextmanager
def as_build_failure(what: str = "build", outcome: str = "nothing was written"):
    """A site that cannot be built at all (no content folder, site.yaml or the theme unusable,
    the output folder refused) ends as a build with errors does: its problem lines, then one
    summary line (``build failed: 1 error; nothing was written``) from the BuildFailed raised."""
    try:
        yield
    except (ConfigError, OutputDirError) as exc:
        problems = exc.as_problems()
        print_problems(problems)
        raise BuildFailed(problems, what, outcome) from None


def summary_line(stats: BuildStats, out_dir: str, written: int | None = None) -> str:
    tail = f" ({written} changed)" if written is not None else ""
    return (f"built {stats.pages} pages, {stats.feeds} feeds, {stats.files} files in "
            f"{stats.seconds:.2f} s → {out_dir}{tail}")


class Progress:
    """A one-line bar on stderr, only when stderr is a terminal (CI logs stay clean).

    ``progress(stage, done, total)`` may be called for every item: the line is redrawn only
    when the stage or the whole percentage changes, and at the end of a stage.
    """

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False
        self._drawn: tuple | None = None  # (stage, percent, done at the end) last drawn

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        done = min(done, total)
        drawn = (stage, 100 * done // total, done == total)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        width = 30
        filled = width * done // total
        # "\033[K" clears what a longer line of the stage before left behind.
        self.stream.write(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}\033[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
        self._drawn = None
