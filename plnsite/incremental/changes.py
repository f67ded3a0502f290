"""What differs between two linked sites, as dependency ids (deps.py).

``site_changes(old, new)`` compares the preview server's last site with this save's;
``fingerprints(site)`` digests every id, so a later process can compare a saved set
with a new one (build_state.py). A route whose deps meet what changed is rendered again.

What lists, cards and neighbours show of an item (``meta:<id>``) is derived, not listed:
every field of the item's dataclass except its text (the Markdown fields, whose HTML is
part of the item in full), plus its rendered summary. A field added to a model class is
thus part of it from the start, and can never be shown stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import typing
from functools import cache
from itertools import compress, count
from operator import attrgetter, is_not

from ..model import Contact, Markdown, Note, Page, Reading, Site
from . import deps
from .deps import ALL_CONTACTS, ALL_NOTES, ALL_PAGES, ALL_READINGS, ALL_SERIES, ALL_TAGS, CONFIG, NOTE_DATES, TODAY
from .remembered import swapped_positions

__all__ = ["fingerprints", "html_digest", "network_parts", "shown_fields", "site_changes"]

_ID = attrgetter("id")


def site_changes(old: Site, new: Site) -> set[str]:
    """The dependency ids whose values differ between ``old`` and ``new``. Unchanged items are
    the very same objects (the load and link memos hand them on), so most checks are ``is``."""
    changed: set[str] = set()
    if old.config != new.config:
        changed.add(CONFIG)
    if old.today != new.today:
        changed.add(TODAY)
    # What link() swapped since ``old`` was linked, when it says (model.LinkRun): no pass at all.
    swapped = new.run.since(old) if new.run is not None else None
    if swapped is not None:
        html_moved = {i for i in swapped if old.html.get(i) is not new.html.get(i)}
        for everything, kind in _KINDS.items():
            for item in _swapped_items(old, new, swapped, kind, html_moved):
                _item_changed(old, new, item, everything, changed)
    else:
        html_moved = _html_moved(old.html, new.html)
        _items(old, new, old.notes, new.notes, ALL_NOTES, changed, html_moved)
        _items(old, new, old.pages, new.pages, ALL_PAGES, changed, html_moved)
        _items(old, new, old.readings, new.readings, ALL_READINGS, changed, html_moved)
        _items(old, new, tuple(old.contacts.values()), tuple(new.contacts.values()), ALL_CONTACTS, changed,
               html_moved)
    if old.lists != new.lists:
        changed.add(ALL_CONTACTS)
    if old.series != new.series:
        changed.add(ALL_SERIES)
    if old.recommended != new.recommended:
        changed.update((ALL_READINGS, ALL_CONTACTS))
    if old.mentions != new.mentions:  # a new mentions snapshot: the notes whose responses differ
        changed.update(n for n in old.mentions.keys() | new.mentions.keys()
                       if old.mentions.get(n) != new.mentions.get(n))
    if old.backlinks != new.backlinks:  # one C-level comparison in the common case
        for target in old.backlinks.keys() | new.backlinks.keys():
            if old.backlinks.get(target) != new.backlinks.get(target):
                changed.add(target)
    if old.network is not new.network:
        before, after = network_parts(old), network_parts(new)
        changed.update(d for d in before.keys() | after.keys() if before.get(d) != after.get(d))
    for slug in old.tags.keys() | new.tags.keys():
        before, after = old.tags.get(slug), new.tags.get(slug)
        if before != after:
            changed.update((deps.tag_members(slug), ALL_TAGS))
            if before is None or after is None or before.tag.name != after.tag.name:
                changed.add(deps.tag_name(slug))
    return changed


def _html_moved(before, after) -> set[str] | None:
    """The ids whose rendered text is another object in ``after`` than in ``before``, when both
    hold the same ids in the same order (as the link memo keeps them from save to save): one
    positional pass, rather than a look-up of every id in both. None when they do not."""
    if len(before) != len(after):
        return None
    keys = list(after)
    if keys != list(before):
        return None
    return {keys[i] for i in compress(count(), map(is_not, before.values(), after.values()))}


def _items(old: Site, new: Site, before: tuple, after: tuple, everything: str, changed: set[str],
           html_moved: set[str] | None = None) -> None:
    touched = _touched_in_place(new, before, after, everything, html_moved)
    if touched is not None:
        for item in touched:
            _item_changed(old, new, item, everything, changed)
        return
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
        _item_changed(old, new, after[position], everything, changed)
    gone = () if same_ids else set(before_ids) - set(ids)
    for item_id in gone:
        changed.update((item_id, deps.shown(item_id), everything))


def _item_changed(old: Site, new: Site, item, everything: str, changed: set[str]) -> None:
    """The ids of ``item``, a new object or one with a new rendered text, that changed."""
    previous = old.items.get(item.id)
    html_before, html_after = old.html.get(item.id), new.html.get(item.id)
    changed.add(item.id)
    if everything in (ALL_READINGS, ALL_CONTACTS):
        changed.add(everything)  # reading/ and network/ show every field of every entry
    if previous is None or _shown(previous, html_before) != _shown(item, html_after):
        changed.add(deps.shown(item.id))
        if everything == ALL_NOTES and (previous is None
                                        or (previous.date, previous.updated) != (item.date, item.updated)):
            changed.add(NOTE_DATES)


_KINDS = {ALL_NOTES: Note, ALL_PAGES: Page, ALL_READINGS: Reading, ALL_CONTACTS: Contact}


def _swapped_items(old: Site, new: Site, swapped: frozenset[str], kind: type, html_moved: set[str]) -> list:
    """Of the ids link() swapped, the items of ``kind`` that are new objects or have a new text."""
    found = []
    for item_id in sorted(swapped):
        item = new.items.get(item_id)
        if isinstance(item, kind) and (old.items.get(item_id) is not item or item_id in html_moved):
            found.append(item)
    return found


def _touched_in_place(new: Site, before: tuple, after: tuple, everything: str, html_moved: set[str] | None):
    """The items of ``after`` that are new objects or have a new rendered text, when ``after``
    holds the same ids as ``before`` in the same order (a save that edited items in place):
    one positional identity pass finds the first (an item the very same object as the one at
    its place is unchanged), ``html_moved`` the second. None when that does not hold: every
    id is then looked up."""
    moved = swapped_positions(before, after) if html_moved is not None else None
    if moved is None:
        return None
    touched = {after[i].id: after[i] for i in moved}
    kind = _KINDS[everything]
    for item_id in html_moved:
        item = new.items.get(item_id)
        if item_id not in touched and isinstance(item, kind):
            touched[item_id] = item
    return touched.values()


@cache
def shown_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` a list, card or neighbour may show: all but its Markdown text."""
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls)
                 if hints[f.name] is not Markdown and Markdown not in typing.get_args(hints[f.name]))


