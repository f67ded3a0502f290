"""Problems (collected, with a location) and the few exceptions plnsite raises.

Exception tree (each knows its exit code; only ``cli.main`` catches them)::

    PlnsiteError            exit 1
    ├── UsageError          exit 2   bad command-line use
    ├── ConfigError         exit 1   site.yaml missing or unusable
    ├── OutputDirError      exit 1   refused output folder
    ├── DeployError         exit 1   deploy refused (no git repository, no remote) or git failed
    └── BuildFailed         exit 1   a build with errors (carries its problems; shows one summary line)
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .pickling import by_field_names

__all__ = [
    "BuildFailed",
    "ConfigError",
    "DeployError",
    "Level",
    "Loc",
    "OutputDirError",
    "PlnsiteError",
    "Problem",
    "Problems",
    "UsageError",
    "count_line",
]


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a file, as the user would type it (``content/notes/x.md:12``)."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __repr__(self) -> str:
        # The dataclass's own text, without its guard against recursion (two str/int fields
        # cannot recurse): ~2x quicker, and every item's digest (changes.py) reprs two of these.
        return f"{type(self).__qualname__}(path={self.path!r}, line={self.line!r})"


# Line breaks and control characters that a value or a file name brings into a problem are
# shown escaped ("\n", "\x1b"): a problem stays one line, and a terminal never acts on them.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], text)


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    loc: Loc | None
    level: Level
    message: str
    in_theme: bool = False  # a template's: sorted first, since it may explain the problems after it

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        return _one_line(f"{where}{self.level.value}: {self.message}")

    @property
    def sort_key(self) -> tuple:
        return (not self.in_theme, self.loc.path if self.loc else "", (self.loc.line or 0) if self.loc else 0,
                self.message)


class Problems:
    """A collector that stages append to; frozen into a tuple when handed on."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, loc: Loc | None, message: str) -> None:
        self._items.append(Problem(loc, Level.ERROR, message))

    def warning(self, loc: Loc | None, message: str) -> None:
        self._items.append(Problem(loc, Level.WARNING, message))

    def extend(self, problems) -> None:
        self._items.extend(problems)

    def freeze(self) -> tuple[Problem, ...]:
        return tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)


def has_errors(problems) -> bool:
    return any(p.level is Level.ERROR for p in problems)


def count_line(problems) -> str:
    """``2 errors, 1 warning`` (empty when there are none)."""
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


class PlnsiteError(Exception):
    exit_code = 1

    def show(self) -> str:
        return f"error: {self}"

    def as_problems(self) -> tuple[Problem, ...]:
        """What went wrong as problem lines (one, without a place, unless a subclass knows it)."""
        return (Problem(None, Level.ERROR, str(self)),)


class UsageError(PlnsiteError):
    exit_code = 2


class ConfigError(PlnsiteError):
    """site.yaml missing or unusable; ``problems`` (if any) say where, as ``path:line: message``."""

    def __init__(self, message: str, problems=()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    def show(self) -> str:
        return "\n".join(str(p) for p in self.problems) if self.problems else super().show()

    def as_problems(self) -> tuple[Problem, ...]:
        return self.problems or super().as_problems()


class OutputDirError(PlnsiteError):
    pass


class DeployError(PlnsiteError):
    pass


class BuildFailed(PlnsiteError):
    """The problems were already printed; this is the one line that ends a failed build:
    ``build failed: 2 errors, 1 warning; nothing was written``."""

    def __init__(self, problems, what: str = "build", outcome: str = "nothing was written") -> None:
        super().__init__(f"{what} failed: {count_line(problems)}; {outcome}")
        self.problems = tuple(problems)

    def show(self) -> str:
        return str(self)


by_field_names(globals(), __name__)  # pickling.py: the same pickles, without fields() per object
