"""dates.py: every date becomes timezone-aware; naive ones are in the site's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from plnsite.dates import BadDate, date_prefix, parse_iso, parse_when, zone
from plnsite.yamlio import load_yaml

VAN = ZoneInfo("America/Vancouver")
UTC = dt.timezone.utc


def test_bare_date_is_midnight_in_the_site_zone():
    when = parse_when(dt.date(2025, 3, 4), VAN)
    assert when == dt.datetime(2025, 3, 4, tzinfo=VAN)
    assert when.isoformat() == "2025-03-04T00:00:00-08:00"


def test_naive_datetime_is_in_the_site_zone_and_dst_is_respected():
    assert parse_when(dt.datetime(2025, 1, 15, 9, 30), VAN).isoformat() == "2025-01-15T09:30:00-08:00"
    assert parse_when(dt.datetime(2025, 7, 15, 9, 30), VAN).isoformat() == "2025-07-15T09:30:00-07:00"


def test_aware_datetime_keeps_its_own_offset():
    given = dt.datetime(2025, 3, 4, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    when = parse_when(given, VAN)
    assert when is given or when == given
    assert when.utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-03-04", "2025-03-04T00:00:00-08:00"),
        (" 2025-03-04 ", "2025-03-04T00:00:00-08:00"),
        ("2025-03-04T10:15", "2025-03-04T10:15:00-08:00"),
        ("2025-03-04 10:15", "2025-03-04T10:15:00-08:00"),
        ("2025-03-04 10:15:30", "2025-03-04T10:15:30-08:00"),
        ("2025-03-04T10:15:00-08:00", "2025-03-04T10:15:00-08:00"),
        ("2025-03-04T10:15:00+05:30", "2025-03-04T10:15:00+05:30"),
        ("2025-03-04T18:15:00Z", "2025-03-04T18:15:00+00:00"),
        ("2025-03-04 18:15:00Z", "2025-03-04T18:15:00+00:00"),
    ],
)
def test_text_dates(text, iso):
    when = parse_when(text, VAN)
    assert when.tzinfo is not None
    assert when.isoformat() == iso


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "yesterday", "", "04/03/2025", 20250304, 3.5, None, True])
def test_not_dates(value):
    with pytest.raises(BadDate) as info:
        parse_when(value, VAN)
    assert "not a date" in str(info.value)


# datetime.fromisoformat reads some of these on Python 3.11+ only, some on none: plnsite reads
# the same forms on every Python, whichever runs this test.
@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-03-04T10:15:00Z", "2025-03-04T10:15:00+00:00"),
        ("2025-03-04t10:15z", "2025-03-04T10:15:00+00:00"),
        ("2025-03-04T10:15", "2025-03-04T10:15:00-08:00"),
        ("2025-03-04T10:15:00.123", "2025-03-04T10:15:00.123000-08:00"),
        ("2025-03-04T10:15:00.5", "2025-03-04T10:15:00.500000-08:00"),
        ("2025-03-04T10:15:00.12345", "2025-03-04T10:15:00.123450-08:00"),
        ("2025-03-04T10:15:00.1234567", "2025-03-04T10:15:00.123456-08:00"),  # cut, as YAML cuts it
        ("2025-03-04T10:15:00+0100", "2025-03-04T10:15:00+01:00"),
        ("2025-03-04T10:15:00+01", "2025-03-04T10:15:00+01:00"),
        ("2025-03-04 10:15:00 -0500", "2025-03-04T10:15:00-05:00"),  # Jekyll's form
        ("2025-03-04 10:15:00.25 -5", "2025-03-04T10:15:00.250000-05:00"),
        ("2025-03-04 9:05", "2025-03-04T09:05:00-08:00"),
    ],
)
def test_date_time_forms_read_the_same_on_every_python(text, iso):
    assert parse_when(text, VAN).isoformat() == iso


@pytest.mark.parametrize(
    "text",
    ["20250304", "2025-W10-2", "2025-W10", "2025-063", "2025-03-04T1015", "2025-03-04T10", "2025-03-04T10:15:00,5",
     "2025-03-04T10:15:00+01:00:30", "2025-03-04T24:00", "2025-03-04T10:60", "2025-3-4", "2025-03-04T10:15:00+24:00",
     "2025-03-04T10:15:00 Z x", "2025-03-04 x"],
)
def test_other_iso_forms_are_not_dates_on_any_python(text):
    with pytest.raises(BadDate):
        parse_when(text, VAN)


def test_a_quoted_date_reads_as_the_same_text_bare_does():
    forms = ["2025-03-04", "2025-03-04T10:15:00Z", "2025-03-04 10:15:00.123 -05:00", "2025-03-04t10:15:00.1+01:00",
             "2025-03-04 10:15:00 -5", "2025-03-04   10:15:00"]
    text = "".join(f"bare{i}: {form}\nquoted{i}: '{form}'\n" for i, form in enumerate(forms))
    data = load_yaml(text, "dates.yaml")
    for i, form in enumerate(forms):
        assert not isinstance(data[f"bare{i}"], str), form  # YAML read it as a date
        assert parse_when(data[f"bare{i}"], VAN) == parse_when(data[f"quoted{i}"], VAN), form


def test_parse_iso_keeps_a_date_a_date():
    assert parse_iso("2025-03-04") == dt.date(2025, 3, 4) and not isinstance(parse_iso("2025-03-04"), dt.datetime)
    assert parse_iso("2025-03-04T10:15") == dt.datetime(2025, 3, 4, 10, 15)
    with pytest.raises(ValueError):
        parse_iso("2025-02-30")


def test_bad_text_date_message_says_what_to_write():
    with pytest.raises(BadDate) as info:
        parse_when("2025-13-45", VAN)
    assert str(info.value) == "not a date: '2025-13-45' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)"


def test_bad_date_is_a_value_error():
    assert issubclass(BadDate, ValueError)


def test_result_is_the_same_instant_whatever_the_zone_for_aware_input():
    text = "2025-03-04T10:15:00-08:00"
    assert parse_when(text, VAN) == parse_when(text, ZoneInfo("Asia/Tokyo")) == parse_when(text, UTC)


def test_naive_input_depends_on_the_zone():
    assert parse_when("2025-03-04", VAN) != parse_when("2025-03-04", ZoneInfo("Asia/Tokyo"))
    assert parse_when("2025-03-04", ZoneInfo("Asia/Tokyo")).isoformat() == "2025-03-04T00:00:00+09:00"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2025-03-04-two-accounts", (dt.date(2025, 3, 4), "two-accounts")),
        ("2025-03-04-2025-plans", (dt.date(2025, 3, 4), "2025-plans")),
        ("2025-03-04", (None, "2025-03-04")),  # nothing would be left for the slug
        ("2025-03-04-", (None, "2025-03-04-")),
        ("2025-02-30-impossible", (None, "2025-02-30-impossible")),
        ("25-03-04-short-year", (None, "25-03-04-short-year")),
        ("two-accounts", (None, "two-accounts")),
        ("notes-2025-03-04-x", (None, "notes-2025-03-04-x")),
    ],
)
def test_date_prefix(name, expected):
    assert date_prefix(name) == expected


def test_zone_known_and_unknown():
    assert zone("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert zone("UTC").utcoffset(dt.datetime(2025, 1, 1)) == dt.timedelta(0)
    for bad in ["Mars/Olympus", "", "../../etc/passwd"]:
        with pytest.raises(BadDate) as info:
            zone(bad)
        assert str(info.value) == f"unknown timezone {bad!r} (use an IANA name such as 'Europe/Berlin')"
