"""notes/**/*.md → Note, with SPEC §2's fallbacks for title, date, slug and summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dates import date_prefix, parse_when
from ..errors import Loc, Problems
from ..markdown import first_heading
from ..model import Markdown, Note, StaticFile
from ..paths import display_path
from ..text import slugify, title_case
from .conversation import replies_to, sends_webmentions, syndication
from .fields import INVALID, is_draft, meta_date, tags_field, text_field, whole_number
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

    def report(key: str | None, message: str) -> None:
        problems.error(Loc(shown, meta.line_of(key) if key else 1), message)

    title, from_heading = _title(text_field(meta, "title", report), fm.body, bare_stem, shown, problems)
    when = meta_date(meta, "date", tz, shown, problems)
    if when is None and meta.get("date") is None:  # absent or empty `date:`: the file name's
        if file_date is None:
            problems.error(Loc(shown, 1), "note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-")
            return None
        when = parse_when(file_date, tz)
    if when is None:
        return None
    updated = meta_date(meta, "updated", tz, shown, problems) if "updated" in meta else None
    given = text_field(meta, "slug", report)
    slug = slugify(given if isinstance(given, str) else bare_stem)
    if not slug:
        problems.error(Loc(shown, meta.line_of("slug")), "cannot make a URL slug from this note's name; add `slug:`")
        return None
    summary = text_field(meta, "summary", report)
    series = text_field(meta, "series", report)
    return Note(
        id=f"notes/{slug}",
        slug=slug,
        title=title,
        date=when,
        updated=updated,
        tags=tags_field(meta, report),
        summary=summary if isinstance(summary, str) else None,
        draft=is_draft(meta, report),
        body=Markdown(text=fm.body, loc=Loc(shown, fm.body_line)),
        assets=tuple(
            StaticFile(src=a, dest=f"notes/{slug}/{a.relative_to(path.parent).as_posix()}") for a in assets
        ),
        loc=Loc(shown, 1),
        title_from_heading=from_heading,
        tags_loc=Loc(shown, meta.line_of("tags")) if "tags" in meta else None,
        series=series if isinstance(series, str) else None,
        series_order=whole_number(meta, "series_order", report),
        series_loc=Loc(shown, meta.line_of("series")) if "series" in meta else None,
        syndication=syndication(meta, report),
        replies_to=replies_to(meta, report),
        webmention=sends_webmentions(meta, report),
    )


def _title(value, body: str, stem: str, shown: str, problems: Problems) -> tuple[str, bool]:
    """``title:``, else the first ``# heading``, else one made from the file name: with a
    warning, unless ``title:`` was there but wrong (``INVALID``: already an error)."""
    if isinstance(value, str):
        return value, False
    heading = first_heading(body)
    if heading:
        return heading, True
    if value is not INVALID:
        problems.warning(Loc(shown, 1), "no title: made one from the file name (add `title:`)")
    return title_case(stem), False
