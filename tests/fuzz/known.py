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


KNOWN_ELSEWHERE: dict[str, Known] = {
    # Control characters reach the feed writer (a traceback), pages and feeds.
    "control characters": Known(
        fixed_in="sources.py, load/, text.py, render/feeds.py (values of any byte)",
        example="Body('content/notes/2024-01-10-first-note.md', 'pln\\x1b[32mpln\\n'): ValueError: All strings "
                "must be XML compatible (render/feeds.py); in a page body the ESC reaches the HTML",
        matches=lambda f: (f.where.startswith("ValueError in plnsite/render/feeds.py")
                           and "XML compatible" in f.evidence)
        or (f.kind == "output" and "a control character in" in f.where),
    ),
    # An output name the file system refuses: a slug or tag over 255 bytes, or a temporary
    # file's name made from a long file name.
    "long names": Known(
        fixed_in="text.py, load/ (name caps); atomic.py (temporary names)",
        example="AddFile('content/static/' + 'é' * 120 + '.md'): OSError [Errno 36] File name too long in "
                "atomic.py:_replace, whose temporary name adds 13 bytes to the 245 of the file's",
        matches=lambda f: "[errno 36]" in f.where and ("plnsite/output.py" in f.where
                                                        or "plnsite/atomic.py" in f.where),
    ),
    # A flipped bit or a cut file in .plnsite-cache/ changes what is built, or crashes it.
    "damaged cache": Known(
        fixed_in="incremental/ (a verified cache)",
        example="CacheDamage('flip', 9, flips=((1007, 0),)) after a first build: the cached Markdown of a note "
                "now links '2124-01-10-first-note.md' and the build fails where --no-cache passes",
        matches=lambda f: f.where.startswith("after cache damage: "),
    ),
    # A warm build (the cache of the build before, then an edit) that differs from a cold one.
    "stale warm build": Known(
        fixed_in="incremental/ (what a page depends on)",
        example="Remove('content/notes/2024-02-14-second-note.md'), build, then SetKey(first note, 'title', 'pln'), "
                "build: reading/index.html still shows the old title in the text of [[first-note]] in a reading's "
                "notes (a --no-cache build shows 'pln')",
        matches=lambda f: f.where.startswith("after edits, from the cache: "),
    ),
}


def known_as(failure: Failure) -> str | None:
    """The name of the class in KNOWN_ELSEWHERE that ``failure`` belongs to, if any."""
    for name, known in KNOWN_ELSEWHERE.items():
        if known.matches(failure):
            return name
    return None
