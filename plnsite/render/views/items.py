"""One item and its own page: a note (with its neighbours), a page, a reading entry."""

from __future__ import annotations

import html as _html

from ...model import Note, Page, Reading, Route
from ...urls import READING_URL, SERIES_URL, item_url, reading_entry_url, series_url
from .common import KIND_LABEL, READ_STATUS, STATUS_LABEL, description, iso, join_names, stars
from .conversation import reply_contexts, reply_on, syndication_links
from .mentions import responses_view
from .preview import note_image

__all__ = ["note_context", "note_view", "page_context", "reading_entry_context", "reading_view", "series_context",
           "series_index_context", "series_view"]


class NoteView(dict):
    """A note's view. Its ``content_html`` (the whole text) is looked up when a template asks
    for it, not kept in the dict: a process builds the view of every note its lists show, once,
    and a text a build keeps on disk (spill.py) would be read back and held for each."""

    __slots__ = ("_rendered",)

    def __missing__(self, key):
        if key == "content_html":
            rendered = self._rendered
            return rendered.html if rendered is not None else ""
        raise KeyError(key)

    def __contains__(self, key) -> bool:
        return key == "content_html" or dict.__contains__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default


def note_view(views, note: Note) -> dict:
    site, urls, words = views.site, views.urls, views.words
    rendered = site.html.get(note.id)
    rel = item_url(note)
    if note.summary:
        summary_html = f"<p>{_html.escape(note.summary.strip())}</p>"
    else:
        summary_html = rendered.summary_html if rendered else ""
    older, newer = views.neighbours(note.id)
    updated = note.updated if note.updated and note.updated != note.date else None
    view = NoteView({
        "id": note.id,
        "slug": note.slug,
        "title": note.title,
        "url": urls.path(rel),
        "absolute_url": urls.absolute(rel),
        "date_iso": iso(note.date),
        "date_display": words.date(note.date),
        "updated_iso": iso(updated),
        "updated_display": words.date(updated),
        "tags": views.tags(note.tags),
        "summary_html": summary_html,
        "summary_text": description(summary_html),
        "backlinks": views.backlinks(note.id),
        "responses": responses_view(views, note.id),
        "prev": views.link(older.id) if older else None,  # older neighbour
        "next": views.link(newer.id) if newer else None,  # newer neighbour
        "syndication": syndication_links(note.syndication),
        "reply_on": reply_on(note.syndication),  # a Mastodon copy, where readers can answer
        "replies_to": [dict(c, label=words(c["label"])) for c in reply_contexts(note.replies_to)],
    })
    view._rendered = rendered
    return view


def reading_view(views, reading: Reading) -> dict:
    site, urls, words = views.site, views.urls, views.words
    rendered = site.html.get(reading.id)
    page_rel = reading_entry_url(reading.slug) if reading.has_page else None
    via = None
    if reading.via and reading.via in site.contacts:
        via_link = views.link(reading.via)
        via = {"name": via_link["title"], "url": via_link["url"]}
    when = reading.finished or reading.started
    singular, _plural = KIND_LABEL[reading.kind]
    notes_html = rendered.html if rendered else None
    return {
        "id": reading.id,
        "slug": reading.slug,
        "anchor": reading.slug,
        "title": reading.title,
        "authors": list(reading.authors),
        "authors_text": join_names(reading.authors, words),
        "url": views.outward(reading.url),
        "kind": reading.kind.value,
        "kind_label": words(singular),
        "status": reading.status.value,
        "status_label": words(STATUS_LABEL[reading.status]),
        "read_status": READ_STATUS[reading.status],
        "started_iso": iso(reading.started),
        "started_display": words.date(reading.started),
        "finished_iso": iso(reading.finished),
        "finished_display": words.date(reading.finished),
        "year": when.year if when else None,
        "rating": reading.rating,
        "stars": stars(reading.rating),
        "tags": views.tags(reading.tags),
        "via": via,
        "notes_html": notes_html,
        "summary_text": description(rendered.summary_html if rendered else None),
        "page_url": urls.path(page_rel) if page_rel else None,
        "absolute_url": urls.absolute(page_rel) if page_rel else None,
        "link_url": urls.path(item_url(reading)),
        "backlinks": views.backlinks(reading.id),
    }


def note_context(views, route: Route, ctx: dict) -> None:
    note = views.note(route.subject)
    page = ctx["page"]
    page.update(title=note["title"], description=note["summary_text"] or page["description"],
                og_type="article", image=note_image(views, views.site.items[route.subject]),
                article={"published_iso": note["date_iso"], "modified_iso": note["updated_iso"],
                         "tags": [t["name"] for t in note["tags"]]})
    ctx["note"] = note
    # Only a note's own page shows its series and related notes (cards do not).
    ctx["series"] = series_view(views, _series_of(views, note["id"]), note["id"])
    ctx["related"] = [link for link in map(views.link, views.site.related.get(note["id"], ())) if link]


def _series_of(views, note_id: str) -> str | None:
    index = views.once("series-of", lambda: {n: s.slug for s in views.site.series.values() for n in s.notes})
    return index.get(note_id)


def series_view(views, slug: str | None, current: str | None = None) -> dict | None:
    """``{name, slug, url, count, part, parts: [{title, url, date_iso, date_display, current}]}``;
    ``part`` is the 1-based place of ``current`` (None on the series' own page)."""
    if slug is None:
        return None
    series = views.site.series[slug]
    parts = []
    for note_id in series.notes:
        note = views.note(note_id)
        parts.append({"title": note["title"], "url": note["url"], "date_iso": note["date_iso"],
                      "date_display": note["date_display"], "summary_html": note["summary_html"],
                      "current": note_id == current})
    part = series.notes.index(current) + 1 if current in series.notes else None
    return {"name": series.name, "slug": slug, "url": views.urls.path(series_url(slug)),
            "count": len(series.notes), "part": part, "parts": parts}


def series_context(views, route: Route, ctx: dict) -> None:
    series = series_view(views, route.subject)
    words = views.words
    ctx["page"].update(title=words("Series: {name}", name=series["name"]),
                       description=words("{n} notes in order, a series on {site}.", n=series["count"],
                                         site=views.site.config.title))
    ctx["series"] = series
    ctx["series_index_url"] = views.urls.path(SERIES_URL)


def series_index_context(views, route: Route, ctx: dict) -> None:
    """Every series: its name, page and number of notes (by slug)."""
    ctx["page"]["title"] = views.words("Series")
    ctx["all_series"] = [{"name": s.name, "url": views.urls.path(series_url(slug)), "count": len(s.notes)}
                         for slug, s in views.site.series.items()]


def page_context(views, route: Route, ctx: dict) -> None:
    item: Page = views.site.items[route.subject]
    rendered = views.site.html.get(item.id)
    ctx["page"].update(title=item.title,
                       description=description(rendered.summary_html if rendered else None)
                       or ctx["page"]["description"])
    ctx["content_html"] = rendered.html if rendered else ""
    ctx["backlinks"] = views.backlinks(item.id)


def reading_entry_context(views, route: Route, ctx: dict) -> None:
    entry = views.reading(route.subject)
    words = views.words
    ctx["page"].update(title=entry["title"], description=entry["summary_text"] or (
        words("{title} by {authors}", title=entry["title"], authors=entry["authors_text"]) if entry["authors"]
        else entry["title"]))
    ctx["entry"] = entry
    ctx["reading_url"] = views.urls.path(READING_URL)
