"""The preview's search index: Pagefind run in a background thread, never in the save path.

Nothing is indexed until the session first asks for search (its /search/ page or a file of
the index): a preview nobody searches never starts the indexer. From then on, each good
rebuild hands its outputs over (``update``, cheap), and a worker thread indexes them again
when a page that is indexed changed, or a page started or stopped being indexed; other saves
cost nothing. When the new index is ready, ``on_ready(files)`` swaps it in whole; until then
the last one is served (a save is searchable a moment after it is servable). Only the very
first request for a file of the index waits for it (at most ``WAIT_SECONDS``).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from ..model import Bytes, Output
from ..search import BUNDLE_DIR, index_pages, is_indexed
from ..urls import SEARCH_URL, file_for

__all__ = ["PreviewIndex", "WAIT_SECONDS", "is_search_path"]

WAIT_SECONDS = 60.0  # a first search of a large site waits for its index this long at most


class PreviewIndex:
    def __init__(self, on_ready: Callable[[dict[str, Bytes]], None], log: Callable[[str], None]) -> None:
        self._on_ready = on_ready
        self._log = log
        self._lock = threading.Condition()
        self._active = False
        self._enabled = True
        self._outputs: Mapping[str, Output] = {}
        self._version = 0  # of the outputs handed over
        self._done = 0  # the version the index is of
        self._worker: threading.Thread | None = None
        self._stopping = False
        self.files: dict[str, Bytes] = {}
        self._held: dict[str, bytes] = {}  # each HTML page's bytes as held, when last looked at
        self._indexed: set[str] = set()  # the pages the index holds
        self._warned = False
        self.runs = 0  # times Pagefind ran (tests, benchmarks)

    def update(self, outputs: Mapping[str, Output], enabled: bool) -> None:
        """A good build's outputs (called after each, in the save path: does no work there)."""
        with self._lock:
            self._outputs, self._enabled = outputs, enabled
            self._version += 1
            if self._active:
                self._start()

    def wanted(self, wait: bool) -> None:
        """Search is used: start indexing if nothing has been; with ``wait``, return once there
        is an index (or after WAIT_SECONDS)."""
        with self._lock:
            if not self._active:
                self._active = True
                self._start()
            if wait:
                self._lock.wait_for(lambda: self._done > 0 or self._stopping, timeout=WAIT_SECONDS)

    def busy(self) -> bool:
        """Whether a build handed over is not indexed yet (or looked at)."""
        with self._lock:
            return self._active and self._done < self._version

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()

    def _start(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="plnsite-preview-search", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._stopping or self._done >= self._version:
                    self._lock.notify_all()
                    self._worker = None
                    return
                version, outputs, enabled = self._version, self._outputs, self._enabled
            try:
                files = self._index(outputs) if enabled else {}
            except Exception as exc:  # a bug must not leave requests waiting: serve without an index
                self._log(f"warning: search: the preview's index could not be made ({type(exc).__name__}: {exc})")
                files = {}
            with self._lock:
                if files is not None:
                    self.files = files
                self._done = version
                self._lock.notify_all()
            if files is not None:
                self._on_ready(files)

    def _index(self, outputs: Mapping[str, Output]) -> dict[str, Bytes] | None:
        """The new index; None when no page that is (or was) indexed changed."""
        held = {f: o.body for f, o in outputs.items() if f.endswith(".html") and o.body is not None}
        changed = {f for f, body in held.items() if self._held.get(f) != body} | (self._held.keys() - held.keys())
        pages = {f: outputs[f].plain() for f in changed if f in held}
        now_indexed = (self._indexed - changed) | {f for f, html in pages.items() if is_indexed(html)}
        if not self._held.keys() or changed & (self._indexed | now_indexed):
            self.runs += 1
            with tempfile.TemporaryDirectory(prefix="plnsite-search-") as work:
                made = index_pages(((f, pages[f] if f in pages else outputs[f].plain()) for f in sorted(now_indexed)),
                                   Path(work) / "index")
            self._held, self._indexed = held, now_indexed
            if made.problems and not self._warned:  # once a session
                self._warned = True
                for problem in made.problems:
                    self._log(str(problem))
            return made.files or {}
        self._held, self._indexed = held, now_indexed
        return None


def is_search_path(rel: str) -> bool:
    """A request the index is for: the search page or a file of the index."""
    return rel.startswith(f"{BUNDLE_DIR}/") or rel in (SEARCH_URL, file_for(SEARCH_URL))

