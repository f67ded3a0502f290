"""incremental: everything that lets a build reuse the work of an earlier one.

A ``BuildMemo`` is what one build hands the next of the same session; each stage takes
its part and reuses what the inputs it sees have not changed:

- ``load``: the files parsed (load_memo.py), and on disk the parse cache (parse_cache.py);
- ``link``: each item's linked Markdown, the link index, the tags (link_memo.py), and on
  disk the Markdown cache (markdown_cache.py);
- ``routes``: the routes planned (route_memo.py);
- ``renders``: the last good build's outputs, and which routes must be rendered again
  (render_memo.py: changes.py says which dependency ids, deps.py, changed), and on disk
  what the last ``plnsite build`` left in its output folder (build_state.py);
- the theme, read once per session until its templates change;
- ``images``: each image's size, and on disk the resized copies of photos (plnsite/images/).

The three caches on disk share one store (store.py). None of them is ever needed for a
correct build: each only saves work, and anything that does not read back is a miss. Their
records are verified, not trusted: the damaged ones a build met are made again, and
``cache_problems`` says so in one warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem
from ..images import Images
from ..model import BuildOptions, Site
from .link_memo import LinkMemo
from .load_memo import LoadMemo
from .markdown_cache import MarkdownCache
from .related_cache import RelatedCache
from .render_memo import RenderMemo
from .route_memo import RouteMemo
from .store import CACHE_DIR, Damage

__all__ = ["BuildMemo", "CACHE_DIR", "cache_dir"]


def cache_dir(opts: BuildOptions) -> Path | None:
    """``.plnsite-cache/`` beside the content folder; None with ``--no-cache``."""
    return Path(opts.source).resolve().parent / CACHE_DIR if opts.cache else None


class BuildMemo:
    def __init__(self, opts: BuildOptions, out_dir: Path | None = None) -> None:
        """``out_dir``: the folder this session's build will be written to; it then also
        writes the parse cache back, and renders only what differs from that folder's last build."""
        folder = cache_dir(opts)
        self.damage = Damage(folder) if folder is not None else None
        self.load = LoadMemo(folder, save_cache=out_dir is not None, damage=self.damage)
        # With a Markdown cache on disk, unfilled results need not stay in memory.
        self.link = LinkMemo(keep_results=folder is None)
        self.link.related_cache = RelatedCache(folder, self.damage) if folder is not None else None
        self.markdown = MarkdownCache(folder, self.damage) if folder is not None else None
        self.routes = RouteMemo()
        self.plan_facts = None  # plan_facts.PlanFacts of the last plan
        self.images = Images(folder, opts.jobs)  # image sizes, and copies of photos in images/
        self.renders = RenderMemo(folder, out_dir, self.damage)
        self.theme = None  # the Theme of the last build
        self.theme_stale = False  # its templates changed: read it again
        self.theme_words = None  # site.yaml's (language, strings, its line) it was read with

    def forget(self, paths: Iterable[Path], rescan: bool = False) -> None:
        """Source files that changed: read them again next time (``rescan``: some were added or removed)."""
        self.load.forget(paths, rescan)

    def cache_problems(self) -> tuple[Problem, ...]:
        """The warning about the damaged cache records met since the last call, if there were any."""
        return self.damage.take() if self.damage is not None else ()

    def snapshot_changed(self) -> None:
        """Read the network snapshot again next time (load reads it again anyway when its file's
        size, time or inode differ)."""
        self.load.network = None

    def templates_changed(self) -> None:
        """Read the theme again next time, and render every route with it."""
        self.theme_stale = True

    def known_files(self) -> frozenset[Path]:
        """Every source file the last build read."""
        return self.load.known_files()

    def bundle_files(self) -> frozenset[Path]:
        """The files beside bundles' index.md that the last build found."""
        return self.load.bundle_files()

    @property
    def site(self) -> Site | None:
        """The site of the last build without errors."""
        last = self.renders.last
        return last.site if last is not None else None
