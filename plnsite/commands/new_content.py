"""What ``plnsite new`` writes: a note file, or one entry added to a reading log or contact list.

The arguments are declared in new.py, which imports this module only to run (so that
``plnsite new note --help`` loads none of it).

``new note`` writes ``notes/YYYY-MM-DD-<slug>.md`` (never over an existing file, never with a
slug another note already has) and prints its path; ``--edit`` then runs ``$VISUAL`` or
``$EDITOR`` on it.

``new reading`` and ``new contact`` only ever *add* text to a YAML file: every byte already
there (comments, order, quoting, blank lines) stays as it was. The entry goes at the end of the
file, except in a contact list whose ``people:`` is followed by other keys, where it goes right
after the last person. Before anything is written the new text is parsed again and must load as
exactly the old data plus the new entry; a file laid out in a way that makes that impossible
(a flow list ``[...]``, say) is refused with a message rather than rewritten.

"Now" is the clock in the site's timezone (site.yaml ``timezone``), or ``--date`` (for
back-dating, scripts and tests).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..atomic import write_atomic
from ..config import read_config
from ..dates import BadDate, date_prefix, parse_when, zone
from ..errors import ConfigError, PlnsiteError, Problem, Problems, UsageError
from ..kinds import ReadingStatus
from ..load.discover import discover
from ..load.fields import field_text, is_http_url, item_lines, parse_yaml
from ..load.frontmatter import read_front_matter
from ..paths import display_path
from ..sources import read_source
from ..text import slugify, split_tags, title_case
from ..yamlio import YamlError, YMap, load_yaml, yaml_quoted, yaml_scalar
from .new import DEFAULT_LIST

__all__ = ["Refused", "new_entry"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Refused(PlnsiteError):
    """A name clash or a file plnsite will not add to; nothing was written."""


def new_entry(args) -> int:
    """``plnsite new KIND …``: the note, reading or contact that ``args.new`` names."""
    return {"note": _new_note, "reading": _new_reading, "contact": _new_contact}[args.new](args)


# ---- new note ------------------------------------------------------------------------------

def _new_note(args) -> int:
    content, tz = _site(args.source)
    title = _one_line(args.title, "the title")
    slug = slugify(title)
    if not slug:
        raise UsageError(f"cannot make a file name from the title '{title}': it needs a letter or digit")
    when, day_only = _when(args.date, tz)
    tags = _tags(args.tags)
    folder = content / "notes"
    path = folder / f"{when.date().isoformat()}-{slug}.md"
    clash = path if path.exists() else _note_with_slug(content, slug)
    if clash is not None:
        raise Refused(f"a note with the slug '{slug}' already exists: {display_path(clash)} "
                      f"(both would be /notes/{slug}/); choose another title")
    text = _note_text(title, when.date().isoformat() if day_only else when.isoformat(), tags, args.draft)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"{display_path(path)} already exists") from None
    except OSError as exc:
        raise Refused(f"cannot write {display_path(path)}: {exc.strerror}") from None
    shown = display_path(path)
    print(shown)
    return _edit(shown) if args.edit else 0


def _note_text(title: str, date: str, tags: tuple[str, ...], draft: bool) -> str:
    tag_list = ", ".join(yaml_scalar(t, flow=True) for t in tags)
    return (f"---\ntitle: {yaml_quoted(title)}\ndate: {date}\ntags: [{tag_list}]\n"
            f"draft: {'true' if draft else 'false'}\n---\n\n")


def _note_with_slug(content: Path, slug: str) -> Path | None:
    """The note whose URL slug (``slug:``, else its file name without the date) is ``slug``."""
    for path in discover(content).notes:
        stem = path.parent.name if path.stem == "index" else path.stem
        theirs = slugify(date_prefix(stem)[1])
        front = read_front_matter(path, display_path(path), Problems())  # a broken note is the build's to report
        if front is not None and front.meta.get("slug"):
            theirs = slugify(front.meta["slug"])
        if theirs == slug:
            return path
    return None


def _edit(shown: str) -> int:
    editor = (os.environ.get("VISUAL") or "").strip() or (os.environ.get("EDITOR") or "").strip()
    if not editor:
        print(f"plnsite: not opening an editor: neither $VISUAL nor $EDITOR is set "
              f"(e.g. export EDITOR=nano); the note is {shown}", file=sys.stderr)
        return 0
    try:
        command = shlex.split(editor, posix=os.name != "nt")
    except ValueError as exc:
        raise UsageError(f"cannot read the editor command '{editor}': {exc}") from None
    try:
        code = subprocess.run([*command, shown], check=False).returncode
    except OSError as exc:
        raise Refused(f"cannot start the editor '{command[0]}': {exc.strerror}; the note is {shown}") from None
    if code:
        print(f"plnsite: the editor '{editor}' exited with status {code}", file=sys.stderr)
        return 1
    return 0


# ---- new reading ---------------------------------------------------------------------------

def _new_reading(args) -> int:
    content, tz = _site(args.source)
    title = _one_line(args.title, "the title")
    url = _url(args.url, "--url")
    today = _when(args.date, tz)[0].date()
    fields = [("title", yaml_quoted(title))]
    if args.author is not None:
        fields.append(("author", yaml_quoted(_one_line(args.author, "--author"))))
    fields += [("url", yaml_scalar(url)), ("kind", args.kind), ("status", args.status)]
    if args.status == ReadingStatus.READING.value:
        fields.append(("started", today.isoformat()))
    if args.status == ReadingStatus.FINISHED.value:
        fields.append(("finished", today.isoformat()))
    tags = _tags(args.tags)
    if tags:
        fields.append(("tags", "[" + ", ".join(yaml_scalar(t, flow=True) for t in tags) + "]"))

    path = _yaml_path(content / "reading", str(today.year))
    shown = display_path(path)
    old, data = _read_yaml(path)
    if data is not None and not isinstance(data, list):
        raise Refused(f"{shown} is not a list of entries, so plnsite cannot add one to it")
    entries = data or []
    wanted = title.casefold()
    for entry in entries:
        if isinstance(entry, YMap) and (field_text(entry.get("title")) or "").casefold() == wanted:
            raise Refused(f"{shown}:{entry.line}: '{field_text(entry.get('title'))}' is already in this reading log")
    lines = (old or "").split("\n")
    indent = _item_indent(lines, 0, default=0)
    new = _append(old or "", _item(fields, indent), _spaced(lines, 0))
    _check(path, new, entries + [_parsed(fields)])
    _write(path, old, new)
    print(f"{shown}: added {yaml_quoted(title)}")
    return 0


# ---- new contact ---------------------------------------------------------------------------

def _new_contact(args) -> int:
    content, _ = _site(args.source)
    name = _one_line(args.name, "the name")
    list_id = args.list.strip()
    if not list_id or slugify(list_id) != list_id:
        raise UsageError(f"--list '{args.list}' must be a file stem such as '{slugify(args.list) or DEFAULT_LIST}'")
    contact_id = slugify(name) if args.id is None else args.id.strip()
    if not contact_id:
        raise UsageError(f"the name '{name}' makes an empty id; give one with --id")
    if slugify(contact_id) != contact_id:
        raise UsageError(f"--id '{args.id}' must be a slug such as '{slugify(contact_id) or 'jane-doe'}'")
    fields = [("name", yaml_quoted(name)), ("id", yaml_scalar(contact_id))]
    for key, value in (("url", args.url), ("feed", args.feed)):
        if value is not None:
            fields.append((key, yaml_scalar(_url(value, f"--{key}"))))
    if args.role is not None:
        fields.append(("role", yaml_quoted(_one_line(args.role, "--role"))))
    tags = _tags(args.tags)
    if tags:
        fields.append(("tags", "[" + ", ".join(yaml_scalar(t, flow=True) for t in tags) + "]"))
    used = _contact_id_in_use(content, contact_id)
    if used:
        raise Refused(f"contact id '{contact_id}' is already used at {used}; "
                      "ids are unique across all lists: choose another with --id")

    path = _yaml_path(content / "contacts", list_id)
    shown = display_path(path)
    old, data = _read_yaml(path)
    text = old or ""
    lines = text.split("\n")
    entry = _parsed(fields)
    if data is None:  # a new (or comments-only) file: a list with a title, as `plnsite init` writes
        head = f"title: {yaml_scalar(title_case(list_id))}\npeople:\n"
        new = _append(text, head + _item(fields, 2), False)
        expected = {"title": title_case(list_id), "people": [entry]}
    elif isinstance(data, list):
        new = _append(text, _item(fields, _item_indent(lines, 0, default=0)), _spaced(lines, 0))
        expected = data + [entry]
    elif isinstance(data, YMap) and "people" in data and isinstance(data["people"], (list, type(None))):
        new = _add_person(text, lines, data, fields)
        expected = YMap(data)
        expected["people"] = (data["people"] or []) + [entry]
    else:
        raise Refused(f"{shown} is not a list of people nor a mapping with 'people', "
                      "so plnsite cannot add a person to it")
    _check(path, new, expected)
    _write(path, old, new)
    print(f"{shown}: added {yaml_quoted(name)} (id {contact_id})")
    return 0


def _add_person(text: str, lines: list[str], data: YMap, fields) -> str:
    """``text`` with a person added to its ``people:`` list: at the end of the file when
    ``people`` is the last key, else right after the last person (before the comments and
    blank lines that lead to the next key)."""
    at = data.line_of("people")  # file line of `people:`
    indent = _item_indent(lines, at, default=2)
    spaced = _spaced(lines, at)
    later = [line for line in data.key_lines.values() if line > at]
    if not later:
        return _append(text, _item(fields, indent), spaced)
    last = at  # the last line that belongs to the people list
    for index in range(min(later) - 2, at - 1, -1):  # lines[index] is file line index + 1
        stripped = lines[index].strip()
        column = len(lines[index]) - len(lines[index].lstrip())
        if not stripped or (stripped.startswith("#") and column <= indent):
            continue
        last = index + 1
        break
    newline = "\r\n" if "\r\n" in text else "\n"
    offset = sum(len(line) + 1 for line in lines[:last])
    block = _item(fields, indent).replace("\n", newline)
    return text[:offset] + (newline if spaced else "") + block + text[offset:]


def _contact_id_in_use(content: Path, contact_id: str) -> str | None:
    """Where ``contact_id`` is already someone's id, in any list (private people included)."""
    for path in discover(content).contacts:
        ignored = Problems()  # a broken list is the build's to report
        text = read_source(path, display_path(path), ignored)
        data = parse_yaml(text, display_path(path), ignored) if text is not None else None
        people = data.get("people") if isinstance(data, YMap) else data
        for person in people if isinstance(people, list) else ():
            if not isinstance(person, YMap):
                continue
            theirs = field_text(person.get("id")) or slugify(field_text(person.get("name")) or "")
            if theirs == contact_id:
                return f"{display_path(path)}:{person.line}"
    return None


