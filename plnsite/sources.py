"""read_source: the text of a file a person wrote, or a located problem saying why not.

Every reader of such a file goes through here — the loaders (notes, pages, reading logs,
contact lists, site.yaml, theme.yaml), ``plnsite new`` and the importers (your content, the
posts and exports they import) — so a file saved in another encoding gets one message
wherever it is: the line of its first byte that is not UTF-8, what the file looks like
instead (UTF-16, as Notepad saves "Unicode"; Latin-1; Windows-1252) and how to save it as
UTF-8; and a file that cannot be read at all says so the same way. A UTF-8 byte order mark
is UTF-8, and is dropped unless the caller adds to the file. Files are only read, never
rewritten.

What a value read from such a file may hold is decided here too:

- **Control characters.** XML 1.0 (RSS, Atom, OPML, the sitemap) cannot hold the C0 controls
  but TAB, LF and CR, nor U+FFFE/U+FFFF or a lone surrogate; HTML also refuses DEL, the C1
  controls (U+0080–U+009F) and the other noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF). They
  are dropped where text enters, with one warning per file at the first line that had one —
  by :func:`read_source` from a file's text, and by :func:`drop_yaml_controls` from the
  strings a YAML escape (``"\\e[32m"``, ``"\\x07"``) makes — so no output can hold one. A
  terminal escape code pasted from a terminal is dropped whole (``ESC[32mPASSED`` →
  ``PASSED``), not just its ESC, which would leave ``[32m`` in the text.
- **Shapes.** :func:`shape_of` names a value that is no scalar (a list, a mapping…), so that a
  field that needs text can say ``title must be text, not a list`` rather than print
  ``['a', 'b']``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Level, Loc, Problem, Problems
from .yamlio import YMap

__all__ = [
    "SAVE_AS_UTF8", "Dropped", "decode_source", "drop_controls", "drop_yaml_controls", "read_source",
    "read_source_bytes", "shape_of",
]

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


# ---- what a value may hold: control characters, shapes ----

_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
# One character of the kinds above. (U+FFFE/U+FFFF of plane 0 and the surrogates are ranges here.)
_BMP_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_CONTROL = f"[{_BMP_CONTROLS}{_NONCHARACTERS}]"
# Terminal escape codes: CSI (ESC [ … final byte; the colour codes are those ending in "m"),
# OSC (ESC ] … BEL or ESC \: titles, links), the 8-bit CSI, and two-character escapes
# (ESC ( B, as `tput sgr0` writes; not ESC and a space, which is rather a stray ESC before a
# word). None spans a line break.
_ESCAPE = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x9b[0-?]*[ -/]*[@-~]|\x1b[!-/]*[0-~]"
_DROPPED = re.compile(f"{_ESCAPE}|{_CONTROL}")
_FIND = re.compile(_CONTROL)  # every dropped run starts with one of these
# Finding one must cost next to nothing in the common case, every file being searched:
# - in UTF-8, C0 and DEL are single bytes (bytes.translate deletes them in C), the C1 controls
#   start with C2, U+FDD0–U+FDEF with EF B7, and every U+nFFFE/U+nFFFF ends with BF BE / BF BF:
#   text with none of these holds none (nearly all ASCII text is decided there);
# - else one class with a single astral range (a class listing the 32 astral noncharacters is
#   ten times slower), whose astral hits are then looked at one by one.
_C0_AND_DEL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_SUSPECT_BYTES = (b"\xc2", b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")
_SUSPECT = re.compile(f"[{_BMP_CONTROLS}\U0001fffe-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Dropped:
    """What :func:`drop_controls` took out of a text: where the first was, and what it was."""

    index: int  # in the text as it was
    what: str  # "a terminal colour code 'ESC[32m'", "the control character U+0007"
    lines: int  # how many lines held one

    def message(self, key: str | None = None) -> str:
        """The warning for a file's text (and how many more lines had such characters), or for
        the value of ``key``, which a YAML escape wrote."""
        if key is not None:
            return (f"{self.what}, written by an escape in '{key}', dropped: web pages and feeds cannot "
                    f"hold control characters")
        more = self.lines - 1
        also = f" ({more} more line{'s' if more > 1 else ''} of this file had such characters)" if more > 0 else ""
        return f"{self.what} dropped: web pages and feeds cannot hold control characters{also}"


def drop_controls(text: str, data: bytes | None = None) -> tuple[str, Dropped | None]:
    """``text`` without the characters no output can hold (terminal escape codes whole), and
    what was dropped first; ``(text, None)`` — the very same string — when there was none.
    ``data``, if given, is ``text`` in UTF-8 (the file's bytes), to search it faster."""
    start = _first(text, data)
    if start is None:
        return text, None
    found = _DROPPED.search(text, start)
    lines = {text.count("\n", 0, m.start()) for m in _DROPPED.finditer(text)}
    return _DROPPED.sub("", text), Dropped(found.start(), _describe(found.group()), len(lines))


def _first(text: str, data: bytes | None) -> int | None:
    """Where the first character to drop is, or None."""
    if data is None:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            data = None
    if data is not None and len(data.translate(None, _C0_AND_DEL)) == len(data) and (
            data.isascii() or not any(part in data for part in _SUSPECT_BYTES)):
        return None
    for match in _SUSPECT.finditer(text):
        code = ord(match.group())
        if code < 0x1FFFE or code & 0xFFFE == 0xFFFE:  # past the BMP, only U+nFFFE and U+nFFFF
            return match.start()
    return None


def _describe(run: str) -> str:
    if len(run) > 1:  # an escape code: shown with ESC spelled out, so printing it does nothing
        code = run.replace("\x1b", "ESC").replace("\x9b", "CSI").replace("\x07", "BEL")
        code = _FIND.sub(lambda m: f"<U+{ord(m.group()):04X}>", code)
        kind = "colour" if run.endswith("m") and run.startswith(("\x1b[", "\x9b")) else "escape"
        return f"a terminal {kind} code '{code}'"
    return f"the control character U+{ord(run):04X}"


def drop_yaml_controls(data, text: str, where: str, problems: Problems):
    """YAML data (as ``yamlio.load_yaml`` gives it from ``text``) without control characters
    in any string, key or value, with one warning at the key of the first. Lines and key lines
    are kept; data without any comes back as the very same object.

    Only an escape in double quotes (``"\\e"``, ``"\\x07"``, ``"\\u0085"``) can write one, since
    ``read_source`` dropped those of the text: without a backslash there is nothing to do."""
    if "\\" not in text:
        return data
    found: list = []
    cleaned = _clean(data, None, found)
    if found:
        dropped, line, key = found[0]
        problems.warning(Loc(where, line or getattr(data, "line", 1) or 1), dropped.message(key))
    return cleaned


def _clean(value, at: tuple[int, str] | None, found: list):
    if isinstance(value, str):
        text, dropped = drop_controls(value)
        if dropped is not None and not found:
            found.append((dropped, *(at or (0, ""))))
        return text
    if isinstance(value, YMap):
        items, lines, changed = [], {}, False
        for key, item in value.items():
            new_key = _clean(key, (value.line_of(key), drop_controls(key)[0]), found)
            new_item = _clean(item, (value.line_of(key), new_key), found)
            changed = changed or new_key is not key or new_item is not item
            items.append((new_key, new_item))
            if key in value.key_lines:
                lines.setdefault(new_key, value.key_lines[key])
        return YMap(items, line=value.line, key_lines=lines) if changed else value
    if isinstance(value, (list, tuple, set, frozenset)):  # tuples: !!omap, !!pairs; sets: !!set
        items = [_clean(item, at, found) for item in value]
        return type(value)(items) if any(a is not b for a, b in zip(items, value)) else value
    return value


def shape_of(value: object) -> str | None:
    """``"a list"``, ``"a mapping"``, ``"a set"`` or ``"binary data"`` for a YAML value that is
    no scalar (``!!omap`` and ``!!pairs`` load as lists); None for text, a number, a flag, a
    date or a null."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return None
