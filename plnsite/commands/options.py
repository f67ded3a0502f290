"""Arguments that several commands share, declared once."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a few ms at every start

if TYPE_CHECKING:
    from ..model import BuildOptions

__all__ = ["add_source", "add_build_flags", "build_clock", "content_folder", "options_from"]

# Reproducible builds' convention (reproducible-builds.org/specs/source-date-epoch/): the
# build's "now", in seconds since 1970, for the publish rule and the activity pages' "today".
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def content_folder(given: str) -> Path:
    """``-s``: the content folder, or (as Hugo's ``--source``) the site folder that holds it.

    A folder with a ``site.yaml`` is the content folder; else one with a ``content/`` folder
    is the site's folder, and its ``content/`` is meant. Anything else is taken as given, for
    the loaders to report (no such folder, no site.yaml)."""
    path = Path(given)
    if not (path / "site.yaml").is_file() and (path / "content").is_dir():
        return path / "content"
    return path


def add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--source", default="content", type=content_folder,
                        help="the content folder, or the site folder that holds it (default: content)")


def add_build_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-D", "--drafts", action="store_true", help="include drafts")
    parser.add_argument("-F", "--future", action="store_true", help="include future-dated notes, pages and readings")
    parser.add_argument("-b", "--base-url", help="override site.yaml's base_url for this build")


def options_from(args) -> BuildOptions:
    from ..model import BuildOptions  # here, not above: declaring arguments needs no model

    return BuildOptions(
        source=args.source, drafts=getattr(args, "drafts", False), future=getattr(args, "future", False),
        base_url=getattr(args, "base_url", None), strict=getattr(args, "strict", False),
        jobs=getattr(args, "jobs", None), cache=not getattr(args, "no_cache", False),
        now=build_clock(os.environ),
    )


def build_clock(environ) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as the build's "now" (None: the clock). A value that is not a whole
    number of seconds is a usage error, as the convention asks, rather than silently the clock."""
    from ..errors import UsageError

    value = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value, 10), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds since 1970-01-01 UTC, "
                         f"not {value!r}") from None
