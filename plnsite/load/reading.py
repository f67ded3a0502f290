"""Reading logs: ``reading/*.yaml`` (lists of entries) and ``reading/*.md`` (one entry each).

Every entry is checked on its own: a bad entry becomes problems at ``path:line`` and is
skipped, the others load. Slugs come from titles (``.md`` files: from the file name) and
are made unique deterministically (``x``, ``x-2``), ``.md`` files claiming theirs first
so that a page's URL does not move when a log gains an entry of the same title.

The readers of single fields (text, URL, Markdown, the draft flag) are ``fields.py``'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..dates import BadDate, date_prefix, parse_when
from ..errors import Loc, Problems
from ..model import Markdown, Reading, ReadingKind, ReadingStatus
from ..paths import display_path
from ..sources import drop_yaml_controls, read_source, shape_of
from ..text import slugify
from ..yamlio import YMap
from .fields import (
    INVALID, Report, http_url, is_draft, item_lines, markdown_field, names_field, parse_yaml, shown, tags_field,
    text_field,
)
from .frontmatter import split_front_matter
from .keys import unknown_key, unknown_value

__all__ = ["READING_KEYS", "load_readings"]

_MD_SUFFIXES = (".md", ".markdown")
# The keys of SPEC §2, draft/published (the publish rule, as for notes); isbn, asin,
# goodreads_id and stars are what the importers keep for matching; pages and hours (how long a
# book, or a video, podcast or course, is) add up on the activity page.
READING_KEYS = ("title", "author", "authors", "url", "kind", "status", "started", "finished", "rating", "tags",
                "via", "notes", "draft", "published", "isbn", "asin", "goodreads_id", "stars", "pages", "hours")


def load_readings(files: Sequence[Path], tz: dt.tzinfo, problems: Problems) -> tuple[Reading, ...]:
    """Every valid entry of ``files``, in file-path order, then entry order."""
    drafts: list[tuple[dict, str, bool]] = []  # (Reading fields, slug base, from a .md file)
    for path in sorted((Path(f) for f in files), key=lambda p: p.as_posix()):
        where = display_path(path)
        text = read_source(path, where, problems)
        if text is None:
            continue
        if path.suffix.lower() in _MD_SUFFIXES:
            fields = _load_page(text, path, where, tz, problems)
            if fields is not None:
                drafts.append((fields, slugify(date_prefix(path.stem)[1]) or "untitled", True))
        else:
            for fields in _load_log(text, where, tz, problems):
                drafts.append((fields, slugify(fields["title"]) or "untitled", False))
    slugs = _unique_slugs(drafts)
    return tuple(
        Reading(id=f"reading/{slug}", slug=slug, has_page=is_md, **fields)
        for (fields, _, is_md), slug in zip(drafts, slugs)
    )


def _load_log(text: str, where: str, tz: dt.tzinfo, problems: Problems) -> list[dict]:
    data = parse_yaml(text, where, problems)
    if data is None or data is INVALID:
        return []
    data = drop_yaml_controls(data, text, where, problems)
    if not isinstance(data, list):
        problems.error(Loc(where, getattr(data, "line", 1)), "a reading log must be a list of entries")
        return []
    lines = text.split("\n")
    found = item_lines(lines)
    loaded = []
    for index, entry in enumerate(data):
        if not isinstance(entry, YMap):
            line = found[index] if len(found) == len(data) else 1
            problems.error(Loc(where, line), "a reading entry must be a mapping of `key: value` lines")
            continue
        fields = _entry(entry, where, lines, tz, problems)
        if fields is not None:
            loaded.append(fields)
    return loaded


def _load_page(text: str, path: Path, where: str, tz: dt.tzinfo, problems: Problems) -> dict | None:
    front, problem = split_front_matter(text, where)
    if problem is not None:
        problems.extend([problem])
        return None
    day, _ = date_prefix(path.stem)
    meta = drop_yaml_controls(front.meta, text, where, problems)
    fields = _entry(meta, where, text.split("\n"), tz, problems, finished_default=day)
    if fields is not None and front.body.strip():
        fields["notes"] = Markdown(text=front.body, loc=Loc(where, front.body_line))
    return fields


def _entry(
    meta: YMap,
    where: str,
    lines: list[str],
    tz: dt.tzinfo,
    problems: Problems,
    *,
    finished_default: dt.date | None = None,
) -> dict | None:
    """The Reading fields of one entry (no id/slug/has_page), or None after reporting."""
    before = len(problems)

    def report(key: str | None, message: str) -> None:
        problems.error(Loc(where, meta.line_of(key) if key else meta.line), message)

    title = text_field(meta, "title", report)
    if title is None:
        report(None, "reading entry has no title")
    kind = _choice(meta, "kind", ReadingKind, ReadingKind.OTHER, report)
    status = _choice(meta, "status", ReadingStatus, ReadingStatus.FINISHED, report)
    rating = _rating(meta, report)
    pages = _amount(meta, "pages", report, whole=True)
    hours = _amount(meta, "hours", report, whole=False)
    url = http_url(meta, "url", report)
    started = _day(meta, "started", tz, report)
    finished = _day(meta, "finished", tz, report)
    if finished is None and status is ReadingStatus.FINISHED:
        finished = finished_default
        if finished is None:
            report("status", "status is finished but there is no 'finished' date")
    if isinstance(started, dt.date) and isinstance(finished, dt.date) and finished < started:
        report("finished", f"finished ({finished.isoformat()}) is before started ({started.isoformat()})")
    authors = names_field(meta, "authors" if "authors" in meta else "author", report)
    tags = tags_field(meta, report)
    via = text_field(meta, "via", report)
    notes = markdown_field(meta, "notes", where, lines, report)
    draft = is_draft(meta, report)
    failed = len(problems) > before  # errors only: the warnings come next
    for key in meta:
        if key not in READING_KEYS:
            problems.warning(Loc(where, meta.line_of(key)), unknown_key(key, READING_KEYS, "ignored"))
    if failed:
        return None
    when = finished if status is ReadingStatus.FINISHED else started
    return {
        "title": title,
        "authors": authors,
        "url": url,
        "kind": kind,
        "status": status,
        "started": started,
        "finished": finished,
        "rating": rating,
        "pages": pages,
        "hours": hours,
        "tags": tags,
        "via": via,
        "notes": notes,
        "loc": Loc(where, meta.line),
        "date": dt.datetime(when.year, when.month, when.day, tzinfo=tz) if when else None,
        "draft": draft,
        "tags_loc": Loc(where, meta.line_of("tags")) if "tags" in meta else None,
    }


def _choice(meta: YMap, key: str, enum_type, default, report: Report):
    value = meta.get(key)
    if value is None:
        return default
    wrong = shape_of(value)
    if wrong is not None:
        report(key, f"{key} must be one of: {', '.join(member.value for member in enum_type)}; not {wrong}")
        return INVALID
    try:
        return enum_type(shown(value).strip().lower())
    except ValueError:
        report(key, unknown_value(key, shown(value), [member.value for member in enum_type]))
        return INVALID


def _rating(meta: YMap, report: Report) -> int | None:
    value = meta.get("rating")
    if value is None:
        return None
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():  # not '²'
        number = int(value.strip())
    if number is None or not 1 <= number <= 5:
        wrong = shape_of(value) or f"'{shown(value)}'"
        report("rating", f"rating must be a whole number from 1 to 5, not {wrong}")
        return None
    return number


def _amount(meta: YMap, key: str, report: Report, *, whole: bool):
    """``pages: 320`` (a whole number) or ``hours: 1.5`` (any number), above 0; text holding
    one (``"320"``) too, as YAML may quote it. None when absent; reported when anything else."""
    value = meta.get(key)
    if value is None:
        return None
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isascii():
        try:
            number = int(value.strip()) if whole else float(value.strip())
        except ValueError:
            number = None
    if whole and isinstance(number, float):
        number = int(number) if number.is_integer() else None
    if number is None or not 0 < number < 1e9:  # also NaN and infinity
        what = "a whole number above 0" if whole else "a number above 0, such as 1.5"
        wrong = shape_of(value) or f"'{shown(value)}'"
        report(key, f"{key} must be {what}, not {wrong}")
        return None
    return number if whole else float(number)


def _day(meta: YMap, key: str, tz: dt.tzinfo, report: Report):
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    wrong = shape_of(value)
    if wrong is not None:
        report(key, f"{key} must be a date such as 2025-03-04, not {wrong}")
        return INVALID
    try:
        return parse_when(value, tz).date()  # the date as written, whatever its offset
    except BadDate:
        report(key, f"'{key}' is not a date: '{shown(value)}'")
        return INVALID


def _unique_slugs(drafts: list[tuple[dict, str, bool]]) -> list[str]:
    """``x``, ``x-2``, …; ``.md`` entries first, then log entries, each in file order."""
    slugs: list[str] = [""] * len(drafts)
    used: set[str] = set()
    order = [i for i, d in enumerate(drafts) if d[2]] + [i for i, d in enumerate(drafts) if not d[2]]
    for index in order:
        base = drafts[index][1]
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[index] = slug
    return slugs
