"""The sort keys of the site: one place, so every list and feed agrees (and is deterministic)."""

from __future__ import annotations

from ..model import Note

__all__ = ["newest_first"]


def newest_first(notes) -> tuple[Note, ...]:
    """Notes by date, newest first; equal dates by slug so ties never depend on file order."""
    by_slug = sorted(notes, key=lambda n: n.slug)
    return tuple(sorted(by_slug, key=lambda n: n.date, reverse=True))
