"""A chunk function for fork_map tests that need a forked worker's results beside the caller's.

fork_map's calling process does every chunk whose future it can still cancel, that is every
chunk the pool's manager thread has not yet queued for a worker. On a loaded machine that thread
may not run before the caller has done a few light chunks, all of them (CI's floor run once
failed so), and a test that expects a worker's pid would fail by the scheduler's hand.
``WorkerFirst`` holds the caller at its first chunk until a worker has begun one (at most
20 s), so such a test fails only where no worker was forked.
"""

from __future__ import annotations

import os
import select


class WorkerFirst:
    """Wraps ``fn(*args)`` as a fork_map chunk function; use it as a context manager (its pipe)."""

    def __init__(self, fn) -> None:
        self.fn = fn
        self.caller = os.getpid()
        self.readable, self.writable = os.pipe()
        self.waited = False

    def __call__(self, *args):
        if os.getpid() != self.caller:
            os.write(self.writable, b"x")
        elif not self.waited:
            self.waited = True
            select.select([self.readable], [], [], 20)
        return self.fn(*args)

    def __enter__(self) -> WorkerFirst:
        return self

    def __exit__(self, *exc) -> None:
        os.close(self.readable)
        os.close(self.writable)
