"""Dates from YAML values and file names, always made timezone-aware."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["BadDate", "date_prefix", "parse_iso", "parse_when", "zone"]

_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
# The forms plnsite reads, the same on every Python: datetime.fromisoformat reads more on
# 3.11+ than on 3.10 (20250304, 2025-W10-2, 10:15:00.12, +0100), so it is not used.
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?"
    r"[ \t]*(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<off_hours>\d{1,2})(?::?(?P<off_minutes>\d{2}))?)?)?"
)


class BadDate(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ValueError with a readable message if unknown."""
    try:
        return ZoneInfo(name)
    # OSError: a folder of the zone database ("America" is not a zone) or a name too long to be a file.
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise BadDate(f"unknown timezone {name!r} (use an IANA name such as 'Europe/Berlin')") from None


def parse_when(value: object, tz: dt.tzinfo) -> dt.datetime:
    """A YAML date/datetime/string → aware datetime; naive values are in ``tz``."""
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        when = _parse_text(value.strip())
    else:
        raise BadDate(f"not a date: {value!r}")
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when


def _parse_text(text: str) -> dt.datetime:
    try:
        when = parse_iso(text)
    except ValueError:
        raise BadDate(f"not a date: {text!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)") from None
    return when if isinstance(when, dt.datetime) else dt.datetime(when.year, when.month, when.day)


def parse_iso(text: str) -> dt.date | dt.datetime:
    """``YYYY-MM-DD`` → a date. With a time (after ``T`` or spaces: ``HH:MM``, ``HH:MM:SS``,
    ``HH:MM:SS.fraction``; a one-digit hour too) → a datetime, aware when an offset follows
    (``Z``, ``±HH:MM``, ``±HHMM``, ``±HH``, ``±H``; spaces before it allowed). So a quoted
    date reads as YAML reads the same text bare; a fraction finer than microseconds is cut
    off, as YAML does. ValueError for anything else (``20250304``, ``2025-W10-2``)."""
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if match["hour"] is None:
        return dt.date(year, month, day)
    tz = None
    if match["utc"]:
        tz = dt.timezone.utc
    elif match["sign"]:
        offset = dt.timedelta(hours=int(match["off_hours"]), minutes=int(match["off_minutes"] or 0))
        tz = dt.timezone(-offset if match["sign"] == "-" else offset)
    micro = int((match["fraction"] or "")[:6].ljust(6, "0"))
    return dt.datetime(year, month, day, int(match["hour"]), int(match["minute"]), int(match["second"] or 0),
                       micro, tzinfo=tz)


def date_prefix(name: str) -> tuple[dt.date | None, str]:
    """``"2025-03-04-two-accounts"`` → ``(date(2025, 3, 4), "two-accounts")``."""
    match = _PREFIX.match(name)
    if not match:
        return None, name
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, name
    return day, match[4]
