"""Series: notes that share ``series: <name>`` in their front matter, in reading order.

A series is its slug (``tag_slug`` of the name: ``Learning Rust`` and ``learning-rust`` are one
series), shown under the name its first part spells. Its parts are ordered by ``series_order:``
where a note gives one (1, 2, 3…), the others after them, oldest first; equal keys by id.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType

from ..errors import Problems
from ..model import Note, Series
from ..text import tag_slug

__all__ = ["collect_series", "series_order"]


def series_order(note: Note) -> tuple:
    """Where a note stands in its series: numbered parts first, by number; then by date; then id."""
    numbered = note.series_order is not None
    return (not numbered, note.series_order if numbered else 0, note.date, note.id)


def collect_series(notes, problems: Problems) -> MappingProxyType:
    """Series by slug (sorted), each with its notes' ids in reading order."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for note in notes:
        if note.series is None:
            continue
        slug = tag_slug(note.series)
        if not slug:
            problems.warning(note.series_loc or note.loc,
                             f"series '{note.series}' has no letters or digits: the note is in no series")
            continue
        groups[slug].append(note)
    found = {}
    for slug in sorted(groups):
        parts = sorted(groups[slug], key=series_order)
        _say_if_numbered_twice(parts, problems)
        found[slug] = Series(slug=slug, name=parts[0].series.strip(), notes=tuple(n.id for n in parts))
    return MappingProxyType(found)


def _say_if_numbered_twice(parts: list[Note], problems: Problems) -> None:
    seen: dict[int, Note] = {}
    for note in parts:
        if note.series_order is None:
            continue
        first = seen.setdefault(note.series_order, note)
        if first is not note:
            problems.warning(note.series_loc or note.loc,
                             f"series_order {note.series_order} is given to {first.loc.path} too: "
                             "the older of the two comes first")
