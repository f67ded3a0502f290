"""Render many Markdown texts: the one place that caches and parallelises it.

The cache lives in ``.plnsite-cache/`` beside content/: 256 shard files keyed
by the hash of (text, take_title, the Markdown settings and versions), so a
build after a small edit reads every shard but rewrites only the one that
changed. A shard that cannot be read (corrupt, foreign, another version) is
ignored and rebuilt; the cache is never needed for a correct build.
"""

from __future__ import annotations

import hashlib
import marshal
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import speedups
from ..atomic import write_atomic
from ..markdown import render_markdown
from ..model import Heading, LinkRef, MarkdownResult
from ..parallel import fork_map, stage_progress, worker_count
from ..urls import may_rebase

__all__ = ["render_all", "MarkdownRenderer", "CACHE_DIR"]

CACHE_DIR = ".plnsite-cache"
_MAGIC = "plnsite-markdown-cache"
_FORMAT = 2
# Below this many texts a process pool costs more than it saves.
_PARALLEL_MIN = 64


def render_all(jobs: list[tuple[str, str, bool]]) -> dict[str, MarkdownResult]:
    """``jobs`` are (key, markdown text, take_title); results by key. No cache, one process."""
    return {key: render_markdown(text, take_title=take_title) for key, text, take_title in jobs}


@lru_cache(maxsize=1)
def settings_key() -> str:
    """Everything besides the text that changes rendered HTML."""
    from .. import __version__

    parts = [f"plnsite={__version__}", f"format={_FORMAT}"]
    # The speed-ups give the same HTML; keyed anyway, so PLNSITE_STOCK=1 never reads what they wrote.
    parts += [f"{name}-speedup={speedups.enabled(name)}" for name in ("markdown", "pygments")]
    for dist in ("markdown-it-py", "mdit-py-plugins", "pygments"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def _key(text: str, take_title: bool) -> str:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16)
    digest.update(b"\x01" if take_title else b"\x00")
    digest.update(settings_key().encode())
    return digest.hexdigest()


def _pack(result: MarkdownResult) -> tuple:
    # Whether a text holds a root-relative URL is decided once, here, and cached with it.
    return (
        result.html, result.summary_html,
        tuple((h.level, h.id, h.text) for h in result.toc),
        tuple((r.kind, r.target, r.fragment, r.line) for r in result.links),
        may_rebase(result.html) or may_rebase(result.summary_html),
    )


def _unpack(data: tuple) -> MarkdownResult:
    html, summary, toc, links, rebase = data
    return MarkdownResult(
        html=html, summary_html=summary,
        toc=tuple(Heading(level=lv, id=i, text=t) for lv, i, t in toc),
        links=tuple(LinkRef(kind=k, target=t, fragment=f, line=n) for k, t, f, n in links),
        may_rebase=rebase,
    )


def _render_packed(batch: list[tuple[str, bool]]) -> list[tuple]:
    return [_pack(render_markdown(text, take_title=take_title)) for text, take_title in batch]


class MarkdownRenderer:
    """A ``render`` callable for ``link()``: cache on disk (optional) + worker processes."""

    def __init__(self, cache_dir: Path | None, jobs: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.jobs = worker_count(jobs)

    def __call__(self, jobs: list[tuple[str, str, bool]], progress=None) -> dict[str, MarkdownResult]:
        """``progress(stage, done, total)``, if given, hears how many texts have been rendered."""
        if self.cache_dir is None:  # nothing to look up: no keys to hash
            fresh = self._render([(text, take_title) for _, text, take_title in jobs], progress)
            return {job[0]: _unpack(packed) for job, packed in zip(jobs, fresh)}
        keys = [_key(text, take_title) for _, text, take_title in jobs]
        shards = self._read_shards({k[:2] for k in keys})
        found: dict[str, tuple] = {}
        missing: list[int] = []
        for index, key in enumerate(keys):
            packed = shards.get(key[:2], {}).get(key)
            if packed is None:
                missing.append(index)
            else:
                found[key] = packed
        fresh = self._render([(jobs[i][1], jobs[i][2]) for i in missing], progress)
        dirty: set[str] = set()
        for index, packed in zip(missing, fresh):
            key = keys[index]
            found[key] = packed
            shards.setdefault(key[:2], {})[key] = packed
            dirty.add(key[:2])
        self._write_shards(shards, dirty, set(keys))
        return {job[0]: _unpack(found[key]) for job, key in zip(jobs, keys)}

    def _render(self, batch: list[tuple[str, bool]], progress=None) -> list[tuple]:
        if not batch:
            return []
        return fork_map(_render_packed, batch, self.jobs, _PARALLEL_MIN,
                        stage_progress(progress, "markdown", len(batch)))

    # -- the cache on disk -------------------------------------------------------------

    def _shard_path(self, prefix: str) -> Path:
        return self.cache_dir / "markdown" / f"{prefix}.bin"

    def _read_shards(self, prefixes: set[str]) -> dict[str, dict[str, tuple]]:
        shards: dict[str, dict[str, tuple]] = {}
        if self.cache_dir is None:
            return shards
        for prefix in prefixes:
            try:
                magic, version, entries = marshal.loads(self._shard_path(prefix).read_bytes())
                if magic == _MAGIC and version == settings_key() and isinstance(entries, dict):
                    shards[prefix] = entries
            except Exception:  # noqa: BLE001 - any unreadable shard is simply a cache miss
                continue
        return shards

    def _write_shards(self, shards: dict[str, dict[str, tuple]], dirty: set[str], live: set[str]) -> None:
        if self.cache_dir is None:
            return
        for prefix, entries in shards.items():
            # Drop entries no current text needs, so the cache does not grow forever.
            stale = [k for k in entries if k not in live]
            if not stale and prefix not in dirty:
                continue
            for key in stale:
                del entries[key]
            path = self._shard_path(prefix)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, marshal.dumps((_MAGIC, settings_key(), entries)))
            except OSError:
                return  # a read-only or full disk only costs speed
