"""The consistency figures, pure: days with notes and readings, weeks, streaks, heatmap grids.

Everything here is a function of dates already placed in the site's time zone, and of the
build's "today" (also in that zone), so the same input and the same day give the same figures.
Weeks are ISO weeks: they start on Monday, as the ISO 8601 week numbers people see elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["DayCount", "LEVELS", "Streaks", "Week", "day_counts", "grid", "level", "local_day", "streaks",
           "week_start", "year_span"]

LEVELS = 5  # squares are coloured in five levels: none, 1, 2, 3, 4 or more items a day
_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class DayCount:
    """What one day holds: notes written, readings finished."""

    notes: int = 0
    readings: int = 0

    @property
    def total(self) -> int:
        return self.notes + self.readings


@dataclass(frozen=True, slots=True)
class Streaks:
    """Runs of consecutive weeks with at least one note; each ``*_from``/``*_to`` is a week's Monday."""

    current: int
    longest: int
    current_from: dt.date | None
    longest_from: dt.date | None
    longest_to: dt.date | None


@dataclass(frozen=True, slots=True)
class Week:
    """One column of a heatmap: its Monday and its days (None for a day outside the range)."""

    start: dt.date
    days: tuple[dt.date | None, ...]


def local_day(when: dt.datetime | dt.date, tz: dt.tzinfo) -> dt.date:
    """The calendar day of ``when`` in the site's zone (a date is already a day)."""
    if isinstance(when, dt.datetime):
        return when.astimezone(tz).date()
    return when


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def day_counts(note_days: Iterable[dt.date], reading_days: Iterable[dt.date]) -> dict[dt.date, DayCount]:
    """Per-day counts, only for days that hold something, in day order."""
    notes: dict[dt.date, int] = {}
    readings: dict[dt.date, int] = {}
    for day in note_days:
        notes[day] = notes.get(day, 0) + 1
    for day in reading_days:
        readings[day] = readings.get(day, 0) + 1
    return {day: DayCount(notes.get(day, 0), readings.get(day, 0)) for day in sorted(notes.keys() | readings.keys())}


def level(count: int) -> int:
    """A day's colour level, 0 to 4: fixed steps (1, 2, 3, 4 or more items), so a square keeps
    its colour whatever the busiest day of the window is."""
    return max(0, min(LEVELS - 1, count))


def streaks(note_days: Iterable[dt.date], today: dt.date) -> Streaks:
    """The current and the longest run of consecutive weeks with a note.

    The current run ends with this week, or with last week while this week has no note yet
    (the week is not over: a streak is not broken before Monday comes without a note)."""
    weeks = sorted({week_start(day) for day in note_days})
    longest, longest_from, longest_to = 0, None, None
    run, run_from, previous = 0, None, None
    runs: dict[dt.date, tuple[int, dt.date]] = {}  # last week of each run → (length, first week)
    for week in weeks:
        if previous is not None and week - previous == _WEEK:
            run += 1
        else:
            run, run_from = 1, week
        runs[week] = (run, run_from)
        if run > longest:
            longest, longest_from, longest_to = run, run_from, week
        previous = week
    this_week = week_start(today)
    current, current_from = 0, None
    for end in (this_week, this_week - _WEEK):
        if end in runs:
            current, current_from = runs[end]
            break
    return Streaks(current, longest, current_from, longest_from, longest_to)


def grid(first: dt.date, last: dt.date) -> tuple[Week, ...]:
    """The weeks (columns) that hold ``first`` to ``last``; days outside that range are None."""
    weeks = []
    start = week_start(first)
    while start <= last:
        days = tuple(day if first <= day <= last else None
                     for day in (start + dt.timedelta(days=i) for i in range(7)))
        weeks.append(Week(start, days))
        start += _WEEK
    return tuple(weeks)


def year_span(counts: Mapping[dt.date, DayCount], today: dt.date) -> range:
    """The years an activity page shows: from the first day with anything to this year (or to
    the last such day, when --future builds notes dated later), newest last."""
    if not counts:
        return range(today.year, today.year + 1)
    days = list(counts)
    return range(min(days[0].year, today.year), max(days[-1].year, today.year) + 1)
