"""read_source: the text of a file a person wrote, or a located problem saying why not.

Every reader of such a file goes through here — the loaders (notes, pages, reading logs,
contact lists, site.yaml, theme.yaml), ``plnsite new`` and the importers (your content, the
posts and exports they import) — so a file saved in another encoding gets one message
wherever it is: the line of its first byte that is not UTF-8, what the file looks like
instead (UTF-16, as Notepad saves "Unicode"; Latin-1; Windows-1252) and how to save it as
UTF-8; and a file that cannot be read at all says so the same way. A UTF-8 byte order mark
is UTF-8, and is dropped unless the caller adds to the file. Characters that no web page or
feed can hold (control characters, terminal colour codes: see values.py) are dropped too, with
one warning per file at the first line that had one. Files are only read, never rewritten.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import Level, Loc, Problem, Problems
from .values import drop_controls

__all__ = ["SAVE_AS_UTF8", "decode_source", "read_source", "read_source_bytes"]

SAVE_AS_UTF8 = ("save it as UTF-8 in your editor (VS Code: click the encoding in the status bar, then "
                "Save with Encoding; Notepad: Save As, Encoding: UTF-8)")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SAMPLE = 4096  # bytes looked at to tell UTF-16 without a byte order mark


def read_source(path: Path, shown: str, problems: Problems, *, keep_bom: bool = False,
                advice: str = SAVE_AS_UTF8) -> str | None:
    """``path``'s text (``shown`` is how the user sees its path), or None with the problem collected.

    ``keep_bom`` keeps a UTF-8 byte order mark as U+FEFF, and control characters, for a caller
    that adds to the file and must keep every byte; else control characters are dropped, with
    a warning at the first line that had one. ``advice`` is how to save the file as UTF-8 (for
    a file that comes from a spreadsheet rather than an editor)."""
    data = read_source_bytes(path, shown, problems)
    if data is None:
        return None
    text, problem = decode_source(data, shown, keep_bom=keep_bom, advice=advice)
    if problem is not None:
        problems.extend([problem])
    elif not keep_bom:
        clean, dropped = drop_controls(text, data)
        if dropped is not None:
            problems.warning(Loc(shown, text.count("\n", 0, dropped.index) + 1), dropped.message())
            text = clean
    return text


def read_source_bytes(path: Path, shown: str, problems: Problems) -> bytes | None:
    """``path``'s bytes, or None with "cannot read the file: <why>" collected, for a reader that
    looks at the bytes before ``decode_source`` does."""
    try:
        return path.read_bytes()
    except OSError as exc:  # a broken symlink, a file without read permission, a folder
        problems.error(Loc(shown), f"cannot read the file: {exc.strerror or exc}")
        return None


def decode_source(data: bytes, shown: str, *, keep_bom: bool = False, advice: str = SAVE_AS_UTF8,
                  declared: str | None = None) -> tuple[str | None, Problem | None]:
    """``data`` as text, or None and the problem: at the line of the first byte that is not UTF-8.

    ``declared`` is an encoding the file names for itself (an XML file's declaration or byte
    order mark): a file in another encoding is read in that one, except that text that reads
    as UTF-8 is UTF-8 whatever its label says (8-bit text is next to never valid UTF-8)."""
    if declared is not None:
        read = _decode_declared(data, shown, declared, advice)
        if read is not None:
            return read
    if data.startswith(_UTF16_BOMS) or _utf16_without_bom(data):
        return None, _problem(shown, data, 0,  # its first character is already two bytes, one of them 0
                              f"the file is not UTF-8 text (it looks like UTF-16, which Notepad calls Unicode); "
                              f"{advice}")
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) and not keep_bom else 0)
    byte = data[start]
    here = f"byte 0x{byte:02X} on this line"
    try:
        as_8bit = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # not Windows-1252 either: say only what is wrong
        return None, _problem(shown, data, start, f"the file is not UTF-8 text ({here} is not UTF-8); {advice}")
    family = "Latin-1" if all(b < 0x80 or b >= 0xA0 for b in data) else "Windows-1252"
    if any(b >= 0x80 for b in data[:start]):  # valid UTF-8 above it: one pasted character
        return None, _problem(shown, data, start,
                              f"the file is not all UTF-8 text: {here} is not UTF-8 (in {family} it would be "
                              f"'{as_8bit}'); retype that character, then save the file as UTF-8")
    return None, _problem(shown, data, start,
                          f"the file is not UTF-8 text (it looks like {family}: {here} would be '{as_8bit}'); "
                          f"{advice}")


def _decode_declared(data: bytes, shown: str, declared: str, advice: str):
    """(text, None) or (None, problem) in the ``declared`` encoding; None when the file is to be
    read as UTF-8 after all."""
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None, _problem(shown, data, 0, f"the file declares the encoding '{declared}', which plnsite does "
                                              f"not know; {advice}")
    if codec == "utf-8":
        return None
    if not codec.startswith(("utf-16", "utf-32")):
        try:
            data.decode("utf-8-sig")
            return None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(codec), None  # the utf-16 and utf-32 codecs drop a byte order mark
    except UnicodeDecodeError as exc:
        here = f"byte 0x{data[exc.start]:02X} on this line"
        return None, _problem(shown, data, exc.start, f"the file is not {declared} text as it declares ({here} is "
                                                      f"not {declared}); {advice}")


def _problem(shown: str, data: bytes, index: int, message: str) -> Problem:
    return Problem(Loc(shown, data.count(b"\n", 0, index) + 1), Level.ERROR, message)


def _utf16_without_bom(data: bytes) -> bool:
    """Mostly ASCII text in UTF-16 holds a zero byte in every other place (odd ones for
    little-endian, even ones for big-endian); text in UTF-8 holds none."""
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs == 0:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= max(2, pairs * 0.3) and min(even, odd) <= pairs * 0.05
