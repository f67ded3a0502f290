"""Walk content/ once and sort every file into the kind of source it is.

Symbolic links are judged here, once per walk (see confine.py): a file or folder link that
leads out of content/ is skipped with a warning and never read, and so is a folder link back
into a folder it is in (a loop). Pipes, sockets and devices are skipped with a warning too:
reading one would wait for ever. A link that stays inside content/ is followed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..confine import escapes, outside_message
from ..errors import Loc, Problem, Problems
from ..paths import display_path

__all__ = ["MARKDOWN_SUFFIXES", "YAML_SUFFIXES", "Sources", "discover"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
_CONTENT = "the content folder"


@dataclass(frozen=True, slots=True)
class Sources:
    notes: tuple[Path, ...]  # loose notes and bundle index files
    bundle_assets: tuple[tuple[Path, tuple[Path, ...]], ...]  # (index.md, its other files)
    pages: tuple[Path, ...]
    readings: tuple[Path, ...]
    contacts: tuple[Path, ...]
    static: tuple[tuple[Path, str], ...]  # (file, output path)
    problems: tuple[Problem, ...] = ()  # what was skipped, and why


def _hidden(name: str) -> bool:
    return name.startswith((".", "_"))


def _walk(root: Path, content: Path, problems: Problems) -> list[Path]:
    """Every visible file under ``root`` (a folder of ``content``), sorted, skipping "." and "_"
    names, links out of ``content`` and what is no regular file."""
    found: list[Path] = []
    if not root.is_dir() or _refused(root, content, problems):
        return found
    stack = [(root, frozenset({os.path.realpath(root)}))]  # a folder and the real folders above it
    while stack:
        folder, above = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            problems.warning(Loc(display_path(folder)), f"cannot read the folder: {exc.strerror or exc}")
            continue
        for entry in entries:
            if _hidden(entry.name):
                continue
            path = folder / entry.name  # (half of Path(folder, name)'s cost on Python 3.11: one part to parse)
            if entry.is_symlink():
                if _refused(path, content, problems):
                    continue
                try:
                    mode = os.stat(path).st_mode
                except OSError:  # a broken link: the loaders say they cannot read it
                    found.append(path)
                    continue
                is_dir, is_file = stat.S_ISDIR(mode), stat.S_ISREG(mode)
            else:  # what the folder listing says: no call to stat for each file
                is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
            if is_dir:
                real = os.path.realpath(path)
                if real in above:
                    problems.warning(Loc(display_path(path)), "a symbolic link to a folder it is in: not read")
                else:
                    stack.append((path, above | {real}))
            elif is_file:
                found.append(path)
            else:
                problems.warning(Loc(display_path(path)), "not a regular file (a pipe, socket or device): not read")
    return sorted(found, key=_order)


def _refused(path: Path, content: Path, problems: Problems) -> bool:
    real = escapes(path, content)
    if real is not None:
        problems.warning(Loc(display_path(path)), outside_message(real, _CONTENT))
    return real is not None


def _order(path: Path) -> tuple[str, ...]:
    # Path's own order (part by part), without Path.__lt__'s cost: 10,000 notes sort in
    # ~130,000 comparisons.
    return path.parts


def discover(content_dir: Path) -> Sources:
    problems = Problems()
    config = content_dir / "site.yaml"
    real = escapes(config, content_dir)
    if real is not None:  # read already (by read_config): the build must not go on with it
        problems.error(Loc(display_path(config)), f"site.yaml is a symbolic link to '{real}', outside the content "
                                                  f"folder: copy the file into it")
    notes: list[Path] = []
    bundles: list[tuple[Path, tuple[Path, ...]]] = []
    notes_dir = content_dir / "notes"
    note_files = _walk(notes_dir, content_dir, problems)
    # A bundle is a folder *under* notes/: an index.md in notes/ itself is a note like any
    # other (as a bundle it would take every note in as its files, drafts' sources included).
    bundle_dirs = {p.parent for p in note_files if p.name in ("index.md", "index.markdown") and p.parent != notes_dir}
    assets: dict[Path, list[Path]] = {d: [] for d in bundle_dirs}
    for path in note_files:
        owner = _owner(path, bundle_dirs) if bundle_dirs else None
        if owner is not None and path.parent == owner and path.stem == "index" and path.suffix in MARKDOWN_SUFFIXES:
            notes.append(path)
        elif owner is not None:
            assets[owner].append(path)
        elif path.suffix in MARKDOWN_SUFFIXES:
            notes.append(path)
    for folder in sorted(bundle_dirs):
        index = next(p for p in notes if p.parent == folder and p.stem == "index")
        bundles.append((index, tuple(assets[folder])))
    return Sources(
        notes=tuple(sorted(notes, key=_order)),
        bundle_assets=tuple(bundles),
        pages=tuple(p for p in _walk(content_dir / "pages", content_dir, problems) if p.suffix in MARKDOWN_SUFFIXES),
        readings=tuple(
            p for p in _walk(content_dir / "reading", content_dir, problems)
            if p.suffix in MARKDOWN_SUFFIXES + YAML_SUFFIXES
        ),
        contacts=tuple(p for p in _walk(content_dir / "contacts", content_dir, problems) if p.suffix in YAML_SUFFIXES),
        static=tuple(
            (p, p.relative_to(content_dir / "static").as_posix())
            for p in _walk(content_dir / "static", content_dir, problems)
        ),
        problems=problems.freeze(),
    )


def _owner(path: Path, bundle_dirs: set[Path]) -> Path | None:
    """The bundle folder ``path`` lies in, if any (its nearest such ancestor)."""
    for folder in path.parents:
        if folder in bundle_dirs:
            return folder
    return None
