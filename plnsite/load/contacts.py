"""Contact lists (``contacts/<list>.yaml``) — THE privacy boundary.

What leaves this module is all that any later stage, template or feed can ever see:

- a person with ``visibility: private`` is dropped here, silently and before any other
  check, so not even a problem message names them;
- ``email``, ``phone`` and ``address`` are never read (``Contact`` has no such fields), and
  handles under those names are dropped too;
- unknown keys are ignored, never copied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import Loc, Problems
from ..model import Contact, ContactList
from ..paths import display_path
from ..text import slugify, split_tags, title_case
from ..yamlio import YMap
from .reading import INVALID, field_text, http_url, is_http_url, item_lines, markdown_field, parse_yaml, read_source, shown

__all__ = ["load_contacts"]

_NOT_A_LIST = "a contact list must be a list of people or a mapping with 'people'"
_SECRET_HANDLES = frozenset({"email", "phone", "address"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def load_contacts(files: Sequence[Path], problems: Problems) -> tuple[tuple[Contact, ...], tuple[ContactList, ...]]:
    """Public contacts (lists sorted by id, people in file order) and the lists."""
    contacts: list[Contact] = []
    lists: list[ContactList] = []
    id_locs: dict[str, Loc] = {}  # contact id → where it was first defined
    list_paths: dict[str, str] = {}
    for path in sorted((Path(f) for f in files), key=lambda p: (p.stem, p.as_posix())):
        where, list_id = display_path(path), path.stem
        if list_id in list_paths:
            problems.error(Loc(where, 1), f"contact list '{list_id}' is already defined by {list_paths[list_id]}")
            continue
        list_paths[list_id] = where
        loaded = _load_list(path, where, list_id, id_locs, problems)
        if loaded is not None:
            contacts.extend(loaded[0])
            lists.append(loaded[1])
    return tuple(contacts), tuple(lists)


def _load_list(
    path: Path, where: str, list_id: str, id_locs: dict[str, Loc], problems: Problems
) -> tuple[list[Contact], ContactList] | None:
    text = read_source(path, where, problems)
    if text is None:
        return None
    data = parse_yaml(text, where, problems)
    if data is INVALID:
        return None
    lines = text.split("\n")
    title, description, list_line, after = title_case(list_id), None, 1, 0
    if isinstance(data, YMap):
        if "people" not in data:
            problems.error(Loc(where, data.line), _NOT_A_LIST)
            return None
        title = field_text(data.get("title")) or title
        description = field_text(data.get("description")) or None
        list_line, after = data.line, data.line_of("people")
        data = data["people"]
        if data is not None and not isinstance(data, list):
            problems.error(Loc(where, after), _NOT_A_LIST)
            return None
    elif data is not None and not isinstance(data, list):
        problems.error(Loc(where, 1), _NOT_A_LIST)
        return None
    people = data or []
    found = item_lines(lines, after)
    contacts = []
    for index, entry in enumerate(people):
        if not isinstance(entry, YMap):
            line = found[index] if len(found) == len(people) else (after or 1)
            problems.error(Loc(where, line), "a contact must be a mapping of `key: value` lines")
            continue
        contact = _contact(entry, where, lines, list_id, id_locs, problems)
        if contact is not None:
            contacts.append(contact)
    people_ids = tuple(c.id for c in contacts)
    return contacts, ContactList(
        id=list_id, title=title, description=description, people=people_ids, loc=Loc(where, list_line)
    )


def _contact(
    entry: YMap, where: str, lines: list[str], list_id: str, id_locs: dict[str, Loc], problems: Problems
) -> Contact | None:
    def report(key: str | None, message: str) -> None:
        problems.error(Loc(where, entry.line_of(key) if key else entry.line), message)

    visibility = entry.get("visibility")
    if visibility is not None:
        level = shown(visibility).strip().lower()
        if level == "private":
            return None  # the boundary: nothing about this person goes further, not even a problem
        if level != "public":
            report("visibility", f"visibility '{shown(visibility)}' is not one of: public, private")
            return None

    before = len(problems)
    name = field_text(entry.get("name"))
    if not name:
        report(None, "contact has no name")
    url = http_url(entry, "url", report)
    feed = http_url(entry, "feed", report)
    handles = _handles(entry, where, report, problems)
    contact_id = _contact_id(entry, name, report) if name else None
    if len(problems) > before:
        return None
    id_loc = Loc(where, entry.line_of("id"))
    if contact_id in id_locs:
        problems.error(id_loc, f"contact id '{contact_id}' is already used at {id_locs[contact_id]}")
        return None
    id_locs[contact_id] = id_loc
    return Contact(
        id=contact_id,
        name=name,
        url=url,
        feed=feed,
        role=field_text(entry.get("role")) or None,
        handles=handles,
        tags=split_tags(entry.get("tags")),
        note=markdown_field(entry, "note", where, lines),
        list_id=list_id,
        loc=Loc(where, entry.line),
    )


def _contact_id(entry: YMap, name: str, report) -> str | None:
    given = field_text(entry.get("id"))
    if given is None or given == "":
        made = slugify(name)
        if not made:
            report("name", f"contact name '{name}' makes an empty id; give the contact an 'id'")
        return made
    if slugify(given) != given:
        report("id", f"contact id '{given}' must be a slug such as '{slugify(given) or 'jane-doe'}'")
    return given


def _handles(entry: YMap, where: str, report, problems: Problems) -> tuple[tuple[str, str], ...]:
    raw = entry.get("handles")
    if raw is None:
        return ()
    if not isinstance(raw, YMap):
        report("handles", "handles must be a mapping of `name: value` lines")
        return ()
    pairs = []
    for name, value in raw.items():
        text = field_text(value)
        if not text or name.lower() in _SECRET_HANDLES:
            continue
        # A handle that looks like a URL must be a web one (browsers ignore these characters
        # in a scheme, so "java\nscript:" is "javascript:").
        if _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", text)) and not is_http_url(text):
            problems.error(Loc(where, raw.line_of(name)), f"handles.{name} must be an http(s) URL, not '{text}'")
            continue
        pairs.append((name, text))
    return tuple(sorted(pairs))
