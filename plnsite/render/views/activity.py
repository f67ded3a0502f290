"""The consistency picture: the home page's year heatmap and streaks, and the /activity/ page.

The figures come from calendar.py; this module places them for the templates: each heatmap
square's position and level (the SVG is drawn by ``partials/_heatmap.html``), the same numbers
per month for the table that screen readers (and anyone) can read, and the streak sentences.
"""

from __future__ import annotations

import datetime as dt

from ...dates import zone
from ...model import ReadingKind, ReadingStatus, Route
from ...urls import ACTIVITY_URL, TAGS_URL, tag_url
from .calendar import DayCount, day_counts, grid, level, local_day, streaks, week_start, year_span
from .common import KIND_LABEL

__all__ = ["activity_context", "consistency"]

_CELL, _STEP = 11, 13  # a square's side and the distance between squares, in SVG units
_LEFT, _TOP = 30, 16  # room for the weekday labels and the month labels
_WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "")  # every other row labelled, as calendars do
_TOP_TAGS = 20  # notes per tag: the tags with the most notes
_SPARK_STEP, _SPARK_HEIGHT = 8, 20
# Labels over the heatmap's columns and the reading table's (dates and months in full come from views.words).
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _figures(views) -> dict:
    """Per-day counts of the site's notes and finished readings, in the site's zone; the day."""
    site = views.site
    tz = zone(site.config.timezone)
    note_days = [local_day(note.date, tz) for note in site.notes]
    reading_days = [_finished_day(r, tz) for r in site.readings if r.status is ReadingStatus.FINISHED]
    reading_days = [day for day in reading_days if day is not None]
    today = site.today or max([*note_days, *reading_days], default=dt.date(1970, 1, 1))
    return {"tz": tz, "today": today, "note_days": note_days, "counts": day_counts(note_days, reading_days),
            "note_years": {note.id: day.year for note, day in zip(site.notes, note_days)}}


def _finished_day(reading, tz) -> dt.date | None:
    if reading.finished is not None:
        return reading.finished
    return local_day(reading.date, tz) if reading.date is not None else None


def consistency(views) -> dict | None:
    """The home page's picture: the last 53 weeks as a heatmap, and the streaks; None for a
    site with no note and no finished reading yet (nothing to picture)."""
    figures = views.once("activity-figures", lambda: _figures(views))
    if not figures["counts"]:
        return None
    today = figures["today"]
    first = week_start(today) - dt.timedelta(weeks=52)
    return {
        "heatmap": _heatmap("heatmap-year", views.words, figures["counts"], first, today, today,
                            f"Notes and readings from {views.words.date(first)} to {views.words.date(today)}"),
        "streaks": views.once("streaks", lambda: _streaks(figures, views.words)),
        "url": views.urls.path(ACTIVITY_URL),
    }


def activity_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = "Activity"
    figures = views.once("activity-figures", lambda: _figures(views))
    counts, today = figures["counts"], figures["today"]
    years = []
    for year in reversed(year_span(counts, today)):
        years.append(_heatmap(f"heatmap-{year}", views.words, counts, dt.date(year, 1, 1), dt.date(year, 12, 31), today, f"Notes and readings in {year}",
                              heading=str(year)))
    ctx["activity"] = {
        "notes": sum(c.notes for c in counts.values()),
        "readings": sum(c.readings for c in counts.values()),
        "since": views.words.date(next(iter(counts), None)),
        "streaks": views.once("streaks", lambda: _streaks(figures, views.words)),
        "years": years,
        "tags": _tags_over_time(views, figures),
        "reading": _reading_stats(views, figures),
        "tags_url": views.urls.path(TAGS_URL),
    }


def _streaks(figures, words) -> dict:
    found = streaks(figures["note_days"], figures["today"])
    this_week = week_start(figures["today"])
    return {
        "current": found.current,
        "longest": found.longest,
        "current_from": words.date(found.current_from),
        "current_from_iso": found.current_from.isoformat() if found.current_from else None,
        "longest_from": words.date(found.longest_from),
        "longest_to": words.date(found.longest_to + dt.timedelta(days=6)) if found.longest_to else None,
        # A streak that does not count this week yet: a note this week keeps it going.
        "open": found.current > 0 and not any(week_start(day) == this_week for day in figures["note_days"]),
    }


def _day_title(words, day: dt.date, count: DayCount) -> str:
    parts = []
    if count.notes:
        parts.append(f"{count.notes} {'note' if count.notes == 1 else 'notes'}")
    if count.readings:
        parts.append(f"{count.readings} {'reading' if count.readings == 1 else 'readings'} finished")
    return f"{words.date(day)}: {', '.join(parts) if parts else 'nothing'}"


