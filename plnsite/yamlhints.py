"""yaml_hint: a plain sentence, after PyYAML's wording, for the YAML mistakes people make most.

PyYAML says what its parser met ("mapping values are not allowed in this context"); the hint
says what to change, read from the line the error points at (and the lines above it):

- a tab used for indentation;
- an unquoted value holding ``: `` (``title: Why: a story``), or a line indented under a value;
- a quote or bracket opened and never closed, or text after a closing quote;
- a ``- `` list item among ``key: value`` lines, or a ``key: value`` line among list items;
- a Windows path (backslashes) in double quotes;
- a value starting with a character YAML reserves (``@``, a backquote, ``*``, ``&``).

No hint (None) when none of these fits: PyYAML's wording then stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["yaml_hint"]

# `key: value` on one line, as block YAML writes it (`- key: value` for a list's first field).
# The value up to its last non-space character, greedily: a lazy `.*?` followed by `\s*$` took
# time growing with the square of a run of spaces inside the value (as `\s+#` did unanchored).
_KEY_VALUE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s#'\"\[{:-][^:#]*?):\s+(?P<value>(?:.*\S)?)\s*$")
_QUOTE_OPENS = re.compile(r"^\s*(?:-\s+)?(?:[^\s#'\"\[{][^#]*?:\s+)?(?P<quote>[\"'])")
_RESERVED = {"@": "'@'", "`": "a backquote", "*": "'*'", "&": "'&'", "%": "'%'", "!": "'!'"}
_FLOW = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}
_BLOCK_SCALAR = re.compile(r"(?:^\s*-|:)\s*[|>][-+0-9]*\s*(?:#.*)?$")  # `notes: |`: text lines follow
_COMMENT = re.compile(r"(?<!\s)\s+#.*$")


@dataclass(frozen=True, slots=True)
class _Error:
    message: str  # PyYAML's wording
    lines: list[str]
    line: int  # 0-based index into lines
    column: int
    opened: int | None  # the line of what was being parsed (PyYAML's context mark)
    offset: int  # added to line + 1 for the file's line number

    @property
    def text(self) -> str:
        return self.lines[self.line]

    def file_line(self, index: int) -> int:
        return index + 1 + self.offset


def yaml_hint(message: str, lines: list[str], line: int, column: int, opened: int | None, offset: int = 0) -> str | None:
    """The hint for PyYAML's ``message`` about ``lines[line]`` (0-based, at ``column``);
    ``opened`` is the line of the thing being parsed when it failed (PyYAML's context mark),
    ``offset`` what turns a line index into the file's line number, less one."""
    if not 0 <= line < len(lines):
        return None
    error = _Error(message, lines, line, column, opened, offset)
    for hint in (_tab, _flow, _backslash, _unclosed_quote, _after_quote, _colon, _list_among_keys,
                 _key_among_items, _reserved):
        found = hint(error)
        if found:
            return found
    return None


def _tab(error: _Error) -> str | None:
    indent = error.text[: len(error.text) - len(error.text.lstrip())]
    return "a tab indents this line: YAML needs spaces" if "\t" in indent else None


def _flow(error: _Error) -> str | None:
    for what, (start, end) in _FLOW.items():
        if what in error.message and error.opened is not None:
            return (f"the '{start}' opened on line {error.file_line(error.opened)} is not closed with '{end}' "
                    f"(a value in it that holds ',' or ':' needs quotes)")
    return None


def _backslash(error: _Error) -> str | None:
    if not any(word in error.message for word in ("escape", "hexdecimal", "hexadecimal")) or "\\" not in error.text:
        return None
    found = _KEY_VALUE.match(error.text)
    if found is None:
        return "in double quotes a backslash starts an escape: use single quotes or forward slashes"
    value = found["value"].strip('"')
    return (f"in double quotes a backslash starts an escape: write the path in single quotes "
            f"({found['key']}: {_single_quoted(value)}) or with forward slashes")


def _unclosed_quote(error: _Error) -> str | None:
    """A value whose opening quote is never closed, or closed only on the line the error is on
    (or below it): everything up to there was read as that one value."""
    lines, line = error.lines, error.line
    text_lines = _block_scalar_lines(lines)
    for index in range(line + 1):
        found = _QUOTE_OPENS.match(lines[index]) if index not in text_lines else None
        if found is None:
            continue
        quote = found["quote"]
        closed_on = _closing_line(lines, index, found.end(), quote)
        if closed_on is None or index < closed_on and line <= closed_on:
            return (f"the {quote} that opens the value on line {error.file_line(index)} is never closed: "
                    f"end the value with {quote}")
    return None


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """The lines of ``|`` and ``>`` blocks: free text, where a quote is only a character."""
    inside: set[int] = set()
    owner: int | None = None  # the indentation of the line that started the block
    for index, text in enumerate(lines):
        if owner is not None and (not text.strip() or _indent(text) > owner):
            inside.add(index)
            continue
        owner = _indent(text) if _BLOCK_SCALAR.search(text) else None
    return inside


def _closing_line(lines: list[str], index: int, start: int, quote: str) -> int | None:
    """The line on which the quoted text that starts at ``lines[index][start:]`` ends, if any."""
    for number in range(index, len(lines)):
        if _closing_column(lines[number], start if number == index else 0, quote) is not None:
            return number
    return None


def _closing_column(text: str, start: int, quote: str) -> int | None:
    """Where in ``text`` (from ``start``) the quote closes: ``\\"`` is no close in double quotes,
    ``''`` none in single quotes."""
    at = start
    while at < len(text):
        if quote == '"' and text[at] == "\\":
            at += 2
            continue
        if text[at] == quote:
            if quote == "'" and text[at + 1: at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


def _after_quote(error: _Error) -> str | None:
    found = _KEY_VALUE.match(error.text)
    if found is None or found["value"][:1] not in ("'", '"'):
        return None
    value = found["value"]
    closing = _closing_column(value, 1, value[0])
    rest = value[closing + 1:].strip() if closing is not None else ""
    if not rest or rest.startswith("#"):
        return None
    return f"text follows the closing quote: put the whole value in quotes: {found['key']}: {_single_quoted(value)}"


def _colon(error: _Error) -> str | None:
    if "mapping values are not allowed" not in error.message:
        return None
    found = _KEY_VALUE.match(error.text)
    value = _COMMENT.sub("", found["value"]) if found is not None else ""
    if ": " in value or value.endswith(":"):
        return f"a value that holds ': ' needs quotes: {found['key']}: {_double_quoted(value)}"
    above = _previous(error.lines, error.line)
    if above is not None and _indent(error.text) > _indent(error.lines[above]):
        return ("this line is indented more than the one above: line it up with the other keys "
                "(or, if it goes on with the value above, put that value in quotes)")
    return None


def _list_among_keys(error: _Error) -> str | None:
    if "block mapping" not in error.message or not _is_item(error.text):
        return None
    above = _previous(error.lines, error.line)
    if above is not None and _is_item(error.lines[above]) and _indent(error.lines[above]) != _indent(error.text):
        return "this list item is indented differently from the one above it: line them up"
    return ("a '- ' list item among `key: value` lines: put the list under a key (`tags:`, the items "
            "indented below it), or make every entry a list item")


def _key_among_items(error: _Error) -> str | None:
    if not any(word in error.message for word in ("'-' indicator", "block collection", "block end")):
        return None
    if _is_item(error.text) or _KEY_VALUE.match(error.text) is None:
        return None
    indent = _indent(error.text)
    if not any(_is_item(error.lines[i]) and _indent(error.lines[i]) == indent for i in range(error.line)):
        return None
    return ("a `key: value` line among '- ' list items: indent it under its item, or start it with '- ' "
            "to make a new item")


def _reserved(error: _Error) -> str | None:
    """``title: *bold*``, ``handle: @ada``: the first character of the line's value; else, in
    ``{mastodon: @ada}``, the character the error points at."""
    text, column = error.text, error.column
    found = _KEY_VALUE.match(text)
    if found is not None and found["value"][:1] in _RESERVED:
        key, value = found["key"], _COMMENT.sub("", found["value"])
    elif 0 <= column < len(text) and text[column] in _RESERVED:
        key = _key_before(text[:column])
        in_flow = re.search(r"[{\[]", text[:column]) is not None
        value = re.match(r"[^,\]}]*" if in_flow else r".*", text[column:])[0].strip()
    else:
        return None
    name = _RESERVED[value[0]]
    if key is None:
        return f"a value cannot start with {name}: put it in quotes"
    return f"a value cannot start with {name}: put it in quotes: {key}: {_double_quoted(value)}"


def _key_before(text: str) -> str | None:
    """``k`` in ``{a: 1, k: `` (the key whose value starts where ``text`` ends), else None.
    Not a regular expression searched from every character: on a long line that took time
    growing with the square of its length."""
    head = text.rstrip()
    if not head.endswith(":"):
        return None
    return re.split(r"[\s{\[,]", head[:-1])[-1] or None


def _previous(lines: list[str], line: int) -> int | None:
    for index in range(line - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return index
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _is_item(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped == "-" or stripped.startswith("- ")


def _double_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