# ---- shared --------------------------------------------------------------------------------

def _site(source: Path) -> tuple[Path, dt.tzinfo]:
    problems = Problems()
    config = read_config(source, problems)
    if config is None:
        raise ConfigError("cannot read site.yaml", problems.freeze())
    return source, zone(config.timezone)


def _when(text: str | None, tz: dt.tzinfo) -> tuple[dt.datetime, bool]:
    """Now (or ``--date``) in the site's timezone, to the second; True if only a day was given."""
    if text is None:
        return dt.datetime.now(tz).replace(microsecond=0), False
    try:
        when = parse_when(text.strip(), tz)
    except BadDate as exc:
        raise UsageError(f"--date: {exc}") from None
    return when.astimezone(tz).replace(microsecond=0), bool(_DAY.match(text.strip()))


def _one_line(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError(f"{what} is empty")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text):
        raise UsageError(f"{what} must be one line of text")
    return text


def _url(text: str, what: str) -> str:
    text = text.strip()
    if not is_http_url(text) or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in text):
        raise UsageError(f"{what} must be an http(s) URL, not '{text}'")
    return text


def _tags(text: str | None) -> tuple[str, ...]:
    tags: list[str] = []
    for tag in split_tags(text):
        tag = _one_line(tag, "a tag")
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _yaml_path(folder: Path, stem: str) -> Path:
    """``folder/<stem>.yaml``, or the ``.yml`` file of that name if only that exists."""
    for suffix in (".yaml", ".yml"):
        if (folder / (stem + suffix)).is_file():
            return folder / (stem + suffix)
    return folder / (stem + ".yaml")


