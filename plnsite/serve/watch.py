"""Folder watching with watchdog (its one home): events → debounced sets of changed files.

Folders are watched, not files, so an editor that saves by writing a temporary
file and renaming it over the original (vim, many IDEs) is seen as a change of
the original. Editor droppings (swap, backup and lock files) and the output
folder are ignored. A burst of events becomes one set after a short quiet
period, capped so a stream of events cannot postpone a rebuild forever.

The quiet period is there for files still being written. Once every file of a burst is known
to be whole (closed after writing, where the system reports it, as Linux's inotify does, or
renamed into place), waiting longer only delays the preview: the set is reported after a much
shorter settling pause (which still joins the few events one save makes). A file moved away,
deleted, created or only modified waits out the full quiet period: it may be mid-save.
"""

from __future__ import annotations

import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

__all__ = ["Watcher", "ignored"]

QUIET_SECONDS = 0.012
SETTLE_SECONDS = 0.002  # after the last event, when every pending file is whole
MAX_WAIT_SECONDS = 0.25
# watchdog's inotify observer warns when folders made in quick succession inside a watched
# tree (mkdir -p, a theme folder copied in) are registered twice; it keeps one registration
# and goes on watching, so there is nothing for the writer to act on.
_DOUBLE_REGISTRATION = r"Callback with id .* already exists for watch"
_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload", "~")


def ignored(path: Path, skip: Iterable[Path] = ()) -> bool:
    """Swap/backup/lock files, vim's 4913 probe, dot- and underscore-names, and skipped folders."""
    name = path.name
    if not name or name == "4913" or name.endswith(_SUFFIXES):
        return True
    if name.startswith((".#", "#")) or (name.startswith(".") and name.endswith(".tmp")):
        return True
    return _inside(path, skip)


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


class _Handler(FileSystemEventHandler):
    def __init__(self, collect: Callable[[Path, bool], None]) -> None:
        self.collect = collect

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return
        dest = getattr(event, "dest_path", "")
        # Whole: closed after writing, or the name a finished file was renamed to.
        self.collect(Path(_text(event.src_path)), event.event_type == "closed")
        if dest:
            self.collect(Path(_text(dest)), True)


def _text(path) -> str:
    return path.decode() if isinstance(path, bytes) else path


class Watcher:
    """Calls ``on_change(paths)`` from its own thread, once per burst of saves."""

    def __init__(self, folders: Iterable[Path], on_change: Callable[[frozenset[Path]], None],
                 skip: Iterable[Path] = (), poll: bool = False, shallow: Iterable[Path] = ()) -> None:
        """``folders`` are watched with everything below them; ``shallow`` ones for their own
        entries only (a folder that appears there can then be watched with ``watch``)."""
        self.folders = [Path(f).resolve() for f in folders if Path(f).is_dir()]
        self.shallow = [Path(f).resolve() for f in shallow if Path(f).is_dir()]
        self.skip = tuple(Path(s).resolve() for s in skip)
        self.on_change = on_change
        self._observer = PollingObserver(timeout=0.2) if poll else Observer()
        self._pending: set[Path] = set()
        self._unsettled: set[Path] = set()  # pending files whose last event left them mid-save
        self._first = 0.0
        self._last = 0.0
        self._cond = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="plnsite-watch", daemon=True)

    def start(self) -> None:
        warnings.filterwarnings("ignore", message=_DOUBLE_REGISTRATION, category=RuntimeWarning)
        self._handler = _Handler(self._collect)
        for folder in self.folders:
            self._observer.schedule(self._handler, str(folder), recursive=True)
        for folder in self.shallow:
            self._observer.schedule(self._handler, str(folder), recursive=False)
        self._observer.start()
        self._thread.start()

    def watch(self, folder: Path, recursive: bool = True) -> bool:
        """Watch ``folder`` (with everything below it, unless not ``recursive``) from now on (once);
        True if it is new."""
        folder = Path(folder).resolve()
        if not folder.is_dir() or any(folder == f or folder.is_relative_to(f) for f in self.folders) \
                or (not recursive and folder in self.shallow):
            return False
        (self.folders if recursive else self.shallow).append(folder)
        self._observer.schedule(self._handler, str(folder), recursive=recursive)
        return True

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._observer.stop()
        self._observer.join(timeout=2)

    def _collect(self, path: Path, whole: bool = False) -> None:
        now = time.monotonic()
        if _inside(path, self.skip) or self._hidden(path.parent):
            return
        if ignored(path) or self._hidden(path):  # an editor's own file (swap, backup, lock): its save goes on
            with self._cond:
                if self._pending:
                    self._last = now
            return
        with self._cond:
            if not self._pending:
                self._first = now
            self._pending.add(path)
            if whole:
                self._unsettled.discard(path)
            else:
                self._unsettled.add(path)
            self._last = now
            self._cond.notify_all()

    def _due(self) -> float:
        """When the pending set is to be reported (monotonic seconds); under ``_cond``."""
        pause = QUIET_SECONDS if self._unsettled else SETTLE_SECONDS
        return min(self._last + pause, self._first + MAX_WAIT_SECONDS)

    def _hidden(self, path: Path) -> bool:
        """Inside a "." or "_" folder of a watched tree (.git, .plnsite-cache, _drafts)."""
        for folder in self.folders:
            if path.is_relative_to(folder):
                return any(p.startswith((".", "_")) for p in path.relative_to(folder).parts)
        return False

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                now, due = time.monotonic(), self._due()
                if now < due:
                    self._cond.wait(timeout=due - now)
                    continue
                batch, self._pending = frozenset(self._pending), set()
                self._unsettled.clear()
            try:
                self.on_change(batch)
            except Exception:  # one failed rebuild must not end watching for good
                traceback.print_exc()
