"""build: the one function that runs every stage. It never writes files.

    load_content → link → plan_routes → render_routes → BuildResult
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from .errors import Level, Problem
from .link import link
from .link.rendering import CACHE_DIR, MarkdownRenderer
from .load import load_content
from .model import BuildOptions, BuildResult, BuildStats, RouteKind
from .render import load_theme, render_routes
from .routes import plan_routes
from .urls import Urls

__all__ = ["build", "site_root"]

_FEEDS = {RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED, RouteKind.OPML}


def site_root(source: Path) -> Path:
    """The folder that holds content/ (and themes/, .plnsite-cache/)."""
    return Path(source).resolve().parent


def build(opts: BuildOptions, progress=None) -> BuildResult:
    started = time.perf_counter()
    content = load_content(opts.source, opts.base_url)
    cache_dir = site_root(opts.source) / CACHE_DIR if opts.cache else None
    site = link(content, opts, render=MarkdownRenderer(cache_dir, opts.jobs))
    theme = load_theme(site.config.theme, site_root(opts.source))
    routes, route_problems = plan_routes(site, extra_static=theme.static)
    outputs, render_problems = render_routes(routes, site, theme, Urls(site.config.base_url), progress)
    problems = _decide(site.problems + route_problems + render_problems, opts.strict)
    stats = BuildStats(
        pages=sum(1 for r in routes if r.template is not None),
        feeds=sum(1 for r in routes if r.kind in _FEEDS),
        files=len(outputs),
        seconds=time.perf_counter() - started,
    )
    return BuildResult(outputs=outputs, problems=problems, stats=stats)


def _decide(problems: tuple[Problem, ...], strict: bool) -> tuple[Problem, ...]:
    """Sort problems for the reader; with --strict every warning is an error."""
    if strict:
        problems = tuple(replace(p, level=Level.ERROR) if p.level is Level.WARNING else p for p in problems)
    return tuple(sorted(dict.fromkeys(problems), key=lambda p: p.sort_key))
