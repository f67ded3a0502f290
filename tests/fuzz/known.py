"""Failure classes being fixed elsewhere: the short run in the test suite tolerates them.

Each entry names a class of failures that another part of issue 14 fixes, with a minimal
example the fuzzer found, and how to recognise it. Once those fixes are merged, empty
``KNOWN_ELSEWHERE``: the in-suite run then fails on any of them again. The long run counts
them apart (``python -m tests.fuzz`` prints both figures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .checks import Failure

__all__ = ["KNOWN_ELSEWHERE", "Known", "known_as"]


@dataclass(frozen=True)
class Known:
    fixed_in: str  # the part of the code (and of the issue) where the fix belongs
    example: str  # a minimal case that shows it
    matches: Callable[[Failure], bool]


# Empty: the classes found while the rest of issue 14 was being fixed (control characters,
# long names, a damaged cache, stale warm builds) are fixed, and the suite fails on them again.
KNOWN_ELSEWHERE: dict[str, Known] = {}


def known_as(failure: Failure) -> str | None:
    """The name of the class in KNOWN_ELSEWHERE that ``failure`` belongs to, if any."""
    for name, known in KNOWN_ELSEWHERE.items():
        if known.matches(failure):
            return name
    return None
