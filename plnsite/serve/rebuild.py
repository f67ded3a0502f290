"""Rebuilder: turns a set of saved files into the smallest rebuild, and says what changed.

What to rebuild is decided by one table, ``REBUILDS``, from what each saved file is
(``Saved``, as Zola's serve.rs maps each kind of change to what it rebuilds): content
files are read again alone, a file added or removed lists content/ again, templates
re-render without reading anything again, site.yaml or theme.yaml start the session
afresh, a new network snapshot (``plnsite fetch`` ran) is read again and re-renders the pages
that show the network, and a file published as it is (static, a bundle's picture) needs nothing read
or rendered again. What changed is then decided by comparing output bytes with the last good build:
those URLs are announced; when every one of them is CSS, the browser swaps stylesheets
rather than reloading.

A rebuild that runs past its time limit is cut off (deadline.py): the last good build stays
served, the problem says so, and the next save builds afresh.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import os
import threading
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import build, render_deferred
from ..errors import Level, Loc, PlnsiteError, Problem, has_errors
from ..incremental import BuildMemo
from ..snapshots.mentions import mentions_dir
from ..model import BuildOptions, BuildResult, Bytes, Change, ChangeKind, ChangeSet, Gzipped, Output
from ..output import publish
from ..paths import display_path
from ..snapshots.network import snapshot_dir
from ..urls import Urls, url_for
from .deadline import BuildCutOff, Deadline
from .deferred import DEFER_OVER, DeferredPages, background_priority, split_first

__all__ = ["REBUILDS", "REBUILD_LIMIT", "Rebuild", "Rebuilder", "Saved", "classify", "compressed", "saved",
           "snapshot_folders"]

REBUILD_LIMIT = 30.0  # seconds; a rebuild may also take twice as long as the first build did


class Saved(enum.Enum):
    """What a saved file is, for what it makes the preview server rebuild."""

    CONFIG = "site.yaml, or a theme's theme.yaml (a theme switch, a new base URL, new stylesheets)"
    CONTENT = "a note, page, reading log or contact list, edited"
    CONTENT_ADDED_OR_REMOVED = "a content file or folder (a bundle) added, removed or renamed"
    PUBLISHED_AS_IS = "a file published as it is (under static/ or a theme's static/, beside a bundle's index.md), edited"
    STATIC_ADDED_OR_REMOVED = "a file under content/static/ added or removed"
    THEME_FILE = "a template, a theme's static file added or removed, or a theme folder made while serving"
    SNAPSHOT = "a snapshot `plnsite fetch` wrote (.plnsite-cache/mentions/): every build reads it anew"
    NETWORK_SNAPSHOT = "the network snapshot (.plnsite-cache/network/), written by plnsite fetch"


@dataclass(frozen=True, slots=True)
class Rebuild:
    """A rebuild strategy. Every rebuild builds again with the session's memo; these say
    what the memo must not reuse. With none of them set, nothing is read again and no page
    changes: the outputs published as they are are read from their files when served."""

    fresh: bool = False  # a new memo: read, link and render everything
    reread: bool = False  # read the saved content files again (and re-render what shows them)
    rescan: bool = False  # list content/ again: files came or went
    retheme: bool = False  # read the theme again, and render every route with it
    snapshot: bool = False  # read the network snapshot again (and re-render the pages that show it)

    def __or__(self, other: Rebuild) -> Rebuild:
        return Rebuild(fresh=self.fresh or other.fresh, reread=self.reread or other.reread,
                       rescan=self.rescan or other.rescan, retheme=self.retheme or other.retheme,
                       snapshot=self.snapshot or other.snapshot)


# The table: what each kind of saved file makes the server rebuild.
REBUILDS: dict[Saved, Rebuild] = {
    Saved.CONFIG: Rebuild(fresh=True),
    Saved.CONTENT: Rebuild(reread=True),
    Saved.CONTENT_ADDED_OR_REMOVED: Rebuild(reread=True, rescan=True),
    Saved.PUBLISHED_AS_IS: Rebuild(),  # its URL is announced (CSS alone: stylesheets swapped)
    Saved.STATIC_ADDED_OR_REMOVED: Rebuild(rescan=True),
    Saved.THEME_FILE: Rebuild(retheme=True),
    Saved.SNAPSHOT: Rebuild(),  # the build reads it; the pages it changes are rendered again
    Saved.NETWORK_SNAPSHOT: Rebuild(snapshot=True),
}
FIRST_BUILD = Rebuild(fresh=True)


def snapshot_folders(source: Path) -> tuple[Path, ...]:
    """The snapshots ``plnsite fetch`` writes while the server may be running, which it watches."""
    return (mentions_dir(Path(source).resolve().parent),)


def saved(path: Path, source: Path, theme_dirs, known: frozenset[Path], as_is: frozenset[Path]) -> Saved:
    """What the saved (resolved) ``path`` is. ``source``: the content folder; ``theme_dirs``:
    the theme's folders; ``known``: the source files the last build read; ``as_is``: the
    bundles' files and the theme's static files it publishes as they are."""
    if path.name in ("site.yaml", "theme.yaml") and path.parent in (source, *theme_dirs):
        return Saved.CONFIG
    if any(path.is_relative_to(folder) for folder in snapshot_folders(source)):
        return Saved.SNAPSHOT
    if path.is_relative_to(snapshot_dir(source.parent)):
        return Saved.NETWORK_SNAPSHOT
    if any(path.is_relative_to(d / "static") for d in theme_dirs):
        # Added or removed (a folder alone is neither: its files have their own events).
        if not path.is_dir() and path.exists() != (path in as_is):
            return Saved.THEME_FILE
        return Saved.PUBLISHED_AS_IS
    if _in_theme(path, source, theme_dirs):
        return Saved.THEME_FILE
    there = path in known and path.exists()
    if path.is_relative_to(source / "static"):
        return Saved.PUBLISHED_AS_IS if there else Saved.STATIC_ADDED_OR_REMOVED
    if not there:
        return Saved.CONTENT_ADDED_OR_REMOVED
    return Saved.PUBLISHED_AS_IS if path in as_is else Saved.CONTENT


def classify(paths, source: Path, theme_dirs) -> ChangeSet:
    """A burst of saved files, with the broad kinds of file they are (as Zola's fs_utils sorts
    events). The rebuild itself is decided file by file, by ``saved`` and REBUILDS."""
    source = source.resolve()
    kinds = set()
    for path in paths:
        path = Path(path).resolve()
        if path.name in ("site.yaml", "theme.yaml") and path.parent in (source, *theme_dirs):
            kinds.add(ChangeKind.CONFIG)
        elif path.is_relative_to(source / "static") or any(path.is_relative_to(d / "static") for d in theme_dirs):
            kinds.add(ChangeKind.STATIC)
        elif _in_theme(path, source, theme_dirs):
            kinds.add(ChangeKind.TEMPLATE)
        else:
            kinds.add(ChangeKind.CONTENT)
    return ChangeSet(kinds=frozenset(kinds), paths=frozenset(Path(p).resolve() for p in paths))


class Rebuilder:
    """Owns the session's BuildMemo and the last good outputs; one rebuild at a time."""

    def __init__(self, opts: BuildOptions, output: Path | None = None, limit: float | None = REBUILD_LIMIT,
                 defer_over: int | None = DEFER_OVER) -> None:
        """``output``: a folder each good build is also written to (``serve -o``); ``limit``: the
        seconds after which a rebuild is cut off (None: never); it is raised to twice what the
        first build took, so that a large site's full rebuild (a site.yaml save) is not cut off.
        ``defer_over``: a first build with more routes to render than this serves before the
        rest are rendered (deferred.py; None: never)."""
        # Stylesheet links carry no content hash here, so a CSS edit changes no page.
        self.opts = replace(opts, fingerprint=False)
        self.output = output
        self.lock = threading.Lock()
        self.version = 0
        self.problems: tuple[Problem, ...] = ()
        # The last good build, which is what the server shows. Kept here and not read from the
        # memo, because a site.yaml save starts a new memo that may fail before it has any.
        self._outputs: dict[str, Output] = {}
        self._last_routes: tuple | None = None  # the plan of that build (see _may_differ)
        self._base_path = "/"
        self._theme_dirs: tuple[Path, ...] = ()
        self.limit = limit
        self._first_seconds = 0.0
        self._deadline: Deadline | None = None
        self.defer_over = defer_over if output is None else None  # -o writes every page first
        self.deferred: DeferredPages | None = None  # the first build's pages not rendered yet
        self.on_complete = None  # called with the Change once they are (PreviewServer publishes it)
        self._completion: threading.Thread | None = None
        self._fresh_memo()

    def _fresh_memo(self) -> None:
        self.memo = BuildMemo(self.opts)

    @property
    def builder(self) -> BuildMemo:
        """The memo this session's builds share (a new one after a site.yaml save); ``.site`` is
        the last good build's site."""
        return self.memo

    @property
    def outputs(self) -> dict[str, Output]:
        return self._outputs

    @property
    def base_path(self) -> str:
        return self._base_path

    @property
    def theme_dirs(self) -> tuple[Path, ...]:
        return self._theme_dirs

    def watched_folders(self) -> tuple[Path, ...]:
        return (Path(self.opts.source).resolve(), *self.theme_dirs)

    @property
    def snapshot_folder(self) -> Path:
        """Where ``plnsite fetch`` writes the network snapshot (watched for its own files)."""
        return snapshot_dir(Path(self.opts.source).resolve().parent)

    def first_build(self) -> Change:
        change = self.rebuild(None)
        if self.deferred is not None:
            # Taken here, released by the thread when the rest is rendered: no save's rebuild can
            # come between, and each finds a last build that has every page.
            self.lock.acquire()
            self._completion = threading.Thread(target=self._complete, name="plnsite-first-pages", daemon=True)
            self._completion.start()
        return change

    @property
    def placeholders(self) -> dict:
        """The first build's pages not rendered yet, as the server holds them (deferred.Pending)."""
        deferred = self.deferred
        return deferred.placeholders() if deferred is not None else {}

    def wait_complete(self, timeout: float | None = None) -> bool:
        """Wait until the first build's deferred pages are rendered (True when they are)."""
        thread = self._completion
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _complete(self) -> None:
        """In its thread, holding the lock first_build took: render the rest, publish, release."""
        started = time.perf_counter()
        deadline = self._deadline = Deadline(None)  # stop() ends it (the server is stopping)
        background_priority()
        try:
            try:
                with _no_gc_pauses(after=lambda: _SETTLE), deadline:
                    made, problems = self.deferred.rest(self.opts.jobs)
                self._outputs = {**self._outputs, **made}
                self.problems = tuple(sorted(dict.fromkeys(self.problems + problems), key=lambda p: p.sort_key))
            except BuildCutOff:
                return  # stopped with the server: nothing to announce
            except Exception as exc:  # a bug must not stop the server: report it, keep serving what there is
                message = f"internal error while rendering the pages ({type(exc).__name__}: {exc}); please report it"
                self.problems += (Problem(None, Level.ERROR, message),)
            self.version += 1
            errors = tuple(p for p in self.problems if p.level is Level.ERROR)
            seconds = time.perf_counter() - started
            self._first_seconds += seconds  # the first build's whole time sets the rebuild limit
            change = Change(version=self.version, urls=(), css_only=False, problems=errors, seconds=seconds)
            self.deferred = None
            if self.on_complete is not None:  # published before a save's rebuild can be, in order
                self.on_complete(change)
        finally:
            self.deferred = None
            self.lock.release()

    def rebuild(self, changes: ChangeSet | None) -> Change:
        started = time.perf_counter()
        # The first build settles the collector at its end, unless pages were left for the
        # background (_complete settles it then: the first page is not kept waiting for it).
        with self.lock, _no_gc_pauses(after=lambda: None if changes is not None else
                                      _SETTLE if self.deferred is None else _ASIDE):
            before = self._outputs
            result = self._run(changes)
            self.version += 1
            self.problems = result.problems
            if has_errors(result.problems):
                urls: tuple[str, ...] = ()
                css_only = False
            else:
                urls, css_only = self._changed_urls(before, result, changes)
                self._outputs = dict(result.outputs)
                self._last_routes = result.routes
                self._base_path = Urls(result.site.config.base_url).base_path
                if result.deferred:
                    self.deferred = DeferredPages(result, self._render_deferred(result))
            if result.theme_dirs:
                self._theme_dirs = tuple(d.resolve() for d in result.theme_dirs)
            # The browser overlay shows errors only; warnings stay on the console.
            errors = tuple(p for p in result.problems if p.level is Level.ERROR)
            seconds = time.perf_counter() - started
            if changes is None:
                self._first_seconds = seconds
            return Change(version=self.version, urls=urls, css_only=css_only, problems=errors, seconds=seconds)

    def time_limit(self) -> float | None:
        """The seconds a rebuild may run (see __init__)."""
        return None if self.limit is None else max(self.limit, 2 * self._first_seconds)

    def stop(self) -> None:
        """Cut off the build running now, if any (the server is stopping)."""
        deadline = self._deadline
        if deadline is not None:
            deadline.expire()

    def _run(self, changes: ChangeSet | None) -> BuildResult:
        try:
            rebuild, reread = self._plan(changes)
            if rebuild.fresh:
                self._fresh_memo()
            else:
                if rebuild.reread or rebuild.rescan:
                    self.memo.forget(reread, rebuild.rescan)
                if rebuild.retheme:
                    self.memo.templates_changed()
                if rebuild.snapshot:
                    self.memo.snapshot_changed()
            return self._build(changes)
        except PlnsiteError as exc:  # site.yaml unusable: keep serving the last good build
            located = tuple(getattr(exc, "problems", ()))
            return BuildResult(outputs=self._outputs, problems=located or (Problem(None, Level.ERROR, str(exc)),))
        except Exception as exc:  # a bug must not stop the server: report it and keep serving
            message = f"internal error while rebuilding ({type(exc).__name__}: {exc}); please report it"
            return BuildResult(outputs=self._outputs, problems=(Problem(None, Level.ERROR, message),))

    def _plan(self, changes: ChangeSet | None) -> tuple[Rebuild, list[Path]]:
        """The rebuild for ``changes`` (REBUILDS' rows for each saved file, together), and the
        content files to read again."""
        if changes is None:
            return FIRST_BUILD, []
        source = Path(self.opts.source).resolve()
        known = self.memo.known_files()
        theme = self.memo.theme  # the theme the last build used, if it got that far
        as_is = self.memo.bundle_files() | {f.src.resolve() for f in (theme.static if theme else ())}
        rebuild, reread = Rebuild(), []
        for path in sorted(changes.paths):
            what = saved(path, source, self.theme_dirs, known, as_is)
            rebuild |= REBUILDS[what]
            if what in (Saved.CONTENT, Saved.CONTENT_ADDED_OR_REMOVED):
                reread.append(path)
        # A whole folder moved or deleted (a bundle): every file that was, or now is, under
        # it changed too.
        reread += _files_under([p for p in reread if p not in known and not p.is_file()], known)
        return rebuild, reread

    def _build(self, changes: ChangeSet | None) -> BuildResult:
        """Pages held gzip-compressed in memory (see ``compressed``); with an output folder,
        also written there (only the files this build rendered are compared). The first build
        has no time limit: it is what the server waits for before it serves."""
        limit = None if changes is None else self.time_limit()
        deadline = self._deadline = Deadline(limit)
        try:
            with deadline:
                if self.output is not None:
                    return publish(self.opts, self.output, deadline.progress, memo=self.memo, finish=compressed)
                defer = None
                if changes is None and self.defer_over is not None:
                    defer = lambda routes: split_first(routes, self.defer_over)  # noqa: E731
                return build(self.opts, deadline.progress, memo=self.memo, finish=compressed, defer=defer)
        except BuildCutOff:
            # The memo, and the theme's templates, may be half updated: the next build starts afresh.
            self._fresh_memo()
            self.memo.templates_changed()
            return BuildResult(outputs=self._outputs, problems=(_cut_off(changes, limit, deadline.stage),))

    def _render_deferred(self, result: BuildResult):
        memo, opts = self.memo, self.opts
        return lambda routes, jobs, remember: render_deferred(result, routes, opts, memo, finish=compressed, jobs=jobs,
                                                              remember=remember)

    def _changed_urls(self, before: dict[str, Output], result: BuildResult, changes) -> tuple[tuple[str, ...], bool]:
        urls = Urls(result.site.config.base_url)
        after = result.outputs
        touched = changes.paths if changes is not None else frozenset()
        changed = []
        files = _may_differ(before, result, self._last_routes, self.memo.plan_facts)
        for file in files:
            output = after.get(file)
            if output is None:
                continue
            old = before.get(file)
            if old is output and output.src is None:
                continue  # the last run's page itself (a static file's bytes may change under it)
            if old != output:  # another case, another file copied, other bytes
                changed.append(file)
            elif output.src is not None and output.src.resolve() in touched:
                changed.append(file)
        changed += [f for f in (before if files is after else files) if f in before and f not in after]
        paths = tuple(sorted(urls.path(url_for(f)) for f in changed))
        css_only = bool(changed) and all(f.endswith(".css") for f in changed)
        return paths, css_only