def _heatmap(ident: str, words, counts, first: dt.date, last: dt.date, today: dt.date, title: str,
             heading: str | None = None) -> dict:
    """A heatmap of ``first``..``last``: squares, labels, the month table, and the totals its
    description gives. Days after ``today`` are left out (but those --future builds notes on)."""
    empty = DayCount()
    weeks = grid(first, last)
    days, months, labels = [], {}, []
    for column, week in enumerate(weeks):
        x = _LEFT + column * _STEP
        for row, day in enumerate(week.days):
            count = counts.get(day, empty)
            if day is None or (day > today and not count.total):
                continue
            days.append({"x": x, "y": _TOP + row * _STEP, "level": level(count.total), "date": day.isoformat(),
                         "title": _day_title(words, day, count) if count.total else None})
            key = (day.year, day.month)
            month = months.get(key)
            if month is None:
                month = months[key] = {"key": f"{day.year:04d}-{day.month:02d}",
                                       "label": words.month(day),
                                       "notes": 0, "readings": 0, "days": 0}
                labels.append({"x": x, "label": _MONTHS_SHORT[day.month - 1]})
            month["notes"] += count.notes
            month["readings"] += count.readings
            month["days"] += 1 if count.total else 0
    notes = sum(m["notes"] for m in months.values())
    readings = sum(m["readings"] for m in months.values())
    active = sum(m["days"] for m in months.values())
    summary = (f"{notes} {'note' if notes == 1 else 'notes'} and {readings} "
               f"{'reading' if readings == 1 else 'readings'} finished, on {active} "
               f"{'day' if active == 1 else 'days'}.")
    return {
        "id": ident, "title": title, "heading": heading, "summary": summary, "notes": notes, "readings": readings, "active": active,
        "width": _LEFT + len(weeks) * _STEP, "height": _TOP + 7 * _STEP, "cell": _CELL,
        "days": days, "months": _spaced(labels),
        "weekdays": [{"y": _TOP + row * _STEP + _CELL - 2, "label": name} for row, name in enumerate(_WEEKDAYS) if name],
        "table": list(months.values()),
    }


def _spaced(labels: list[dict]) -> list[dict]:
    """Month labels at least three columns apart (a month that starts late in a window's first
    week would print over the next one)."""
    kept: list[dict] = []
    for label in labels:
        if kept and label["x"] - kept[-1]["x"] < 3 * _STEP:
            if len(kept) == 1:
                kept[0] = label  # the window's first, partial month gives way to the next
            continue
        kept.append(label)
    return kept


def _spark(values: list[int]) -> dict:
    """Bars for a row of numbers (decoration: the numbers are in the table beside it)."""
    top = max(values, default=0) or 1
    bars = []
    for i, value in enumerate(values):
        height = round(_SPARK_HEIGHT * value / top)
        bars.append({"x": i * _SPARK_STEP, "y": _SPARK_HEIGHT - height, "height": height})
    return {"width": len(values) * _SPARK_STEP, "height": _SPARK_HEIGHT, "bars": [b for b in bars if b["height"]]}


def _tags_over_time(views, figures) -> dict:
    """Notes per tag per year, for the tags with the most notes."""
    site, note_years = views.site, figures["note_years"]
    years = list(year_span(figures["counts"], figures["today"]))
    rows = []
    for slug, hub in site.tags.items():
        if not hub.notes:
            continue
        per_year = dict.fromkeys(years, 0)
        for note_id in hub.notes:
            year = note_years[note_id]
            if year in per_year:
                per_year[year] += 1
        counts = [per_year[y] for y in years]
        rows.append({"name": hub.tag.name, "url": views.urls.path(tag_url(slug)), "counts": counts,
                     "total": len(hub.notes), "spark": _spark(counts)})
    rows.sort(key=lambda r: (-r["total"], r["name"].casefold(), r["url"]))
    return {"years": years, "rows": rows[:_TOP_TAGS], "more": max(0, len(rows) - _TOP_TAGS)}


def _reading_stats(views, figures) -> dict:
    """Finished readings per month of each year, per kind, their ratings, and the pages and
    hours of those that give them."""
    site, tz = views.site, figures["tz"]
    finished = [r for r in site.readings if r.status is ReadingStatus.FINISHED]
    per_month: dict[int, list[int]] = {}
    amounts: dict[int, list] = {}  # year → [pages, entries giving pages, hours, entries giving hours]
    for reading in finished:
        day = _finished_day(reading, tz)
        if day is not None:
            per_month.setdefault(day.year, [0] * 12)[day.month - 1] += 1
            if reading.pages is not None or reading.hours is not None:
                year = amounts.setdefault(day.year, [0, 0, 0.0, 0])
                if reading.pages is not None:
                    year[0] += reading.pages
                    year[1] += 1
                if reading.hours is not None:
                    year[2] += reading.hours
                    year[3] += 1
    months = [{"year": year, "counts": per_month[year], "total": sum(per_month[year]),
               "spark": _spark(per_month[year])} for year in sorted(per_month, reverse=True)]
    kinds: dict[ReadingKind, int] = {}
    for reading in finished:
        kinds[reading.kind] = kinds.get(reading.kind, 0) + 1
    rated = [r.rating for r in finished if r.rating is not None]
    ratings = [{"stars": n, "label": "★" * n + "☆" * (5 - n), "count": rated.count(n)} for n in range(5, 0, -1)]
    return {
        "finished": len(finished),
        "months": months,
        "month_names": list(_MONTHS_SHORT),
        "kinds": [{"label": views.words(KIND_LABEL[k][1]), "count": n}
                  for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0].value))],
        "rated": len(rated),
        "average": f"{sum(rated) / len(rated):.1f}" if rated else None,
        "ratings": ratings,
        "amounts": [{"year": year, "pages": a[0], "paged": a[1], "hours": _hours(a[2]), "timed": a[3]}
                    for year, a in sorted(amounts.items(), reverse=True)],
    }


def _hours(total: float) -> str:
    """``12.5`` → ``"12.5"``, ``3.0`` → ``"3"`` (to a tenth: the sum of many halves stays exact)."""
    return f"{round(total, 1):g}"
