"""The publish rule: whether an item is in this build. One rule for notes, pages and readings.

An item is left out when it is a draft (``draft: true`` or ``published: false``), unless
``--drafts``, or when its date is later than the build's ``now``, unless ``--future``.
A note's date is its ``date``; a page's its optional ``date:``; a reading entry's its
finished date (else its started date). An undated item is never in the future.
Everything the build makes (pages, lists, tag hubs, feeds, the sitemap, backlinks, the
menu, link targets) is made from the published items only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import unquote

from ..model import BuildOptions, Reading, SiteConfig
from ..urls import Urls, item_url

__all__ = ["DRAFT", "FUTURE", "build_time", "published_menu", "split", "withheld"]

DRAFT = "draft"
FUTURE = "future"


def build_time(opts: BuildOptions) -> dt.datetime:
    """The build's "now": injected by tests and the preview server, else the clock once."""
    return opts.now or dt.datetime.now(dt.timezone.utc)


def withheld(item, opts: BuildOptions, now: dt.datetime) -> str | None:
    """Why ``item`` is left out of this build (``DRAFT`` or ``FUTURE``), or None: published."""
    if getattr(item, "draft", False) and not opts.drafts:
        return DRAFT
    when = getattr(item, "date", None)
    if when is not None and when > now and not opts.future:
        return FUTURE
    return None


def split(items, opts: BuildOptions, now: dt.datetime) -> tuple[tuple, tuple]:
    """(the published items, in order; (item, reason) for each one left out).

    When nothing is left out, the published items are ``items`` itself (the same tuple)."""
    held = tuple((item, reason) for item in items if (reason := withheld(item, opts, now)) is not None)
    if not held:
        return tuple(items), ()
    out = {id(item) for item, _ in held}
    return tuple(item for item in items if id(item) not in out), held


def published_menu(config: SiteConfig, held, urls: Urls) -> SiteConfig:
    """``config`` without the menu entries that point at an item left out of this build (the
    site would link to a page it does not have); the same object when none does."""
    if not held or not config.menu:
        return config
    gone = {_bare(urls.path(item_url(item))) for item, _ in held if not isinstance(item, Reading) or item.has_page}
    origin = urls.origin
    kept = tuple(entry for entry in config.menu
                 if _bare(urls.site_url(entry.url).removeprefix(origin)) not in gone)
    return config if len(kept) == len(config.menu) else replace(config, menu=kept)


def _bare(path: str) -> str:
    """A URL path without its query, fragment and trailing slash."""
    return unquote(path.split("#", 1)[0].split("?", 1)[0]).rstrip("/")
