"""plnsite fetch: read the feeds of the people you follow into the network snapshot
(``.plnsite-cache/network/``), which build and serve render from; ``--since`` also prints what
is new, for reading in the terminal. Nothing is built, and nothing is written into content/.

Exit status 0 when the run ended, even if some feeds failed (each is reported, and keeps its
last entries); 1 when site.yaml or contacts/ have errors, or the snapshot could not be written;
2 on a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..paths import display_path
from . import HELP
from .options import add_source

__all__ = ["add_parser", "run"]

_LAST_RUN = "last"  # --since with no value
_KEPT = "plnsite-network"  # in --keep DIR, a folder laid out as a site's (DIR/plnsite-network/.plnsite-cache/network)


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "fetch", help=HELP["fetch"],
        description="Read the feed of every public contact with feed: (or the feed its url: announces) into "
                    ".plnsite-cache/network/, which build and serve render from. Failed feeds keep their last "
                    "entries; the exit status is 0 even when some failed. With `webmention:` in site.yaml, it "
                    "then reads the Webmentions received into .plnsite-cache/mentions/.")
    add_source(parser)
    parser.add_argument("--since", nargs="?", const=_LAST_RUN, metavar="WHEN",
                        help="also print what is new: since the last fetch (no value), in a period (7d, 24h, 2w) "
                             "or since a date (2026-12-01)")
    parser.add_argument("-j", "--jobs", type=int, default=16, metavar="N", help="feeds read at once (default: 16)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="the longest one feed may take, redirects included (default: 30)")
    parser.add_argument("--keep", default="", metavar="DIR",
                        help="a folder that keeps the snapshot between runs where .plnsite-cache/ is not kept "
                             "(Netlify: \"$NETLIFY_CACHE_DIR\"); empty: none")
    return parser


def run(args, now: dt.datetime | None = None) -> int:
    # The feed reader and the HTTP client: imported to run, not to declare the arguments.
    from ..build import site_root
    from ..errors import BuildFailed, Level, Problem, UsageError
    from ..follow import fetch_network, new_posts, parse_since
    from ..follow.people import followed
    from ..follow.run import summary
    from ..report import Progress, as_build_failure, print_problems
    from ..snapshots.network import read_snapshot, snapshot_dir, write_snapshot
    from ..snapshots.receive import fetch_mentions
    from ..web.http import HttpClient, Limits, user_agent

    now = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    if args.jobs < 1 or not 0 < args.timeout <= 600:
        raise UsageError("plnsite fetch: --jobs must be 1 or more, --timeout between 0 and 600 seconds")
    try:
        since = parse_since(args.since, now) if args.since not in (None, _LAST_RUN) else None
    except ValueError as error:
        raise UsageError(f"plnsite fetch: {error}") from None
    with as_build_failure("fetch", "nothing was fetched"):
        config, contacts, problems = followed(args.source)
    if any(p.level is Level.ERROR for p in problems):
        print_problems(problems)
        raise BuildFailed(problems, "fetch", "nothing was fetched")
    root = site_root(args.source)
    kept = Path(args.keep).resolve() / _KEPT if args.keep else None
    previous = _newest(read_snapshot(root), read_snapshot(kept) if kept is not None else None)
    client = HttpClient(user_agent(config.base_url), limits=Limits(connect=min(10.0, args.timeout), total=args.timeout))
    progress = Progress()
    try:
        outcome = fetch_network(contacts, previous, client, now, concurrency=args.jobs, progress=progress)
    finally:
        progress.clear()
    print_problems(p for p in (r.problem() for r in outcome.reports) if p is not None)
    if not write_snapshot(root, outcome.snapshot):
        print(f"{display_path(snapshot_dir(root))}: error: the snapshot could not be written (is the disk full?); "
              f"the last one is kept", file=sys.stderr)
        return 1
    if kept is not None and not write_snapshot(kept, outcome.snapshot):
        print(f"{display_path(snapshot_dir(kept))}: warning: the snapshot could not be kept there", file=sys.stderr)
    print(summary(outcome.reports))
    if config.webmention is not None:  # the Webmentions received: a second part, its own line
        received = fetch_mentions(root, config, client, now=now)
        if received.ok:
            print(received.line)
        else:
            print_problems([Problem(config.webmention.loc, Level.WARNING, received.line)])
    if args.since is not None:
        _print_new(new_posts(outcome.snapshot, previous, since), {c.id: c.name for c in contacts},
                   args.since if since is not None else "the last fetch")
    return 0


def _newest(*snapshots):
    found = [s for s in snapshots if s is not None]
    return max(found, key=lambda s: s.taken) if found else None


def _print_new(posts, names: dict[str, str], since: str) -> None:
    if not posts:
        print(f"nothing new since {since}")
        return
    print(f"{len(posts)} new since {since}:")
    for post in posts:
        day = post.published[:10] or "(no date)"
        title = post.title or post.summary[:80] or "(untitled)"
        print(f"{day:<10}  {names.get(post.person, post.person)}: {title}" + (f"\n            {post.link}" if post.link else ""))
