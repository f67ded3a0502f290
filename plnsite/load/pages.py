"""pages/*.md → Page (``about.md`` → ``/about/``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Loc, Problems
from ..markdown import first_heading
from ..model import Markdown, Page
from ..paths import display_path
from ..text import slugify, title_case
from .fields import INVALID, is_draft, meta_date, text_field
from .frontmatter import read_front_matter

__all__ = ["load_page"]


def load_page(path: Path, tz: dt.tzinfo, problems: Problems) -> Page | None:
    """A page; it may carry `draft:` (or `published: false`) and a `date:`, as notes do."""
    shown = display_path(path)
    fm = read_front_matter(path, shown, problems)
    if fm is None:
        return None
    meta = fm.meta

    def report(key: str | None, message: str) -> None:
        problems.error(Loc(shown, meta.line_of(key) if key else 1), message)

    given = text_field(meta, "slug", report)
    slug = slugify(given if isinstance(given, str) else path.stem)
    if not slug:
        problems.error(Loc(shown, meta.line_of("slug")), "cannot make a URL slug from this page's name; add `slug:`")
        return None
    title = text_field(meta, "title", report)
    from_heading = False
    if not isinstance(title, str):
        heading = first_heading(fm.body)
        from_heading = bool(heading)
        if not heading and title is not INVALID:
            problems.warning(Loc(shown, 1), "no title: made one from the file name (add `title:`)")
        title = heading or title_case(path.stem)
    return Page(
        id=f"pages/{slug}", slug=slug, title=title,
        body=Markdown(text=fm.body, loc=Loc(shown, fm.body_line)), loc=Loc(shown, 1),
        title_from_heading=from_heading,
        date=meta_date(meta, "date", tz, shown, problems),
        draft=is_draft(meta, report),
    )
