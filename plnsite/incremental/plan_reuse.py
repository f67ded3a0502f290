"""LastPlan: the last plan's routes, whole, while nothing plan_routes reads has changed.

A preview save that edits a note's text (its body, summary, title, links…) changes no route:
a route names items by id, and what it shows of them is in its ``deps``, which the render
memo compares. Of each item plan_routes reads only the fields below (its URL, its tags, its
date and bundle files, its place for messages about clashes), and of the site its config,
tags, series, related notes, backlinks, static files and network snapshot. When all of those
equal the last plan's, that plan's routes tuple and problems are this plan's, byte for byte,
and planning costs no pass over the ~11,600 routes of a 10,000-note site.

The check is one identity pass per collection, without a Python step per item (the load and
link memos hand unchanged items on as the very same objects), then a comparison of these
fields for the few items that are new objects; the site-wide values are the very same
objects or compared whole. Any difference, or no last plan, plans afresh.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from ..model import Contact, Note, Page, Reading
from .remembered import same_items

__all__ = ["LastPlan", "plan_inputs_unchanged"]

# What plan_routes (and its clash messages) read of each kind of item.
_NOTE_FIELDS = attrgetter("id", "slug", "date", "tags", "assets", "loc")
_PAGE_FIELDS = attrgetter("id", "slug", "loc")
_READING_FIELDS = attrgetter("id", "slug", "has_page", "tags", "status", "date", "loc")
_CONTACT_FIELDS = attrgetter("id", "tags", "loc")


_FIELDS_OF = {Note: _NOTE_FIELDS, Page: _PAGE_FIELDS, Reading: _READING_FIELDS, Contact: _CONTACT_FIELDS}


class LastPlan(NamedTuple):
    """A plan and the site (and theme files) it was made from."""

    site: object  # the Site
    extra_static: tuple
    result: tuple  # (routes, problems), as plan_routes returned them


def plan_inputs_unchanged(last: LastPlan, site, extra_static: tuple) -> bool:
    """Whether planning ``site`` would give ``last``'s routes and problems again."""
    before = last.site
    return (_same_items_as(before, site)
            and _same(before.config, site.config)
            and _same(before.tags, site.tags)
            and _same(before.series, site.series)
            and _same(before.related, site.related)
            and _same(before.backlinks, site.backlinks)
            and _same(before.static, site.static)
            and _same(before.network, site.network)
            and _same(last.extra_static, extra_static))


def _same_items_as(before, site) -> bool:
    """The same items, in the same order, each the same object or equal in what plan_routes reads.
    When ``site`` was linked from ``before``'s own link run by swapping items in place (the link
    memo counts them: Site.run), only the swapped ones are compared: no identity pass over every
    collection (~4 ms each at 100,000 notes)."""
    swapped = site.run.since(before) if site.run is not None else None
    if swapped is None:
        return (same_items(before.notes, site.notes, _NOTE_FIELDS)
                and same_items(before.pages, site.pages, _PAGE_FIELDS)
                and same_items(before.readings, site.readings, _READING_FIELDS)
                and same_items(tuple(before.contacts.values()), tuple(site.contacts.values()), _CONTACT_FIELDS))
    return all(_fields(old) == _fields(new) for old, new in
               ((before.items.get(i), site.items.get(i)) for i in swapped) if old is not new)


def _fields(item) -> tuple:
    fields = _FIELDS_OF.get(type(item))
    return (type(item), fields(item) if fields is not None else item)


def _same(before, after) -> bool:
    return before is after or before == after
