"""PlanFacts: what a build counts and looks up in its plan, found once per plan.

After rendering, a build swaps each published image for its copy without metadata (it looks
at the outputs of the STATIC routes, the only copies) and counts its pages and feeds. Both are
a pass over every route: ~11,700 Python steps at 10,000 notes. A preview save that reuses the
plan whole (plan_reuse.py) has the very same routes tuple, so the facts found for it hold as
they are; any other plan finds them again.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Route, RouteKind

__all__ = ["PlanFacts", "plan_facts"]


class PlanFacts(NamedTuple):
    routes: tuple[Route, ...]  # the plan they are of (compared with ``is``)
    static_files: tuple[str, ...]  # the files of its STATIC routes, in order
    pages: int  # its routes with a template
    feeds: int  # its routes of the ``feeds`` kinds


def plan_facts(last: PlanFacts | None, routes: tuple[Route, ...], feeds) -> PlanFacts:
    """``last`` when it is of these very ``routes``, else found again."""
    if last is not None and last.routes is routes:
        return last
    return PlanFacts(routes=routes, static_files=tuple(r.file for r in routes if r.kind is RouteKind.STATIC),
                     pages=sum(1 for r in routes if r.template is not None),
                     feeds=sum(1 for r in routes if r.kind in feeds))
