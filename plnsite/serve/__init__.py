"""serve: bind the port, build, then watch, rebuild what a save affects, and push changes to the browser.

The port is bound before the first build, so a busy one is reported at once; a folder that
is no site at all is refused before either, with the message ``plnsite build`` gives.

The pieces are separate so tests drive each one without sockets: ``Rebuilder``
(what to rebuild), ``PreviewApp`` (a WSGI callable), ``Broadcaster`` (SSE),
``Watcher`` (watchdog). This module only wires them to a real HTTP server.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, count_line
from ..load import require_site
from ..model import BuildOptions, Change, ChangeSet
from ..paths import display_path
from .app import PreviewApp, ServerState
from .events import Broadcaster
from .hosts import browsable_host, is_wildcard, listen_address, reachable_from_elsewhere
from .httpd import IDLE_SECONDS, PreviewHTTPServer
from .rebuild import REBUILD_LIMIT, Rebuilder, classify, snapshot_folders
from .search import PreviewIndex
from .watch import Watcher

__all__ = ["serve", "ServeOptions", "PreviewServer"]


@dataclass(frozen=True, slots=True)
class ServeOptions:
    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    output: Path | None = None
    open_browser: bool = False
    poll: bool = False
    live_reload: bool = True  # False: pages without the client; saves still rebuild (reload by hand)
    idle_seconds: float = IDLE_SECONDS  # a connection that sends no request, or takes no response, this long is closed
    rebuild_limit: float | None = REBUILD_LIMIT  # seconds before a rebuild is cut off (None: never); see Rebuilder


class PreviewServer:
    """Everything `plnsite serve` runs, startable and stoppable from tests too."""

    def __init__(self, opts: ServeOptions, log=None) -> None:
        self.opts = opts
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.rebuilder = Rebuilder(opts.build, output=opts.output, limit=opts.rebuild_limit)
        self.rebuilder.on_complete = self._completed
        self.events = Broadcaster()
        self.state = ServerState()
        self.app = PreviewApp(self.state, self.events, live_reload=opts.live_reload)
        self.search = PreviewIndex(self._search_ready, self.log)
        self.app.search = self.search.wanted
        self._publishing = threading.Lock()  # a build and a new search index are published one at a time
        self.httpd = None
        self.watcher: Watcher | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.changes = 0

    @property
    def address(self) -> str:
        """The address listened on (0.0.0.0 or :: for all of them)."""
        return self.httpd.server_address[0]

    @property
    def url(self) -> str:
        """Where a browser on this machine opens the preview (loopback when listening on all addresses)."""
        return f"http://{browsable_host(self.address)}:{self.httpd.server_address[1]}{self.state.base_path}"

    def start(self) -> None:
        """Refuse a folder that is no site (ConfigError), bind the port (UsageError when it is
        taken), build, serve and watch. Requests that come in during the first build wait."""
        require_site(Path(self.opts.build.source))
        self.bind()
        change = self.rebuilder.first_build()
        self._publish(change, first=True)
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="plnsite-http", daemon=True)
        self._thread.start()
        skip = [self.opts.output] if self.opts.output else []
        # The site's themes/ folder, also when it (or the theme in it) is made while serving:
        # the folder that holds content/ is watched for its own entries only.
        site = self.rebuilder.builder.site
        snapshots = snapshot_folders(Path(self.opts.build.source))
        if site is not None and site.config.webmention is not None:
            for folder in snapshots:  # made here if no fetch has run yet, so that the first one is seen
                folder.mkdir(parents=True, exist_ok=True)
        self.watcher = Watcher([*self.rebuilder.watched_folders(), self._site_themes, *snapshots], self.on_change,
                               skip=skip, poll=self.opts.poll, shallow=[self._site_themes.parent])
        self.watcher.start()
        self._watch_snapshot()

    def bind(self) -> None:
        family, address = listen_address(self.opts.host, self.opts.port)
        try:
            self.httpd = PreviewHTTPServer(family, address, self.app, idle_seconds=self.opts.idle_seconds)
        except OSError as exc:  # port in use, unknown host: a usage problem, not a traceback
            raise UsageError(f"cannot serve on {self.opts.host}:{self.opts.port}: {exc.strerror or exc}"
                             " (try another --port, or --port 0 for a free one)") from None

    @property
    def _site_themes(self) -> Path:
        return Path(self.opts.build.source).resolve().parent / "themes"

    def _watch_snapshot(self) -> bool:
        """Watch the folder ``plnsite fetch`` writes the network snapshot to, for its own files;
        until it exists, the cache folder it will be made in (True: the snapshot folder is new
        to the watcher, and may already hold a snapshot it has not seen)."""
        snapshots = self.rebuilder.snapshot_folder
        if self.watcher is None:
            return False
        self.watcher.watch(snapshots.parent, recursive=False)  # where fetch makes it; its other folders are caches
        return self.watcher.watch(snapshots, recursive=False)

    def on_change(self, paths: frozenset[Path]) -> None:
        if self._stopping:
            return
        themes = self._site_themes
        if self.watcher is not None and themes.is_dir():
            self.watcher.watch(themes)  # made while serving: watch it from now on
        snapshots = self.rebuilder.snapshot_folder
        if self._watch_snapshot():
            paths = paths | {snapshots}  # made while serving: read what it holds
        # Of the entries of the folder that holds content/, only themes/ concerns the site; of
        # the cache folder's, only the snapshots (the network's, the mentions').
        kept = (snapshots, *snapshot_folders(Path(self.opts.build.source)))
        paths = frozenset(p for p in paths if (p.parent != themes.parent or p == themes)
                          and (not p.is_relative_to(snapshots.parent) or any(p.is_relative_to(k) for k in kept)))
        if not paths:
            return
        changes: ChangeSet = classify(paths, Path(self.opts.build.source), self.rebuilder.theme_dirs)
        change = self.rebuilder.rebuild(changes)
        if not self._stopping:  # a rebuild cut off because the server stops is no news
            self._publish(change)

    def _publish(self, change: Change, first: bool = False, completed: bool = False) -> None:
        rebuilder = self.rebuilder
        images = rebuilder.memo.images.folder  # photos' copies and stripped originals
        with self._publishing:
            self.state.update({**rebuilder.outputs, **rebuilder.placeholders, **self.search.files}, rebuilder.base_path,
                              roots=(Path(self.opts.build.source), *rebuilder.theme_dirs,
                                     *((images,) if images is not None else ())))
        site = rebuilder.builder.site
        self.search.update(rebuilder.outputs, enabled=site is None or site.config.search)
        self.events.publish(change)
        self.changes += 1
        for problem in rebuilder.problems:
            self.log(str(problem))
        if first or completed:  # the first build, or its pages rendered after it (serve/deferred.py)
            if change.problems:
                self.log(f"build failed: {count_line(rebuilder.problems)}; the preview lists the problems "
                         "until they are fixed")
            elif completed:
                self.log(f"rendered the other pages in {change.seconds:.1f} s")
            return
        if change.problems:
            self.log(f"rebuild failed: {count_line(rebuilder.problems)}; serving the last good build")
        else:
            shown = ", ".join(change.urls[:3]) + (" …" if len(change.urls) > 3 else "")
            self.log(f"rebuilt in {change.seconds * 1000:.0f} ms: {len(change.urls)} changed {shown}".rstrip())

    def _completed(self, change: Change) -> None:
        """The first build's last pages are rendered (serve/deferred.py): serve them as made."""
        self._publish(change, completed=True)

    def _search_ready(self, files) -> None:
        """A new search index, made in the background: served from now on with the last good build."""
        with self._publishing:
            self.state.update({**self.rebuilder.outputs, **self.rebuilder.placeholders, **files})

    def stop(self) -> None:
        self._stopping = True
        self.search.stop()
        self.rebuilder.stop()
        if self.watcher is not None:
            self.watcher.stop()
        self.events.close()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def one_malloc_arena() -> bool:
    """Have glibc use one malloc arena for all threads (as ``MALLOC_ARENA_MAX=1`` would).

    By default each thread that allocates gets an arena of its own, which keeps what was freed
    in it: the pool thread that receives the render workers' pages, the watcher thread that
    rebuilds and the request threads each held their own (about 16 MiB more at 10,000 notes).
    Python threads take turns under the GIL, so one arena costs no speed. Elsewhere (no
    glibc): nothing is done. True when the setting took."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1) == 1
    except (OSError, AttributeError, TypeError):  # no C library to load, or no mallopt in it
        return False


_M_ARENA_MAX = -8  # glibc malloc.h


def serve(opts: ServeOptions) -> int:
    one_malloc_arena()  # before any thread is started
    server = PreviewServer(opts)
    server.start()
    if reachable_from_elsewhere(server.address):
        server.log(f"warning: serving on {opts.host}: other machines on your network can read the preview")
    notes = [f"listening on all addresses, {server.address}"] if is_wildcard(server.address) else []
    if opts.output:
        notes.append(f"also writing to {display_path(opts.output)}")
    where = f" ({'; '.join(notes)})" if notes else ""
    print(f"serving {server.url}{where}; press Ctrl-C to stop", flush=True)
    if opts.open_browser:
        webbrowser.open(server.url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    finally:
        server.stop()
    return 0
