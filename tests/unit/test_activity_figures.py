"""The consistency figures (render/views/calendar.py): days in the site's zone, ISO weeks, streaks."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from plnsite.render.views.calendar import DayCount, day_counts, grid, level, local_day, streaks, week_start, year_span

D = dt.date
BERLIN, VANCOUVER = ZoneInfo("Europe/Berlin"), ZoneInfo("America/Vancouver")


def test_a_note_belongs_to_its_day_in_the_site_zone():
    late = dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert local_day(late, VANCOUVER) == D(2025, 3, 4)
    assert local_day(late, BERLIN) == D(2025, 3, 5)  # 08:30 the next morning there
    assert local_day(D(2025, 3, 4), BERLIN) == D(2025, 3, 4)  # a finished date is a day already


def test_days_across_a_dst_change_stay_on_their_day_and_week():
    # Europe/Berlin moves to summer time at 02:00 on Sunday 30 March 2025.
    before = dt.datetime(2025, 3, 30, 0, 30, tzinfo=dt.timezone.utc)  # 01:30 CET, Sunday
    after = dt.datetime(2025, 3, 30, 22, 30, tzinfo=dt.timezone.utc)  # 00:30 CEST, Monday
    assert local_day(before, BERLIN) == D(2025, 3, 30)
    assert local_day(after, BERLIN) == D(2025, 3, 31)
    assert week_start(D(2025, 3, 30)) == D(2025, 3, 24)
    assert week_start(D(2025, 3, 31)) == D(2025, 3, 31)
    found = streaks([local_day(before, BERLIN), local_day(after, BERLIN)], today=D(2025, 4, 2))
    assert (found.current, found.longest) == (2, 2)


def test_weeks_start_on_monday_across_a_new_year():
    assert week_start(D(2025, 1, 1)) == D(2024, 12, 30)  # ISO week 1 of 2025 begins in 2024
    assert week_start(D(2024, 12, 29)) == D(2024, 12, 23)
    # Sunday 29 Dec, Thursday 2 Jan, Monday 6 Jan: three weeks in a row over the new year.
    found = streaks([D(2024, 12, 29), D(2025, 1, 2), D(2025, 1, 6)], today=D(2025, 1, 8))
    assert (found.current, found.longest) == (3, 3)
    assert found.current_from == D(2024, 12, 23)
    assert (found.longest_from, found.longest_to) == (D(2024, 12, 23), D(2025, 1, 6))


def test_current_streak_counts_last_week_while_this_week_has_no_note_yet():
    days = [D(2025, 5, 5), D(2025, 5, 12), D(2025, 5, 21)]  # weeks of 5, 12 and 19 May
    assert streaks(days, today=D(2025, 5, 23)).current == 3  # this week has one
    assert streaks(days, today=D(2025, 5, 26)).current == 3  # a new week, none yet: not broken
    assert streaks(days, today=D(2025, 6, 2)).current == 0  # a whole week went by without one
    assert streaks(days, today=D(2025, 6, 2)).longest == 3


def test_longest_streak_is_the_longest_run_and_gaps_break_it():
    days = [D(2025, 1, 6), D(2025, 1, 13), D(2025, 2, 3), D(2025, 2, 10), D(2025, 2, 11), D(2025, 2, 17),
            D(2025, 3, 10)]
    found = streaks(days, today=D(2025, 3, 12))
    assert (found.current, found.longest) == (1, 3)
    assert (found.longest_from, found.longest_to) == (D(2025, 2, 3), D(2025, 2, 17))


def test_an_empty_site_has_no_streak_and_an_empty_year():
    found = streaks([], today=D(2025, 6, 1))
    assert (found.current, found.longest, found.current_from, found.longest_from) == (0, 0, None, None)
    assert day_counts([], []) == {}
    assert list(year_span({}, D(2025, 6, 1))) == [2025]


def test_one_note():
    assert streaks([D(2025, 6, 1)], today=D(2025, 6, 1)).current == 1
    assert streaks([D(2024, 6, 1)], today=D(2025, 6, 1)).current == 0
    assert streaks([D(2024, 6, 1)], today=D(2025, 6, 1)).longest == 1
    assert day_counts([D(2024, 6, 1)], []) == {D(2024, 6, 1): DayCount(1, 0)}
    assert list(year_span(day_counts([D(2023, 6, 1)], []), D(2025, 6, 1))) == [2023, 2024, 2025]


def test_day_counts_add_notes_and_readings_per_day_in_order():
    counts = day_counts([D(2025, 2, 1), D(2025, 1, 1), D(2025, 2, 1)], [D(2025, 2, 1), D(2025, 1, 15)])
    assert list(counts) == [D(2025, 1, 1), D(2025, 1, 15), D(2025, 2, 1)]
    assert counts[D(2025, 2, 1)] == DayCount(2, 1) and counts[D(2025, 2, 1)].total == 3


def test_levels_are_fixed_steps():
    assert [level(n) for n in (0, 1, 2, 3, 4, 5, 40)] == [0, 1, 2, 3, 4, 4, 4]


def test_grid_is_whole_weeks_with_days_outside_the_range_left_empty():
    weeks = grid(D(2025, 1, 1), D(2025, 12, 31))
    assert len(weeks) == 53 and weeks[0].start == D(2024, 12, 30)
    assert weeks[0].days[:2] == (None, None) and weeks[0].days[2] == D(2025, 1, 1)
    assert weeks[-1].days[2] == D(2025, 12, 31) and weeks[-1].days[3:] == (None,) * 4
    assert sum(day is not None for week in weeks for day in week.days) == 365
    assert len(grid(D(2026, 1, 1), D(2026, 12, 31))) == 53  # Thursday to Thursday
    assert len(grid(D(2024, 1, 1), D(2024, 12, 31))) == 53  # a leap year starting on Monday
