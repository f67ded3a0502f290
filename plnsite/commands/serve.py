"""plnsite serve: build, serve from memory with live reload, rebuild on every save."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import HELP
from .options import add_build_flags, add_source, options_from

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "serve", help=HELP["serve"],
        description="Build the site, serve it from memory and rebuild on every save.")
    add_source(parser)
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="also write each build to this folder")
    add_build_flags(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1; ::1 for IPv6; 0.0.0.0 or :: for every "
                             "address, with a warning: other machines can then read the preview)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--open", action="store_true", help="open the site in a browser")
    parser.add_argument("--poll", action="store_true", help="poll for changes (network drives, containers)")
    parser.add_argument("--no-reload", dest="live_reload", action="store_false",
                        help="no live reload: pages as built; saves still rebuild, reload by hand")
    # The default is the server's (REBUILD_LIMIT); the server package is imported only to serve.
    parser.add_argument("--rebuild-limit", type=_seconds, default=None, metavar="SECONDS",
                        help="stop a rebuild that runs longer, and show why (default: 30, or twice the first "
                             "build's time if that is longer; 0: never)")
    return parser


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds (0 for no limit)")
    return seconds


def run(args) -> int:
    from ..build import site_root
    from ..load import require_site
    from ..output import check_output_dir
    from ..report import as_build_failure
    from ..serve import ServeOptions, serve
    from ..serve.rebuild import REBUILD_LIMIT

    opts = options_from(args)
    with as_build_failure(outcome="nothing to serve"):
        require_site(opts.source)  # before the output folder: the same message as `plnsite build`
        if args.output is not None:
            check_output_dir(args.output, opts.source, site_root(opts.source))
        return serve(ServeOptions(build=opts, host=args.host, port=args.port, output=args.output,
                                  open_browser=args.open, poll=args.poll, live_reload=args.live_reload,
                                  rebuild_limit=_limit(args.rebuild_limit, REBUILD_LIMIT)))


def _limit(given: float | None, default: float) -> float | None:
    if given is None:
        return default
    return given or None  # 0: no limit
