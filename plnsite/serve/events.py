"""Broadcaster: rebuild results fanned out to every open page over Server-Sent Events.

Each change has a version number. A page knows the version it was served at; a
page that missed changes (a hidden tab, a reconnect) asks ``changes_since`` and
learns every URL that changed after its version (Lektor's versionId idea).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator

from ..model import Change

__all__ = ["Broadcaster"]

_HISTORY = 500


class Broadcaster:
    def __init__(self, ping_seconds: float = 15.0, stream_seconds: float = 300.0) -> None:
        self._cond = threading.Condition()
        self._history: deque[Change] = deque(maxlen=_HISTORY)
        self._last: Change = Change(version=0, urls=(), css_only=False, problems=())
        self.ping_seconds = ping_seconds
        self.stream_seconds = stream_seconds
        self.closed = False

    @property
    def version(self) -> int:
        return self._last.version

    @property
    def last(self) -> Change:
        return self._last

    def publish(self, change: Change) -> None:
        with self._cond:
            self._history.append(change)
            self._last = change
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def changes_since(self, version: int) -> dict:
        """Every URL changed after ``version``; ``reload`` when history no longer reaches back."""
        with self._cond:
            later = [c for c in self._history if c.version > version]
            # Complete when the history still holds the change right after ``version``.
            complete = not later or self._history[0].version <= version + 1
        urls = sorted({u for c in later for u in c.urls})
        return {
            "version": self._last.version,
            "urls": urls,
            "css": bool(urls) and all(c.css_only for c in later if c.urls),
            "reload": not complete,
        }

    def stream(self) -> Iterator[bytes]:
        """An SSE stream: the current state at once, each change as it happens, pings, and
        an end after ``stream_seconds`` (the client reconnects, so threads are recycled)."""
        deadline = time.monotonic() + self.stream_seconds
        yield b"retry: 1000\n\n"
        seen = -1
        while not self.closed:
            with self._cond:
                if self._last.version == seen:
                    self._cond.wait(timeout=min(self.ping_seconds, max(0.0, deadline - time.monotonic())))
                change = self._last
            if self.closed or time.monotonic() >= deadline:
                return
            if change.version != seen:
                seen = change.version
                yield _event(change)
            else:
                # The ping is the last event again, not an SSE comment (which EventSource never
                # hands to the page), so a page that missed a change notices it is behind.
                yield _event(change)


def _event(change: Change) -> bytes:
    payload = {
        "version": change.version,
        "urls": list(change.urls),
        "css": change.css_only,
        "problems": [str(p) for p in change.problems],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()
