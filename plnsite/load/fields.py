"""The readers of one field of a YAML mapping, shared by reading logs, contact lists, front
matter and ``plnsite new``.

Each takes a value (or a mapping and a key) as ``yamlio.load_yaml`` gives it and says what the
field is: text, an http(s) URL, Markdown with the file line its text starts on, a yes/no flag,
a date, a list of words. A field that is present but wrong is reported, at the line of its key,
and read as ``INVALID`` (or as absent, where the reader says so), so that a caller can tell
"absent" (None) from "wrong" (already reported). A list or mapping where a field needs text is
wrong, never printed: ``title must be text, not a list``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..dates import BadDate, parse_when
from ..errors import Loc, Problems
from ..model import Markdown
from ..sources import shape_of
from ..text import split_tags
from ..yamlio import YamlError, YMap, load_yaml

__all__ = [
    "INVALID", "Report", "field_text", "flag", "http_url", "is_draft", "is_http_url", "item_lines",
    "markdown_field", "meta_date", "names_field", "parse_yaml", "shown", "tags_field", "text_field",
    "whole_number",
]

INVALID = object()  # a document or field that was present but wrong (already reported)
Report = Callable[[str | None, str], None]  # (key, or None for the whole mapping; message)

_HTTP = re.compile(r"^https?://[^\s/]", re.IGNORECASE)
_DASH = re.compile(r"^(\s*)-(?:\s|$)")
_YES = ("true", "yes", "on", "1")


def shown(value: object) -> str:
    """A YAML value as the user wrote it, for messages: ``true`` rather than ``True``, and
    nothing for a null (``key:`` with no value)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def field_text(value: object) -> str | None:
    """A scalar as stripped text (``1.5`` → ``"1.5"``, ``true`` → ``"true"``); None for a null
    and for a list or mapping (or set, or binary data), which no text field can be."""
    if value is None or shape_of(value) is not None:
        return None
    return shown(value).strip()


def text_field(meta: YMap, key: str, report: Report):
    """``meta[key]`` as stripped text; None when absent, null or blank; ``INVALID`` for a list,
    mapping, set or binary data, reported as ``<key> must be text, not a list``."""
    value = meta.get(key)
    wrong = shape_of(value)
    if wrong is not None:
        report(key, f"{key} must be text, not {wrong}")
        return INVALID
    return field_text(value) or None


def tags_field(meta: YMap, report: Report, key: str = "tags") -> tuple[str, ...]:
    """``meta[key]`` as tags: a list (``[pln, 2024]``: a number or date is the tag it looks
    like) or one text (``"pln, edtech"``, ``"pln edtech"``). A mapping, or a list holding a list
    or mapping, is reported, and gives no tags."""
    value = meta.get(key)
    wrong = shape_of(value) if not isinstance(value, list) else None
    if wrong is None and isinstance(value, list):
        inner = next((shape_of(item) for item in value if shape_of(item) is not None), None)
        wrong = f"a list holding {inner}" if inner is not None else None
    if wrong is not None:
        report(key, f"{key} must be a list of words such as [pln, edtech] or text such as 'pln, edtech', "
                    f"not {wrong}")
        return ()
    return split_tags(value)


def names_field(meta: YMap, key: str, report: Report) -> tuple[str, ...]:
    """``meta[key]`` as names (authors): one text, or a list of texts; nulls and blanks left
    out. A mapping, or a list holding a list or mapping, is reported, and gives no names."""
    value = meta.get(key)
    items = value if isinstance(value, list) else [value]
    wrong = next((shape_of(item) for item in items if shape_of(item) is not None), None)
    if wrong is not None:
        held = f"a list holding {wrong}" if isinstance(value, list) else wrong
        report(key, f"{key} must be a name or a list of names, not {held}")
        return ()
    return tuple(name for name in (field_text(item) for item in items) if name)


def is_http_url(text: str) -> bool:
    """Whether ``text`` (stripped) starts as an http or https address with a host."""
    return bool(_HTTP.match(text.strip()))


def http_url(meta: YMap, key: str, report: Report):
    """``meta[key]`` as a stripped http(s) URL; None when absent or blank; else ``INVALID``,
    reported as ``<key> must be an http(s) URL, not '<value>'``."""
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    wrong = shape_of(value)
    if wrong is not None:
        report(key, f"{key} must be an http(s) URL, not {wrong}")
        return INVALID
    text = shown(value).strip()
    if not is_http_url(text):
        report(key, f"{key} must be an http(s) URL, not '{text}'")
        return INVALID
    return text


