"""``plnsite import jekyll PATH`` / ``plnsite import hugo PATH``: an old blog's posts → notes.

Each post becomes ``content/notes/<its file name>.md`` (a Hugo leaf bundle:
``content/notes/<folder>/index.md`` with its other files beside it). Its front matter is
reduced to a note's (``posts.py``), including ``imported_from``, the post's path in the
blog, by which a second import recognises what it already brought in, wherever the note
has been moved since. Liquid and shortcodes are converted by ``markup.py``; files a post
links to from the site root (``/assets/x.png``) are copied into ``content/static/``. Jekyll's
``_drafts`` (posts without a date) are not imported.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..dates import date_prefix
from ..errors import Level, Loc, Problems
from ..load.discover import MARKDOWN_SUFFIXES, discover
from ..load.frontmatter import read_front_matter
from ..paths import display_path
from ..text import slugify
from ..yamlio import dump_yaml
from .markup import convert_liquid, convert_shortcodes
from .posts import note_meta, read_post
from .source import BadInput, stop_on_errors
from .writer import Plan, copy_file, new_file

__all__ = ["plan_hugo", "plan_jekyll"]

_POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
_NOT_MARKDOWN = (".html", ".htm", ".textile", ".adoc", ".asciidoc", ".org", ".rst", ".pandoc")
_HUGO_SECTIONS = ("posts", "post", "blog")
_ROOT_REF = re.compile(r"""\]\(\s*<?(/[^)\s>"']+)|\bsrc\s*=\s*["'](/[^"']+)["']""")


@dataclass(frozen=True, slots=True)
class _Post:
    src: Path  # the post's Markdown file
    key: str  # imported_from: "jekyll:_posts/2019-01-02-x.md", "hugo:posts/x/index.md"
    stem: str  # the file stem, or a bundle's folder name
    bundle: Path | None  # a Hugo leaf bundle's folder


def plan_jekyll(path: Path, content: Path) -> Plan:
    what = "a Jekyll site (with a _posts folder) or its _posts folder"
    _need_folder(path, what)
    root = path.parent if path.name == "_posts" else path
    folders = [path] if path.name == "_posts" else [
        d / "_posts" for d in [path, *sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))]
        if (d / "_posts").is_dir()
    ]
    if not folders:
        raise BadInput.at(path, None, f"has no _posts folder; expected {what}")
    problems = Problems()
    posts = []
    for folder in folders:
        for file in _files(folder):
            if file.suffix.lower() in _POST_SUFFIXES:
                posts.append(_Post(file, "jekyll:" + file.relative_to(root).as_posix(), file.stem, None))
            elif file.suffix.lower() in _NOT_MARKDOWN:
                problems.warning(Loc(display_path(file), 1), "not a Markdown post: not imported")
    return _plan(posts, "jekyll", root, content, problems)


def plan_hugo(path: Path, content: Path) -> Plan:
    what = "a Hugo site (with content/posts) or its posts folder"
    _need_folder(path, what)
    if (path / "content").is_dir():
        root, sections = path, [path / "content" / s for s in _HUGO_SECTIONS]
    elif path.name == "content":
        root, sections = path.parent, [path / s for s in _HUGO_SECTIONS]
    else:
        root, sections = (path.parent.parent if path.parent.name == "content" else None), [path]
    sections = [s for s in sections if s.is_dir()]
    if not sections:
        raise BadInput.at(path, None, f"has no content/posts (or post, blog) folder; expected {what}")
    problems = Problems()
    posts = []
    for section in sections:
        bundles = {f.parent for f in _files(section) if f.stem == "index" and f.suffix.lower() in _POST_SUFFIXES}
        for file in _files(section):
            owner = next((b for b in bundles if b == file.parent or b in file.parents), None)
            key = f"hugo:{section.name}/{file.relative_to(section).as_posix()}"
            if file.suffix.lower() not in _POST_SUFFIXES or file.stem == "_index":
                if owner is None and file.suffix.lower() in _NOT_MARKDOWN:
                    problems.warning(Loc(display_path(file), 1), "not a Markdown post: not imported")
                continue
            if owner is not None and file.parent == owner and file.stem == "index":
                posts.append(_Post(file, key, owner.name, owner))
            elif owner is None:
                posts.append(_Post(file, key, file.stem, None))
    static = root / "static" if root is not None else None
    return _plan(posts, "hugo", static, content, problems)


def _need_folder(path: Path, what: str) -> None:
    if not path.is_dir():
        raise BadInput.at(path, None, f"not a folder; expected {what}")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


# ---- the plan ----------------------------------------------------------------------------