def _read_yaml(path: Path):
    """(text, data) of an existing file; (None, None) when there is none."""
    shown = display_path(path)
    if not path.exists():
        return None, None
    problems = Problems()
    text = read_source(path, shown, problems, keep_bom=True)  # every byte already there stays
    data = parse_yaml(text, shown, problems) if text is not None else None
    if problems.freeze():
        raise _refused_at(problems.freeze()[0])
    return text, data


def _refused_at(problem: Problem) -> ConfigError:
    """The file's problem, as the build reports it: ``path:line: error: …``."""
    said = replace(problem, message=f"{problem.message} (fix it first; nothing was written)")
    return ConfigError(str(said), [said])


def _item(fields, indent: int) -> str:
    """One ``- key: value`` list item, its first line at column ``indent``."""
    pad = " " * indent
    lines = [f"{pad}{'- ' if i == 0 else '  '}{key}: {value}" for i, (key, value) in enumerate(fields)]
    return "\n".join(lines) + "\n"


def _parsed(fields):
    return load_yaml(_item(fields, 0), "<new entry>")[0]


def _item_indent(lines: list[str], after: int, default: int) -> int:
    found = item_lines(lines, after)
    if not found:
        return default
    line = lines[found[0] - 1]
    return len(line) - len(line.lstrip())


