"""LinkMemo: what one ``link()`` hands the next, so a preview save re-links only what changed.

The preview server keeps one for its session: each item's Markdown, rendered and with its
links filled (``LinkEntry``), the link index, the tag hubs and the order of the published
notes, each reused while the inputs it was made from are the very same objects (the load
memo hands unchanged items on as they were) or equal in the fields it reads.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..errors import Problem
from ..model import Markdown, MarkdownResult, Rendered
from .remembered import Remembered

__all__ = ["LinkEntry", "LinkMemo", "PublishedNotes"]


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
