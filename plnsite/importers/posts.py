"""A Jekyll or Hugo post's front matter (YAML ``---``, TOML ``+++`` or JSON ``{``) → a note's.

A note keeps ``title``, ``date`` (else the file name's date, written out so that the note
keeps it when renamed), ``updated`` (``last_modified_at``, ``lastmod``), ``tags`` (with
``categories`` merged in, each tag once), ``summary`` (``excerpt``, ``description``),
``draft`` (also ``published: false``), ``slug`` and ``imported_from``. Other keys (``layout``,
``permalink``, ``aliases``, …) belong to the old blog's templates and are left behind.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..dates import date_prefix, parse_iso
from ..errors import Loc, Problems
from ..load.frontmatter import split_front_matter
from ..load.fields import field_text, is_draft
from ..paths import display_path
from ..sources import read_source
from ..text import split_tags, tag_slug

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is tomli, in the standard library from 3.11; a dependency on 3.10
    import tomli as tomllib

__all__ = ["note_meta", "read_post"]

_NOTE_KEYS = ("title", "date", "updated", "tags", "summary", "draft", "slug", "imported_from")


def read_post(src: Path, problems: Problems):
    """(front matter, body, file line of the body) of a post; None after reporting an error."""
    shown = display_path(src)
    text = read_source(src, shown, problems)
    if text is None:
        return None
    first = text.split("\n", 1)[0].rstrip()
    if first == "+++":
        return _toml(text, shown, problems)
    if text.startswith("{"):
        return _json(text, shown, problems)
    front, problem = split_front_matter(text, shown)
    if problem is not None:
        problems.extend([problem])
        return None
    return front.meta, front.body, front.body_line


def _toml(text: str, shown: str, problems: Problems):
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "+++"), None)
    if end is None:
        problems.error(Loc(shown, 1), "front matter starts with '+++' but has no closing '+++' line")
        return None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        problems.error(Loc(shown, int(found[1]) + 1 if found else 1), f"invalid TOML front matter: {exc}")
        return None
    return meta, "\n".join(lines[end + 1:]), end + 2


def _json(text: str, shown: str, problems: Problems):
    try:
        meta, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        problems.error(Loc(shown, exc.lineno), f"invalid JSON front matter: {exc.msg}")
        return None
    if not isinstance(meta, dict):
        problems.error(Loc(shown, 1), "JSON front matter must be an object")
        return None
    return meta, text[end:].lstrip(" \t").removeprefix("\n"), text.count("\n", 0, end) + 2


def note_meta(meta: dict, src: Path, stem: str, source_key: str, problems: Problems) -> dict:
    """A note's front matter from a post's: what a note has, in the order a person writes it."""
    shown = display_path(src)
    note: dict = {}
    if field_text(meta.get("title")):
        note["title"] = field_text(meta["title"])
    for key, sources in (("date", ("date",)), ("updated", ("updated", "last_modified_at", "lastmod"))):
        raw = next((meta[s] for s in sources if meta.get(s) not in (None, "")), None)
        when = _when(raw)
        if raw is not None and when is None:
            problems.warning(Loc(shown, _line(meta, sources[0])), f"{key} '{raw}' is not a date: left out")
        if when is not None:
            note[key] = when
    if "date" not in note:  # written out, so the note keeps its date if it is renamed or moved
        day = date_prefix(stem)[0]
        if day is not None:
            note["date"] = day
        else:
            problems.warning(Loc(shown, 1), "no date in the front matter or the file name: "
                                            "add `date: YYYY-MM-DD` to the note before building")
    tags, seen = [], set()
    for key in ("tags", "categories", "category"):
        for tag in split_tags(meta.get(key)):
            if tag_slug(tag) not in seen:
                seen.add(tag_slug(tag))
                tags.append(tag)
    if tags:
        note["tags"] = tags
    summary = next((field_text(meta[k]) for k in ("summary", "excerpt", "description") if field_text(meta.get(k))),
                   None)
    if summary:
        note["summary"] = summary
    if is_draft(meta):
        note["draft"] = True
    if field_text(meta.get("slug")):
        note["slug"] = field_text(meta["slug"])
    note["imported_from"] = source_key
    return {key: note[key] for key in _NOTE_KEYS if key in note}


def _line(meta: dict, key: str) -> int:
    return meta.line_of(key) if hasattr(meta, "line_of") else 1


def _when(value):
    """A date or datetime from front matter: YAML/TOML values as they are, and strings such as
    Jekyll's ``2019-01-02 10:00:00 -0500`` (``plnsite.dates.parse_iso``); None when it is no date."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if not isinstance(value, str):
        return None
    try:
        return parse_iso(value.strip())
    except ValueError:
        return None
