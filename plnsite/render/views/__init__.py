"""Site → the plain values templates see: the privacy and URL boundary of every theme.

Templates get dicts, lists, strings, ints, bools and None built here, never model
objects, so a theme can show only what this package hands it (Zola's ``ser.rs``).
Every URL comes from :mod:`plnsite.urls`; rendered HTML arrives as ``str`` for
``|safe``, everything else is auto-escaped.

Use one :class:`SiteViews` per ``(site, urls)``: it builds each item's view once
and shares it between the pages that show it (10,000 notes, 10,000+ pages)::

    views = SiteViews(site, urls, stylesheets=("css/site.css",))
    ctx = views.context(route)

Each kind of page has its context function in the module of its family (``lists``,
``items``, ``network``, ``tags``, ``site``, ``activity``), found through :data:`CONTEXTS`; ``feeds``
says what a feed shows of an item, for render/feeds.py.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from operator import attrgetter

from ...i18n import ENGLISH, Words
from ...model import Contact, Note, Route, RouteKind, Site
from ...text import tag_slug
from ...urls import Urls, item_url
from .activity import activity_context
from .common import web_url
from .followed import network_latest_context
from .items import (note_context, note_view, page_context, reading_entry_context, reading_view, series_context,
                    series_index_context)
from .lists import home_context, notes_context, reading_context
from .network import contact_view, handle_link, mastodon_creator, network_context
from .site import not_found_context, page_view, search_context, site_view
from .tags import tag_context, tag_view, tags_context

__all__ = ["CONTEXTS", "SiteViews", "handle_link", "mastodon_creator"]

# What each kind of HTML page adds to the ``site`` and ``page`` every page has.
CONTEXTS: dict[RouteKind, Callable[["SiteViews", Route, dict], None]] = {
    RouteKind.HOME: home_context,
    RouteKind.NOTES: notes_context,
    RouteKind.NOTE: note_context,
    RouteKind.PAGE: page_context,
    RouteKind.READING: reading_context,
    RouteKind.READING_ENTRY: reading_entry_context,
    RouteKind.NETWORK: network_context,
    RouteKind.TAGS: tags_context,
    RouteKind.TAG: tag_context,
    RouteKind.SERIES: series_context,
    RouteKind.SERIES_INDEX: series_index_context,
    RouteKind.NOT_FOUND: not_found_context,
    RouteKind.SEARCH: search_context,
    RouteKind.ACTIVITY: activity_context,
    RouteKind.NETWORK_LATEST: network_latest_context,
}


# The last site's link run, note ids and their positions: a preview save that changes no note's
# place (nearly every save) reuses them: comparing 100,000 ids costs a seventh of making the dict,
# and a site whose link run only swapped items since that one's (model.LinkRun) needs no pass.
_LAST_POSITIONS: list = [None, (), {}]


def _positions(site) -> dict[str, int]:
    """Each note id's place in the site's order (no Python step per note)."""
    last_run, last_ids, positions = _LAST_POSITIONS
    run = site.run
    if run is not None and run.after is not None and last_run == run.after:
        _LAST_POSITIONS[0] = run.number
        return positions
    ids = tuple(map(attrgetter("id"), site.notes))
    if ids != last_ids:
        positions = dict(zip(ids, count()))
    _LAST_POSITIONS[:] = [run.number if run is not None else None, ids, positions]
    return positions


class SiteViews:
    """Views of one Site, each item's built once and shared by every page that shows it.

    The view functions of this package read the site through it: ``note()``, ``reading()``,
    ``contact()``, ``tag()``, ``link()`` give one item's view; ``once()`` keeps a value
    every page shares (the menu, the reading groups)."""

    def __init__(self, site: Site, urls: Urls, stylesheets: tuple[str, ...] = (), words: Words = ENGLISH) -> None:
        self.site = site
        self.urls = urls
        self.stylesheets = tuple(stylesheets)
        self.words = words  # the theme's words, dates and numbers in the site's language
        self._note_pos = _positions(site)
        self._notes: dict[str, dict] = {}
        self._readings: dict[str, dict] = {}
        self._contacts: dict[str, dict] = {}
        self._tags: dict[str, dict | None] = {}
        self._links: dict[str, dict | None] = {}
        self._shared: dict[str, object] = {}

    def context(self, route: Route) -> dict:
        """The whole Jinja context of an HTML route."""
        page = page_view(self, route)
        ctx = {"site": site_view(self, page["url"]), "page": page}
        CONTEXTS[route.kind](self, route, ctx)
        return ctx

    # -- one item's view, built once -------------------------------------------------------------

    def note(self, note_id: str) -> dict:
        view = self._notes.get(note_id)
        if view is None:
            view = self._notes[note_id] = note_view(self, self.site.items[note_id])
        return view

    def reading(self, reading_id: str) -> dict:
        view = self._readings.get(reading_id)
        if view is None:
            view = self._readings[reading_id] = reading_view(self, self.site.items[reading_id])
        return view

    def contact(self, contact_id: str) -> dict:
        view = self._contacts.get(contact_id)
        if view is None:
            view = self._contacts[contact_id] = contact_view(self, self.site.contacts[contact_id])
        return view

    def tag(self, spelling: str) -> dict | None:
        """``{name, slug, url}`` of the tag a spelling belongs to (None if the site has none)."""
        slug = tag_slug(spelling)
        if slug not in self._tags:
            self._tags[slug] = tag_view(self, slug)
        return self._tags[slug]

    def link(self, item_id: str) -> dict | None:
        """``{title, url}`` for any item id (note, page, reading, contact)."""
        if item_id not in self._links:
            item = self.site.items.get(item_id) or self.site.contacts.get(item_id)
            if item is None:
                self._links[item_id] = None
            else:
                title = item.name if isinstance(item, Contact) else item.title
                self._links[item_id] = {"title": title, "url": self.urls.path(item_url(item))}
        return self._links[item_id]

    # -- shared by the view functions --------------------------------------------------------------

    def once(self, key: str, make):
        """``make()`` the first time ``key`` is asked for, the same value after."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def tags(self, spellings: tuple[str, ...]) -> list[dict]:
        """The tags of an item, each once, in the order written; spellings with no tag left out."""
        seen, out = set(), []
        for spelling in spellings:
            view = self.tag(spelling)
            if view is not None and view["slug"] not in seen:
                seen.add(view["slug"])
                out.append(view)
        return out

    def backlinks(self, item_id: str) -> list[dict]:
        return [link for link in map(self.link, self.site.backlinks.get(item_id, ())) if link]

    def neighbours(self, note_id: str) -> tuple[Note | None, Note | None]:
        """The notes before and after one in the site's order: (older, newer)."""
        pos = self._note_pos.get(note_id)
        notes = self.site.notes
        older = notes[pos + 1] if pos is not None and pos + 1 < len(notes) else None
        newer = notes[pos - 1] if pos else None
        return older, newer

    def outward(self, value: str | None) -> str | None:
        """A URL written in content: http(s) kept, ``/x`` under the base path, others dropped."""
        if value and value.startswith("/") and not value.startswith("//"):
            return self.urls.site_url(value)
        return web_url(value)