def _spaced(lines: list[str], after: int) -> bool:
    """Whether the file's list items are separated by blank lines (then so is the new one)."""
    found = item_lines(lines, after)
    return any(not lines[line - 2].strip() for line in found[1:])


def _append(text: str, block: str, spaced: bool) -> str:
    """``text`` + ``block``, after a line break if the file lacks a final one (and a blank
    line when the items are spaced); line endings follow the file's."""
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if spaced and text.strip() and not text.endswith(newline * 2):
        text += newline
    return text + block.replace("\n", newline)


def _check(path: Path, new: str, expected) -> None:
    """The new text must load as the old data plus the entry, or nothing is written."""
    shown = display_path(path)
    try:
        loaded = load_yaml(new, shown)
    except (YamlError, ValueError):
        loaded = None
    if loaded != expected:
        raise Refused(f"cannot add to {shown} without rewriting it (is its list written in [...] "
                      "style?); add the entry by hand. Nothing was written")


def _write(path: Path, old: str | None, new: str) -> None:
    """Create, append to, or (for an insertion) atomically replace ``path``."""
    shown = display_path(path)
    data = new.encode("utf-8")
    try:
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as handle:
                handle.write(data)
            return
        before = old.encode("utf-8")
        if path.read_bytes() != before:
            raise Refused(f"{shown} changed while plnsite was reading it; nothing was written")
        if data.startswith(before):
            with open(path, "ab") as handle:
                handle.write(data[len(before):])
            return
        write_atomic(path, data, mode=path.stat().st_mode & 0o7777)
    except FileExistsError:
        raise Refused(f"{shown} appeared while plnsite was writing it; nothing was written") from None
    except OSError as exc:
        raise Refused(f"cannot write {shown}: {exc.strerror}") from None
