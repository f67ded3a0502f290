"""The command line: argparse → commands. No logic of its own; catches PlnsiteError once.

Each command lives in ``plnsite/commands/<name>.py`` with two functions:
``add_parser(subparsers)`` (declares its arguments) and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .commands import COMMANDS

__all__ = ["ALIASES", "entry", "main", "make_parser"]

# Other tools' spellings, taken as the commands they mean: Hugo's `server` and `new site DIR`,
# MkDocs' `gh-deploy`. Not listed as commands; the help names them once, at its end.
ALIASES = {("server",): ("serve",), ("new", "site"): ("init",), ("gh-deploy",): ("deploy", "gh-pages")}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported (and only its
    arguments are declared: every other command is a name and its help line)."""
    parser = argparse.ArgumentParser(
        prog="plnsite", description="Publish a learning portfolio: notes, reading, network.",
        epilog="Also accepted, as Hugo and MkDocs spell them: server (serve), new site DIR (init DIR),\n"
               "gh-deploy (deploy gh-pages).",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # keeps the epilog's line break
    )
    parser.add_argument("--version", action="version", version=f"plnsite {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name, (module_name, line) in COMMANDS.items():
        if command is None or name == command:
            module = importlib.import_module(f".commands.{module_name}", __package__)
            module.add_parser(subparsers).set_defaults(run=module.run)
        else:
            subparsers.add_parser(name, help=line)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = _unaliased(sys.argv[1:] if argv is None else list(argv))
    parser = make_parser(argv[0] if argv and argv[0] in COMMANDS else "")
    if not argv:  # `plnsite` alone: what it can do (asking is not an error)
        parser.print_help()
        return 0
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return int(exc.code or 0)
    from .errors import PlnsiteError  # not above: --help and --version need none of it (nor dataclasses)

    try:
        return args.run(args)
    except PlnsiteError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _unaliased(argv: list[str]) -> list[str]:
    for alias, command in ALIASES.items():
        if tuple(argv[: len(alias)]) == alias:
            return [*command, *argv[len(alias):]]
    return argv


def entry() -> None:
    """The console script (and ``python -m plnsite``): ``main()``, then exit at once.

    Tearing the interpreter down frees every object one by one (after a 10,000-note
    build, ~0.4 s); the output is written and the streams are flushed, so there is
    nothing left for it to do.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
