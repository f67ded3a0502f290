"""site_changes: which dependency ids differ between two linked sites.

The ids are those ``routes.plan_routes`` puts in ``Route.deps``; a route whose
deps meet this set must be rendered again. Unchanged items are the very same
objects (the loader and link memos hand them on), so most checks are ``is``.
"""

from __future__ import annotations

import hashlib
from itertools import compress
from operator import attrgetter, is_not

from ..model import Site
from ..text import tag_slug

__all__ = ["site_changes", "fingerprints"]

# Kept equal to the names in routes.py (which may not import link/, nor link/ routes).
_ALL_NOTES, _ALL_PAGES, _ALL_READINGS, _ALL_CONTACTS = "all:notes", "all:pages", "all:readings", "all:contacts"
_ALL_TAGS, _NOTE_DATES, _CONFIG = "all:tags", "all:note-dates", "config"
_ID = attrgetter("id")


def site_changes(old: Site, new: Site) -> set[str]:
    changed: set[str] = set()
    if old.config != new.config:
        changed.add(_CONFIG)
    _items(old, new, old.notes, new.notes, _ALL_NOTES, changed)
    _items(old, new, old.pages, new.pages, _ALL_PAGES, changed)
    _items(old, new, old.readings, new.readings, _ALL_READINGS, changed)
    _items(old, new, tuple(old.contacts.values()), tuple(new.contacts.values()), _ALL_CONTACTS, changed)
    if old.lists != new.lists:
        changed.add(_ALL_CONTACTS)
    if old.recommended != new.recommended:
        changed.update((_ALL_READINGS, _ALL_CONTACTS))
    if old.backlinks != new.backlinks:  # one C-level comparison in the common case
        for target in old.backlinks.keys() | new.backlinks.keys():
            if old.backlinks.get(target) != new.backlinks.get(target):
                changed.add(target)
    for slug in old.tags.keys() | new.tags.keys():
        before, after = old.tags.get(slug), new.tags.get(slug)
        if before != after:
            changed.update((f"tag:{slug}", _ALL_TAGS))
            if before is None or after is None or before.tag.name != after.tag.name:
                changed.add(f"tagname:{slug}")
    return changed


def _items(old: Site, new: Site, before: tuple, after: tuple, everything: str, changed: set[str]) -> None:
    ids = list(map(_ID, after))
    before_ids = list(map(_ID, before))
    same_ids = before_ids == ids
    if not same_ids:
        changed.add(everything)
    old_items, html_before_of, html_after_of = old.items, old.html.get, new.html.get
    # The items that are new objects, or whose HTML is: found with map() (a preview save
    # compares 10,000 notes, nearly all of them the very same objects).
    positions = range(len(after))
    touched = set(compress(positions, map(is_not, map(old_items.get, ids), after)))
    touched.update(compress(positions, map(is_not, map(html_before_of, ids), map(html_after_of, ids))))
    for position in sorted(touched):
        item = after[position]
        previous = old_items.get(item.id)
        html_before, html_after = html_before_of(item.id), html_after_of(item.id)
        changed.add(item.id)
        if everything in (_ALL_READINGS, _ALL_CONTACTS):
            changed.add(everything)  # reading/ and network/ show every field of every entry
        if previous is None or _meta(previous, html_before) != _meta(item, html_after):
            changed.add(f"meta:{item.id}")
            if everything == _ALL_NOTES and (previous is None or (previous.date, previous.updated) != (item.date, item.updated)):
                changed.add(_NOTE_DATES)
    gone = () if same_ids else set(before_ids) - set(ids)
    for item_id in gone:
        changed.update((item_id, f"meta:{item_id}", everything))


def _meta(item, rendered) -> tuple:
    """What lists, cards and neighbours show of an item (everything but its full body)."""
    summary = rendered.summary_html if rendered is not None else None
    fields = tuple(getattr(item, name, None) for name in (
        "slug", "title", "name", "date", "updated", "summary", "draft", "status", "rating", "url",
        "authors", "kind", "started", "finished", "via", "feed", "role", "handles", "list_id", "has_page"))
    tags = getattr(item, "tags", ())
    return (*fields, tuple(tag_slug(t) for t in tags), tags, summary)


def fingerprints(site: Site) -> dict[str, bytes]:
    """A digest of every dependency id of ``site`` (the ids routes name in ``deps``).

    ``site_changes(old, new)`` is what differs between two of these; a later
    process compares a saved set with a new one to skip unchanged routes.
    """
    out: dict[str, bytes] = {_CONFIG: _digest(site.config)}
    groups = ((site.notes, _ALL_NOTES), (site.pages, _ALL_PAGES), (site.readings, _ALL_READINGS),
              (tuple(site.contacts.values()), _ALL_CONTACTS))
    for items, everything in groups:
        out[everything] = _digest([i.id for i in items])
        for item in items:
            rendered = site.html.get(item.id)
            meta = _digest(_meta(item, rendered))
            out[f"meta:{item.id}"] = meta
            # The full item: what lists show, its rendered HTML, and who links to it.
            full = hashlib.blake2b(meta, digest_size=12)
            if rendered is not None:
                full.update(rendered.html.encode("utf-8", "surrogatepass"))
                full.update(repr([(h.level, h.id, h.text) for h in rendered.toc]).encode())
            full.update(repr(site.backlinks.get(item.id)).encode())
            out[item.id] = full.digest()
    out[_ALL_READINGS] = _digest((out[_ALL_READINGS], site.readings, site.recommended))
    out[_ALL_CONTACTS] = _digest((out[_ALL_CONTACTS], site.lists, tuple(site.contacts.values()), site.recommended))
    out[_NOTE_DATES] = _digest([(n.id, n.date, n.updated) for n in site.notes])
    out[_ALL_TAGS] = _digest(list(site.tags.values()))
    for slug, hub in site.tags.items():
        out[f"tag:{slug}"] = _digest(hub)
        out[f"tagname:{slug}"] = _digest(hub.tag.name)
    return out


def _digest(value) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=12).digest()
