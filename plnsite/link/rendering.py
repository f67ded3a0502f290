"""Render many Markdown texts: the one place that caches and parallelises it.

With a cache folder, texts rendered before come from the Markdown cache
(incremental/markdown_cache.py); the rest are rendered, across worker processes
when there are many, and added to it.
"""

from __future__ import annotations

from ..incremental.markdown_cache import MarkdownCache
from ..markdown import render_markdown
from ..model import Heading, LinkRef, MarkdownResult
from ..parallel import fork_map, stage_progress, worker_count
from ..urls import may_rebase
from .private import may_link_private

__all__ = ["render_all", "MarkdownRenderer"]

# Below this many texts a process pool costs more than it saves.
_PARALLEL_MIN = 64


def render_all(jobs: list[tuple[str, str, bool]]) -> dict[str, MarkdownResult]:
    """``jobs`` are (key, markdown text, take_title); results by key. No cache, one process."""
    return {key: render_markdown(text, take_title=take_title) for key, text, take_title in jobs}


def _pack(result: MarkdownResult) -> tuple:
    # Whether a text holds a root-relative URL, or an href that could point at a private
    # person, is decided once, here (scans of the whole HTML), and cached with it.
    return (
        result.html, result.summary_html,
        tuple((h.level, h.id, h.text) for h in result.toc),
        tuple((r.kind, r.target, r.fragment, r.line) for r in result.links),
        may_rebase(result.html) or may_rebase(result.summary_html),
        result.warnings,
        may_link_private(result.html),
    )


def _unpack(data: tuple) -> MarkdownResult:
    html, summary, toc, links, rebase, warnings, private = data
    return MarkdownResult(
        html=html, summary_html=summary,
        toc=tuple(Heading(level=lv, id=i, text=t) for lv, i, t in toc),
        links=tuple(LinkRef(kind=k, target=t, fragment=f, line=n) for k, t, f, n in links),
        may_rebase=rebase, warnings=tuple((line, message) for line, message in warnings), may_link_private=private,
    )


def _render_packed(batch: list[tuple[str, bool]]) -> list[tuple]:
    return [_pack(render_markdown(text, take_title=take_title)) for text, take_title in batch]


class MarkdownRenderer:
    """A ``render`` callable for ``link()``: the Markdown cache (optional) + worker processes."""

    def __init__(self, cache: MarkdownCache | None, jobs: int | None = None, progress=None) -> None:
        """``progress(stage, done, total)``, if given, hears how many texts have been rendered."""
        self.cache = cache
        self.jobs = worker_count(jobs)
        self.progress = progress

    def __call__(self, jobs: list[tuple[str, str, bool]]) -> dict[str, MarkdownResult]:
        cache, progress = self.cache, self.progress
        if cache is None:  # nothing to look up: no keys to hash
            fresh = self._render([(text, take_title) for _, text, take_title in jobs], progress)
            return {job[0]: _unpack(packed) for job, packed in zip(jobs, fresh)}
        keys = [cache.key(text, take_title) for _, text, take_title in jobs]
        found = cache.lookup(keys)
        missing = [index for index, key in enumerate(keys) if key not in found]
        fresh = self._render([(jobs[i][1], jobs[i][2]) for i in missing], progress)
        for index, packed in zip(missing, fresh):
            found[keys[index]] = packed
            cache.add(keys[index], packed)
        cache.save(set(keys))
        return {job[0]: _unpack(found[key]) for job, key in zip(jobs, keys)}

    def _render(self, batch: list[tuple[str, bool]], progress=None) -> list[tuple]:
        if not batch:
            return []
        return fork_map(_render_packed, batch, self.jobs, _PARALLEL_MIN,
                        stage_progress(progress, "markdown", len(batch)))
