"""Reading an import file: UTF-8 text or one clear ``path:line: message``.

``BadInput`` is how an importer says the file is not what it expects. It is a
``PlnsiteError``, so ``cli.main`` shows it (exit 1, no traceback); nothing has been
written when it is raised, because importers plan every change before writing any.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Level, Loc, PlnsiteError, Problem
from ..paths import display_path

__all__ = ["BadInput", "read_input"]


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


def read_input(path: Path, what: str) -> str:
    """The text of ``path`` (a BOM removed, newlines kept as written); ``what`` names the
    expected kind of file in messages ("a Goodreads library export (CSV)")."""
    if not path.exists():
        raise BadInput.at(path, None, f"no such file; expected {what}")
    if path.is_dir():
        raise BadInput.at(path, None, f"a folder, not a file; expected {what}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput.at(path, None, f"cannot read: {exc.strerror}") from None
    if data.startswith(b"PK\x03\x04"):
        raise BadInput.at(path, 1, f"a zip file or spreadsheet workbook, not text; expected {what} (save it as CSV UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadInput.at(path, line, f"not UTF-8 text; expected {what} "
                                      "(in a spreadsheet, save it as 'CSV UTF-8')") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BadInput.at(path, line, f"contains binary data; expected {what}")
    return text.removeprefix("\ufeff")
