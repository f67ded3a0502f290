"""plnsite webmention send: its arguments. webmention_send.py sends (see there), imported by
``run`` so that ``plnsite webmention --help`` loads neither the build nor the HTTP client."""

from __future__ import annotations

import argparse

from . import HELP
from .options import add_source

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser("webmention", help=HELP["webmention"],
                                   description="Webmention (W3C): tell the pages your notes link to.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    send = actions.add_parser(
        "send", help="notify the pages your published notes link to or answer",
        description="After a deploy: for each published note that is new or changed since the last run, "
                    "discover the Webmention endpoint of each page it links to or answers and send it "
                    "source and target. What was sent is kept in .plnsite-cache/webmention/.")
    add_source(send)
    send.add_argument("-b", "--base-url", help="the site's public URL, if not site.yaml's base_url")
    send.add_argument("--dry-run", action="store_true",
                      help="list what would be sent; touch neither the network nor the record")
    send.add_argument("--allow-local", action="store_true",
                      help="also send to loopback, link-local and private addresses (refused by default)")
    send.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS",
                      help="the longest any one request may take, redirects included (default: 20)")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, at most 600, not '{text}'")
    return value


def run(args) -> int:
    from .webmention_send import send

    return send(args)
