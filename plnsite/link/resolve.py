"""Resolve wikilinks and ``.md`` links to items; unresolved ones become warnings."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from ..model import Contact, Note, Page, Reading, Withheld
from ..text import slugify
from .private import PrivateIndex

__all__ = ["LinkIndex"]


class LinkIndex:
    """Looks items up by slug, title, contact id/name (case-insensitive) and source path.

    Items are registered in priority order (notes, pages, readings, contacts), and
    the first item to claim a key keeps it. Items left out of this build (drafts, future
    ones) come last, each with the reason (``held``): a link that finds one is told why it
    is broken. ``private`` knows the private people and lists (from ``Content.withheld``),
    for the links that no public item claims.
    """

    def __init__(self, items, held=(), withheld: tuple[Withheld, ...] = ()) -> None:
        self._by_key: dict[str, str] = {}
        self._by_path: dict[str, str] = {}
        self.held: dict[str, str] = {item.id: reason for item, reason in held}  # see link/publish.py
        self.private = PrivateIndex(withheld, frozenset(i.id for i in items if isinstance(i, Contact)))
        for item in (*items, *(item for item, _ in held)):
            for key in _keys(item):
                self._by_key.setdefault(key.strip().lower(), item.id)
            if isinstance(item, (Note, Page)) or (isinstance(item, Reading) and item.has_page):
                self._by_path.setdefault(item.loc.path, item.id)

    def wiki(self, target: str) -> str | None:
        key = target.strip().lower()
        return self._by_key.get(key) or self._by_key.get(slugify(target))

    def markdown_file(self, target: str, from_path: str) -> str | None:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), unquote(target)))
        return self._by_path.get(joined)


def _keys(item) -> tuple[str, ...]:
    if isinstance(item, Contact):
        return (item.id, item.name)
    return (item.slug, item.title)
