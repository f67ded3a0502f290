"""``plnsite import goodreads FILE.csv``: a Goodreads library export → reading entries.

Columns are found by header name (see ``table.py``). ``Private Notes`` is not among the
columns asked for, so it is never read, shown or written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Loc, Problems
from ..paths import display_path
from .books import Book, book_keys, export_date, isbn_field, plan_books, review_markdown, tag_list
from .source import SAVE_AS_CSV_UTF8, read_input
from .table import Row, read_table
from .writer import Plan

__all__ = ["plan_goodreads"]

WHAT = "a Goodreads library export"
COLUMNS = ("Book Id", "Title", "Author", "Additional Authors", "ISBN", "ISBN13", "My Rating",
           "Date Read", "Date Added", "Bookshelves", "Exclusive Shelf", "My Review")
REQUIRED = ("Title", "Author", "Exclusive Shelf")
STATUS = {"read": "finished", "currently-reading": "reading", "to-read": "want"}
ABANDONED = frozenset({"did-not-finish", "dnf", "abandoned", "gave-up", "given-up", "unfinished"})
TARGET = Path("reading") / "goodreads.yaml"


def plan_goodreads(export: Path, content: Path) -> Plan:
    text = read_input(export, WHAT, SAVE_AS_CSV_UTF8)
    table = read_table(export, text, wanted=COLUMNS, required=REQUIRED, what=WHAT, others={
        "a StoryGraph export: use `plnsite import storygraph`": ("Title", "Authors", "Read Status"),
    })
    problems = Problems()
    shown = display_path(export)
    books, undated = [], []
    for row in table.rows:
        book = _book(row, Loc(shown, row.line), problems, undated)
        if book is not None:
            books.append(book)
    if undated:
        lines = ", ".join(str(n) for n in undated[:5]) + (", …" if len(undated) > 5 else "")
        problems.warning(Loc(shown, undated[0]), f"{len(undated)} read book{'s' * (len(undated) > 1)} "
                         f"without a Date Read (line{'s' * (len(undated) > 1)} {lines}): Date Added is used as the finished date")
    return plan_books(content, content / TARGET, books, problems)


def _book(row: Row, where: Loc, problems: Problems, undated: list[int]) -> Book | None:
    title = row["Title"]
    if not title:
        problems.warning(where, "row has no Title: skipped")
        return None
    authors = tag_list([row["Author"]], row["Additional Authors"].split(","))
    isbn, asin = isbn_field(row["ISBN13"], where, problems)
    if not isbn:
        isbn, asin = isbn_field(row["ISBN"], where, problems)
    book_id = row["Book Id"].strip() or None
    shelf = row["Exclusive Shelf"].strip().lower()
    status = STATUS.get(shelf) or ("abandoned" if shelf in ABANDONED else None)
    shelves = [s.strip() for s in row["Bookshelves"].split(",")]
    if status is None:
        problems.warning(where, f"Exclusive Shelf '{shelf}' has no plnsite status: imported as want, tagged '{shelf}'")
        status, shelves = "want", [*shelves, shelf]
    fields: dict = {"title": title}
    if len(authors) == 1:
        fields["author"] = authors[0]
    elif authors:
        fields["authors"] = authors
    if book_id:
        fields["url"] = f"https://www.goodreads.com/book/show/{book_id}"
    fields["kind"] = "book"
    fields["status"] = status
    if status == "finished":
        finished = export_date(row["Date Read"], "Date Read", where, problems)
        if finished is None:
            finished = export_date(row["Date Added"], "Date Added", where, problems)
            if finished is None:
                problems.warning(where, f"'{title}' is read but has no Date Read or Date Added: skipped")
                return None
            undated.append(where.line)
        fields["finished"] = finished
    rating = _rating(row["My Rating"], where, problems)
    if rating:
        fields["rating"] = rating
    tags = tag_list([s for s in shelves if s.lower() not in (*STATUS, shelf if status == "abandoned" else "")])
    if tags:
        fields["tags"] = tags
    notes = review_markdown(row["My Review"])
    if notes:
        fields["notes"] = notes
    if isbn:
        fields["isbn"] = isbn
    if asin:
        fields["asin"] = asin
    if book_id:
        fields["goodreads_id"] = int(book_id) if book_id.isascii() and book_id.isdigit() else book_id
    return Book(fields=fields, keys=book_keys(title, authors, isbn, asin, book_id), line=where.line)


def _rating(raw: str, where: Loc, problems: Problems) -> int | None:
    text = raw.strip().lstrip("'")
    if not text or text == "0":
        return None  # 0 is how Goodreads writes "not rated"
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    problems.warning(where, f"My Rating '{raw}' is not 0..5: imported without a rating")
    return None
