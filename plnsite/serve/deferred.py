"""The preview's first build serves before every page is rendered.

Rendering is most of a first build: at 10,000 notes, reading and linking from the caches
takes about a second and rendering the 11,600 pages several more. So when a first build
has more than ``DEFER_OVER`` routes to render, it renders only what is cheap and shown
first (the home page, the 404 page, every file published as it is) and the server starts;
a page asked for before the rest is rendered is rendered there and then, alone, from the
same site and theme (the bytes are the same: one route renders the same alone or among
others); the rest is rendered in the background with the build's worker processes, holding
the rebuild lock, so a save waits for it and then finds a complete last build to compare
with. Problems the rest has (a template error on a tag page) are announced when it is done.

``serve -o DIR`` writes every page to DIR on each build, so it renders everything first.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..model import BuildResult, Output, Route, RouteKind

__all__ = ["DEFER_OVER", "DeferredPages", "Pending", "background_priority", "split_first"]

DEFER_OVER = 400  # routes to render: fewer, and the first build renders them all before serving
_FIRST = frozenset({RouteKind.STATIC, RouteKind.HOME, RouteKind.NOT_FOUND})


def background_priority(niceness: int = 10) -> None:
    """Lower the calling thread's CPU priority, and so that of the worker processes it forks
    (Linux keeps a nice value per thread, and a child starts with its forking thread's): while
    the rest renders in the background, a page asked for, rendered in the server's thread, is
    not kept waiting behind the workers on a machine with few cores. Elsewhere, nothing."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
    except (AttributeError, OSError):  # no setpriority, or a thread id it does not take
        pass


def split_first(routes: tuple[Route, ...], over: int = DEFER_OVER) -> tuple[tuple[Route, ...], tuple[Route, ...]]:
    """(rendered now, rendered later) of a first build's routes."""
    if len(routes) <= over:
        return routes, ()
    now = tuple(r for r in routes if r.kind in _FIRST)
    later = tuple(r for r in routes if r.kind not in _FIRST)
    return now, later


@dataclass(frozen=True, slots=True, eq=False)
class Pending:
    """What the server holds for a page not rendered yet: asking renders it."""

    file: str
    url: str
    make: Callable[[str], Output | None]
    encoding = None

    def render(self) -> Output | None:
        return self.make(self.file)


class DeferredPages:
    """The routes a first build left to render: one at a time on request, all in the background."""

    def __init__(self, result: BuildResult, render: Callable[..., tuple[dict, tuple]]) -> None:
        """``render(routes, jobs, remember)`` → (outputs by file, problems); with ``remember``
        the session's memo takes the outputs in (the whole rest, not one page asked for)."""
        self.routes = {r.file: r for r in result.deferred}
        self._render = render
        self._made: dict[str, Output | None] = {}
        self._lock = threading.Lock()  # one page rendered at a time on request (the GIL would anyway)

    def placeholders(self) -> dict[str, Pending]:
        return {file: Pending(file=file, url=route.url, make=self.page) for file, route in self.routes.items()}

    def page(self, file: str) -> Output | None:
        """The page of ``file``, rendered now in this thread (or the one rendered before)."""
        with self._lock:
            if file not in self._made:
                made, _ = self._render((self.routes[file],), 1, False)
                self._made[file] = made.get(file)
            return self._made[file]

    def rest(self, jobs: int | None) -> tuple[dict[str, Output], tuple]:
        """Every deferred page, rendered with the build's workers; and their problems."""
        return self._render(tuple(self.routes.values()), jobs, True)
