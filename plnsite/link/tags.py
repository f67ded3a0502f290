"""One Tag per slug: ``Machine Learning`` and ``machine-learning`` are the same tag.

Spellings that differ only in case, spaces, hyphens and underscores fold into one tag
silently; spellings that differ in more (``café`` and ``cafe``, ``C/C++`` and ``C C++``)
fold too, since a tag is its slug, but the build says so, once per tag.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from types import MappingProxyType

from ..errors import Loc, Problems
from ..model import Tag, TagHub
from ..text import tag_slug

__all__ = ["collect_tags"]

_SEPARATORS = re.compile(r"[\s_\-]+")


def collect_tags(notes, readings, contacts, problems: Problems) -> MappingProxyType:
    """Tag hubs by slug (sorted), each listing the ids under it in the given orders."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, dict[str, Loc]] = defaultdict(dict)  # slug → spelling → its first place
    members: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"notes": [], "readings": [], "contacts": []})
    for group, items in (("notes", notes), ("readings", readings), ("contacts", contacts)):
        for item in items:
            seen: set[str] = set()
            where = getattr(item, "tags_loc", None) or item.loc
            for spelling in item.tags:
                slug = tag_slug(spelling)
                if not slug:
                    problems.warning(where, f"tag '{spelling}' has no letters or digits and is left out")
                    continue
                spellings[slug][spelling] += 1
                first = places[slug].get(spelling)
                if first is None or _order(where) < _order(first):
                    places[slug][spelling] = where
                if slug not in seen:
                    seen.add(slug)
                    members[slug][group].append(item.id)
    hubs = {}
    for slug in sorted(spellings):
        # Most frequent spelling wins; ties go to the alphabetically first.
        ranked = sorted(spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))
        name = ranked[0][0]
        if len(ranked) > 1:
            _say_if_folded(slug, [s for s, _ in ranked], places[slug], problems)
        found = members[slug]
        hubs[slug] = TagHub(
            tag=Tag(slug=slug, name=name), notes=tuple(found["notes"]),
            readings=tuple(found["readings"]), contacts=tuple(found["contacts"]),
        )
    return MappingProxyType(hubs)


def _order(loc: Loc) -> tuple:
    return (loc.path, loc.line or 0)


def _loose(spelling: str) -> str:
    """What is left of a spelling once case, spaces, hyphens and underscores are ignored."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", spelling).casefold())


def _say_if_folded(slug: str, ranked: list[str], places: dict[str, Loc], problems: Problems) -> None:
    """One warning for a tag whose spellings differ in more than case and separators.

    Each kind of spelling is named by its most used form, and where that is first used; the
    warning stands at the first of those places other than the shown spelling's.
    """
    kinds: dict[str, list[str]] = {}  # loose form → its spellings, most used first
    for spelling in ranked:
        kinds.setdefault(_loose(spelling), []).append(spelling)
    if len(kinds) < 2:
        return
    named = [(group[0], places[group[0]]) for group in kinds.values()]
    listed = [f"'{spelling}' ({where})" for spelling, where in named]
    both = " and ".join(listed) if len(listed) == 2 else ", ".join(listed[:-1]) + " and " + listed[-1]
    at = min((where for _, where in named[1:]), key=_order)
    problems.warning(at, f"tags {both} have one slug, '{slug}', so they are one tag, shown as '{ranked[0]}'")
