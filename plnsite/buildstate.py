"""What a successful `plnsite build` leaves for the next one, so a warm build renders
only the routes whose inputs changed and keeps every other file in the output folder.

Saved in ``.plnsite-cache/build-state.bin`` (marshal): the output folder, a key of
everything global (plnsite and library versions, theme files, config), a digest of
every dependency id, and a key of every route. Anything that does not match is
ignored, so a missing, stale or foreign state only costs speed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .model import Route, RouteKind

__all__ = ["BuildState", "route_key", "theme_key", "STATE_FILE"]

STATE_FILE = "build-state.bin"
_MAGIC = "plnsite-build-state-1"


def route_key(route: Route) -> bytes:
    data = (route.kind.value, route.url, route.file, route.template, route.subject, route.page_no,
            route.page_count, route.items, sorted(route.deps), str(route.static_src))
    return hashlib.blake2b(repr(data).encode(), digest_size=12).digest()


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
    def read(cache_dir: Path, out_dir: Path, key: str) -> BuildState | None:
        try:
            magic, saved_out, saved_key, deps, routes = marshal.loads((cache_dir / STATE_FILE).read_bytes())
        except Exception:  # noqa: BLE001 - unreadable or foreign: build everything
            return None
        if magic != _MAGIC or saved_out != str(out_dir.resolve()) or saved_key != key:
            return None
        return BuildState(out_dir=saved_out, key=saved_key, deps=deps, routes=routes)

    def write(self, cache_dir: Path) -> None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(cache_dir / STATE_FILE, marshal.dumps((_MAGIC, self.out_dir, self.key, self.deps, self.routes)))
        except OSError:
            pass  # a read-only disk only costs speed

    def unchanged(self, routes, now: BuildState, out_dir: Path) -> set[str]:
        """Files of routes whose key and every dependency digest match ``now``, and whose file exists."""
        same = set()
        old_deps, old_routes, deps = self.deps, self.routes, now.deps
        folder = str(out_dir)
        for route in routes:
            if route.kind is RouteKind.STATIC:
                continue  # copies are compared byte for byte anyway
            if old_routes.get(route.file) != now.routes[route.file]:
                continue
            if any(old_deps.get(d) != deps.get(d) for d in route.deps):
                continue
            if os.path.isfile(os.path.join(folder, route.file)):  # (plain os: once per route)
                same.add(route.file)
        return same
