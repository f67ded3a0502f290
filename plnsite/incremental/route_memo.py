"""RouteMemo: the routes of the last ``plan_routes``, reused while their inputs are the same.

The preview server plans a 10,000-note site on every save; nearly every route comes out
as it was. Each route (or group of routes, such as a note and its bundle's files) is
remembered with the inputs it was made from, under its URL; ``turn()`` at the end of a
plan makes this plan's the ones the next plan compares with.
"""

from __future__ import annotations

from typing import NamedTuple

from .plan_reuse import LastPlan, plan_inputs_unchanged
from .remembered import Remembered

__all__ = ["NO_ROUTE_MEMO", "NotesPlan", "RouteMemo"]


class NotesPlan(NamedTuple):
    """The notes part of the last plan: with the same notes in the same order and the same
    backlinks, every note's routes are the last plan's but for the notes edited since."""

    ids: tuple[str, ...]
    backlinks: object  # the Site.backlinks mapping it was planned with
    notes: tuple  # the Note objects
    routes: list  # each note's routes, in the order of ``ids``
    series: object = None  # the Site.series and Site.related it was planned with
    related: object = None


class RouteMemo:
    def __init__(self) -> None:
        self.previous: dict[str, Remembered] = {}
        self.current: dict[str, Remembered] = {}
        self.notes: NotesPlan | None = None
        self.edited: set[str] | None = None  # ids of notes that are new objects since, if that is all
        self.last_plan: LastPlan | None = None  # the last plan whole (plan_reuse.py)

    def reuse(self, site, extra_static: tuple):
        """The last plan's (routes, problems) when ``site`` would plan to them again
        (plan_reuse.py), else None. Reused, it is remembered with this site's objects, so
        that the next save's identity pass finds only that save's items new."""
        last = self.last_plan
        if last is None or not plan_inputs_unchanged(last, site, extra_static):
            return None
        self.last_plan = LastPlan(site, extra_static, last.result)
        if self.notes is not None:  # each note's routes are its own again (its plan fields are equal)
            self.notes = self.notes._replace(notes=site.notes)
        return last.result

    def planned(self, site, extra_static: tuple, result: tuple) -> None:
        """Remember a plan made afresh, for ``reuse``."""
        self.last_plan = LastPlan(site, extra_static, result)

    def get(self, key: str, inputs: tuple, make):
        """The value remembered under ``key`` if it was made from equal ``inputs``, else ``make()``."""
        found = self.previous.get(key)
        value = found.value if found is not None and found.inputs == inputs else make()
        self.current[key] = Remembered(inputs, value)
        return value

    def page(self, key: str, chunk: tuple, count: int, base, items, make):
        """An archive page: reused at once when none of its notes was edited (see ``edited``)."""
        found = self.previous.get(key)
        if found is not None and self.edited is not None and self.edited.isdisjoint(chunk):
            before = found.inputs
            if before[0] == chunk and before[1] == count and before[2] == base:
                self.current[key] = found
                return found.value
        return self.get(key, (chunk, count, base, tuple(items[i] for i in chunk)), make)

    def keep(self, keys) -> None:
        """Carry the values under ``keys`` over to this plan as they are."""
        previous = self.previous
        self.current.update((k, previous[k]) for k in keys if k in previous)

    def turn(self) -> None:
        self.previous, self.current = self.current, {}
        self.edited = None


class _NoRouteMemo:
    """Plans without a memo: everything is made."""

    notes = None

    @staticmethod
    def reuse(site, extra_static):
        return None

    @staticmethod
    def planned(site, extra_static, result):
        pass

    @staticmethod
    def get(key, inputs, make):
        return make()

    @staticmethod
    def page(key, chunk, count, base, items, make):
        return make()


NO_ROUTE_MEMO = _NoRouteMemo()
