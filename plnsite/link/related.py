"""Related notes: for each note, a few others that share its tags or link with it.

A note scores one point per tag it shares with another, and two more when either links to
the other (wikilinks, Markdown links: what backlinks are made of). Notes of its own series
are left out (the series box lists them). The highest scores win; equal scores go to the
newer note, then by id (the site's order), so the list never depends on file order.

A tag held by many notes is read near the note: of each tag, only the ``_NEAR`` notes
before and after it in date count, so a tag on every note costs a few steps per note, not
the whole site (and the notes nearest in time are the likelier relatives anyway).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ..model import Note, Series, TagHub
from ..text import tag_slug

__all__ = ["RELATED_LIMIT", "related_notes"]

RELATED_LIMIT = 3
_NEAR = 10  # notes on each side, within one tag
_LINK_POINTS = 2


def related_notes(notes: tuple[Note, ...], hubs: Mapping[str, TagHub], backlinks: Mapping[str, tuple[str, ...]],
                  series: Mapping[str, Series], limit: int = RELATED_LIMIT) -> MappingProxyType:
    """Note id → the ids of up to ``limit`` related notes, best first (notes without any left out)."""
    position = {note.id: pos for pos, note in enumerate(notes)}  # newest first
    count = len(notes)
    in_hub = {slug: {note_id: i for i, note_id in enumerate(hub.notes)} for slug, hub in hubs.items() if hub.notes}
    links: dict[str, set[str]] = {note.id: set() for note in notes}
    for target, sources in backlinks.items():
        if target in links:
            for source in sources:
                if source in links and source != target:
                    links[target].add(source)
                    links[source].add(target)
    same_series = {note_id: s.notes for s in series.values() for note_id in s.notes}
    found = {}
    for note in notes:
        near: list[str] = []
        for slug in _slugs(note.tags):
            at = in_hub.get(slug, {}).get(note.id)
            if at is not None:
                near += hubs[slug].notes[max(0, at - _NEAR): at + _NEAR + 1]
        score = Counter(near)
        for other in links[note.id]:
            score[other] += _LINK_POINTS
        for other in (note.id, *same_series.get(note.id, ())):
            score.pop(other, None)
        # Best first: the highest score, then the newest (the lowest position), as one number each.
        best = heapq.nsmallest(limit, [position[other] - points * count for other, points in score.items()])
        if best:
            found[note.id] = tuple(notes[key % count].id for key in best)
    return MappingProxyType(found)


@lru_cache(maxsize=65536)  # thousands of notes share a few tag combinations
def _slugs(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, map(tag_slug, tags))))