def markdown_field(meta: YMap, key: str, where: str, lines: list[str], report: Report | None = None) -> Markdown | None:
    """``meta[key]`` as Markdown (a string kept as written, a scalar as text); None when absent
    or blank, and when it is a list or mapping (reported, given ``report``). Its ``loc.line`` is
    the file line of the text's first line, so that a problem in the Markdown (a broken link) is
    reported where it is. ``lines`` are the file's lines."""
    value = meta.get(key)
    wrong = shape_of(value)
    if wrong is not None and report is not None:
        report(key, f"{key} must be text (Markdown), not {wrong}")
    text = value if isinstance(value, str) else field_text(value)
    if not text or not text.strip():
        return None
    return Markdown(text=text, loc=Loc(where, _value_line(meta, key, lines)))


def _value_line(meta: YMap, key: str, lines: list[str]) -> int:
    """Where the value of ``key`` starts: the next line for ``key: |`` / ``key: >`` blocks
    and for a value written below its key, else the key's own line."""
    line = meta.line_of(key)
    if key not in meta.key_lines or not 1 <= line <= len(lines):
        return line
    match = re.match(rf"^\s*(?:-\s+)*(['\"]?){re.escape(key)}\1\s*:(.*)$", lines[line - 1])
    if not match:
        return line
    rest = match[2].strip()
    if rest.startswith(("|", ">")):
        return line + 1
    if rest and not rest.startswith("#"):
        return line
    for index in range(line, len(lines)):  # lines[index] is file line index + 1
        text = lines[index].strip()
        if text and not text.startswith("#"):
            return index + 1
    return line


def flag(value: object, default: bool) -> bool:
    """A yes/no value: ``true``, ``"yes"``, ``on``, ``1`` are yes; any other text is no; a null
    (or absent key) is ``default``."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in _YES
    return bool(value)


def whole_number(meta: YMap, key: str, report: Report) -> int | None:
    """``meta[key]`` as a whole number of at least 1 (``series_order: 2``); None when absent,
    null, or wrong (reported: ``series_order must be a whole number of at least 1, not 'two'``)."""
    value = meta.get(key)
    if value is None:
        return None
    text = field_text(value)
    if isinstance(value, bool) or text is None or not (text.isascii() and text.isdigit()) or int(text) < 1:
        report(key, f"{key} must be a whole number of at least 1, not {shape_of(value) or repr(shown(value))}")
        return None
    return int(text)


def is_draft(meta: YMap, report: Report | None = None) -> bool:
    """The publish rule of notes, pages and reading entries: ``draft: true``, or Jekyll's
    ``published: false``. A list or mapping there is reported (given ``report``), and is a
    draft: when in doubt, publish nothing."""
    for key in ("draft", "published"):
        wrong = shape_of(meta.get(key))
        if wrong is not None:
            if report is not None:
                report(key, f"{key} must be true or false, not {wrong}")
            return True
    return flag(meta.get("draft"), False) or not flag(meta.get("published"), True)


def meta_date(meta: YMap, key: str, tz: dt.tzinfo, where: str, problems: Problems) -> dt.datetime | None:
    """``meta[key]`` as an aware date-time (a bare date is midnight in ``tz``); None when
    absent or null, and None after reporting ``'<key>' is not a date…`` at its line."""
    value = meta.get(key)
    if value is None:
        return None
    wrong = shape_of(value)
    if wrong is not None:
        problems.error(Loc(where, meta.line_of(key)), f"{key} must be a date such as 2025-03-04, not {wrong}")
        return None
    try:
        return parse_when(value, tz)
    except BadDate as exc:
        problems.error(Loc(where, meta.line_of(key)), f"'{key}' is {exc}")
        return None


def parse_yaml(text: str, where: str, problems: Problems):
    """The YAML document of a file (None for an empty one), or ``INVALID`` with the problem
    collected at its line."""
    try:
        return load_yaml(text, where)
    except YamlError as exc:
        problems.extend([exc.problem])
    except ValueError as exc:  # a value PyYAML's own constructors refuse without a line (yamlio catches those it knows)
        problems.error(Loc(where), f"invalid YAML: {exc}")
    return INVALID


def item_lines(lines: list[str], after: int = 0) -> list[int]:
    """File lines of the ``- `` items of the block sequence starting below line ``after``.

    YAML gives lines for mappings only; this finds the line of a list item that is not a
    mapping. Callers use it only when it finds as many items as the list holds. A UTF-8 byte
    order mark at the start of the file (``plnsite new`` keeps it) is not text.
    """
    indent: int | None = None
    found: list[int] = []
    for index in range(after, len(lines)):
        text = lines[index] if index else lines[0].removeprefix("\ufeff")
        stripped = text.strip()
        if not stripped or stripped.startswith("#") or (indent is None and stripped.startswith(("---", "%"))):
            continue
        column = len(text) - len(text.lstrip())
        if indent is None:
            if not _DASH.match(text):
                return []
            indent = column
        if column < indent or (column == indent and not _DASH.match(text)):
            break
        if column == indent:
            found.append(index + 1)
    return found
