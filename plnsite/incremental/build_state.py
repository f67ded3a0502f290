"""What a successful `plnsite build` leaves for the next one, so a warm build renders
only the routes whose inputs changed and keeps every other file in the output folder.

Saved in ``.plnsite-cache/build-state.bin`` (a store.py shard) under a key of the output
folder and everything global (plnsite and library versions, theme files, config): a digest
of every dependency id, and a key of every route. Anything that does not match is ignored,
so a missing, stale or foreign state only costs speed; a damaged one (store.py) is reported,
and the build then writes every output again: no file is kept on a digest that was not read
back whole.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from ..model import Route, RouteKind
from .store import Damage, Store, fits

__all__ = ["BuildState", "route_key", "theme_key", "STATE_FILE"]

STATE_FILE = "build-state"
_MAGIC = "plnsite-build-state-4"
_STATE = ({str: bytes}, {str: bytes})  # (digest by dependency id, key by route file)


def route_key(route: Route) -> bytes:
    data = (route.kind.value, route.url, route.file, route.template, route.subject, route.page_no,
            route.page_count, route.items, sorted(route.deps), str(route.static_src))
    # marshal: a third quicker than repr for ~11,700 routes. Format 2 has no back-references
    # (later formats mark a value seen twice by object, not by value), so equal routes give
    # equal bytes in any process.
    return hashlib.blake2b(marshal.dumps(data, 2), digest_size=12).digest()


def theme_key(dirs, stylesheets, settings: str) -> str:
    """Every template and theme setting (a changed template re-renders everything)."""
    digest = hashlib.blake2b(settings.encode(), digest_size=16)
    digest.update(repr(stylesheets).encode())
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "static" not in path.relative_to(folder).parts[:1]:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class BuildState:
    out_dir: str
    key: str
    deps: dict[str, bytes]
    routes: dict[str, bytes]

    @staticmethod
    def read(cache_dir: Path, out_dir: Path, key: str, damage: Damage | None = None) -> BuildState | None:
        out = str(out_dir.resolve())
        store = _store(cache_dir, out, key, damage)
        found = store.read(STATE_FILE)
        if found is None:
            return None
        if not fits(found.payload, _STATE):
            store.damaged(STATE_FILE)
            return None
        deps, routes = found.payload
        return BuildState(out_dir=out, key=key, deps=deps, routes=routes)

    def write(self, cache_dir: Path) -> None:
        _store(cache_dir, self.out_dir, self.key).write(STATE_FILE, (self.deps, self.routes))

    def unchanged(self, routes, now: BuildState, out_dir: Path) -> set[str]:
        """Files of routes whose key and every dependency digest match ``now``, and whose file exists."""
        same = set()
        old_deps, old_routes, deps = self.deps, self.routes, now.deps
        # The ids whose digest differs (or that one of the two builds lacks), found once: a
        # route is then checked with one set operation rather than a look-up per dependency.
        changed = {d for d, digest in deps.items() if old_deps.get(d) != digest}
        changed.update(old_deps.keys() - deps.keys())
        folder = str(out_dir)
        for route in routes:
            if route.kind is RouteKind.STATIC:
                continue  # copies are compared byte for byte anyway
            if old_routes.get(route.file) != now.routes[route.file]:
                continue
            if not route.deps.isdisjoint(changed):
                continue
            if os.path.isfile(os.path.join(folder, route.file)):  # (plain os: once per route)
                same.add(route.file)
        return same


def _store(cache_dir: Path, out_dir: str, key: str, damage: Damage | None = None) -> Store:
    return Store(cache_dir, _MAGIC, f"{out_dir}\n{key}", damage)
