"""Arguments that several commands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model import BuildOptions

__all__ = ["add_source", "add_build_flags", "content_folder", "options_from"]


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
    return BuildOptions(
        source=args.source, drafts=getattr(args, "drafts", False), future=getattr(args, "future", False),
        base_url=getattr(args, "base_url", None), strict=getattr(args, "strict", False),
        jobs=getattr(args, "jobs", None), cache=not getattr(args, "no_cache", False),
    )