def _plan(posts: list[_Post], engine: str, static_root: Path | None, content: Path, problems: Problems) -> Plan:
    imported, slugs = _existing(content)
    notes_dir = content / "notes"
    targets: dict[_Post, tuple[Path, dict, str, int]] = {}  # post → (target, meta, body, body line)
    already = 0
    for post in posts:
        if post.key in imported:
            already += 1
            continue
        parsed = read_post(post.src, problems)
        if parsed is None:
            continue
        meta, body, body_line = parsed
        note = note_meta(meta, post.src, post.stem, post.key, problems)
        target, note = _target(post, note, notes_dir, slugs, problems)
        targets[post] = (target, note, body, body_line)
    errors = [p for p in problems.freeze() if p.level is Level.ERROR]
    if errors:
        raise BadInput(errors)
    names = _names({**{key: path for key, path in imported.items()},
                    **{post.key: target for post, (target, *_rest) in targets.items()}})
    changes, copied = [], set()
    for post, (target, note, body, body_line) in targets.items():
        link = _linker(target, names)
        convert = convert_liquid if engine == "jekyll" else convert_shortcodes
        body, warnings = convert(body.replace("\r\n", "\n"), body_line, link)
        shown = display_path(post.src)
        for line, message in warnings:
            problems.warning(Loc(shown, line), message)
        text = "---\n" + dump_yaml(note) + "---\n\n" + body.lstrip("\n").rstrip() + "\n"
        changes.append(new_file(target, text))
        if post.bundle is not None:
            for file in _files(post.bundle):
                if file != post.src:
                    changes.append(copy_file(file, target.parent / file.relative_to(post.bundle)))
        for src, dest in _root_files(body, static_root, content / "static"):
            if dest not in copied:
                copied.add(dest)
                changes.append(copy_file(src, dest))
    if not posts:
        problems.warning(None, "no posts found")
    return Plan(changes=tuple(changes), problems=problems.freeze(), already=already, noun="notes")


def _existing(content: Path) -> tuple[dict[str, Path], set[str]]:
    """Notes already imported (imported_from → file) and the slugs notes already use."""
    imported: dict[str, Path] = {}
    slugs: set[str] = set()
    problems = Problems()
    for path in discover(content).notes:
        front = read_front_matter(path, display_path(path), problems)
        if front is None:
            continue
        stem = path.parent.name if path.stem == "index" else path.stem
        slugs.add(slugify(front.meta.get("slug") or date_prefix(stem)[1]))
        if front.meta.get("imported_from"):
            imported.setdefault(str(front.meta["imported_from"]).strip(), path)
    stop_on_errors(problems)
    return imported, slugs


def _target(post: _Post, note: dict, notes_dir: Path, slugs: set[str], problems: Problems) -> tuple[Path, dict]:
    """Where the note goes: a file name and slug that no note uses yet (``x``, else ``x-2``, …)."""
    given = note.get("slug")
    from_name = slugify(date_prefix(post.stem)[1])
    base = slugify(given) if given else from_name or "post"
    n = 1
    while True:
        suffix = f"-{n}" if n > 1 else ""
        slug, stem = base + suffix, post.stem + suffix
        path = notes_dir / stem / "index.md" if post.bundle is not None else notes_dir / f"{stem}.md"
        if slug not in slugs and not path.exists() and not (post.bundle is not None and path.parent.exists()):
            break
        n += 1
    slugs.add(slug)
    if n > 1:
        problems.warning(Loc(display_path(post.src), 1), f"a note named '{base}' exists already: imported as '{slug}'")
    if (given and n > 1) or not (given or from_name):
        rest = {k: v for k, v in note.items() if k not in ("slug", "imported_from")}
        note = {**rest, "slug": slug, "imported_from": note["imported_from"]}
    return path, note


def _names(targets: dict[str, Path]) -> dict[str, Path]:
    """Every name a post may be linked by (its stem, its folder for a bundle) → its note file."""
    names: dict[str, Path] = {}
    for key, target in sorted(targets.items()):
        source = key.split(":", 1)[1]
        names.setdefault(_post_name(source), target)
    return names


def _post_name(ref: str) -> str:
    """``"posts/x/index.md"``, ``"/posts/x/"``, ``"2019-01-02-x"`` → ``"x"``/``"2019-01-02-x"``."""
    parts = [p for p in unquote(ref.split("#", 1)[0]).strip().strip("\"'").split("/") if p]
    if parts and Path(parts[-1]).stem in ("index", "_index"):
        parts.pop()
    if not parts:
        return ""
    name = parts[-1]
    return name[: -len(Path(name).suffix)] if Path(name).suffix.lower() in _POST_SUFFIXES else name


def _linker(target: Path, names: dict[str, Path]):
    def link(ref: str) -> str | None:
        ref = ref.strip().strip("\"'")
        found = names.get(_post_name(ref))
        if found is None:
            return None
        anchor = "#" + ref.split("#", 1)[1] if "#" in ref else ""
        return posixpath.relpath(found.as_posix(), target.parent.as_posix()) + anchor

    return link


def _root_files(body: str, static_root: Path | None, static_dir: Path):
    """Files under the blog's root that ``body`` links to from the site root (``/img/x.png``)."""
    if static_root is None or not static_root.is_dir():
        return
    base = static_root.resolve()
    for match in _ROOT_REF.finditer(body):
        ref = unquote((match[1] or match[2]).split("#", 1)[0].split("?", 1)[0]).lstrip("/")
        if not ref or any(part.startswith((".", "_")) or part == ".." for part in ref.split("/")):
            continue
        src = (static_root / ref).resolve()
        if src.is_file() and src.is_relative_to(base) and src.suffix.lower() not in MARKDOWN_SUFFIXES:
            dest = static_dir / ref
            if not dest.exists():
                yield src, dest
