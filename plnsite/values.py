"""What a value read from a person's file may hold: no character that a web page or a feed
cannot, and the shape its field needs.

- **Control characters.** XML 1.0 (RSS, Atom, OPML, the sitemap) cannot hold the C0 controls
  but TAB, LF and CR, nor U+FFFE/U+FFFF or a lone surrogate; HTML also refuses DEL, the C1
  controls (U+0080–U+009F) and the other noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF). They
  are dropped where text enters — by ``sources.read_source`` from a file's text, and by
  :func:`drop_yaml_controls` from the strings a YAML escape (``"\\e[32m"``, ``"\\x07"``) makes —
  so no output can hold one. A terminal escape code pasted from a terminal is dropped whole
  (``ESC[32mPASSED`` → ``PASSED``), not just its ESC, which would leave ``[32m`` in the text.
- **Shapes.** :func:`shape_of` names a value that is no scalar (a list, a mapping…), so that a
  field that needs text can say ``title must be text, not a list`` rather than print
  ``['a', 'b']``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Loc, Problems
from .yamlio import YMap

__all__ = ["Dropped", "drop_controls", "drop_yaml_controls", "shape_of"]

_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
# One character of the kinds above. (U+FFFE/U+FFFF of plane 0 and the surrogates are ranges here.)
_CONTROL = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]"
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
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                      "\U0001fffe-\U0010ffff]")


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
