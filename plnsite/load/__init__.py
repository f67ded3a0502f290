"""load_content: content/ → Content. Every file parsed, problems collected, nothing linked."""

from __future__ import annotations

from pathlib import Path

from ..config import read_config
from ..dates import zone
from ..errors import ConfigError, Loc, Problems
from ..model import Content, StaticFile
from ..paths import display_path
from .contacts import load_contacts
from .discover import discover
from .notes import load_note
from .pages import load_page
from .reading import load_readings

__all__ = ["load_content"]


def load_content(source: Path, base_url: str | None = None) -> Content:
    """Read every source file under ``source``; raise ConfigError only if site.yaml is unusable."""
    source = Path(source)
    if not source.is_dir():
        raise ConfigError(f"no content folder at '{display_path(source)}' (use -s to point at one)")
    problems = Problems()
    config = read_config(source, problems, base_url)
    if config is None:
        raise ConfigError("\n".join(str(p) for p in problems.freeze()))
    tz = zone(config.timezone)
    found = discover(source)
    bundle_assets = dict(found.bundle_assets)
    notes = [n for p in found.notes if (n := load_note(p, tz, problems, bundle_assets.get(p, ()))) is not None]
    notes = _unique(notes, problems, "note")
    pages = _unique([pg for p in found.pages if (pg := load_page(p, problems)) is not None], problems, "page")
    readings = load_readings(found.readings, tz, problems)
    contacts, lists = load_contacts(found.contacts, problems)
    static = [StaticFile(src=src, dest=dest) for src, dest in found.static]
    if config.cname and any(f.dest == "CNAME" for f in static):
        problems.warning(config.loc, "both site.yaml `cname` and static/CNAME are set: static/CNAME is used")
    return Content(
        config=config, notes=tuple(notes), pages=tuple(pages), readings=readings, contacts=contacts,
        lists=lists, static=tuple(static), problems=problems.freeze(), source_dir=source,
    )


def _unique(items: list, problems: Problems, what: str) -> list:
    """Drop the later of two items with one slug, reporting both places."""
    seen: dict[str, Loc] = {}
    kept = []
    for item in items:
        if item.slug in seen:
            problems.error(item.loc, f"duplicate {what} slug '{item.slug}': also used by {seen[item.slug].path}")
            continue
        seen[item.slug] = item.loc
        kept.append(item)
    return kept
