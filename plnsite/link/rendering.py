"""Render many Markdown texts: the one place that caches and parallelises it.

With a cache folder, texts rendered before come from the Markdown cache
(incremental/markdown_cache.py); the rest are rendered, across worker processes
when there are many, and added to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..incremental.markdown_cache import MarkdownCache
from ..markdown import render_markdown
from ..model import Heading, LinkRef, Markdown, MarkdownResult
from ..parallel import fork_chunks, stage_progress, worker_count
from ..urls import may_rebase
from .private import may_link_private

__all__ = ["render_all", "MarkdownRenderer"]

# Below this many texts a process pool costs more than it saves.
_PARALLEL_MIN = 64


def render_all(jobs: list[tuple[str, Markdown, bool]]) -> dict[str, MarkdownResult]:
    """``jobs`` are (key, Markdown, take_title); results by key. No cache, one process."""
    return {key: render_markdown(md.text, take_title=take_title) for key, md, take_title in jobs}


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
        result.diagrams,
    )


def _unpack(data: tuple) -> MarkdownResult:
    html, summary, toc, links, rebase, warnings, private, diagrams = data
    return MarkdownResult(
        html=html, summary_html=summary,
        toc=tuple(Heading(level=lv, id=i, text=t) for lv, i, t in toc),
        links=tuple(LinkRef(kind=k, target=t, fragment=f, line=n) for k, t, f, n in links),
        may_rebase=rebase, warnings=tuple((line, message) for line, message in warnings), may_link_private=private,
        diagrams=diagrams,
    )


def _render_packed(batch: list[tuple[str, bool]]) -> list[tuple]:
    return [_pack(render_markdown(text, take_title=take_title)) for text, take_title in batch]


class MarkdownRenderer:
    """A ``render`` callable for ``link()``: the Markdown cache (optional) + worker processes."""

    # in_groups: a part this many texts or more is rendered, filled and let go before the next.
    GROUP_TEXTS = 10_000

    def __init__(self, cache: MarkdownCache | None, jobs: int | None = None, progress=None) -> None:
        """``progress(stage, done, total)``, if given, hears how many texts have been rendered."""
        self.cache = cache
        self.jobs = worker_count(jobs)
        self.progress = progress

    def __call__(self, jobs: list[tuple[str, Markdown, bool]]) -> dict[str, MarkdownResult]:
        if self.cache is None:  # nothing to look up: no keys to hash
            pieces = self._fresh(jobs, stage_progress(self.progress, "markdown", len(jobs)))
        else:
            keys = [self.cache.key_of(md.digest, take_title) for _, md, take_title in jobs]
            pieces = self._cached(jobs, keys, set(keys), True, self.progress and _Counting(self.progress, None))
        return {key: result for piece in pieces for key, result in piece.items()}

    def in_groups(self, jobs: list[tuple[str, Markdown, bool]]) -> Iterator[Iterator[dict[str, MarkdownResult]]]:
        """The results of ``self(jobs)`` in groups of about ``GROUP_TEXTS`` texts, each rendered
        only when the last was taken (``link`` fills a group's links before it asks for the next):
        a big site's rendered Markdown is never all in memory at once. With a cache, a group is a
        range of its shards (each read and written once, as one call would), else a run of
        ``jobs``. A group is handed over in pieces (dicts): the texts found in the cache, then
        each chunk of the others as its rendering finishes (parallel.fork_chunks), so that
        filling one piece's links overlaps the rendering of the rest."""
        parts = -(-len(jobs) // self.GROUP_TEXTS)
        cache, progress = self.cache, self.progress and _Counting(self.progress, len(jobs) if parts > 1 else None)
        if cache is None:
            for start in range(0, len(jobs), self.GROUP_TEXTS):
                part = jobs[start:start + self.GROUP_TEXTS]
                yield self._fresh(part, progress and progress.part(0, len(part)))
            return
        keys = [cache.key_of(md.digest, take_title) for _, md, take_title in jobs]
        live = set(keys)
        shares: list[list[int]] = [[] for _ in range(parts)]
        for index, key in enumerate(keys):
            shares[int(key[:2], 16) * parts // 256].append(index)
        for number, share in enumerate(shares):
            yield self._cached([jobs[i] for i in share], [keys[i] for i in share], live, number == parts - 1,
                               progress)

    def _fresh(self, jobs, progress) -> Iterator[dict[str, MarkdownResult]]:
        """The results of ``jobs``, each chunk's as its rendering finishes."""
        batch = [(md.text, take_title) for _, md, take_title in jobs]
        for start, _, packed in fork_chunks(_render_packed, batch, self.jobs, _PARALLEL_MIN, progress):
            yield {job[0]: _unpack(entry) for job, entry in zip(jobs[start:start + len(packed)], packed)}

    def _cached(self, jobs, keys: list[str], live: set[str], last: bool, progress) -> Iterator[dict[str, MarkdownResult]]:
        """Results of ``jobs`` (their cache ``keys``): the cache's at once, then the rest, each
        chunk's as its rendering finishes, added to the cache; the cache is saved after the last.
        ``live``: the keys of every text of this render; ``last``: no part of it follows."""
        cache = self.cache
        found = cache.lookup(keys)
        missing = [index for index, key in enumerate(keys) if key not in found]
        progress = progress and progress.part(len(jobs) - len(missing), len(missing))
        yield {job[0]: _unpack(found[key]) for job, key in zip(jobs, keys) if key in found}
        if missing:
            batch = [(jobs[i][1].text, jobs[i][2]) for i in missing]
            for start, _, packed in fork_chunks(_render_packed, batch, self.jobs, _PARALLEL_MIN, progress):
                piece = {}
                for index, entry in zip(missing[start:start + len(packed)], packed):
                    cache.add(keys[index], entry)
                    piece[jobs[index][0]] = _unpack(entry)
                yield piece
        cache.save(live, last=last)


class _Counting:
    """The markdown stage's progress over the parts of one render: ``part(cached, to_render)``
    narrows it to a part's renders, for fork_map (the texts found in the cache count as done).
    ``total`` None: one part, whose total is what it renders (a warm build shows only those)."""

    def __init__(self, progress, total: int | None) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def part(self, cached: int, to_render: int):
        if self.total is None:
            return stage_progress(self.progress, "markdown", to_render) if to_render else None
        start = self.done + cached
        self.done = start + to_render
        progress, total = self.progress, self.total
        progress("markdown", start, total)
        return lambda done: progress("markdown", start + done, total)
