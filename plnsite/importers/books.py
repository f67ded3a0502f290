"""What the Goodreads and StoryGraph importers share: cleaning an export's cells into
reading-entry fields, knowing which books the content already holds, and planning the
entries that are new.

A book is "already there" when any of its keys is found in ``content/reading/`` (every
file, not only the one being imported into): ``goodreads:<Book Id>``, ``isbn:<ISBN-13>``,
``asin:<ASIN>``, or ``book:<title>|<first author>`` (case, punctuation and a Goodreads
series suffix such as "(Dune, #1)" ignored). Entries are never changed once written, so
the user's later edits survive any number of re-imports.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import Loc, Problems
from ..load.discover import discover
from ..load.fields import field_text, parse_yaml
from ..load.frontmatter import read_front_matter
from ..paths import display_path
from ..sources import read_source
from ..yamlio import YMap
from .source import stop_on_errors
from .writer import Plan, append_entries

__all__ = ["Book", "book_keys", "export_date", "isbn_field", "plan_books", "review_markdown", "tag_list"]


@dataclass(frozen=True, slots=True)
class Book:
    fields: dict  # the reading entry, keys in the order they are written
    keys: frozenset[str]  # identities, for re-import matching
    line: int  # where the row starts in the export


# ---- cells → fields -----------------------------------------------------------------------

_SERIES = re.compile(r"\s*\([^()]*#\s*\d+(?:\.\d+)?\)\s*$")
_EXCEL_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?E\+?\d+$", re.IGNORECASE)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def book_keys(title: str, authors, isbn: str | None = None, asin: str | None = None,
              goodreads: str | None = None) -> frozenset[str]:
    keys = set()
    if goodreads:
        keys.add(f"goodreads:{goodreads}")
    if isbn:
        keys.add(f"isbn:{_isbn13(isbn) or isbn}")
    if asin:
        keys.add(f"asin:{asin.upper()}")
    first = next(iter(authors), "") if authors else ""
    if title:
        keys.add(f"book:{_norm(_SERIES.sub('', title))}|{_norm(first)}")
    return frozenset(keys)


def isbn_field(raw: str, where: Loc, problems: Problems) -> tuple[str | None, str | None]:
    """``(isbn, asin)`` from an export cell: ``="9780…"`` unwrapped, a spreadsheet's leading
    apostrophe dropped; a number a spreadsheet turned into ``9.78E+12`` is reported and dropped."""
    text = raw.strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    text = text.lstrip("'").strip().replace("-", "").replace(" ", "")
    if not text:
        return None, None
    if _EXCEL_NUMBER.match(text):
        problems.warning(where, f"ISBN '{raw.strip()}' was turned into a number by a spreadsheet "
                                "and lost its digits; imported without it")
        return None, None
    text = re.sub(r"\.0+$", "", text)
    if re.fullmatch(r"B0[0-9A-Z]{8}", text.upper()):
        return None, text.upper()
    if re.fullmatch(r"\d{9}", text) and _isbn10_ok("0" + text):  # Excel dropped a leading zero
        text = "0" + text
    if re.fullmatch(r"\d{13}|\d{9}[\dXx]", text):
        return text.upper(), None
    if re.fullmatch(r"[0-9A-Z]{10}", text.upper()):
        return None, text.upper()
    return None, None  # some other identifier: nothing a reader would use


def _isbn10_ok(text: str) -> bool:
    total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(text))
    return total % 11 == 0


def _isbn13(text: str) -> str | None:
    if len(text) == 13 and text.isascii() and text.isdigit():
        return text
    if len(text) == 10 and text.isascii() and text[:9].isdigit():
        core = "978" + text[:9]
        check = (10 - sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(core)) % 10) % 10
        return core + str(check)
    return None


_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<a>\d{1,2})[/\-.](?P<b>\d{1,2})[/\-.](?P<y>\d{4})(?: .*)?$"),
)


def export_date(raw: str, column: str, where: Loc, problems: Problems) -> dt.date | None:
    """A date cell: ``YYYY/MM/DD`` (or ``-``); a spreadsheet's ``M/D/YYYY`` or ``D/M/YYYY`` when
    the day is unambiguous, and its serial numbers (``45123``); anything else is reported."""
    text = raw.strip().lstrip("'").strip()
    if not text:
        return None
    try:
        if match := _DATE_FORMS[0].match(text):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match := _DATE_FORMS[1].match(text):
            a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
            if a > 12 >= b:
                return dt.date(year, b, a)
            if b > 12 >= a or a == b:
                return dt.date(year, a, b)
            problems.warning(where, f"{column} '{text}' could be day/month or month/day "
                                    "(a spreadsheet changed it); imported without it")
            return None
        if re.fullmatch(r"\d{5}(?:\.\d+)?", text):  # days since 1899-12-30, as spreadsheets count
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
    except ValueError:
        pass
    problems.warning(where, f"{column} '{text}' is not a date (expected YYYY/MM/DD); imported without it")
    return None


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE = (
    (re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE), "**"),
    (re.compile(r"</?(?:i|em)\s*>", re.IGNORECASE), "*"),
    (re.compile(r"</?p\s*>", re.IGNORECASE), "\n\n"),
)
_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(r"&(?!lt;|gt;)(?:#\d+|#x[0-9a-fA-F]+|\w+);")


def review_markdown(text: str) -> str | None:
    """A review's HTML (``<br/>`` lines, ``<b>``, ``<i>``, links) as Markdown; entities decoded,
    except ``&lt;``/``&gt;``, so that escaped text never turns into markup."""
    if not text.strip():
        return None
    text = text.replace("\r\n", "\n")
    text = _BREAK.sub("\n", text)
    text = _LINK.sub(lambda m: f"[{m[2].strip()}]({m[1]})", text)
    for pattern, mark in _INLINE:
        text = pattern.sub(mark, text)
    text = _ENTITY.sub(lambda m: html.unescape(m[0]), text).replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return (text + "\n" if "\n" in text else text) or None  # a multi-line note ends its `|` block


def tag_list(*groups) -> list[str]:
    """Tags from several comma-separated cells, in order, each once (by slug-ish identity)."""
    seen, tags = set(), []
    for group in groups:
        for tag in group:
            tag = tag.strip()
            if tag and _norm(tag) not in seen:
                seen.add(_norm(tag))
                tags.append(tag)
    return tags


# ---- what the content holds, and the plan -------------------------------------------------


def _existing_keys(content: Path) -> set[str]:
    """The keys of every reading entry under ``content/reading/`` (YAML logs and .md pages)."""
    keys: set[str] = set()
    problems = Problems()
    for path in discover(content).readings:
        shown = display_path(path)
        if path.suffix.lower() in (".md", ".markdown"):
            front = read_front_matter(path, shown, problems)
            entries = [front.meta] if front is not None else []
        else:
            text = read_source(path, shown, problems)
            data = parse_yaml(text, shown, problems) if text is not None else None
            entries = data if isinstance(data, list) else []
        for entry in entries:
            if isinstance(entry, YMap):
                keys |= _entry_keys(entry)
    stop_on_errors(problems)
    return keys


def _entry_keys(entry: YMap) -> frozenset[str]:
    authors = entry.get("authors", entry.get("author"))
    authors = [str(a) for a in authors] if isinstance(authors, list) else [str(authors or "")]
    return book_keys(field_text(entry.get("title")) or "", authors, isbn=field_text(entry.get("isbn")),
                     asin=field_text(entry.get("asin")), goodreads=field_text(entry.get("goodreads_id")))


def plan_books(content: Path, target: Path, books: list[Book], problems: Problems) -> Plan:
    """The entries of ``books`` that the content does not hold yet, appended to ``target``."""
    known = _existing_keys(content)
    new, already = [], 0
    for book in books:
        if book.keys & known:
            already += 1
            continue
        known |= book.keys  # the same book twice in one export is imported once
        new.append(book.fields)
    changes = (append_entries(target, new),) if new else ()
    return Plan(changes=changes, problems=problems.freeze(), already=already, noun="books")

