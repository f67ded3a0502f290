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
    """A one-line bar on stderr, only when stderr is a terminal."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        self.stream.write(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
