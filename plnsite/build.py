"""build: the one place that runs every stage. It never writes files (publish.py does).

    load_content → link → plan_routes → render_routes → BuildResult

Each stage is a function of the values before it. A ``BuildMemo`` (incremental/) carries
what the last build of a session made, so that the preview server's next build re-reads,
re-links, re-plans and re-renders only what a save changed; ``build()`` without one is a
build from scratch (with the caches on disk, unless ``opts.cache`` is off).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from .errors import Level, Loc, Problem, has_errors
from .images import Images
from .images.cards import CardMaker
from .incremental import BuildMemo, cache_dir
from .incremental.plan_facts import PlanFacts, plan_facts
from .link import link
from .link.rendering import MarkdownRenderer
from .load import load_content
from .model import BuildOptions, BuildResult, BuildStats, Copied, Output, RouteKind, Site
from .paths import display_path
from .render import Theme, load_theme, render_routes
from .render.diagrams import theme_files
from .render.theme import THEME_STATIC_PREFIX
from .routes import plan_routes
from .urls import Urls

__all__ = ["build", "render_deferred", "site_root"]

_FEEDS = {RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED, RouteKind.OPML, RouteKind.NETWORK_RSS,
          RouteKind.NETWORK_ATOM}


def site_root(source: Path) -> Path:
    """The folder that holds content/ (and themes/, .plnsite-cache/)."""
    return Path(source).resolve().parent


def build(opts: BuildOptions, progress=None, *, memo: BuildMemo | None = None, finish=None,
          defer=None) -> BuildResult:
    """Build the site in memory. ``progress(stage, done, total)``, if given, hears how far each
    stage is; ``memo``: the session's (see above); ``finish(output)``, if given, is applied to
    each rendered page where it is made (how the caller holds pages: compressed, staged on disk).
    ``defer(routes) -> (now, later)``, if given, picks the routes rendered now; the rest are the
    result's ``deferred``, for ``render_deferred`` (the preview server serves before they are made)."""
    started = time.perf_counter()
    memo = memo if memo is not None else BuildMemo(opts)
    content = load_content(opts.source, opts.base_url, jobs=opts.jobs, memo=memo.load, progress=progress)
    site = link(content, opts, render=MarkdownRenderer(memo.markdown, opts.jobs, progress), memo=memo.link,
                images=memo.images)
    theme = _theme(site, opts, memo)
    memo.renders.compare_soon(site, opts.jobs)  # (beside the plan, in a child process: render_memo.py)
    routes, route_problems = plan_routes(site, extra_static=theme_files(theme.static, site, THEME_STATIC_PREFIX),
                                         memo=memo.routes)
    todo, kept = memo.renders.todo(site, routes, theme)
    todo, later = defer(todo) if defer is not None else (todo, ())
    made, render_problems = _render(todo, site, theme, routes, opts, opts.jobs, progress, finish)
    problems = _decide(site.problems + theme.problems + route_problems + render_problems, opts.strict,
                       memo.cache_problems())
    outputs = memo.renders.all_outputs(site, routes, theme, {**made, **kept}, ok=not has_errors(problems))
    facts = memo.plan_facts = plan_facts(memo.plan_facts, routes, _FEEDS)
    if not site.config.keep_image_metadata:
        outputs, damaged = _originals(outputs, memo.images, facts.static_files)
        if damaged:  # decided on their own: the cache's problems stay warnings under --strict
            problems = tuple(sorted(problems + _decide(damaged, opts.strict), key=lambda p: p.sort_key))
    return BuildResult(outputs=outputs, problems=problems, stats=_stats(facts, outputs, started), site=site,
                       routes=routes, rendered=frozenset(made), theme_dirs=theme.dirs, deferred=tuple(later))


def render_deferred(result: BuildResult, routes, opts: BuildOptions, memo: BuildMemo, *, finish=None,
                    jobs: int | None = None, remember: bool = True) -> tuple[dict[str, Output], tuple[Problem, ...]]:
    """The outputs of ``routes`` (some of ``result.deferred``) as that build would have made
    them, and their problems decided as it would have (``--strict``). With ``remember``, the
    memo's last build takes them in, so that the next build sees every file made."""
    site, theme = result.site, memo.theme
    made, problems = _render(tuple(routes), site, theme, result.routes, opts, opts.jobs if jobs is None else jobs,
                             None, finish)
    problems = _decide(problems, opts.strict)
    last = memo.renders.last
    if remember and last is not None:
        if has_errors(problems):
            memo.renders.last = None  # as after a failed build: the next one renders everything
        else:
            last.outputs.update(made)
    return made, problems


def _render(routes, site: Site, theme: Theme, all_routes, opts: BuildOptions, jobs, progress, finish):
    """``routes`` rendered as every build renders them (the cards drawn or taken from the cache)."""
    return render_routes(routes, site, theme, Urls(site.config.base_url), progress, all_routes=all_routes, jobs=jobs,
                         finish=finish, cards=CardMaker(cache_dir(opts)))


def _theme(site: Site, opts: BuildOptions, memo: BuildMemo) -> Theme:
    """The session's theme, read again when its templates or the site's language changed (which
    re-renders every route)."""
    cfg = site.config
    if memo.theme is None or memo.theme_stale or memo.theme_words != (cfg.language, cfg.strings, cfg.language_loc):
        memo.theme = load_theme(cfg.theme, site_root(opts.source), opts.fingerprint, fresh=memo.theme_stale,
                                where=cfg.theme_loc, language=cfg.language, strings=cfg.strings,
                                language_at=cfg.language_loc)
        memo.theme_words = (cfg.language, cfg.strings, cfg.language_loc)
        memo.theme_stale = False
    return memo.theme


def _originals(outputs: dict[str, Output], images: Images,
               static_files: tuple[str, ...]) -> tuple[dict[str, Output], tuple[Problem, ...]]:
    """Each published image swapped for its copy without metadata (images/originals.py); a
    damaged one left out, with a warning. Done on the outputs, not the routes, so that problems
    and ``check`` still name the user's file. Only the STATIC routes' files (``static_files``)
    can hold copies: the other outputs are passed on without a look."""
    swapped = dict(outputs)
    problems = []
    for file in static_files:
        output = swapped.get(file)
        if isinstance(output, Copied) and output.src is not None:
            clean, why = images.original(output.src)
            if clean is None:
                problems.append(Problem(Loc(display_path(output.src)), Level.WARNING,
                                        f"image '{output.file}' is not published: it is damaged ({why}), so its "
                                        "metadata (place, camera, owner) cannot be removed; save it again from an "
                                        "image editor"))
                del swapped[file]
                continue
            if clean != output.src:
                swapped[file] = replace(output, src=clean)
    return swapped, tuple(problems)


def _stats(facts: PlanFacts, outputs, started: float) -> BuildStats:
    return BuildStats(
        pages=facts.pages,
        feeds=facts.feeds,
        files=len(outputs),
        seconds=time.perf_counter() - started,
    )


def _decide(problems: tuple[Problem, ...], strict: bool, cache: tuple[Problem, ...] = ()) -> tuple[Problem, ...]:
    """Sort problems for the reader; with --strict every warning is an error, but ``cache``'s (a
    damaged cache: the build redid its work, and nothing in the user's files is wrong)."""
    if strict:
        problems = tuple(replace(p, level=Level.ERROR) if p.level is Level.WARNING else p for p in problems)
    problems += cache
    return tuple(sorted(dict.fromkeys(problems), key=lambda p: p.sort_key))
