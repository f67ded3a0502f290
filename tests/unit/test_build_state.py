"""build_state.route_key: equal routes give equal keys in any process (the next build compares
them), unequal ones differ."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from plnsite.incremental.build_state import route_key
from plnsite.model import Route, RouteKind

_ROUTE = ("Route(kind=RouteKind.TAG, url='tags/pln/', file='tags/pln/index.html', template='tag.html', "
          "subject='pln', page_no=1, page_count=2, items=('notes/a', 'notes/b'), "
          "deps=frozenset({'config', 'meta:notes/a', 'meta:notes/b', 'tagname:pln', 'all:tags'}), "
          "static_src=Path('/tmp/x.png'))")


def _route() -> Route:
    return eval(_ROUTE, {"Route": Route, "RouteKind": RouteKind, "Path": Path})


def test_the_same_route_has_the_same_key_in_another_process():
    """Another process orders the deps' set differently (string hashes are seeded per process),
    and holds its strings as other objects: the key is the same."""
    code = ("from pathlib import Path; from plnsite.model import Route, RouteKind; "
            "from plnsite.incremental.build_state import route_key; "
            f"print(route_key({_ROUTE}).hex())")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout.strip() for seed in (1, 2, 3)}
    assert keys == {route_key(_route()).hex()}


def test_shared_and_copied_strings_give_one_key():
    route = _route()
    shared = replace(route, items=("notes/a", "notes/a"))
    copied = replace(route, items=("notes/a", "".join(["notes/", "a"])))
    assert route_key(shared) == route_key(copied)


def test_every_field_that_shapes_the_page_is_in_the_key():
    route = _route()
    changes = dict(url="tags/x/", file="tags/x/index.html", template="tags.html", subject="x", page_no=2,
                   page_count=3, items=("notes/b", "notes/a"), deps=route.deps | {"meta:notes/c"},
                   static_src=Path("/tmp/y.png"), kind=RouteKind.SERIES)
    keys = {route_key(replace(route, **{name: value})) for name, value in changes.items()}
    assert len(keys | {route_key(route)}) == len(changes) + 1
