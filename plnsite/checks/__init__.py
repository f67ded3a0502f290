"""check_outputs: what ``plnsite check`` finds in a built site beyond the build's own problems.

    links.py    broken internal links and missing #anchors in every HTML page
    locate.py   the source file:line that holds a broken link
    feeds.py    RSS, Atom, JSON Feed, OPML and sitemap that readers would reject

It reads outputs in memory (a ``BuildResult.outputs`` mapping) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..errors import Level, Loc, Problem
from ..model import Output
from .feeds import check_document
from .links import BrokenLink, find_broken_links
from .locate import SourceLocator

__all__ = ["BrokenLink", "SourceLocator", "check_outputs"]

Locator = Callable[[BrokenLink], Loc | None]


def check_outputs(outputs: Mapping[str, Output], base_url: str, locate: Locator | None = None,
                  progress=None, jobs: int | None = 1,
                  unrendered: frozenset[str] = frozenset()) -> tuple[Problem, ...]:
    """Problems of the built files: links and anchors (placed by ``locate``), then feeds.
    Pages are read in ``jobs`` processes; ``progress(stage, done, total)`` hears of them.

    A broken link that ``locate`` cannot place is reported on the output file that holds it
    (unless it was placed on another page: a note's summary on a list page); the same one on
    many pages (a theme's link) is reported once, with the count. Links to ``unrendered``
    files (pages the build meant to make, whose template failed) are not reported.
    """
    problems: dict[Problem, None] = {}
    unplaced: dict[str, list[str]] = {}
    for link in find_broken_links(outputs, base_url, progress, jobs, unrendered):
        loc = locate(link) if locate is not None else None
        if loc is None:
            unplaced.setdefault(link.message, []).append(link.page)
        else:
            problems[Problem(loc, Level.ERROR, link.message)] = None
    placed = {p.message for p in problems}
    for message, pages in unplaced.items():
        if message in placed:
            continue  # the same link, shown again on a list page (a summary): reported at its source
        pages = sorted(set(pages))
        more = f" (and on {len(pages) - 1} other page{'s' * (len(pages) != 2)})" if len(pages) > 1 else ""
        problems[Problem(Loc(pages[0]), Level.ERROR, message + more)] = None
    for file, output in sorted(outputs.items()):
        if output.body is not None:
            problems.update(dict.fromkeys(check_document(file, output.body, output.media_type)))
    return tuple(sorted(problems, key=lambda p: p.sort_key))
