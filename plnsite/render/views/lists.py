"""Pages that list many items: the home page, the notes archive and the reading log."""

from __future__ import annotations

import datetime as dt

from ...model import Reading, ReadingKind, ReadingStatus, Route
from ...urls import NETWORK_URL, NOTES_URL, READING_URL
from .activity import consistency
from .common import KIND_LABEL
from .followed import as_of, posts_of
from .network import network_view

__all__ = ["home_context", "notes_context", "reading_context", "reading_groups"]

_RECENTLY_FINISHED = 5


def _sorted_readings(site) -> tuple[dict, list[Reading], list[Reading]]:
    """The readings by status; the current ones, newest start first; the finished, newest first."""
    by_status: dict[ReadingStatus, list[Reading]] = {s: [] for s in ReadingStatus}
    for reading in site.readings:
        by_status[reading.status].append(reading)
    current = sorted(by_status[ReadingStatus.READING],
                     key=lambda r: (r.started or dt.date.min, r.slug), reverse=True)
    finished = sorted(by_status[ReadingStatus.FINISHED],
                      key=lambda r: (r.finished or r.started or dt.date.min, r.slug), reverse=True)
    return by_status, current, finished


def _home_reading(views) -> dict:
    """What the home page shows of the reading log (a view of those entries only: the reading
    page's grouping makes one of every entry)."""
    _, current, finished = _sorted_readings(views.site)
    return {"current": [views.reading(r.id) for r in current],
            "recently_finished": [views.reading(r.id) for r in finished[:_RECENTLY_FINISHED]]}


def reading_groups(views) -> dict:
    """The reading log grouped: current, finished by year, want, abandoned; counts by status and kind."""
    site = views.site
    by_status, current, finished = _sorted_readings(site)
    years: list[dict] = []
    for reading in finished:
        view = views.reading(reading.id)
        if not years or years[-1]["year"] != view["year"]:
            years.append({"year": view["year"], "label": str(view["year"] or views.words("Undated")),
                          "anchor": f"finished-{view['year'] or 'undated'}", "count": 0, "entries": []})
        years[-1]["entries"].append(view)
        years[-1]["count"] += 1
    kinds: dict[ReadingKind, int] = {}
    for reading in site.readings:
        kinds[reading.kind] = kinds.get(reading.kind, 0) + 1
    return {
        "current": [views.reading(r.id) for r in current],
        "finished_years": years,
        "recently_finished": [views.reading(r.id) for r in finished[:_RECENTLY_FINISHED]],
        "want": [views.reading(r.id) for r in by_status[ReadingStatus.WANT]],
        "abandoned": [views.reading(r.id) for r in by_status[ReadingStatus.ABANDONED]],
        "counts": {"total": len(site.readings), "reading": len(current), "finished": len(finished),
                   "want": len(by_status[ReadingStatus.WANT]),
                   "abandoned": len(by_status[ReadingStatus.ABANDONED])},
        "kinds": [{"kind": k.value, "label": views.words(KIND_LABEL[k][1]), "count": n}
                  for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0].value))],
    }


def _activity(views) -> dict:
    """The home page's counts."""
    site = views.site
    return {"notes": len(site.notes), "readings": len(site.readings), "tags": len(site.tags)}


def home_context(views, route: Route, ctx: dict) -> None:
    site, urls = views.site, views.urls
    groups = views.once("home-reading", lambda: _home_reading(views))
    network = views.once("network", lambda: network_view(views))
    ctx["home"] = {
        "intro": site.config.description or "",
        "latest": [views.note(i) for i in route.items],
        "notes_url": urls.path(NOTES_URL),
        "more_notes": len(site.notes) > len(route.items),
        "reading_url": urls.path(READING_URL),
        "network_url": urls.path(NETWORK_URL),
        "currently_reading": groups["current"],
        "recently_finished": groups["recently_finished"],
        "network": {"people": network["people_count"], "lists": network["list_count"],
                    "feeds": network["feed_count"]},
        "activity": views.once("activity", lambda: _activity(views)),
        # The year heatmap and streaks (views/activity.py); None with `activity: false`.
        "consistency": consistency(views) if site.config.activity else None,
        "from_network": posts_of(views, site.network.home) if site.network is not None else [],
        "network_as_of": as_of(views),
    }


def notes_context(views, route: Route, ctx: dict) -> None:
    words = views.words
    ctx["page"]["title"] = words("Notes") if route.page_no in (None, 1) else words("Notes, page {n}", n=route.page_no)
    ctx["notes"] = [views.note(i) for i in route.items]
    ctx["total"] = len(views.site.notes)


def reading_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = views.words("Reading")
    ctx["reading"] = views.once("reading", lambda: reading_groups(views))