_STAGES = {"load": "reading the content", "markdown": "rendering Markdown", "render": "rendering pages"}


def _cut_off(changes: ChangeSet | None, limit: float | None, stage: str | None) -> Problem:
    """The problem a cut-off rebuild shows: after which save, and in which stage."""
    where = f" while {_STAGES[stage]}" if stage in _STAGES else ""
    ran = f"ran past {_seconds(limit)} s and was stopped{where}" if limit is not None else f"was stopped{where}"
    advice = ("; the preview shows the last good build. Find what makes it slow (a template's runaway loop, "
              "a huge file), then save again; `plnsite serve --rebuild-limit SECONDS` allows longer")
    saved = sorted(display_path(p) for p in (changes.paths if changes is not None else ()))
    if len(saved) == 1:
        return Problem(Loc(saved[0]), Level.ERROR, f"the rebuild after this save {ran}{advice}")
    named = ", ".join(saved[:3]) + (f" and {len(saved) - 3} more" if len(saved) > 3 else "")
    after = f" after saving {named}" if saved else ""
    return Problem(None, Level.ERROR, f"the rebuild{after} {ran}{advice}")


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.2g}"


def compressed(output: Bytes) -> Gzipped:
    """How the server holds a rendered page: gzip at level 1 (a third of the bytes at 10,000 notes),
    made in the render worker, so less crosses the pipe too. Deterministic (zlib writes no
    time in the gzip header), so equal pages still have equal bodies."""
    gzip = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: a gzip stream (zlib.compress takes wbits from 3.11)
    return Gzipped(file=output.file, body=gzip.compress(output.body) + gzip.flush(), media_type=output.media_type,
                   url=output.url)


