"""pages/*.md → Page (``about.md`` → ``/about/``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Loc, Problems
from ..markdown import first_heading
from ..model import Markdown, Page
from ..paths import display_path
from ..text import slugify, title_case
from .fields import is_draft, meta_date
from .frontmatter import read_front_matter

__all__ = ["load_page"]


def load_page(path: Path, tz: dt.tzinfo, problems: Problems) -> Page | None:
    """A page; it may carry `draft:` (or `published: false`) and a `date:`, as notes do."""
    shown = display_path(path)
    fm = read_front_matter(path, shown, problems)
    if fm is None:
        return None
    slug = slugify(fm.meta.get("slug") or path.stem)
    title = fm.meta.get("title")
    from_heading = False
    if not title:
        title = first_heading(fm.body)
        from_heading = bool(title)
    if not title:
        problems.warning(Loc(shown, 1), "no title: made one from the file name (add `title:`)")
        title = title_case(path.stem)
    return Page(
        id=f"pages/{slug}", slug=slug, title=str(title).strip(),
        body=Markdown(text=fm.body, loc=Loc(shown, fm.body_line)), loc=Loc(shown, 1),
        title_from_heading=from_heading,
        date=meta_date(fm.meta, "date", tz, shown, problems),
        draft=is_draft(fm.meta),
    )
