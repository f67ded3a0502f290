"""Small pure helpers the views share: dates, labels, names, ratings, outside URLs, site.extra."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlsplit

from ...model import ReadingKind, ReadingStatus
from ...text import html_to_text, shorten

__all__ = ["KIND_LABEL", "READ_STATUS", "STATUS_LABEL", "description", "iso",
           "join_names", "plain_data", "stars", "web_url"]

READ_STATUS = {ReadingStatus.WANT: "to-read", ReadingStatus.READING: "reading",
               ReadingStatus.FINISHED: "finished", ReadingStatus.ABANDONED: "abandoned"}  # microformats p-read-status
# The words of each status, as catalogue keys: "status|Reading" is shown "Reading" in English, but
# it is not the name of the reading log ("Lectures" in French is the log, "En cours" the status).
STATUS_LABEL = {ReadingStatus.WANT: "Want to read", ReadingStatus.READING: "status|Reading",
                ReadingStatus.FINISHED: "Finished", ReadingStatus.ABANDONED: "Abandoned"}
KIND_LABEL = {ReadingKind.BOOK: ("Book", "Books"), ReadingKind.ARTICLE: ("Article", "Articles"),
              ReadingKind.PAPER: ("Paper", "Papers"), ReadingKind.VIDEO: ("Video", "Videos"),
              ReadingKind.PODCAST: ("Podcast", "Podcasts"), ReadingKind.COURSE: ("Course", "Courses"),
              ReadingKind.TALK: ("Talk", "Talks"), ReadingKind.OTHER: ("Other", "Other")}

_DESCRIPTION_LIMIT = 200


def iso(when: dt.date | None) -> str | None:
    if when is None:
        return None
    if isinstance(when, dt.datetime):
        return when.isoformat(timespec="seconds")
    return when.isoformat()


def web_url(value: str | None) -> str | None:
    """An http(s) URL as given, ``example.org/x`` made https, anything else None."""
    if not value:
        return None
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if scheme in ("http", "https"):
        return value
    if not scheme and "." in value.split("/", 1)[0] and " " not in value and not value.startswith(("/", "@")):
        return "https://" + value
    return None


def description(html: str | None, limit: int = _DESCRIPTION_LIMIT) -> str:
    """Rendered HTML → one line of text (for meta descriptions), cut at a word."""
    return shorten(html_to_text(html), limit) if html else ""


def plain_data(value):
    """site.extra (YAML) → plain dicts/lists/scalars, dates as ISO strings."""
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def join_names(names: tuple[str, ...] | list[str], words) -> str:
    """"A, B, and C" in the site's language (CLDR's list pattern)."""
    return words.names(list(names))


def stars(rating: int | None) -> str | None:
    if rating is None:
        return None
    rating = max(0, min(5, rating))
    return "★" * rating + "☆" * (5 - rating)
