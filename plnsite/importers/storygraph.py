"""``plnsite import storygraph FILE.csv``: a StoryGraph export → reading entries.

``Star Rating`` has quarter and half stars while a plnsite rating is a whole number from 1
to 5: it is rounded half up (3.5 → 4, 3.25 → 3, 0.5 → 1) and, when it was not whole, the
exact value is kept beside it as ``stars: 3.5``. Spreadsheet damage is repaired where that is
unambiguous (a leading apostrophe, ``M/D/YYYY`` dates whose day is over 12, date serial
numbers, an ISBN-10 that lost its leading zero) and reported where it is not (an ISBN shown
as ``9.78E+12``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from ..errors import Loc, Problems
from ..paths import display_path
from .books import Book, book_keys, export_date, isbn_field, plan_books, review_markdown, tag_list
from .source import SAVE_AS_CSV_UTF8, read_input
from .table import Row, read_table
from .writer import Plan

__all__ = ["plan_storygraph"]

WHAT = "a StoryGraph export"
COLUMNS = ("Title", "Authors", "ISBN/UID", "Read Status", "Date Added", "Last Date Read", "Dates Read",
           "Star Rating", "Review", "Tags")
REQUIRED = ("Title", "Authors", "Read Status")
STATUS = {"read": "finished", "currently-reading": "reading", "to-read": "want",
          "did-not-finish": "abandoned", "paused": "reading"}
TARGET = Path("reading") / "storygraph.yaml"
_RANGE = re.compile(r"^\s*(?P<start>[^-]+?)\s*-\s*(?P<end>[^-]+?)\s*$")


def plan_storygraph(export: Path, content: Path) -> Plan:
    text = read_input(export, WHAT, SAVE_AS_CSV_UTF8)
    table = read_table(export, text, wanted=COLUMNS, required=REQUIRED, what=WHAT, others={
        "a Goodreads library export: use `plnsite import goodreads`": ("Book Id", "Title", "Exclusive Shelf"),
    })
    problems = Problems()
    shown = display_path(export)
    books = [b for row in table.rows if (b := _book(row, Loc(shown, row.line), problems)) is not None]
    return plan_books(content, content / TARGET, books, problems)


def _book(row: Row, where: Loc, problems: Problems) -> Book | None:
    title = row["Title"]
    if not title:
        problems.warning(where, "row has no Title: skipped")
        return None
    authors = tag_list(row["Authors"].split(","))
    isbn, asin = isbn_field(row["ISBN/UID"], where, problems)
    raw_status = row["Read Status"].strip().lstrip("'").lower()
    status = STATUS.get(raw_status)
    extra_tags = ["paused"] if raw_status == "paused" else []
    if status is None:
        problems.warning(where, f"Read Status '{raw_status}' is not one of: {', '.join(STATUS)}; imported as want")
        status = "want"
    started, finished = _dates(row, where, problems)
    fields: dict = {"title": title}
    if len(authors) == 1:
        fields["author"] = authors[0]
    elif authors:
        fields["authors"] = authors
    fields["kind"] = "book"
    fields["status"] = status
    if status == "finished" and finished is None:
        finished = export_date(row["Date Added"], "Date Added", where, problems)
        if finished is None:
            problems.warning(where, f"'{title}' is read but has no date read or date added: skipped")
            return None
        problems.warning(where, f"'{title}' is read but has no date read: Date Added is used")
    if started is not None and status in ("finished", "reading", "abandoned"):
        if finished is None or started <= finished:
            fields["started"] = started
    if status == "finished":
        fields["finished"] = finished
    stars = _stars(row["Star Rating"], where, problems)
    if stars is not None:
        fields["rating"] = max(1, int(stars.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    tags = tag_list(row["Tags"].split(","), extra_tags)
    if tags:
        fields["tags"] = tags
    notes = review_markdown(row["Review"])
    if notes:
        fields["notes"] = notes
    if stars is not None and stars != stars.to_integral_value():
        fields["stars"] = float(stars)
    if isbn:
        fields["isbn"] = isbn
    if asin:
        fields["asin"] = asin
    return Book(fields=fields, keys=book_keys(title, authors, isbn, asin), line=where.line)


def _dates(row: Row, where: Loc, problems: Problems):
    """(started, finished): the last of the ``Dates Read`` ranges, ``Last Date Read`` first."""
    started = finished = None
    ranges = [part for part in row["Dates Read"].split(",") if part.strip()]
    if ranges:
        last = ranges[-1].strip()
        match = _RANGE.match(last) if last.count("-") == 1 else None
        if match:
            started = export_date(match["start"], "Dates Read", where, problems)
            finished = export_date(match["end"], "Dates Read", where, problems)
        elif "-" not in last or re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", last):
            finished = export_date(last, "Dates Read", where, problems)
    last_read = export_date(row["Last Date Read"], "Last Date Read", where, problems)
    return started, last_read or finished


def _stars(raw: str, where: Loc, problems: Problems) -> Decimal | None:
    text = raw.strip().lstrip("'").replace(",", ".")
    if not text:
        return None
    try:
        stars = Decimal(text)
    except InvalidOperation:
        stars = None
    if stars is None or not 0 < stars <= 5:
        if stars != 0:
            problems.warning(where, f"Star Rating '{raw}' is not a number from 0.25 to 5: imported without a rating")
        return None
    return stars
