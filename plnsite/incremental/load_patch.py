"""LoadedList: the last load's notes (or pages), patched in place where a save changed files.

load_content looks each of 10,000 note paths up in the load memo, gathers their problems and
drops the later of two notes with one slug: passes over every file with a Python step per
path (a Path's hash and equality are Python code). When the files are the very list the last
load had (content/ was not listed again) and each changed one still gives an item with its
old slug, the result is the last one with those items swapped in: the order is the files'
order, which did not change, and which of two items with one slug is dropped cannot change
when no slug does. The problems are the last ones with the changed files' swapped in, in the
same order. Anything else (a file that now fails, a new slug, a file whose problems appear or
go) returns None, and the load gathers everything again.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LoadedList", "patched"]


class LoadedList(NamedTuple):
    """What one kind of file (notes, pages) gave at the last load."""

    paths: tuple  # the files, as discover listed them (compared with ``is``)
    items: list  # the items, but the later of two with one slug
    kept: dict  # path → its item's index in ``items``
    others: frozenset  # the paths with no item in ``items`` (none, or a duplicate slug)
    problems: dict  # path → its file's problems, for the files with any, in the files' order
    duplicates: tuple  # the problems about duplicate slugs

    def holds(self, path) -> bool:
        return path in self.kept or path in self.others


def patched(last: LoadedList | None, paths: tuple, changed, files: dict) -> LoadedList | None:
    """``last`` with the items and problems of the ``changed`` paths (of any kind) it holds
    taken from ``files`` (path → FileResult, every one of them loaded), or None (see above)."""
    if last is None or last.paths is not paths:
        return None
    items, problems = last.items, last.problems
    for path in changed:
        at = last.kept.get(path)
        if at is None:
            if path in last.others:
                return None
            continue  # another kind of file
        new = files[path]
        if new.item is None or new.item.slug != items[at].slug:
            return None
        if (path in problems) != bool(new.problems):
            return None  # its problems appear or go: their order is made again
        if items is last.items:
            items = list(items)
        items[at] = new.item
        if new.problems:
            if problems is last.problems:
                problems = dict(problems)
            problems[path] = new.problems
    return last._replace(items=items, problems=problems)
