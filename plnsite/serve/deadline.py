"""Deadline: a build of the preview server stopped when it runs past a time limit.

A rebuild runs in a thread of the server process, since it works on the session's memo, and a
thread cannot be killed from outside. When the time is up, the build is stopped three ways:

- ``BuildCutOff`` is raised in the building thread (CPython's ``PyThreadState_SetAsyncExc``):
  it takes effect at that thread's next Python instruction, so it stops one long piece of work
  too (Markdown of a huge note, a template's runaway loop);
- the worker processes the build forked (large batches of pages or Markdown) are terminated, so
  that a thread waiting on them wakes up;
- the build's progress callback, which every stage calls as it starts and after each piece of
  work, raises ``BuildCutOff`` (where the first way is not available).

``BuildCutOff`` derives from BaseException, so the ``except Exception`` that turns a template's
error into a problem cannot swallow it. Writing the output folder (``serve -o``) is not
stopped once it has begun: it is left whole. After a cut-off the memo may be half updated; the
caller starts a fresh one.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import threading

__all__ = ["BuildCutOff", "Deadline"]

_WRITING = "write"  # the output stage's name in progress(stage, done, total)


class BuildCutOff(BaseException):
    """Raised in a build that ran past its deadline."""


class Deadline:
    """``with Deadline(seconds) as deadline: build(..., progress=deadline.progress)``: the
    ``with`` ends in BuildCutOff when the time ran out before the build finished (or ``expire``
    was called), and never leaves a BuildCutOff behind to be raised later. ``seconds`` None:
    only ``expire`` stops it."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.stage: str | None = None  # the last stage the build reported
        self.expired = False
        self._lock = threading.Lock()
        self._armed = False
        self._thread_id = 0
        self._children: frozenset[int] = frozenset()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        self._thread_id = threading.get_ident()
        self._children = _child_pids()
        self._armed = True
        if self.seconds is not None:
            self._timer = threading.Timer(max(0.0, self.seconds), self.expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage = stage
        if stage == _WRITING:
            with self._lock:
                self._armed = False
        elif self.expired:
            raise BuildCutOff

    def expire(self) -> None:
        """Stop the build now: its time is up, or the server is stopping."""
        with self._lock:
            if not self._armed or self.expired:
                return
            self.expired = True
            _raise_in(self._thread_id, BuildCutOff)
        for child in multiprocessing.active_children():
            if child.pid not in self._children:
                child.terminate()

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._armed = False
        if not self.expired:
            return False
        _raise_in(self._thread_id, None)  # one sent but not raised yet is never raised after the with
        if exc is not None and not isinstance(exc, Exception):
            return False  # the BuildCutOff itself (or Ctrl-C) on its way out
        # An error of a killed worker, or no end at all (the build finished as the time ran out,
        # or a stage swallowed the exception): cut off all the same.
        raise BuildCutOff from exc


def _child_pids() -> frozenset[int]:
    return frozenset(child.pid for child in multiprocessing.active_children())


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Have the thread raise ``exc_type`` at its next Python instruction (None: forget one not
    raised yet). Not in Pythons without CPython's C API: there the progress checks stop the build."""
    api = getattr(ctypes, "pythonapi", None)
    if api is None or not hasattr(api, "PyThreadState_SetAsyncExc"):
        return
    api.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)
