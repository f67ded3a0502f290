"""plnsite.parallel: fork_map's chunks and results; InChild."""

from __future__ import annotations

import os
import select
import tempfile
import threading

import pytest

from plnsite.parallel import InChild, _guided_chunks, fork_chunks, fork_map
from tests.forking import WorkerFirst


def test_guided_chunks_cover_everything_in_order_and_shrink():
    items = list(range(10_000))
    chunks = _guided_chunks(items, 2)
    assert [x for chunk in chunks for x in chunk] == items
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True)[: len(sizes) - 1] + sizes[-1:]  # shrinking; the last is the rest
    assert sizes[0] == -(-10_000 // 6) and sizes[-2] == 8
    assert _guided_chunks([], 2) == [] and _guided_chunks([1, 2, 3], 4) == [[1, 2, 3]]


def test_weighted_chunks_share_out_the_weight_not_the_count():
    """Twelve heavy items among a hundred light ones: the first chunks take a few heavy items
    each (not a fixed count), and the chunks still shrink as the weight left does."""
    items = ["heavy" if i % 9 == 0 and i < 108 else "light" for i in range(200)]
    weights = [30 if x == "heavy" else 1 for x in items]
    chunks = _guided_chunks(items, 2, weights=weights)
    assert [x for chunk in chunks for x in chunk] == items
    per_chunk = [sum(30 if x == "heavy" else 1 for x in c) for c in chunks]
    assert max(c.count("heavy") for c in chunks) <= 3, per_chunk  # 12 heavy ones over many chunks
    assert per_chunk[0] >= per_chunk[-2] and len(chunks) > 8
    assert _guided_chunks(list(range(50)), 2, weights=[1] * 50) == _guided_chunks(list(range(50)), 2)


def test_weight_decides_whether_to_fork_in_a_process_of_one_thread(monkeypatch):
    """Below min_items units of work, everything stays in this process; a few heavy items fork,
    unless the process runs other threads (the preview server): there only many items fork."""
    import plnsite.parallel as parallel

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # a one-shot build
    light = fork_map(_tagged, list(range(20)), jobs=2, min_items=100)
    assert {pid for _, pid in light} == {os.getpid()}
    with WorkerFirst(_tagged) as tagged:
        heavy = fork_map(tagged, list(range(20)), jobs=2, min_items=100, weight=lambda x: 10)
    assert [r for r, _ in heavy] == [x * x for x in range(20)]
    assert len({pid for _, pid in heavy}) == 2, "20 items of weight 10 are worth a second process"
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 4)  # a server's threads beside
    threaded = fork_map(_tagged, list(range(20)), jobs=2, min_items=100, weight=lambda x: 10)
    assert {pid for _, pid in threaded} == {os.getpid()}


def _tagged(chunk: list[int]) -> list[tuple[int, int]]:
    return [(x * x, os.getpid()) for x in chunk]


@pytest.mark.parametrize("jobs", [2, 3])
def test_fork_map_keeps_order_across_processes_and_forks_one_worker_fewer_than_jobs(jobs):
    results = fork_map(_tagged, list(range(500)), jobs=jobs, min_items=10)
    assert [r for r, _ in results] == [x * x for x in range(500)]
    assert len({pid for _, pid in results} - {os.getpid()}) <= jobs - 1, "this process is one of the jobs"


_HELD: list[bool] = []  # in a worker: it has waited once


def _held_until_the_caller_works(shared: tuple[int, int, int], chunk: list[int]) -> list[tuple[int, int]]:
    """In a worker, at its first chunk: wait until the calling process has done a chunk (at
    most 20 s); in the caller: say so."""
    caller, readable, writable = shared
    if os.getpid() == caller:
        os.write(writable, b"x")
    elif not _HELD:
        _HELD.append(True)
        select.select([readable], [], [], 20)
    return [(x, os.getpid()) for x in chunk]


def test_the_calling_process_takes_the_chunks_no_worker_has_started():
    # The one worker is held at its first chunk until the caller has done one: only the caller
    # taking chunks itself lets the work go on (else each worker waits out its 20 s, and the
    # caller is missing from the pids).
    readable, writable = os.pipe()
    try:
        results = fork_map(_held_until_the_caller_works, list(range(500)), jobs=2, min_items=10,
                           shared=(os.getpid(), readable, writable))
    finally:
        os.close(readable)
        os.close(writable)
    assert [x for x, _ in results] == list(range(500))
    assert os.getpid() in {pid for _, pid in results}


