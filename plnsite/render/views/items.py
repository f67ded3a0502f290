"""One item and its own page: a note (with its neighbours), a page, a reading entry."""

from __future__ import annotations

import html as _html

from ...model import Note, Page, Reading, Route
from ...urls import READING_URL, item_url, reading_entry_url
from .common import KIND_LABEL, READ_STATUS, STATUS_LABEL, date_display, description, iso, join_names, stars
from .conversation import reply_contexts, reply_on, syndication_links

__all__ = ["note_context", "note_view", "page_context", "reading_entry_context", "reading_view"]


def note_view(views, note: Note) -> dict:
    site, urls = views.site, views.urls
    rendered = site.html.get(note.id)
    rel = item_url(note)
    if note.summary:
        summary_html = f"<p>{_html.escape(note.summary.strip())}</p>"
    else:
        summary_html = rendered.summary_html if rendered else ""
    older, newer = views.neighbours(note.id)
    updated = note.updated if note.updated and note.updated != note.date else None
    return {
        "id": note.id,
        "slug": note.slug,
        "title": note.title,
        "url": urls.path(rel),
        "absolute_url": urls.absolute(rel),
        "date_iso": iso(note.date),
        "date_display": date_display(note.date),
        "updated_iso": iso(updated),
        "updated_display": date_display(updated),
        "tags": views.tags(note.tags),
        "summary_html": summary_html,
        "summary_text": description(summary_html),
        "content_html": rendered.html if rendered else "",
        "backlinks": views.backlinks(note.id),
        "prev": views.link(older.id) if older else None,  # older neighbour
        "next": views.link(newer.id) if newer else None,  # newer neighbour
        "syndication": syndication_links(note.syndication),
        "reply_on": reply_on(note.syndication),  # a Mastodon copy, where readers can answer
        "replies_to": reply_contexts(note.replies_to),
    }


def reading_view(views, reading: Reading) -> dict:
    site, urls = views.site, views.urls
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
        "authors_text": join_names(reading.authors),
        "url": views.outward(reading.url),
        "kind": reading.kind.value,
        "kind_label": singular,
        "status": reading.status.value,
        "status_label": STATUS_LABEL[reading.status],
        "read_status": READ_STATUS[reading.status],
        "started_iso": iso(reading.started),
        "started_display": date_display(reading.started),
        "finished_iso": iso(reading.finished),
        "finished_display": date_display(reading.finished),
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
                og_type="article",
                article={"published_iso": note["date_iso"], "modified_iso": note["updated_iso"],
                         "tags": [t["name"] for t in note["tags"]]})
    ctx["note"] = note


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
    ctx["page"].update(title=entry["title"], description=entry["summary_text"] or (
        f"{entry['title']} by {entry['authors_text']}" if entry["authors"] else entry["title"]))
    ctx["entry"] = entry
    ctx["reading_url"] = views.urls.path(READING_URL)
