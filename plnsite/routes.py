"""plan_routes: every file the site will have, decided before anything renders.

Each Route names what it shows (``subject``/``items``, as ids) and what it was
made from (``deps``), so the preview server can re-render only what a change
touches.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from itertools import chain, compress, count
from operator import is_not

from .errors import Loc, Problems
from .incremental import deps as dep
from .incremental.deps import (ALL_CONTACTS, ALL_NOTES, ALL_PAGES, ALL_READINGS, ALL_SERIES, ALL_TAGS, CONFIG,
                                NETWORK_EXISTS, NETWORK_HOME, NETWORK_LATEST, NETWORK_PEOPLE, NOTE_DATES, TODAY)
from .images.cards import first_image
from .incremental.route_memo import NO_ROUTE_MEMO, NotesPlan, RouteMemo
from .model import ReadingStatus, Route, RouteKind, Site
from .paths import display_path
from .text import tag_slug
from .urls import (ACTIVITY_URL, BLOGROLL_URL, CNAME_URL, HOME_URL, NETWORK_LATEST_URL, NETWORK_URL, NOJEKYLL_URL,
                   NOT_FOUND_URL, NOTES_URL, READING_URL, RECOMMENDATIONS_URL, ROBOTS_URL, SEARCH_URL, SERIES_URL,
                   SITE_CARD_URL, SITEMAP_URL, TAGS_URL, card_url, feed_url, file_for, item_url, network_feed_url,
                   page_url, series_url, tag_feed_url, tag_url)

__all__ = ["feed_items", "plan_routes"]

def _html(kind: RouteKind, url: str, **kw) -> Route:
    return Route(kind=kind, url=url, file=file_for(url), template=f"{kind.value}.html", **kw)


def _file(kind: RouteKind, url: str, **kw) -> Route:
    return Route(kind=kind, url=url, file=file_for(url), **kw)


def _pages(ids: tuple[str, ...], per_page: int) -> list[tuple[str, ...]]:
    if not ids:
        return [()]
    return [ids[i : i + per_page] for i in range(0, len(ids), per_page)]


def _paginated(kind: RouteKind, url: str, ids: tuple[str, ...], per_page: int, deps, base, memo=NO_ROUTE_MEMO,
               items=None, **kw) -> list[Route]:
    """Archive pages of ``ids``; ``deps(chunk, base)`` gives each page's dependencies."""
    chunks = _pages(ids, per_page)
    urls = [page_url(url, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        pages.append(memo.page(urls[n - 1], chunk, len(chunks), base, items, lambda chunk=chunk, n=n: _html(
            kind, urls[n - 1], page_no=n, page_count=len(chunks), prev_url=urls[n - 2] if n > 1 else None,
            next_url=urls[n] if n < len(chunks) else None, items=chunk, deps=deps(chunk, base), **kw)))
    return pages


def feed_items(site: Site, note_ids: tuple[str, ...], reading_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The items of a feed: notes (+ finished readings when included), newest first."""
    include = site.config.feed.include
    dated = []
    limit = site.config.feed.limit
    if "notes" in include:
        # note_ids are newest first already: only the first `limit` can make the feed.
        dated += [(site.items[i].date, i) for i in note_ids[:limit]]
    if "reading" in include or "readings" in include:
        for rid in reading_ids:
            reading = site.items[rid]
            if reading.status is ReadingStatus.FINISHED and reading.date is not None:
                dated.append((reading.date, rid))
    # Newest first; one date: by id, as the notes list orders by slug (link/order.py).
    dated.sort(key=lambda pair: pair[1])
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return tuple(i for _, i in dated[:limit])


def plan_routes(site: Site, extra_static=(), memo: RouteMemo | None = None) -> tuple[tuple[Route, ...], tuple]:
    """All routes of ``site``, and problems for two sources claiming one URL.

    ``deps`` name exactly what a route shows (the ids of incremental/deps.py), so a
    rebuild can skip the rest.
    """
    cache = memo if memo is not None else NO_ROUTE_MEMO
    extra_static = tuple(extra_static)
    reused = cache.reuse(site, extra_static)  # a save that changed no route (incremental/plan_reuse.py)
    if reused is not None:
        return reused
    cfg = site.config
    note_ids = tuple(n.id for n in site.notes)
    reading_ids = tuple(r.id for r in site.readings)
    shown = _Shown(site)
    by_id = site.items
    backlinks = site.backlinks
    # The preview server's common case: the same notes in the same order, the same backlinks,
    # one note edited. Then every other note's routes, and every archive page without an
    # edited note, are the last plan's as they are.
    last = cache.notes
    series_of = {note_id: s for s in site.series.values() for note_id in s.notes}
    if last is not None and last.ids == note_ids and last.backlinks == backlinks \
            and last.series == site.series and last.related == site.related:
        per_note = list(last.routes)
        edited = list(compress(count(), map(is_not, last.notes, site.notes)))  # no Python step per note
        memo.keep(note_ids)  # reused as they are
        memo.edited = {note_ids[pos] for pos in edited}
    else:
        per_note = [None] * len(note_ids)
        edited = range(len(note_ids))
    lists = frozenset({ALL_NOTES, CONFIG})
    routes: list[Route] = [
        _html(RouteKind.HOME, HOME_URL, items=note_ids[: cfg.paginate],
              # ALL_TAGS: the home page counts the tags; NOTE_DATES and TODAY: its heatmap and streaks.
              deps=shown.cards(note_ids[: cfg.paginate],
                               {ALL_NOTES, ALL_READINGS, ALL_CONTACTS, ALL_TAGS, NOTE_DATES, TODAY, CONFIG, NETWORK_HOME})),
    ]
    if cfg.activity:
        # Every year's heatmap, notes per tag per year, reading stats: dates, tags, readings, today.
        routes.append(_html(RouteKind.ACTIVITY, ACTIVITY_URL,
                            deps=frozenset({ALL_NOTES, NOTE_DATES, ALL_READINGS, ALL_TAGS, TODAY, CONFIG})))
    routes += _paginated(RouteKind.NOTES, NOTES_URL, note_ids, cfg.paginate, deps=shown.cards, base=lists,
                         memo=cache, items=by_id)
    for pos in edited:
        note = site.notes[pos]
        newer = note_ids[pos - 1] if pos else ""
        older = note_ids[pos + 1] if pos + 1 < len(note_ids) else ""
        series = series_of.get(note.id)
        related = site.related.get(note.id, ())
        inputs = (note, newer, older, backlinks.get(note.id), series, related, cfg.cards)
        per_note[pos] = cache.get(note.id, inputs, lambda note=note, newer=newer, older=older, series=series,
                                  related=related: _note_routes(note, newer, older, series, related, shown,
                                                                cfg.cards))
    routes += chain.from_iterable(per_note)
    if memo is not None:
        memo.notes = NotesPlan(note_ids, backlinks, site.notes, per_note, site.series, site.related)
    for page in site.pages:
        routes.append(_html(RouteKind.PAGE, item_url(page), subject=page.id,
                            deps=frozenset({page.id, CONFIG, *shown.backlink_meta(page.id)})))
    people = {ALL_READINGS, ALL_CONTACTS, CONFIG, *shown.tagnames_of(site.readings)}
    routes.append(_html(RouteKind.READING, READING_URL, items=reading_ids, deps=frozenset(people)))
    for reading in site.readings:
        if reading.has_page:
            routes.append(_html(RouteKind.READING_ENTRY, item_url(reading), subject=reading.id,
                                deps=frozenset({reading.id, *people, *shown.backlink_meta(reading.id)})))
    network = {*people, *shown.tagnames_of(site.contacts.values())}
    for contact_id in site.contacts:
        network.update(shown.backlink_meta(contact_id))
    routes.append(_html(RouteKind.NETWORK, NETWORK_URL, deps=frozenset({*network, NETWORK_PEOPLE})))
    routes += _network_routes(site)
    routes.append(_html(RouteKind.TAGS, TAGS_URL, deps=frozenset({ALL_TAGS, CONFIG})))
    if site.series:
        routes.append(_html(RouteKind.SERIES_INDEX, SERIES_URL, deps=frozenset({ALL_SERIES, CONFIG})))
    for slug, series in site.series.items():
        routes.append(_html(RouteKind.SERIES, series_url(slug), subject=slug, items=series.notes,
                            deps=shown.cards(series.notes, {ALL_SERIES, CONFIG})))
    for slug, hub in site.tags.items():
        hub_deps = {dep.tag_members(slug), *network}
        pages = _paginated(RouteKind.TAG, tag_url(slug), hub.notes, cfg.paginate, subject=slug,
                           deps=shown.cards, base=frozenset(hub_deps), memo=cache, items=by_id)
        # The first page shows the network's posts under the tag too.
        routes += [replace(pages[0], deps=pages[0].deps | {dep.network_tag(slug)}), *pages[1:]]
        items = feed_items(site, hub.notes, hub.readings)
        # An empty feed is dated by the site's newest note (render/feeds.py).
        members = dep.tag_members(slug)
        feed_base = {members, CONFIG} if items else {members, CONFIG, ALL_NOTES, NOTE_DATES}
        routes.append(_file(RouteKind.RSS, tag_feed_url(slug), subject=slug, items=items,
                            deps=shown.full(items, feed_base)))
    site_feed = feed_items(site, note_ids, reading_ids)
    for kind in (RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED):
        routes.append(_file(kind, feed_url(kind), items=site_feed, deps=shown.full(site_feed, {CONFIG})))
    opml_deps = frozenset({ALL_CONTACTS, CONFIG, ALL_NOTES, NOTE_DATES})  # dateModified: the newest note
    routes.append(_file(RouteKind.OPML, BLOGROLL_URL, deps=opml_deps))
    routes.append(_file(RouteKind.OPML, RECOMMENDATIONS_URL, deps=opml_deps))
    routes.append(_html(RouteKind.NOT_FOUND, NOT_FOUND_URL, deps=frozenset({CONFIG})))
    if cfg.search:
        routes.append(_html(RouteKind.SEARCH, SEARCH_URL, deps=frozenset({CONFIG, ALL_TAGS})))
    routes.append(_file(RouteKind.SITEMAP, SITEMAP_URL,
                        deps=frozenset({ALL_NOTES, ALL_PAGES, ALL_READINGS, ALL_TAGS, ALL_SERIES, NOTE_DATES, CONFIG,
                                        NETWORK_EXISTS})))
    routes.append(_file(RouteKind.ROBOTS, ROBOTS_URL, deps=frozenset({CONFIG})))
    routes.append(_file(RouteKind.NOJEKYLL, NOJEKYLL_URL))
    if not any(f.dest == file_for(SITE_CARD_URL) for f in site.static):  # static/card.png is the site's own
        routes.append(_file(RouteKind.CARD, SITE_CARD_URL, deps=frozenset({CONFIG})))
    if cfg.cname and not any(f.dest == file_for(CNAME_URL) for f in site.static):
        routes.append(_file(RouteKind.CNAME, CNAME_URL, deps=frozenset({CONFIG})))
    routes += [_static(f.dest, f.src) for f in (*site.static, *extra_static)]
    if memo is not None:
        memo.turn()
    result = _without_clashes(routes, site)
    cache.planned(site, extra_static, result)
    return result


def _network_routes(site: Site) -> list[Route]:
    """network/latest/ and its feeds, when there is a snapshot and site.yaml does not turn them off."""
    if site.network is None or not site.config.network.latest:
        return []
    deps = frozenset({NETWORK_LATEST, ALL_CONTACTS, CONFIG})
    return [_html(RouteKind.NETWORK_LATEST, NETWORK_LATEST_URL, deps=deps),
            *(_file(kind, network_feed_url(kind), deps=deps) for kind in (RouteKind.NETWORK_RSS, RouteKind.NETWORK_ATOM))]


@lru_cache(maxsize=65536)  # thousands of notes share a few tag combinations
def _tagname_deps(tags: tuple[str, ...]) -> frozenset[str]:
    return frozenset(dep.tag_name(s) for s in (tag_slug(t) for t in tags) if s)


class _MetaIds(dict):
    """item id → its ``meta:`` dependency id, each made once: a note's is named by ~10 routes
    (its neighbours' pages, the archive and tag pages that list it), and one string shared by
    all their ``deps`` is ~0.7 kB a note less for the plan to hold (70 MB at 100,000 notes)."""

    def __missing__(self, item_id: str) -> str:
        made = self[item_id] = dep.shown(item_id)
        return made


class _Shown:
    """Builds dependency sets: what of each item a route shows."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.meta = _MetaIds().__getitem__  # dep.shown, each id's string shared (one plan's)

    def tagnames(self, item) -> frozenset[str]:
        return _tagname_deps(item.tags)

    def tagnames_of(self, items) -> set[str]:
        return {name for item in items for name in self.tagnames(item)}

    def backlink_meta(self, item_id: str) -> set[str]:
        return set(map(self.meta, self.site.backlinks.get(item_id, ())))

    def cards(self, ids, base) -> frozenset[str]:
        items = self.site.items
        deps = set(base)
        deps.update(map(self.meta, ids))
        deps.update(*(_tagname_deps(items[i].tags) for i in ids))
        return frozenset(deps)

    def full(self, ids, base) -> frozenset[str]:
        items = self.site.items
        deps = set(base)
        deps.update(ids)
        deps.update(*(_tagname_deps(items[i].tags) for i in ids))
        return frozenset(deps)


def _note_routes(note, newer: str, older: str, series, related: tuple[str, ...], shown, cards: bool) -> list[Route]:
    """A note's page (and its bundle's files). It shows its neighbours, the parts of its series
    and its related notes by title: ``items`` names them all, so a change of who they are is a
    changed route, and ``deps`` their titles."""
    parts = series.notes if series is not None else ()
    deps = {note.id, CONFIG, *shown.tagnames(note), *shown.backlink_meta(note.id)}
    deps.update(map(shown.meta, filter(None, (newer, older, *parts, *related))))
    # Its link preview: the bundle's first image (its size is in the page), else a card drawn for it
    # (with `cards: false`, the site's card).
    image = first_image(note.assets)
    if image is not None:
        deps.add(dep.static(image.dest))
    page = _html(RouteKind.NOTE, item_url(note), subject=note.id, items=(newer, older, *parts, *related),
                 deps=frozenset(deps))
    card = [] if image is not None or not cards else [
        _file(RouteKind.CARD, card_url(item_url(note)), subject=note.id, deps=frozenset({shown.meta(note.id), CONFIG}))]
    return [page, *card, *(_static(asset.dest, asset.src) for asset in note.assets)]


def _static(dest: str, src) -> Route:
    return _file(RouteKind.STATIC, dest, static_src=src, deps=frozenset({dep.static(dest)}))


def _without_clashes(routes: list[Route], site: Site) -> tuple[tuple[Route, ...], tuple]:
    """Keep the first route for each file. Built-in routes (no source file) claim theirs first,
    so a clash is always reported at the user's file (``pages/tags.md``), never without a place.
    A file where another route needs a folder (a static file ``about`` beside the page
    ``about/``) is an error too, before anything is written."""
    files = frozenset([r.file for r in routes])
    in_the_way = _files_in_the_way(files)
    if len(files) == len(routes) and not in_the_way:
        return tuple(routes), ()  # no two routes make one file: nothing to decide
    problems = Problems()
    owner: dict[str, Route] = {}
    from_source = lambda r: r.static_src is not None or (r.subject is not None and r.subject in site.items)
    for route in sorted(routes, key=from_source):  # stable: the order is kept otherwise
        first = owner.get(route.file)
        if first is None:
            owner[route.file] = route
            continue
        problems.error(_where(route, site), f"'{route.file}' is already made by {_what(first, site)}")
    kept = [r for r in routes if owner[r.file] is r]
    if in_the_way:
        kept = _without_files_in_the_way(kept, in_the_way, site, problems)
    return tuple(kept), problems.freeze()


@lru_cache(maxsize=1)  # the preview server plans the same files save after save
def _files_in_the_way(files: frozenset[str]) -> frozenset[str]:
    """The files that are also a folder of another file."""
    return files & _folders_of(files)


def _folders_of(files) -> set[str]:
    """Every folder the files lie in (``notes/x/index.html`` → ``notes/x``, ``notes``)."""
    folders: set[str] = set()
    level = {f.rpartition("/")[0] for f in files}
    while level:
        level.discard("")
        level -= folders
        folders |= level
        level = {f.rpartition("/")[0] for f in level}
    return folders


def _without_files_in_the_way(routes: list[Route], in_the_way: frozenset[str], site: Site,
                              problems: Problems) -> list:
    """Report each route whose file another route needs as a folder (at the user's source
    file: the file's, else the folder's), naming the first file beneath; drop it."""
    beneath: dict[str, Route] = {}
    for route in routes:
        folder = route.file.rpartition("/")[0]
        while folder:
            if folder in in_the_way and (folder not in beneath or route.file < beneath[folder].file):
                beneath[folder] = route
            folder = folder.rpartition("/")[0]
    for route in routes:
        other = beneath.get(route.file)
        if other is None:
            continue
        if _where(route, site) is not None or _where(other, site) is None:
            problems.error(_where(route, site), f"'{route.file}' is a file here, but '{other.file}' made by "
                                                f"{_what(other, site)} needs a folder there")
        else:
            problems.error(_where(other, site), f"'{other.file}' needs a folder '{route.file}', but "
                                                f"{_what(route, site)} makes a file there")
    return [r for r in routes if r.file not in beneath]


def _where(route: Route, site: Site) -> Loc | None:
    if route.static_src is not None:
        return Loc(display_path(route.static_src))
    item = site.items.get(route.subject) if route.subject else None
    return getattr(item, "loc", None)


def _what(route: Route, site: Site) -> str:
    where = _where(route, site)
    return str(where) if where else f"the {route.kind.value} page"

