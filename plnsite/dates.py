"""Dates from YAML values and file names, always made timezone-aware."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["BadDate", "date_prefix", "parse_when", "zone"]

_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


class BadDate(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ValueError with a readable message if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
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
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if candidate.endswith("Z"):
        candidate = candidate[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        raise BadDate(f"not a date: {text!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)") from None


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
