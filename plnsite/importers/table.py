"""CSV exports read by column name, never by position.

Exports of one service differ in their column sets (Goodreads has 31-, 24- and other
column versions) and spreadsheets pad or re-case header names, so a header cell is
matched after trimming, folding case and collapsing spaces. Only the columns an importer
asks for are kept: any other column (``Private Notes``) never leaves this module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .source import BadInput

__all__ = ["Row", "Table", "read_table"]

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the file line where the row starts
    cells: dict[str, str]  # the wanted column names (as the importer spells them) → trimmed text

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[Row, ...]
    columns: frozenset[str]  # the wanted columns the file has


def _header_key(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def read_table(path: Path, text: str, *, wanted: Sequence[str], required: Sequence[str],
               what: str, others: dict[str, tuple[str, ...]] | None = None) -> Table:
    """Rows of ``text`` (the file ``path``) with the ``wanted`` columns found by header name.

    ``required`` columns must be there; ``what`` describes the expected file. ``others``
    maps a hint ("a StoryGraph export: use `plnsite import storygraph`") to columns that
    identify another kind of export, for a better message when the wrong importer is used.
    """
    if not text.strip():
        raise BadInput.at(path, 1, f"empty file; expected {what} with a header line ({_listing(required)})")
    delimiter = _delimiter(text, wanted)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        header_line = reader.line_num
        while not any(cell.strip() for cell in header):  # blank lines above the header
            header = next(reader)
            header_line = reader.line_num
    except StopIteration:
        raise BadInput.at(path, 1, f"empty file; expected {what}") from None
    except csv.Error as exc:
        raise BadInput.at(path, reader.line_num or 1, f"not readable CSV ({exc}); expected {what}") from None
    found = {_header_key(cell): index for index, cell in reversed(list(enumerate(header)))}
    positions = {name: found[_header_key(name)] for name in wanted if _header_key(name) in found}
    _check_header(path, header_line, header, positions, required, what, others or {})
    rows = []
    previous = header_line
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cells = {name: record[index].strip() for name, index in positions.items() if index < len(record)}
            rows.append(Row(line=start, cells=cells))
    except csv.Error as exc:
        raise BadInput.at(path, previous + 1, f"not readable CSV ({exc}); expected {what}") from None
    return Table(rows=tuple(rows), columns=frozenset(positions))


def _delimiter(text: str, wanted: Sequence[str]) -> str:
    """Comma, unless a spreadsheet saved the file with ';' or tabs (the header tells)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    keys = {_header_key(name) for name in wanted}
    scores = {d: sum(_header_key(cell) in keys for cell in next(csv.reader([first], delimiter=d), []))
              for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: scores[d])
    return best if scores[best] else ","


def _check_header(path, line, header, positions, required, what, others) -> None:
    missing = [name for name in required if name not in positions]
    if not missing:
        return
    keys = {_header_key(cell) for cell in header}
    for hint, columns in others.items():
        if all(_header_key(c) in keys for c in columns):
            raise BadInput.at(path, line, f"this looks like {hint}")
    shown = ", ".join(cell.strip() for cell in header if cell.strip())
    if len(shown) > 60:
        shown = shown[:59] + "…"
    if not positions:
        raise BadInput.at(path, line, f"expected a header line naming the columns of {what} "
                                      f"({_listing(required)}), found: {shown}")
    names = ", ".join(f"'{name}'" for name in missing)
    raise BadInput.at(path, line, f"the header line has no {names} column{'s' * (len(missing) > 1)}; "
                                  f"expected {what} ({_listing(required)}), found: {shown}")


def _listing(names: Sequence[str]) -> str:
    return ", ".join(names) + ", …"
