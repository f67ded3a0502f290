"""RenderMemo: which routes a build must render, and every output of the last good build.

In a session (the preview server), a route is rendered again when it is new or changed,
when one of its dependency ids changed since the last good build (changes.py), or when
the theme was read again; every other output is the last build's. The first build of
``plnsite build`` into a folder it built before (with the cache on) compares instead
with what that build left on disk (build_state.py), and keeps the files that are right.
Its digest of every dependency id (``fingerprints``, ~0.25 s at 10,000 notes) is worked out
in a forked child while this process plans the routes (``compare_soon``): the two take about
as long, and the second core is idle then in a build that renders few pages.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter, not_
from pathlib import Path
from typing import NamedTuple

from ..model import Kept, Output, Route, Site
from ..parallel import InChild, worker_count
from .build_state import BuildState, route_key, theme_key
from .changes import fingerprints, site_changes
from .markdown_cache import settings_key
from .store import Damage

__all__ = ["LastBuild", "RenderMemo", "routes_meeting"]

_DEPS = attrgetter("deps")
# Items (notes, pages, readings, contacts) from which the digests are made in a child: below,
# making them here (~3 ms at 150 notes) costs about what a fork does.
_DIGEST_IN_CHILD_FROM = 1000


class LastBuild(NamedTuple):
    site: Site
    theme: object  # the Theme it was rendered with (compared with ``is``)
    routes: dict[str, Route]  # by file
    outputs: dict[str, Output]  # by file
    planned: tuple = ()  # the routes tuple itself (a reused plan is the very same tuple)


class RenderMemo:
    def __init__(self, cache_dir: Path | None = None, out_dir: Path | None = None,
                 damage: Damage | None = None) -> None:
        """With both: the first build compares with what the last build left in ``out_dir``."""
        self.cache_dir, self.out_dir, self.damage = cache_dir, out_dir, damage
        self.last: LastBuild | None = None  # the last build without errors
        self.state: BuildState | None = None  # this build's, saved once its output is written
        self.digesting: tuple[Site, InChild] | None = None  # compare_soon's

    def compare_soon(self, site: Site, jobs: int | None) -> None:
        """Called before the routes are planned: a build that will compare with the last one
        on disk (see ``todo``) starts digesting ``site`` in a child process meanwhile, if it
        may run more than one process (``jobs``, as ``-j``)."""
        if self.last is None and self.out_dir is not None and self.cache_dir is not None and \
                worker_count(jobs) > 1 and len(site.items) >= _DIGEST_IN_CHILD_FROM:
            self.digesting = (site, InChild(fingerprints, site))

    def todo(self, site: Site, routes: tuple[Route, ...], theme) -> tuple[tuple[Route, ...], dict[str, Output]]:
        """The routes to render, and the outputs kept as they are on disk."""
        last = self.last
        if last is not None and last.theme is theme:
            dirty = site_changes(last.site, site)
            if routes is last.planned:
                return routes_meeting(routes, dirty), {}
            old = last.routes
            return tuple(r for r in routes
                         if (o := old.get(r.file)) is not r and o != r or not r.deps.isdisjoint(dirty)), {}
        if last is None and self.out_dir is not None and self.cache_dir is not None:
            return self._since_last_build(site, routes, theme)
        return routes, {}

    def _since_last_build(self, site: Site, routes: tuple[Route, ...], theme):
        key = theme_key(theme.dirs, theme.stylesheets, settings_key())
        keys = {r.file: route_key(r) for r in routes}
        digesting, self.digesting = self.digesting, None
        deps = digesting[1].result() if digesting is not None and digesting[0] is site else fingerprints(site)
        self.state = BuildState(out_dir=str(self.out_dir.resolve()), key=key, deps=deps, routes=keys)
        previous = BuildState.read(self.cache_dir, self.out_dir, key, self.damage)
        same = previous.unchanged(routes, self.state, self.out_dir) if previous is not None else set()
        kept = {f: Kept(file=f, url=r.url) for r in routes if (f := r.file) in same}
        return tuple(r for r in routes if r.file not in same), kept

    def all_outputs(self, site: Site, routes: tuple[Route, ...], theme, made: dict[str, Output],
                    ok: bool) -> dict[str, Output]:
        """Every output of this build: ``made`` over the last build's, for the files the routes
        still make. A build without errors becomes the one the next is compared with."""
        last = self.last
        before = last.outputs if last is not None else {}
        if ok and last is not None and routes is last.planned:
            # The last build's very plan: the same files, the same routes. Its outputs are
            # merged in place (no copy of ~11,700 entries), and its routes by file kept.
            before.update(made)
            self.last = LastBuild(site, theme, last.routes, before, routes)
            return before
        files = [r.file for r in routes]
        if len(files) == len(before) and before.keys() >= set(files):
            merged = {**before, **made}  # the same files as last time (a preview save)
        else:
            merged = {f: made[f] if f in made else before[f] for f in files if f in made or f in before}
        if ok:
            self.last = LastBuild(site, theme, {r.file: r for r in routes}, merged, routes)
        return merged

    def save_state(self) -> None:
        """After the output folder was written: remember what it holds for the next build."""
        if self.state is not None and self.cache_dir is not None:
            self.state.write(self.cache_dir)

    def distrust_state(self) -> None:
        """Before the output folder changes: until save_state, the saved state vouches for no file."""
        if self.state is not None and self.cache_dir is not None:
            BuildState(self.state.out_dir, self.state.key, {}, {}).write(self.cache_dir)


def routes_meeting(routes: tuple[Route, ...], dirty: set[str]) -> tuple[Route, ...]:
    """The routes whose deps meet ``dirty``, in order. For the last build's very plan (a plan
    reused whole, incremental/plan_reuse.py): each route is the last build's own object, so
    comparing it with the last build's route (what ``todo`` does otherwise) is skipped; one
    C-level ``isdisjoint`` per route, and no Python step, is what is left."""
    return tuple(compress(routes, map(not_, map(dirty.isdisjoint, map(_DEPS, routes)))))
