"""Reading an import file, or your content for an importer: the build's reader, one clear
``path:line: message``.

``BadInput`` is how an importer says the file is not what it expects. It is a
``PlnsiteError``, so ``cli.main`` shows it (exit 1, no traceback); nothing has been
written when it is raised, because importers plan every change before writing any.
Text is read by ``plnsite.sources``, so a file that is not UTF-8 or cannot be read gets the
message the build gives.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import Level, Loc, PlnsiteError, Problem, Problems, has_errors
from ..paths import display_path
from ..sources import SAVE_AS_UTF8, decode_source, read_source, read_source_bytes

__all__ = ["SAVE_AS_CSV_UTF8", "BadInput", "read_appendable", "read_input", "stop_on_errors"]

SAVE_AS_CSV_UTF8 = "in your spreadsheet, save it as 'CSV UTF-8'"
_XML_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']""")
_DECLARATION_SIZE = 512  # bytes in which an XML declaration is looked for


class BadInput(PlnsiteError):
    """An input (or existing content) file that an importer cannot use; carries its problems."""

    def __init__(self, problems) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path | str, line: int | None, message: str) -> BadInput:
        return cls([Problem(Loc(_shown(path), line), Level.ERROR, message)])

    def show(self) -> str:
        return str(self)


def _shown(path: Path | str) -> str:
    return display_path(path) if isinstance(path, Path) else path


def stop_on_errors(problems: Problems) -> None:
    """Raise ``BadInput`` with every problem met so far, if one is an error (reading the content
    first, the importer reports every file it cannot read at once)."""
    found = problems.freeze()
    if has_errors(found):
        raise BadInput(found)


def read_input(path: Path, what: str, advice: str = SAVE_AS_UTF8, *, xml: bool = False) -> str:
    """The text of ``path`` (a BOM removed, newlines kept as written); ``what`` names the
    expected kind of file in messages ("a Goodreads library export (CSV)"), ``advice`` says
    how to save it as UTF-8. An ``xml`` file is read in the encoding it declares."""
    if not path.exists():
        raise BadInput.at(path, None, f"no such file; expected {what}")
    if path.is_dir():
        raise BadInput.at(path, None, f"a folder, not a file; expected {what}")
    problems = Problems()
    data = read_source_bytes(path, _shown(path), problems)
    stop_on_errors(problems)
    if data.startswith(b"PK\x03\x04"):
        raise BadInput.at(path, 1, f"a zip file or spreadsheet workbook, not text; expected {what} (save it as CSV UTF-8)")
    text, problem = decode_source(data, _shown(path), advice=advice, declared=_xml_encoding(data) if xml else None)
    if problem is not None:
        raise BadInput([problem])
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BadInput.at(path, line, f"contains binary data; expected {what}")
    return text


def _xml_encoding(data: bytes) -> str | None:
    """The encoding an XML file names for itself: a UTF-16 byte order mark, else the
    ``encoding`` of its declaration (``<?xml version="1.0" encoding="ISO-8859-1"?>``)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    found = _XML_ENCODING.match(data.removeprefix(codecs.BOM_UTF8)[:_DECLARATION_SIZE])
    return found[1].decode("ascii") if found else None


def read_appendable(path: Path) -> str:
    """The text of a content file an importer adds to, every byte of it (a UTF-8 byte order
    mark too), so that what it writes is that text and more; ``BadInput`` when it cannot be read."""
    problems = Problems()
    text = read_source(path, _shown(path), problems, keep_bom=True)
    stop_on_errors(problems)
    return text
