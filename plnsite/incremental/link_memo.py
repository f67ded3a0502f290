"""LinkMemo: what one ``link()`` hands the next, so a preview save re-links only what changed.

The preview server keeps one for its session: each item's Markdown, rendered and with its
links filled (``LinkEntry``), the link index, the tag hubs and the order of the published
notes, each reused while the inputs it was made from are the very same objects (the load
memo hands unchanged items on as they were) or equal in the fields it reads.
"""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import NamedTuple

from ..errors import Problem
from ..model import Markdown, MarkdownResult, Rendered
from .remembered import Remembered, swapped_positions

__all__ = ["Completed", "LinkEntry", "LinkMemo", "PublishedNotes", "Swaps", "next_run", "swapped_since"]


class LinkEntry(NamedTuple):
    """One item's text as the last link() left it."""

    item: object  # the Note, Page, Reading or Contact it was made from (compared with ``is``)
    markdown: Markdown
    take_title: bool
    result: MarkdownResult | None  # rendered, links not filled (None once dropped, see keep_results)
    index: object | None  # the LinkIndex its links were filled against
    rendered: Rendered | None  # its final HTML
    linked: tuple[str, ...] | None  # the ids it links to
    warnings: tuple[Problem, ...] | None  # its broken links


class PublishedNotes(NamedTuple):
    """The notes of the last run: as loaded, published newest first, and left out."""

    loaded: tuple
    published: tuple
    held: tuple  # (note, reason) pairs
    at: dt.datetime  # the build time they were split at
    due: dt.datetime | None = None  # the earliest date after ``at`` of a note: it comes of age then
    where: dict[str, int] | None = None  # each published note's place in ``published``, once asked for


# Every link() run of the process has its own number (model.LinkRun), whatever its session.
_RUNS = count(1)


def next_run() -> int:
    return next(_RUNS)


class Completed(NamedTuple):
    """What the last link() that ran to its end linked: its items in order, how many of each
    kind (notes, pages, readings, contacts) make them up, and its run's number."""

    ordered: tuple
    layout: tuple[int, int, int, int]
    number: int = 0


class Swaps(NamedTuple):
    """This run's items against the last completed run's: the same ids in the same order, the
    objects at ``positions`` other ones (a save replaces one note of 100,000)."""

    before: tuple
    after: tuple
    positions: list[int]
    layout: tuple[int, int, int, int]

    def pairs(self, kinds: str = "npre") -> list[tuple]:
        """(old, new) of each swapped item of the ``kinds`` named (n, p, r, e: notes, pages,
        readings, contacts)."""
        notes, pages, readings, _ = self.layout
        starts = (0, notes, notes + pages, notes + pages + readings)
        wanted = [(start, end) for kind, start, end in zip("npre", starts, (*starts[1:], len(self.after)))
                  if kind in kinds]
        return [(self.before[i], self.after[i]) for i in self.positions if any(a <= i < b for a, b in wanted)]


def swapped_since(last: Completed | None, ordered: tuple, layout: tuple) -> Swaps | None:
    """The swaps since ``last``, or None where more than objects changed (an item added, removed,
    renamed or moved in the order, or no last run to compare with)."""
    if last is None or last.layout != layout:
        return None
    positions = swapped_positions(last.ordered, ordered)
    return None if positions is None else Swaps(last.ordered, ordered, positions, layout)


class LinkMemo:
    def __init__(self, keep_results: bool = True) -> None:
        # Unfilled Markdown results are needed again only when link targets change (a title
        # edit): with a disk cache, ``render`` gets them back from it, so they need not stay
        # in memory (10,000 notes: ~80 MB).
        self.keep_results = keep_results
        self.spill = None  # spill.HtmlSpill: a one-shot build's texts, out of memory until shown (output.py)
        self.entries: dict[str, LinkEntry] = {}  # by item id
        self.html: dict[str, Rendered] = {}
        self.backlinks: dict[str, tuple[str, ...]] = {}
        self.warnings: dict[str, tuple[Problem, ...]] = {}
        self.index: Remembered | None = None  # ((published items, held pairs), LinkIndex)
        self.tags: Remembered | None = None  # ((items,), (hubs, warnings))
        self.related: Remembered | None = None  # ((note ids, hubs, backlinks, series), related notes)
        self.related_cache = None  # related_cache.RelatedCache: the last build's, on disk
        self.published: PublishedNotes | None = None
        self.network: Remembered | None = None  # ((snapshot, contact ids, tag slugs, settings), Network)
        self.linked: Remembered | None = None  # ((items, LinkIndex), None): what the last link() linked
        self.series: Remembered | None = None  # ((notes,), (series, warnings))
        self.splits: dict[str, Remembered] = {}  # "pages", "readings": ((items, next date due, flags), split)
        self.items: dict | None = None  # the last run's items by id
        self.people: Remembered | None = None  # ((readings, published readings, contacts, private index), people)
        self.published_files: Remembered | None = None  # ((static files, notes, ordered items), files by path)
        self.text_facts: tuple | None = None  # (html, photo copies, a text has a diagram) of the last run
        # The last run, when it ran to its end: then every value above is that run's, and a
        # run whose items are the same ids in the same order patches them (Swaps).
        self.completed: Completed | None = None
