"""plnsite check: build in memory and report everything a reader would trip over.

Content problems (the build's own, warnings included), broken internal links and missing
``#anchors`` in every built page, and feeds or OPML that are not well-formed or lack what
readers need. Nothing is written. Exit 1 when anything is reported, 0 when clean.
"""

from __future__ import annotations

from ..paths import display_path
from . import HELP
from .options import add_build_flags, add_source, options_from

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a few ms at every start
if TYPE_CHECKING:
    from ..model import BuildOptions, Route, Site

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "check", help=HELP["check"],
        description="Build the site in memory (nothing is written) and report content problems, broken "
                    "internal links and #anchors, and feeds or OPML that readers would reject. "
                    "Exit status 1 when anything is found.")
    add_source(parser)
    add_build_flags(parser)
    return parser


def run(args) -> int:
    # The build and the checkers: imported to run, not to declare the arguments.
    from ..checks import SourceLocator, check_outputs
    from ..checks.tracked import tracked_private_data
    from ..errors import count_line
    from ..report import Progress, as_build_failure
    from ..urls import Urls

    opts = options_from(args)
    progress = Progress()
    try:
        with as_build_failure("check", "links and feeds were not checked"):
            site, routes, outputs, build_problems = _build(opts, progress)
        urls = Urls(site.config.base_url)
        locate = SourceLocator(_origins(site, routes), _sources(site), urls.base_path)
        # A page whose template failed is not there to link to: its template error says why.
        unrendered = frozenset(r.file for r in routes if r.template is not None and r.file not in outputs)
        found = check_outputs(outputs, site.config.base_url, locate, progress, opts.jobs, unrendered=unrendered)
    finally:
        progress.clear()
    found += tracked_private_data(opts.source)
    problems = sorted(dict.fromkeys((*build_problems, *found)), key=lambda p: p.sort_key)
    for problem in problems:
        print(problem)
    pages = sum(1 for r in routes if r.template is not None)
    if problems:
        print(f"check: {count_line(problems)} in {pages} pages and their feeds")
        return 1
    print(f"check: no problems found in {pages} pages and their feeds")
    return 0


def _build(opts: BuildOptions, progress):
    """One build, keeping the Site and Routes it made (check maps pages back to sources)."""
    from ..build import build

    result = build(opts, progress)
    return result.site, result.routes, result.outputs, result.problems


def _origins(site: Site, routes: tuple[Route, ...]) -> dict[str, str]:
    """Output file → the source file it was made from (as shown to the user)."""
    from ..model import RouteKind

    origins: dict[str, str] = {}
    for route in routes:
        item = site.items.get(route.subject) if route.subject else None
        if item is not None:
            origins[route.file] = item.loc.path
        elif route.kind is RouteKind.STATIC and route.static_src is not None:
            origins[route.file] = display_path(route.static_src)
    return origins


def _sources(site: Site) -> list[str]:
    """Every source file that may hold a link shown on some page: site.yaml (the menu) first."""
    sources = [site.config.loc.path] if site.config.loc else []
    sources += [item.loc.path for item in site.items.values()]
    sources += [display_path(f.src) for f in site.static if f.src.suffix in (".html", ".htm")]
    return sources
