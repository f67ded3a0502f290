"""plnsite serve: build, serve from memory with live reload, rebuild on every save."""

from __future__ import annotations

from pathlib import Path

from ..build import site_root
from ..load import require_site
from ..output import check_output_dir
from ..report import as_build_failure
from .options import add_build_flags, add_source, options_from

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "serve", help="preview the site with live reload",
        description="Build the site, serve it from memory and rebuild on every save.")
    add_source(parser)
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="also write each build to this folder")
    add_build_flags(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--open", action="store_true", help="open the site in a browser")
    parser.add_argument("--poll", action="store_true", help="poll for changes (network drives, containers)")
    parser.add_argument("--no-reload", dest="live_reload", action="store_false",
                        help="no live reload: pages as built; saves still rebuild, reload by hand")
    return parser


def run(args) -> int:
    from ..serve import ServeOptions, serve

    opts = options_from(args)
    with as_build_failure(outcome="nothing to serve"):
        require_site(opts.source)  # before the output folder: the same message as `plnsite build`
        if args.output is not None:
            check_output_dir(args.output, opts.source, site_root(opts.source))
        return serve(ServeOptions(build=opts, host=args.host, port=args.port, output=args.output,
                                  open_browser=args.open, poll=args.poll, live_reload=args.live_reload))
