"""plnsite import goodreads|storygraph|opml|jekyll|hugo: bring existing content in.

Every importer plans first (reading the input and the content already there), then
prints the plan (``--dry-run``) or writes it; warnings are ``path:line: warning: …`` lines
on stderr. Bad input is one ``path:line: message`` and exit 1, with nothing written.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import display_path
from . import HELP
from .options import add_source

__all__ = ["add_parser", "run"]

_SOURCES = {
    "goodreads": ("FILE", "a Goodreads library export (CSV)", "reading entries → content/reading/goodreads.yaml"),
    "storygraph": ("FILE", "a StoryGraph export (CSV)", "reading entries → content/reading/storygraph.yaml"),
    "opml": ("FILE", "a feed reader's OPML export", "people with feeds → content/contacts/<list>.yaml"),
    "jekyll": ("PATH", "a Jekyll site or its _posts folder", "posts → content/notes/"),
    "hugo": ("PATH", "a Hugo site or its content/posts folder", "posts (and bundles) → content/notes/"),
}


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "import", help=HELP["import"],
        description="Import content from another service or blog. A second run adds nothing twice.",
    )
    sources = parser.add_subparsers(dest="importer", metavar="SOURCE")
    sources.required = True
    for name, (metavar, what, does) in _SOURCES.items():
        sub = sources.add_parser(name, help=does, description=f"Import {what}: {does}.")
        sub.add_argument("input", metavar=metavar, type=Path, help=what)
        add_source(sub)
        sub.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
        if name == "opml":
            sub.add_argument("--list", default="following",
                             help="the contact list for feeds outside folders (default: following)")
            sub.add_argument("--folders-as-tags", action="store_true",
                             help="put every feed in --list and turn its folders into tags")
    return parser


def run(args) -> int:
    # The importers: imported to run, not to declare the arguments.
    from ..errors import ConfigError, PlnsiteError, UsageError
    from ..importers import apply, describe, summary
    from ..report import print_problems
    from ..text import slugify

    content = args.source
    if not content.is_dir():
        raise ConfigError(f"no content folder at '{display_path(content)}' (use -s to point at one)")
    if args.importer == "opml" and not slugify(args.list):
        raise UsageError(f"--list '{args.list}' makes no list id; use a name such as 'following'")
    try:
        plan = _plan(args, content)
        print_problems(plan.problems)
        if args.dry_run:
            print(describe(plan), end="")
            return 0
        for path in apply(plan):
            print(f"wrote {display_path(path)}")
    except OSError as exc:  # a disk or permission problem, not bad input: say which file
        where = f"{display_path(exc.filename)}: " if exc.filename else ""
        raise PlnsiteError(f"{where}{exc.strerror or exc}") from None
    print(summary(plan))
    return 0


def _plan(args, content: Path):
    from ..importers import plan_goodreads, plan_hugo, plan_jekyll, plan_opml, plan_storygraph

    if args.importer == "goodreads":
        return plan_goodreads(args.input, content)
    if args.importer == "storygraph":
        return plan_storygraph(args.input, content)
    if args.importer == "opml":
        return plan_opml(args.input, content, list_name=args.list, folders_as_tags=args.folders_as_tags)
    if args.importer == "jekyll":
        return plan_jekyll(args.input, content)
    return plan_hugo(args.input, content)
