"""Contact lists (``contacts/<list>.yaml``) — THE privacy boundary.

What leaves this module as ``Contact`` and ``ContactList`` is all that any later stage,
template or feed can ever see, and it is built from an allow-list (``allowlist.py``):

- a private person (``visibility: private``, ``private: true``), everyone in a private list
  (the same at the top of its file) and everyone in a ``<list>.private.yaml`` file is dropped
  here, before any check of their fields; only their id, name and ``path:line`` go on, as a
  ``Withheld`` beside the content, so that a link to them can be a located error;
- ``email``, ``phone`` and ``address`` are never read (``Contact`` has no such fields);
- any other key is a warning and is not copied; handles are published by kind;
- a value that looks like an email address or a phone number under any other key (a note
  included) is an error, and nothing of that person is published.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import Loc, Problems, has_errors
from ..model import Contact, ContactList, Withheld
from ..paths import display_path
from ..sources import drop_controls, drop_yaml_controls, read_source
from ..text import slugify, title_case
from ..yamlio import YMap
from .allowlist import (
    KEY_SYNONYMS, LIST_KEYS, PERSON_KEYS, PRIVATE_KEYS, PUBLIC_EMAIL, is_marker, is_private_file,
    private_file_for, private_marker,
)
from .fields import INVALID, field_text, http_url, item_lines, markdown_field, parse_yaml, tags_field, text_field
from .handles import read_handles
from .keys import normal_key, unknown_key
from .personal import EMAIL, find_personal, is_public_mailto

__all__ = ["load_contacts"]

_NOT_A_LIST = "a contact list must be a list of people or a mapping with 'people'"
_NOT_PUBLISHED = "not published"


def load_contacts(
    files: Sequence[Path], problems: Problems
) -> tuple[tuple[Contact, ...], tuple[ContactList, ...], tuple[Withheld, ...]]:
    """Public contacts (lists sorted by id, people in file order), the public lists, and
    where the private people, lists and fields are."""
    contacts: list[Contact] = []
    lists: list[ContactList] = []
    withheld: list[Withheld] = []
    id_locs: dict[str, Loc] = {}  # public contact id → where it was first defined
    list_paths: dict[str, str] = {}
    for path in sorted((Path(f) for f in files), key=lambda p: (p.stem, p.as_posix())):
        where, list_id = display_path(path), drop_controls(path.stem)[0]  # the id is an anchor on /network/
        if list_id in list_paths:
            problems.error(Loc(where, 1), f"contact list '{list_id}' is already defined by {list_paths[list_id]}")
            continue
        list_paths[list_id] = where
        loaded = _load_list(path, where, list_id, id_locs, withheld, problems)
        if loaded is not None:
            contacts.extend(loaded[0])
            if loaded[1] is not None:
                lists.append(loaded[1])
    return tuple(contacts), tuple(lists), tuple(withheld)


def _load_list(
    path: Path, where: str, list_id: str, id_locs: dict[str, Loc], withheld: list[Withheld], problems: Problems
) -> tuple[list[Contact], ContactList | None] | None:
    text = read_source(path, where, problems)
    if text is None:
        return None
    data = parse_yaml(text, where, problems)
    if data is INVALID:
        return None
    data = drop_yaml_controls(data, text, where, problems)
    lines = text.split("\n")
    private = is_private_file(path.name)
    title, description, list_line, after = title_case(list_id), None, 1, 0
    if isinstance(data, YMap):
        if "people" not in data:
            problems.error(Loc(where, data.line), _NOT_A_LIST)
            return None
        private = private or private_marker(data, where, problems)
        if not private:
            title, description = _list_texts(data, where, lines, title, problems)
        list_line, after = data.line, data.line_of("people")
        data = data["people"]
        if data is not None and not isinstance(data, list):
            problems.error(Loc(where, after), _NOT_A_LIST)
            return None
    elif data is not None and not isinstance(data, list):
        problems.error(Loc(where, 1), _NOT_A_LIST)
        return None
    if private:
        withheld.append(Withheld(kind="list", key=list_id, name=None, loc=Loc(where, list_line)))
    people = data or []
    found = item_lines(lines, after)
    contacts = []
    for index, entry in enumerate(people):
        if not isinstance(entry, YMap):
            line = found[index] if len(found) == len(people) else (after or 1)
            problems.error(Loc(where, line), "a contact must be a mapping of `key: value` lines")
            continue
        if private or private_marker(entry, where, problems):
            withheld.append(_private_person(entry, where))
            continue
        contact = _contact(entry, where, lines, list_id, id_locs, withheld, problems)
        if contact is not None:
            contacts.append(contact)
    if private:
        return [], None
    people_ids = tuple(c.id for c in contacts)
    return contacts, ContactList(
        id=list_id, title=title, description=description, people=people_ids, loc=Loc(where, list_line)
    )


def _list_texts(data: YMap, where: str, lines: list[str], title: str, problems: Problems) -> tuple[str, str | None]:
    """A public list's title and description; its other keys are warned about and checked."""
    for key in data:
        if key not in LIST_KEYS and not is_marker(key):
            problems.warning(Loc(where, data.line_of(key)), unknown_key(key, LIST_KEYS, _NOT_PUBLISHED))
    refused = set()
    for key in data:
        if key != "people" and not is_marker(key) and _refuse(key, data[key], data.line_of(key), where, lines,
                                                              problems, person=False):
            refused.add(key)

    def report(key: str | None, message: str) -> None:
        problems.error(Loc(where, data.line_of(key) if key else data.line), message)

    given = None if "title" in refused else text_field(data, "title", report)
    described = None if "description" in refused else text_field(data, "description", report)
    return (given if isinstance(given, str) else title), (described if isinstance(described, str) else None)


