"""Arguments that several commands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model import BuildOptions

__all__ = ["add_source", "add_build_flags", "options_from"]


def add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--source", default="content", type=Path,
                        help="the content folder (default: content)")


def add_build_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--drafts", action="store_true", help="include drafts")
    parser.add_argument("--future", action="store_true", help="include future-dated notes, pages and readings")
    parser.add_argument("--base-url", help="override site.yaml's base_url for this build")


def options_from(args) -> BuildOptions:
    return BuildOptions(
        source=args.source, drafts=getattr(args, "drafts", False), future=getattr(args, "future", False),
        base_url=getattr(args, "base_url", None), strict=getattr(args, "strict", False),
        jobs=getattr(args, "jobs", None), cache=not getattr(args, "no_cache", False),
    )