def test_a_fork_map_begun_in_another_thread_leaves_the_work_to_its_workers():
    # The preview renders the rest of a first build in a background thread while its other
    # threads serve pages from the same interpreter: there the caller only waits.
    found = {}

    def run():
        found["results"] = fork_map(_tagged, list(range(500)), jobs=2, min_items=10)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    results = found["results"]
    assert [r for r, _ in results] == [x * x for x in range(500)]
    assert os.getpid() not in {pid for _, pid in results}


def test_fork_map_runs_small_work_in_process():
    results = fork_map(_tagged, list(range(5)), jobs=2, min_items=10)
    assert {pid for _, pid in results} == {os.getpid()}


def _squares(chunk: list[int]) -> list[int]:
    return [x * x for x in chunk]


@pytest.mark.parametrize("jobs", [1, 2])
def test_fork_map_reports_each_finished_chunk(jobs):
    heard: list[int] = []
    results = fork_map(_squares, list(range(1000)), jobs=jobs, min_items=10, progress=heard.append)
    assert results == [x * x for x in range(1000)]
    assert heard[-1] == 1000 and heard == sorted(heard) and len(heard) >= 5


class _Unpicklable:
    """Shared values are inherited by the forked workers, never pickled to them."""

    def __init__(self, factor: int) -> None:
        self.factor = factor

    def __reduce__(self):
        raise AssertionError("shared values must not be pickled")


def _scaled(shared: _Unpicklable, chunk: list[int]) -> list[tuple[int, int]]:
    return [(x * shared.factor, os.getpid()) for x in chunk]


@pytest.mark.parametrize("jobs, items", [(2, 500), (2, 5), (1, 500)])
def test_fork_map_hands_shared_values_to_workers_and_in_process(jobs, items):
    forks = jobs > 1 and items >= 10
    with WorkerFirst(_scaled) as scaled:
        results = fork_map(scaled if forks else _scaled, list(range(items)), jobs=jobs, min_items=10,
                           shared=_Unpicklable(3))
    assert [r for r, _ in results] == [x * 3 for x in range(items)]
    pids = {pid for _, pid in results}
    assert len(pids - {os.getpid()}) == 1 if forks else pids == {os.getpid()}


def _pages(chunk: list[int]) -> list[tuple[int, str, int]]:
    return [(x, "x" * 200_000, os.getpid()) for x in chunk]  # ~200 kB a result, as rendered texts are


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The temporary folder fork_map makes its results files in (the forked workers inherit it)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def counted_takes(monkeypatch) -> list[int]:
    """How many chunks' results the caller read from a file."""
    import plnsite.parallel as parallel

    taken: list[int] = []
    take = parallel._Handed.take
    monkeypatch.setattr(parallel._Handed, "take", staticmethod(lambda file: taken.append(1) or take(file)))
    return taken


def test_a_workers_results_come_back_in_a_file_the_caller_reads(private_tmp, counted_takes):
    """Not through the pool's pipe, which the pool's thread reads 64 kB at a time, taking the GIL
    from the caller's own chunk for each piece (RESULTS.md: a worker idle 1.6 s of a 4.2 s stage).
    The files are anonymous (nothing named in the temporary folder, even while they are written)
    and closed after."""
    before = _open_descriptors()
    with WorkerFirst(_pages) as pages:
        results = fork_map(pages, list(range(60)), jobs=2, min_items=10)
    assert [(x, len(text)) for x, text, _ in results] == [(x, 200_000) for x in range(60)]
    workers = {pid for _, _, pid in results} - {os.getpid()}
    assert workers and counted_takes, "the worker's chunks came back through files"
    assert list(private_tmp.iterdir()) == []
    assert _open_descriptors() == before


def _fails(chunk: list[int]) -> list[int]:
    raise ValueError(f"chunk of {len(chunk)}")


def test_a_failing_worker_leaves_no_results_file_open(private_tmp):
    before = _open_descriptors()
    with pytest.raises(ValueError, match="chunk of"):
        fork_map(_fails, list(range(60)), jobs=2, min_items=10)
    assert _open_descriptors() == before
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("broken", ["TemporaryFile", "dump"])
def test_results_come_back_through_the_pipe_where_no_file_can_be_written(private_tmp, monkeypatch, broken):
    """No results files (a read-only temporary folder), or no room in one (a full disk, in the
    worker, which inherits the patch): the results come back the usual way, whole."""
    import pickle

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile if broken == "TemporaryFile" else pickle, broken, refuse)
    import plnsite.parallel as parallel

    monkeypatch.setattr(parallel._Handed, "take", staticmethod(lambda file: pytest.fail("no file was written")))
    with WorkerFirst(_pages) as pages:
        results = fork_map(pages, list(range(60)), jobs=2, min_items=10)
    assert [(x, len(text)) for x, text, _ in results] == [(x, 200_000) for x in range(60)]
    assert len({pid for _, _, pid in results}) == 2