def _may_differ(before: dict[str, Output], result: BuildResult, last_routes, facts):
    """The files whose outputs may differ from ``before`` (the last good build's). With that
    build's very plan (a plan reused whole, incremental/plan_reuse.py), every output but the
    routes rendered again and the copies (STATIC routes: their source files may be saved in
    place) is that build's own object, so only those are looked at, not the ~11,700 outputs;
    of the files of ``before``, only these can be gone (a damaged picture is left out). Else
    every output of ``result``."""
    if last_routes is None or result.routes is not last_routes or facts is None or facts.routes is not last_routes \
            or len(result.outputs) != len(before):
        return result.outputs
    return dict.fromkeys((*result.rendered, *facts.static_files))


def _files_under(folders: list[Path], known) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        prefix = f"{folder}{os.sep}"
        found += [k for k in known if str(k).startswith(prefix)]
        if folder.is_dir():
            found += [f for f in folder.rglob("*") if f.is_file()]
    return found


@contextlib.contextmanager
def _no_gc_pauses(after):
    """A 10,000-note site is millions of objects: a full collection in the middle of a
    rebuild costs more than the rebuild. Collect between saves, never during one. What the
    collector does at the end is ``after()``'s answer:

    - ``_SETTLE`` (the first build, all of it done): collect, and move what stays alive out of
      the collector's way (``gc.freeze``; a full collection: 0.15 s at 10,000 notes);
    - ``_ASIDE`` (the first build, pages left for the background, which settles then): only
      set the objects aside, frozen, uncollected. Enabling the collector with millions of
      objects made since it was disabled would have the next allocation scan them all
      (~60 ms at 10,000 notes, before the first page is served);
    - anything else (a save's rebuild): nothing, the collector is enabled again.
    """
    gc.disable()
    try:
        yield
    finally:
        then = after()
        if then is _SETTLE:
            gc.unfreeze()  # (what was set aside: collected too)
            gc.collect()
            gc.freeze()
        elif then is _ASIDE:
            gc.freeze()
        gc.enable()


_SETTLE, _ASIDE = "settle", "aside"


def _in_theme(path: Path, source: Path, theme_dirs) -> bool:
    """Under a theme folder in use, or under the site's themes/ (one made while serving is not
    in use until the theme is read again)."""
    return any(path.is_relative_to(d) for d in theme_dirs) or path.is_relative_to(source.parent / "themes")