def _private_person(entry: YMap, where: str) -> Withheld:
    """What is kept of a private person: how links name them, and where they are."""
    name = field_text(entry.get("name")) or None
    key = field_text(entry.get("id")) or (slugify(name) if name else "")
    return Withheld(kind="person", key=key, name=name, loc=Loc(where, entry.line))


def _contact(
    entry: YMap, where: str, lines: list[str], list_id: str, id_locs: dict[str, Loc],
    withheld: list[Withheld], problems: Problems,
) -> Contact | None:
    own = Problems()

    def report(key: str | None, message: str) -> None:
        own.error(Loc(where, entry.line_of(key) if key else entry.line), message)

    fields, refused = _check_keys(entry, where, lines, own)
    withheld.extend(fields)
    if refused:  # nothing of this person is read further: no message may repeat the value
        problems.extend(own.freeze())
        return None
    name = text_field(entry, "name", report)
    if name is None:
        report(None, "contact has no name")
    role = text_field(entry, "role", report)
    tags = tags_field(entry, report)
    note = markdown_field(entry, "note", where, lines, report)
    url = http_url(entry, "url", report)
    feed = http_url(entry, "feed", report)
    raw_handles = entry.get("handles")
    handles = read_handles(raw_handles, where, report, own) if raw_handles is not None else ()
    contact_id = _contact_id(entry, name, report) if isinstance(name, str) else None
    problems.extend(own.freeze())
    if has_errors(own.freeze()):
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
        role=role,
        handles=handles,
        tags=tags,
        note=note,
        list_id=list_id,
        loc=Loc(where, entry.line),
    )


def _check_keys(entry: YMap, where: str, lines: list[str], problems: Problems) -> tuple[list[Withheld], bool]:
    """Warn about keys off the allow-list; refuse contact data under any key but the private
    ones. Returns where the private fields are, and whether anything was refused."""
    fields, refused = [], False
    for key, value in entry.items():
        line = entry.line_of(key)
        normal = normal_key(key)
        if normal in PRIVATE_KEYS:
            fields.append(Withheld(kind="field", key=key, name=None, loc=Loc(where, line)))
            continue
        if is_marker(key):
            continue
        if key not in PERSON_KEYS:
            problems.warning(Loc(where, line), unknown_key(key, (*PERSON_KEYS, *PRIVATE_KEYS), _NOT_PUBLISHED,
                                                            KEY_SYNONYMS))
        if normal != "handles" or not isinstance(value, YMap):
            refused = _refuse(key, value, line, where, lines, problems) or refused
            continue
        for kind, handle in value.items():
            if normal_key(kind) in PRIVATE_KEYS:
                fields.append(Withheld(kind="field", key=f"{key}.{kind}", name=None, loc=Loc(where, value.line_of(kind))))
            elif not (normal_key(kind) == PUBLIC_EMAIL and isinstance(handle, str) and is_public_mailto(handle)):
                refused = _refuse(f"{key}.{kind}", handle, value.line_of(kind), where, lines, problems) or refused
    return fields, refused


def _refuse(key: str, value: object, line: int, where: str, lines: list[str], problems: Problems,
            person: bool = True) -> bool:
    """An error (True) when ``value`` holds an email address or a phone number (of a person,
    else of the list). The message never repeats the value: build logs of a public repository
    are public too."""
    for text in _scalars(value):
        found = find_personal(text)
        if found is None:
            continue
        field = "email" if found.what == EMAIL else "phone"
        keep = f"keep it under '{field}:' or in" if person else "remove it, or keep it in"
        message = (f"{key} holds {found.what}, and contact details are never published: {keep} "
                   f"{private_file_for(where)}, which git ignores")
        if found.what == EMAIL and person:
            message += f' (to publish an address on purpose, write handles: {{{PUBLIC_EMAIL}: "mailto:…"}})'
        problems.error(Loc(where, _line_of(found.text, line, lines)), message)
        return True
    return False


def _scalars(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    elif value is not None:
        yield str(value)


def _line_of(text: str, line: int, lines: list[str], reach: int = 200) -> int:
    """The file line, from ``line`` on, that holds ``text`` (a block of text spans lines)."""
    for index in range(max(line - 1, 0), min(len(lines), line - 1 + reach)):
        if text in lines[index]:
            return index + 1
    return line


def _contact_id(entry: YMap, name: str, report) -> str | None:
    given = text_field(entry, "id", report)
    if given is INVALID:
        return None
    if given is None:
        made = slugify(name)
        if not made:
            report("name", f"contact name '{name}' makes an empty id; give the contact an 'id'")
        return made
    if slugify(given, limit=None) != given:  # an id is an anchor, not a file name: any length
        report("id", f"contact id '{given}' must be a slug such as '{slugify(given) or 'jane-doe'}'")
    return given