@cache
def _shown_getter(cls: type):
    names = shown_fields(cls)
    return attrgetter(*names) if len(names) > 1 else lambda item: (getattr(item, names[0]),)


def _shown(item, rendered) -> tuple:
    """What lists, cards and neighbours show of an item: its shown fields and rendered summary."""
    return (*_shown_getter(item.__class__)(item), rendered.summary_html if rendered is not None else None)


def fingerprints(site: Site) -> dict[str, bytes]:
    """A digest of every dependency id of ``site`` (the ids routes name in ``deps``)."""
    out: dict[str, bytes] = {CONFIG: _digest(site.config), TODAY: _digest(site.today)}
    groups = ((site.notes, ALL_NOTES), (site.pages, ALL_PAGES), (site.readings, ALL_READINGS),
              (tuple(site.contacts.values()), ALL_CONTACTS))
    for items, everything in groups:
        out[everything] = _digest([i.id for i in items])
        for item in items:
            rendered = site.html.get(item.id)
            meta = _digest(_shown(item, rendered))
            out[deps.shown(item.id)] = meta
            # The full item: what lists show, its rendered HTML, and who links to it.
            full = hashlib.sha256(meta)
            if rendered is not None:
                # SHA-256 of the HTML (~1.7x blake2b where the CPU has SHA instructions), kept
                # from when a spilled text was written (spill.py): it is not read back here.
                full.update(html_digest(rendered))
                # (marshal's format 2: no back-references, equal headings are equal bytes; ~3x repr)
                full.update(marshal.dumps([(h.level, h.id, h.text) for h in rendered.toc], 2))
            full.update(repr(site.backlinks.get(item.id)).encode())
            full.update(repr(site.mentions.get(item.id)).encode("utf-8", "surrogatepass"))
            out[item.id] = full.digest()[:12]
    # reading/ and network/ show every field of every entry, its text's HTML too (as
    # site_changes says: a link in a reading's notes shows its target's title): each entry's
    # full digest, made above, holds both.
    contacts = tuple(site.contacts.values())
    out[ALL_READINGS] = _digest((out[ALL_READINGS], site.recommended, [out[r.id] for r in site.readings]))
    out[ALL_CONTACTS] = _digest((out[ALL_CONTACTS], site.lists, site.recommended, [out[c.id] for c in contacts]))
    out[NOTE_DATES] = _digest([(n.id, n.date, n.updated) for n in site.notes])
    out[ALL_TAGS] = _digest(list(site.tags.values()))
    out[ALL_SERIES] = _digest(list(site.series.values()))
    for slug, hub in site.tags.items():
        out[deps.tag_members(slug)] = _digest(hub)
        out[deps.tag_name(slug)] = _digest(hub.tag.name)
    out.update((d, _digest(value)) for d, value in network_parts(site).items())
    return out


def network_parts(site: Site) -> dict[str, object]:
    """What each page shows of the network snapshot, by dependency id, with the snapshot's
    date (every such part shows it); an id is absent when its page shows nothing of it."""
    network = site.network
    if network is None:
        return {}
    taken = network.taken
    parts = {deps.NETWORK_EXISTS: True, deps.NETWORK_LATEST: (taken, network.latest),
             deps.NETWORK_PEOPLE: (taken, tuple(network.people.items()))}
    if network.home:
        parts[deps.NETWORK_HOME] = (taken, network.home)
    for slug, posts in network.hubs.items():
        parts[deps.network_tag(slug)] = (taken, posts)
    return parts


def html_digest(rendered) -> bytes:
    """The SHA-256 of a text's HTML (UTF-8, lone surrogates passed through): the one a spilled
    text kept when it was written (spill.py: its ``digest``, when the build compares), else
    made from the text."""
    digest = getattr(rendered, "digest", None)  # (a Rendered has none)
    if digest is None:
        digest = hashlib.sha256(rendered.html.encode("utf-8", "surrogatepass")).digest()
    return digest


def _digest(value) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=12).digest()
