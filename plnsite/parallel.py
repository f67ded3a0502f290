"""fork_map: run a function over chunks of work in forked worker processes (``fork_chunks``:
the same, each chunk's results handed over as it finishes); InChild: one call in one child.

Forking lets workers inherit the (large, read-only) values the parent already
built (``shared``: the site, the theme...), so only the small chunk descriptions
and the results cross processes. Where fork is unavailable, or there is too
little work, it runs in-process.

The calling process works too (from its main thread): ``jobs`` processes at work are the caller and
``jobs - 1`` forked workers, not ``jobs`` workers beside a caller that only waits.
Each forked worker soon owns a private copy of most of the memory it inherited (in
CPython, reading an object writes its reference count, and the page holding it is
copied), so one worker fewer is one copy of the site fewer at the peak of a build.
The caller takes the chunks no worker has started (a cancelled future: the pool
never runs it), so the work stays shared out as it was.

A worker hands its results back in a file (``_Handed``), not through the pool's pipe. The
pipe is read 64 kB at a time by the pool's thread in this process, which must take the GIL
for each piece while the caller's own chunk holds it (up to the switch interval, 5 ms, per
piece): a worker's 12 MB of rendered Markdown took ~160 ms to cross, the worker idle
meanwhile (10,000 notes: 1.6 s of idle worker in a 4.2 s stage). Written at once to a file,
it is read back by the caller as it collects; only a marker crosses the pipe. Each chunk has
its own anonymous temporary file, made before the workers fork (they inherit it, as they do
the spill's, spill.py): unlinked as it is made, so nothing is left behind even by a killed
build, and no other process can open it. Where none can be made, or a worker cannot write its
file (a full disk), the results come back through the pipe as before.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import partial
from itertools import accumulate

__all__ = ["InChild", "fork_chunks", "fork_map", "stage_progress", "worker_count"]

# In one process, work that reports progress is done in about this many pieces, so that a
# progress bar moves; calling ``fn`` once per piece costs next to nothing.
_STEPS = 50
_NOTHING = object()
# Results files of one fork_map, at most (each an open descriptor while it runs): a machine of
# many cores makes many chunks, and the chunks after these send their results through the pipe.
_MOST_FILES = 256
# The running fork_map's (fn, shared, a results file for each chunk), set before its workers
# fork: they inherit it, never receive it pickled. The one module global of its kind.
_INHERITED: tuple = ()


def worker_count(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def fork_map(fn, items: list, jobs: int | None, min_items: int,
             progress: Callable[[int], None] | None = None, *, shared=_NOTHING,
             weight: Callable[[object], int] | None = None) -> list:
    """``[fn(chunk) for chunk in chunks of items]`` flattened, in order, across ``jobs`` processes;
    with ``shared``, ``fn(shared, chunk)``: workers inherit ``shared`` when they fork.

    ``fn`` takes a list and returns a list of the same length. ``progress(done)``, if given,
    is called in this process with the number of items done each time a chunk is finished.
    ``weight(item)``, if given, is what an item costs in units of the usual one: the work is
    forked out from ``min_items`` units on, and chunked by units instead of items. A process
    running other threads (the preview server) still forks only from ``min_items`` items: a fork
    there is a copy of one thread of many, done only where the work is large.
    """
    parts = sorted(fork_chunks(fn, items, jobs, min_items, progress, shared=shared, weight=weight),
                   key=lambda part: part[0])
    return [result for _, _, results in parts for result in results]


def fork_chunks(fn, items: list, jobs: int | None, min_items: int,
                progress: Callable[[int], None] | None = None, *, shared=_NOTHING,
                weight: Callable[[object], int] | None = None) -> Iterator[tuple[int, list, list]]:
    """``fork_map``'s work, each chunk handed over as it is done: ``(start, chunk, results)``,
    ``start`` the place of the chunk's first item in ``items``, in the order the chunks finish.
    While the caller handles one chunk's results, the workers go on with theirs (the caller
    does its own chunks between the ones it is handed): what it does with them overlaps the work."""
    workers = worker_count(jobs)
    call = fn if shared is _NOTHING else partial(fn, shared)
    weights = None if weight is None or workers == 1 else [weight(item) for item in items]
    work = len(items) if weights is None or threading.active_count() > 1 else sum(weights)
    if workers == 1 or work < min_items or not _can_fork():
        yield 0, items, call(items) if progress is None else _in_process(call, items, progress)
        return
    import multiprocessing  # here, not above: see _can_fork
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _INHERITED
    chunks = _guided_chunks(items, workers, weights=weights)
    starts = list(accumulate((len(chunk) for chunk in chunks), initial=0))
    files = _results_files(min(len(chunks), _MOST_FILES))
    before, _INHERITED = _INHERITED, (fn, shared, files)
    done = 0

    def finished(index: int, part) -> tuple[int, list, list]:
        nonlocal done
        if progress is not None:
            done += len(chunks[index])
            progress(done)
        return starts[index], chunks[index], part.take(files[index]) if isinstance(part, _Handed) else part

    # Only the main thread works beside its workers: a fork_map begun in another thread (the
    # preview's rest of a first build) leaves the work to them, so that the threads serving
    # pages, which share this process's interpreter, are not slowed down.
    caller_works = threading.current_thread() is threading.main_thread()
    try:
        # Every fork happens at the first submit (the pool starts all its workers then), before
        # this process has done any of the work.
        with ProcessPoolExecutor(workers - caller_works, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_inherited_call, index, chunk) for index, chunk in enumerate(chunks)]
            waiting = {future: index for index, future in enumerate(futures)}
            for index, future in enumerate(futures):
                if caller_works and future.cancel():  # no worker has it: this process does it
                    del waiting[future]
                    yield finished(index, call(chunks[index]))
                for ready in [f for f in waiting if f.done()]:
                    yield finished(waiting.pop(ready), ready.result())
            for ready in as_completed(list(waiting)):
                yield finished(waiting.pop(ready), ready.result())
    finally:
        _INHERITED = before
        for file in files or ():
            file.close()


def _can_fork() -> bool:
    # Imported here, not above: a build small enough to run in one process (most sites) never
    # needs multiprocessing and concurrent.futures (~15 ms of imports).
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _inherited_call(index: int, chunk: list):
    """In a worker: the function of the fork_map it was forked for, on ``chunk`` (the
    ``index``-th); its results in that chunk's file (see above), or themselves if that file
    cannot take them."""
    fn, shared, files = _INHERITED
    results = fn(chunk) if shared is _NOTHING else fn(shared, chunk)
    if files is None or index >= len(files):
        return results
    try:
        _Handed.give(files[index], results)
    except OSError:
        return results
    return _HANDED


def _results_files(count: int) -> list | None:
    """An anonymous temporary file for each of ``count`` chunks; None (results through the
    pipe) where they cannot be made."""
    files: list = []
    try:
        for _ in range(count):
            files.append(tempfile.TemporaryFile(prefix="plnsite-work-"))
    except OSError:
        for file in files:
            file.close()
        return None
    return files


class _Handed:
    """What a worker returns when its results wait in its chunk's file: ``give`` writes them
    there (in the worker), ``take`` reads them (in the caller)."""

    @staticmethod
    def give(file, value) -> None:
        with open(file.fileno(), "wb", closefd=False) as handle:  # (the descriptor the two share)
            handle.seek(0)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def take(file):
        file.seek(0)  # (the worker, done with it, moved the offset the two share)
        return pickle.load(file)


_HANDED = _Handed()


class InChild:
    """``fn(*args)`` worked out in a forked child process while this one goes on; ``result()``
    waits for it. For one piece of work beside another of about its size, in a process with no
    other threads (``plnsite build``): the child inherits ``args`` as they are (nothing is
    pickled to it) and hands its result back in an anonymous temporary file (as fork_map's
    workers do). Where no child can be forked (no fork, other threads running, a full process
    table), or the child fails in any way (raises, is killed, cannot write its file),
    ``result()`` works it out in this process: an error is then raised here, as if no child
    had been tried."""

    def __init__(self, fn, *args) -> None:
        self._fn, self._args, self._pid, self._file = fn, args, None, None
        if threading.active_count() > 1 or not hasattr(os, "fork"):
            return
        try:
            self._file = tempfile.TemporaryFile(prefix="plnsite-work-")
            self._pid = os.fork()
        except OSError:
            self._pid = None
            return
        if self._pid == 0:  # the child: never back into the caller's code, whatever happens
            code = 1
            try:
                _Handed.give(self._file, fn(*args))
                code = 0
            finally:
                os._exit(code)

    def result(self):
        pid, file, self._pid, self._file = self._pid, self._file, None, None
        if pid is not None:
            try:
                _, status = os.waitpid(pid, 0)
                if os.waitstatus_to_exitcode(status) == 0:
                    return _Handed.take(file)
            except (OSError, EOFError, pickle.UnpicklingError):
                pass
            finally:
                file.close()
        elif file is not None:
            file.close()
        return self._fn(*self._args)

    def __del__(self) -> None:
        # Never asked for (the caller failed before): the child is still reaped, its file closed.
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except OSError:
                pass
        if self._file is not None:
            self._file.close()


def stage_progress(progress, stage: str, total: int) -> Callable[[int], None] | None:
    """A ``progress(stage, done, total)`` callback (a build's progress bar) narrowed to one
    stage of ``total`` items, for fork_map; it is shown at 0 at once. None without a bar."""
    if progress is None:
        return None
    progress(stage, 0, total)
    return lambda done: progress(stage, done, total)


def _in_process(fn, items: list, progress: Callable[[int], None]) -> list:
    size = max(1, -(-len(items) // _STEPS))
    results: list = []
    for start in range(0, len(items), size):
        results += fn(items[start : start + size])
        progress(len(results))
    return results


def _guided_chunks(items: list, workers: int, smallest: int = 8, weights: list[int] | None = None) -> list[list]:
    """Chunks that shrink as the work runs out (each a share of what is left), so that
    no worker is left with a big last chunk while the others wait; with ``weights`` (one per
    item) the shares are of the weight left, not of the number of items."""
    chunks, start, total = [], 0, len(items)
    left = total if weights is None else sum(weights)
    while start < total:
        share = max(smallest, -(-left // (workers * 3)))
        if weights is None:
            end = min(total, start + share)
            taken = end - start
        else:
            end, taken = start, 0
            while end < total and taken < share:
                taken += weights[end]
                end += 1
        chunks.append(items[start:end])
        left -= taken
        start = end
    return chunks
