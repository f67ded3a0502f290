"""build: the one place that runs every stage. It never writes files.

    load_content → link → plan_routes → render_routes → BuildResult

``Builder`` remembers what its last successful run made, so that the preview
server's next run re-parses only the files a save touched and re-renders only
the routes whose dependencies changed; ``build()`` is one run of a new Builder.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from .errors import Level, Problem, has_errors
from .link import LinkMemo, link
from .incremental.changes import fingerprints, site_changes
from .incremental.build_state import BuildState, route_key, theme_key
from .incremental.markdown_cache import settings_key
from .incremental.store import CACHE_DIR
from .link.rendering import MarkdownRenderer
from .load import ContentLoader
from .model import BuildOptions, BuildResult, BuildStats, Output, Route, RouteKind, Site
from .render import Theme, load_theme, render_routes
from .routes import RouteMemo, plan_routes
from .urls import Urls

__all__ = ["build", "site_root", "Builder"]

_FEEDS = {RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED, RouteKind.OPML}


def site_root(source: Path) -> Path:
    """The folder that holds content/ (and themes/, .plnsite-cache/)."""
    return Path(source).resolve().parent


def build(opts: BuildOptions, progress=None) -> BuildResult:
    return Builder(opts).run(progress=progress)


class Builder:
    def __init__(self, opts: BuildOptions, fingerprint: bool = True, out_dir: Path | None = None,
                 finish=None) -> None:
        """``out_dir``: the folder a successful run will be written to; with the cache on,
        routes unchanged since the build that wrote it are not rendered again. ``finish``:
        applied to each rendered output (see render_routes)."""
        self.opts = opts
        self.out_dir = out_dir
        self.finish = finish
        self.fingerprint = fingerprint
        self.cache_dir = site_root(opts.source) / CACHE_DIR if opts.cache else None
        # Only a build that writes a folder updates the load memo; the preview server reads it.
        self.loader = ContentLoader(opts.source, opts.base_url, opts.jobs, memo_dir=self.cache_dir,
                                    save_memo=out_dir is not None)
        self.memo = LinkMemo(keep_results=self.cache_dir is None)
        self.route_memo = RouteMemo()
        self.renderer = MarkdownRenderer(self.cache_dir, opts.jobs)
        self.state: BuildState | None = None  # to save once the output is written
        self.theme: Theme | None = None
        # The last successful run: what the next one is compared against.
        self.site: Site | None = None
        self.routes: dict[str, Route] = {}
        self.outputs: dict[str, Output] = {}
        self.rendered: tuple[str, ...] = ()  # files the last run rendered
        self.latest: tuple[Site, tuple[Route, ...]] | None = None

    @property
    def source_files(self):
        return self.loader.known_files()

    def run(self, changed=None, rescan: bool = True, templates: bool = False, progress=None) -> BuildResult:
        """Build; ``changed`` files are re-read (all of them on the first run), and with
        ``templates`` the theme is reloaded and every route rendered again."""
        started = time.perf_counter()
        content = self.loader.load(changed, rescan, progress)
        render = self.renderer if progress is None else lambda jobs: self.renderer(jobs, progress)
        site = link(content, self.opts, render=render, memo=self.memo)
        if self.theme is None or templates:
            self.theme = load_theme(site.config.theme, site_root(self.opts.source), self.fingerprint, fresh=templates,
                                    where=site.config.theme_loc)
            self.site = None if templates else self.site
        routes, route_problems = plan_routes(site, extra_static=self.theme.static, memo=self.route_memo)
        self.route_memo.turn()
        todo = self._to_render(site, routes)
        kept_on_disk: dict[str, Output] = {}
        if self.site is None and self.out_dir is not None and self.cache_dir is not None:
            todo, kept_on_disk = self._since_last_build(site, routes)
        outputs, render_problems = render_routes(
            todo, site, self.theme, Urls(site.config.base_url), progress, all_routes=routes, jobs=self.opts.jobs,
            finish=self.finish,
        )
        outputs.update(kept_on_disk)
        problems = _decide(site.problems + route_problems + render_problems, self.opts.strict)
        self.latest = (site, routes)  # this run's, good or not (plnsite check reads them)
        all_outputs = self._merge(routes, outputs)
        if not has_errors(problems):
            self.site, self.outputs = site, all_outputs
            self.routes = {r.file: r for r in routes}
            self.rendered = tuple(outputs)
        stats = BuildStats(
            pages=sum(1 for r in routes if r.template is not None),
            feeds=sum(1 for r in routes if r.kind in _FEEDS),
            files=len(all_outputs),
            seconds=time.perf_counter() - started,
        )
        return BuildResult(outputs=all_outputs, problems=problems, stats=stats)

    def _merge(self, routes: tuple[Route, ...], outputs: dict[str, Output]) -> dict[str, Output]:
        """This run's outputs over the last run's, for the files the routes still make."""
        files = [r.file for r in routes]
        if len(files) == len(self.outputs) and self.outputs.keys() >= set(files):
            return {**self.outputs, **outputs}  # the same files as last time (a preview save)
        return {f: outputs[f] if f in outputs else self.outputs[f] for f in files
                if f in outputs or f in self.outputs}

    def _since_last_build(self, site: Site, routes: tuple[Route, ...]):
        """Routes to render, and outputs kept as they are on disk (see buildstate.py)."""
        deps = fingerprints(site)
        key = theme_key(self.theme.dirs, self.theme.stylesheets, settings_key())
        self.state = BuildState(out_dir=str(self.out_dir.resolve()), key=key, deps=deps,
                                routes={r.file: route_key(r) for r in routes})
        previous = BuildState.read(self.cache_dir, self.out_dir, key)
        same = previous.unchanged(routes, self.state, self.out_dir) if previous is not None else set()
        kept = {f: Output(file=f, kept=True, url=r.url) for r in routes if (f := r.file) in same}
        return tuple(r for r in routes if r.file not in same), kept

    def save_state(self) -> None:
        """After the output folder was written: remember what it holds for the next build."""
        if self.state is not None and self.cache_dir is not None:
            self.state.write(self.cache_dir)

    def _to_render(self, site: Site, routes: tuple[Route, ...]) -> tuple[Route, ...]:
        if self.site is None:
            return routes
        dirty = site_changes(self.site, site)
        old = self.routes
        return tuple(r for r in routes if (o := old.get(r.file)) is not r and o != r or not r.deps.isdisjoint(dirty))


def _decide(problems: tuple[Problem, ...], strict: bool) -> tuple[Problem, ...]:
    """Sort problems for the reader; with --strict every warning is an error."""
    if strict:
        problems = tuple(replace(p, level=Level.ERROR) if p.level is Level.WARNING else p for p in problems)
    return tuple(sorted(dict.fromkeys(problems), key=lambda p: p.sort_key))