def test_chunks_beyond_the_most_files_come_back_through_the_pipe(monkeypatch, counted_takes):
    """A machine of many cores makes many chunks: only so many files are opened at once."""
    import plnsite.parallel as parallel

    monkeypatch.setattr(parallel, "_MOST_FILES", 1)
    results = fork_map(_pages, list(range(60)), jobs=2, min_items=10)
    assert [(x, len(text)) for x, text, _ in results] == [(x, 200_000) for x in range(60)]
    assert len(counted_takes) <= 1


@pytest.fixture
def one_thread(monkeypatch):
    """As in ``plnsite build``: no thread but the main one (pytest's own may be running)."""
    import plnsite.parallel as parallel

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)


def _where(text: str) -> tuple[str, int]:
    return text.upper() * 50_000, os.getpid()


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_in_child_works_in_another_process_and_leaves_nothing(one_thread, private_tmp):
    """The result (here 150 kB) comes back whole from a child that is then gone: reaped, its
    file closed, nothing named in the temporary folder."""
    before = _open_descriptors()
    pending = InChild(_where, "abc")
    child = pending._pid
    text, pid = pending.result()
    assert text == "ABC" * 50_000 and pid == child != os.getpid()
    assert _reaped(child) and _open_descriptors() == before and list(private_tmp.iterdir()) == []


def _fails_in_a_child(parent: int) -> int:
    if os.getpid() != parent:
        raise ValueError("only in the child")
    return 42


def _killed_in_a_child(parent: int) -> int:
    if os.getpid() != parent:
        os.kill(os.getpid(), 9)
    return 7


def _raises(parent: int) -> int:
    raise ValueError(f"from {'the caller' if os.getpid() == parent else 'a child'}")


def test_in_child_works_it_out_here_when_the_child_fails(one_thread):
    """A child that raises or is killed: result() works it out in the caller, whose error (if
    any) is raised as from a plain call."""
    before = _open_descriptors()
    assert InChild(_fails_in_a_child, os.getpid()).result() == 42
    assert InChild(_killed_in_a_child, os.getpid()).result() == 7
    with pytest.raises(ValueError, match="from the caller"):
        InChild(_raises, os.getpid()).result()
    assert _open_descriptors() == before


def test_in_child_forks_nothing_beside_other_threads_or_without_a_temporary_file(monkeypatch):
    """Beside other threads (the preview server) a fork copies one thread of many: none is made.
    Nor where no temporary file can be made for the result."""
    import plnsite.parallel as parallel

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)
    pending = InChild(_where, "a")
    assert pending._pid is None and pending.result()[1] == os.getpid()

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    pending = InChild(_where, "a")
    assert pending._pid is None and pending.result()[1] == os.getpid()


def test_an_in_child_never_asked_for_is_reaped_when_let_go(one_thread):
    before = _open_descriptors()
    pending = InChild(_where, "a")
    child = pending._pid
    del pending
    assert _reaped(child) and _open_descriptors() == before


def test_fork_chunks_hands_each_chunk_over_once_as_it_is_done(private_tmp):
    """Every chunk once, with where it starts; from both processes; progress counted as they come;
    put in order, they are fork_map's results. The caller's handling of a chunk is its own work
    between the chunks (here it reads each chunk's results again)."""
    items = list(range(500))
    seen: list[int] = []
    handed = []
    for start, chunk, results in fork_chunks(_tagged, items, jobs=2, min_items=10, progress=seen.append):
        assert chunk == items[start:start + len(chunk)] and [r for r, _ in results] == [x * x for x in chunk]
        handed.append((start, results))
    assert len(handed) > 2 and len({start for start, _ in handed}) == len(handed)
    assert [r for _, results in sorted(handed) for r, _ in results] == [x * x for x in items]
    assert {pid for _, results in handed for _, pid in results} - {os.getpid()}, "a worker did some"
    assert seen == sorted(seen) and seen[-1] == 500 and len(seen) == len(handed)
    assert list(private_tmp.iterdir()) == []


def test_fork_chunks_below_the_minimum_is_one_chunk_in_this_process():
    [(start, chunk, results)] = list(fork_chunks(_tagged, list(range(5)), jobs=2, min_items=10))
    assert start == 0 and chunk == [0, 1, 2, 3, 4] and {pid for _, pid in results} == {os.getpid()}
