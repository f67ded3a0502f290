"""The command line: argparse → commands. No logic of its own; catches PlnsiteError once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import PlnsiteError

__all__ = ["main"]


def _source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--source", default="content", type=Path,
                        help="the content folder (default: content)")


def _build_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--drafts", action="store_true", help="include drafts")
    parser.add_argument("--future", action="store_true", help="include future-dated notes")
    parser.add_argument("--base-url", help="override site.yaml's base_url for this build")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plnsite", description="Publish a learning portfolio: notes, reading, network.")
    parser.add_argument("--version", action="version", version=f"plnsite {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    build = commands.add_parser("build", help="build the site into a folder")
    _source(build)
    build.add_argument("-o", "--output", default="public", type=Path, help="output folder (default: public)")
    _build_flags(build)
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not write .plnsite-cache/")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return int(exc.code or 0)
    try:
        return _COMMANDS[args.command](args)
    except PlnsiteError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _cmd_build(args) -> int:
    from .commands.build import run_build

    return run_build(args)


_COMMANDS = {"build": _cmd_build}

