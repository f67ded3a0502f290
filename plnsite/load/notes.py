"""notes/**/*.md → Note, with SPEC §2's fallbacks for title, date, slug and summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dates import date_prefix, parse_when
from ..errors import Loc, Problems
from ..markdown import first_heading
from ..model import Markdown, Note, StaticFile
from ..paths import display_path
from ..text import slugify, split_tags, title_case
from .fields import is_draft, meta_date
from .frontmatter import read_front_matter

__all__ = ["load_note"]


def load_note(path: Path, tz: dt.tzinfo, problems: Problems, assets: tuple[Path, ...] = ()) -> Note | None:
    shown = display_path(path)
    fm = read_front_matter(path, shown, problems)
    if fm is None:
        return None
    meta = fm.meta
    is_bundle = path.stem == "index"
    stem = path.parent.name if is_bundle else path.stem
    file_date, bare_stem = date_prefix(stem)

    title, from_heading = _title(meta.get("title"), fm.body, bare_stem, Loc(shown, meta.line_of("title")), problems)
    when = meta_date(meta, "date", tz, shown, problems)
    if when is None and meta.get("date") is None:  # absent or empty `date:`: the file name's
        if file_date is None:
            problems.error(Loc(shown, 1), "note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-")
            return None
        when = parse_when(file_date, tz)
    if when is None:
        return None
    updated = meta_date(meta, "updated", tz, shown, problems) if "updated" in meta else None
    slug = slugify(meta.get("slug") or bare_stem)
    if not slug:
        problems.error(Loc(shown, meta.line_of("slug")), "cannot make a URL slug from this note's name; add `slug:`")
        return None
    summary = meta.get("summary")
    return Note(
        id=f"notes/{slug}",
        slug=slug,
        title=title,
        date=when,
        updated=updated,
        tags=split_tags(meta.get("tags")),
        summary=str(summary).strip() if summary else None,
        draft=is_draft(meta),
        body=Markdown(text=fm.body, loc=Loc(shown, fm.body_line)),
        assets=tuple(
            StaticFile(src=a, dest=f"notes/{slug}/{a.relative_to(path.parent).as_posix()}") for a in assets
        ),
        loc=Loc(shown, 1),
        title_from_heading=from_heading,
        tags_loc=Loc(shown, meta.line_of("tags")) if "tags" in meta else None,
    )


def _title(value, body: str, stem: str, loc: Loc, problems: Problems) -> tuple[str, bool]:
    if value is not None and str(value).strip():
        return str(value).strip(), False
    heading = first_heading(body)
    if heading:
        return heading, True
    problems.warning(Loc(loc.path, 1), "no title: made one from the file name (add `title:`)")
    return title_case(stem), False
