"""What an import writes, planned first and written last, each file atomically.

An importer returns a ``Plan``: the files it would create or extend, the files it would
copy, and its warnings. ``--dry-run`` prints the plan (``describe``); otherwise ``apply``
writes it. Every write goes to a temporary file beside the target, which is then renamed
over it, so a content file is never left half-written. An existing YAML file is extended
by adding text (after its last entry), never by re-serialising what the user wrote; the
result is parsed again before anything is written, to be sure it still loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import Problem
from ..paths import display_path
from ..yamlio import YamlError, YMap, dump_yaml, load_yaml
from .source import BadInput, read_appendable

__all__ = ["FileChange", "Plan", "append_entries", "apply", "copy_file", "describe", "new_file", "summary"]


@dataclass(frozen=True, slots=True)
class FileChange:
    path: Path  # the target
    added: str  # the text this change adds (shown by --dry-run); "" for copies
    items: int  # how many entries, notes or people it adds (0 for copies)
    new_text: str | None = None  # the whole file after the change (text files)
    base: bytes | None = None  # the file as it was when planned (None: the file is new)
    src: Path | None = None  # a copied file


@dataclass(frozen=True, slots=True)
class Plan:
    changes: tuple[FileChange, ...]
    problems: tuple[Problem, ...] = ()  # warnings; errors are raised as BadInput
    already: int = 0  # items the content already holds
    noun: str = "entries"  # what an item is called in the summary


# ---- planning ---------------------------------------------------------------------------


def new_file(path: Path, text: str) -> FileChange:
    return FileChange(path=path, added=text, items=1, new_text=text)


def copy_file(src: Path, dest: Path) -> FileChange:
    return FileChange(path=dest, added="", items=0, src=src)


def append_entries(path: Path, entries: list[dict], *, key: str | None = None,
                   header: dict | None = None) -> FileChange:
    """Add ``entries`` to the YAML list in ``path`` (the list under ``key`` when the file is a
    mapping, as contact lists are). A missing file is created as ``header`` + the list."""
    items = "\n".join(dump_yaml([entry]) for entry in entries)
    if not path.exists():
        text = items if key is None else (dump_yaml(header) if header else "") + f"{key}:\n" + _indent(items, 2)
        _check(path, text, 0, key, len(entries))
        return FileChange(path=path, added=text, items=len(entries), new_text=text)
    old = read_appendable(path)
    base = old.encode("utf-8")
    bom = "\ufeff" if old.startswith("\ufeff") else ""  # stays first: the entries go after the text
    old = old[len(bom):]
    data = _load(path, old)
    under_key = key is not None and isinstance(data, YMap) and key in data
    listed = (data.get(key) if under_key else data) or []
    old_count = len(listed) if isinstance(listed, list) else 0
    lines = old.split("\n")
    end, indent = _list_end(lines, data.line_of(key) if under_key else 0)
    nl = "\r\n" if "\r\n" in old else "\n"
    block = _indent(items, indent if indent is not None else (2 if under_key else 0)).replace("\n", nl)
    if all(not line.strip() or line.strip().startswith("#") for line in lines[end:]):
        # the list is last: add at the very end of the file, every byte before kept
        head = old if not old or old.endswith("\n") else old + nl
        gap = nl if old_count and not head.endswith(("\n\n", "\n\r\n")) else ""
        new = head + gap + block
    else:  # something follows the list (`people:` above `description:`): add after its last item
        gap = nl if old_count else ""
        new = "\n".join(lines[:end]) + "\n" + gap + block + "\n".join(lines[end:])
    _check(path, new, old_count, key, len(entries))
    return FileChange(path=path, added=block, items=len(entries), new_text=bom + new, base=base)


def _load(path: Path, text: str):
    try:
        return load_yaml(text, display_path(path))
    except YamlError as exc:
        raise BadInput([exc.problem]) from None


def _list_end(lines: list[str], start: int) -> tuple[int, int | None]:
    """Index into ``lines`` just after the block list that begins below file line ``start``
    (0 for a top-level list), and the column of its ``- `` items (None: no items)."""
    indent, end = None, start
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#") or (indent is None and stripped.startswith(("---", "%"))):
            continue
        column = len(lines[index]) - len(lines[index].lstrip())
        is_item = stripped == "-" or stripped.startswith("- ")
        if indent is None:
            if not is_item:
                break
            indent = column
        elif column < indent or (column == indent and not is_item):
            break
        end = index + 1
    return end, indent


def _indent(text: str, columns: int) -> str:
    pad = " " * columns
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _check(path: Path, text: str, old_count: int, key: str | None, added: int) -> None:
    """The new text must load, with exactly ``added`` more entries than before."""
    try:
        data = load_yaml(text, display_path(path))
    except YamlError:
        data = None
    if isinstance(data, YMap) and key is not None:
        data = data.get(key)
    if not isinstance(data, list) or len(data) != old_count + added:
        where = f"a `{key}:` list" if key else "a list of entries"
        raise BadInput.at(path, None, f"cannot add entries to this file safely: expected {where} "
                                      "written as `- ` lines; add them by hand or import into another file")


# ---- output -----------------------------------------------------------------------------


def describe(plan: Plan) -> str:
    """What ``apply`` would do, with the text it would write (for --dry-run)."""
    parts = []
    for change in plan.changes:
        shown = display_path(change.path)
        if change.src is not None:
            parts.append(f"would copy {display_path(change.src)} → {shown}\n")
        elif change.base is None:
            parts.append(f"would create {shown}:\n{change.added}")
        else:
            parts.append(f"would add to {shown}:\n{change.added}")
    parts.append(summary(plan, dry_run=True) + "\n")
    return "\n".join(parts)


_SINGULAR = {"books": "book", "people": "person", "notes": "note", "entries": "entry"}


def summary(plan: Plan, dry_run: bool = False) -> str:
    verb = "would import" if dry_run else "imported"
    added = sum(change.items for change in plan.changes)
    text = f"{verb} {added} {plan.noun if added != 1 else _SINGULAR.get(plan.noun, plan.noun)}"
    if plan.already:
        text += f"; {plan.already} already in your content"
    copies = sum(1 for c in plan.changes if c.src is not None)
    if copies:
        text += f"; {'would copy' if dry_run else 'copied'} {copies} file{'s' * (copies != 1)}"
    return text


def apply(plan: Plan) -> list[Path]:
    """Write every change; each file atomically. Returns the paths written."""
    for change in plan.changes:  # refuse before writing anything if a file moved under us
        current = change.path.read_bytes() if change.path.exists() else None
        if change.src is None and current != change.base:
            raise BadInput.at(change.path, None, "changed while importing; run the import again")
    written = []
    for change in plan.changes:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        if change.src is not None:
            write_atomic(change.path, change.src.read_bytes(), fsync=True, mode=_mode_of(change.src))
        else:
            write_atomic(change.path, change.new_text.encode("utf-8"), fsync=True,
                         mode=_mode_of(change.path) if change.base else None)
        written.append(change.path)
    return written


def _mode_of(like: Path) -> int | None:
    """The permission bits of ``like`` (a file copied, or the file extended), None if it is gone."""
    try:
        return like.stat().st_mode & 0o7777
    except OSError:
        return None
