"""One Tag per slug: ``Machine Learning`` and ``machine-learning`` are the same tag."""

from __future__ import annotations

from collections import Counter, defaultdict
from types import MappingProxyType

from ..errors import Problems
from ..model import Tag, TagHub
from ..text import slugify

__all__ = ["collect_tags"]


def collect_tags(notes, readings, contacts, problems: Problems) -> MappingProxyType:
    """Tag hubs by slug (sorted), each listing the ids under it in the given orders."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"notes": [], "readings": [], "contacts": []})
    for group, items in (("notes", notes), ("readings", readings), ("contacts", contacts)):
        for item in items:
            seen: set[str] = set()
            for spelling in item.tags:
                slug = slugify(spelling)
                if not slug:
                    problems.warning(item.loc, f"tag '{spelling}' has no letters or digits and is left out")
                    continue
                spellings[slug][spelling] += 1
                if slug not in seen:
                    seen.add(slug)
                    members[slug][group].append(item.id)
    hubs = {}
    for slug in sorted(spellings):
        # Most frequent spelling wins; ties go to the alphabetically first.
        name = min(spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        found = members[slug]
        hubs[slug] = TagHub(
            tag=Tag(slug=slug, name=name), notes=tuple(found["notes"]),
            readings=tuple(found["readings"]), contacts=tuple(found["contacts"]),
        )
    return MappingProxyType(hubs)
