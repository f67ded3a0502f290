"""fork_map: run a function over chunks of work in forked worker processes.

Forking lets workers inherit the (large, read-only) site the parent already
built, so only the small chunk descriptions and the results cross processes.
Where fork is unavailable, or there is too little work, it runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

__all__ = ["fork_map", "worker_count"]


def worker_count(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def fork_map(fn, items: list, jobs: int | None, min_items: int) -> list:
    """``[fn(chunk) for chunk in chunks of items]`` flattened, in order, across ``jobs`` processes.

    ``fn`` takes a list and returns a list of the same length.
    """
    workers = worker_count(jobs)
    if workers == 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return fn(items)
    chunks = _guided_chunks(items, workers)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [result for part in pool.map(fn, chunks) for result in part]


def _guided_chunks(items: list, workers: int, smallest: int = 8) -> list[list]:
    """Chunks that shrink as the work runs out (each a share of what is left), so that
    no worker is left with a big last chunk while the others wait."""
    chunks, start, total = [], 0, len(items)
    while start < total:
        size = max(smallest, -(-(total - start) // (workers * 3)))
        chunks.append(items[start : start + size])
        start += size
    return chunks
