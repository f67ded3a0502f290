"""Rebuilder: turns a set of saved files into the smallest rebuild, and says what changed.

Content files are re-parsed alone, templates re-render without re-parsing,
site.yaml or theme.yaml rebuild everything, and static files only change the
URLs they are served at (CSS alone: swap stylesheets, no reload). What changed
is decided by comparing output bytes with the last good build.
"""

from __future__ import annotations

import os
import contextlib
import gc
import threading
import time
import zlib
from dataclasses import replace
from pathlib import Path

from ..build import build
from ..errors import Level, PlnsiteError, Problem, has_errors
from ..incremental import BuildMemo
from ..output import publish
from ..model import BuildOptions, BuildResult, Bytes, Change, ChangeKind, ChangeSet, Gzipped, Output
from ..urls import Urls

__all__ = ["Rebuilder", "classify", "compressed"]


def classify(paths, source: Path, theme_dirs) -> ChangeSet:
    """Sort saved files into ChangeKinds (as Zola's fs_utils does)."""
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

    def __init__(self, opts: BuildOptions, output: Path | None = None) -> None:
        """``output``: a folder each good build is also written to (``serve -o``)."""
        # Stylesheet links carry no content hash here, so a CSS edit changes no page.
        self.opts = replace(opts, fingerprint=False)
        self.output = output
        self.lock = threading.Lock()
        self.version = 0
        self.problems: tuple[Problem, ...] = ()
        # The last good build, which is what the server shows. Kept here and not read from the
        # memo, because a site.yaml save starts a new memo that may fail before it has any.
        self._outputs: dict[str, Output] = {}
        self._base_path = "/"
        self._theme_dirs: tuple[Path, ...] = ()
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

    def first_build(self) -> Change:
        return self.rebuild(None)

    def rebuild(self, changes: ChangeSet | None) -> Change:
        started = time.perf_counter()
        with self.lock, _no_gc_pauses(first=changes is None):
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
                self._base_path = Urls(result.site.config.base_url).base_path
            if result.theme_dirs:
                self._theme_dirs = tuple(d.resolve() for d in result.theme_dirs)
            # The browser overlay shows errors only; warnings stay on the console.
            errors = tuple(p for p in result.problems if p.level is Level.ERROR)
            return Change(version=self.version, urls=urls, css_only=css_only, problems=errors,
                          seconds=time.perf_counter() - started)

    def _run(self, changes: ChangeSet | None) -> BuildResult:
        try:
            if changes is None or ChangeKind.CONFIG in changes.kinds:
                self._fresh_memo()
                return self._build()
            known = self.memo.known_files()
            content = [p for p in changes.paths if not _static_or_theme(p, self)]
            # A whole folder moved or deleted (a bundle): every file that was, or now is, under
            # it changed too, and so does the list of files.
            content += _files_under([p for p in content if p not in known and not p.is_file()], known)
            rescan = any(p not in known or not p.exists() for p in changes.paths)
            self.memo.forget(content, rescan)
            if ChangeKind.TEMPLATE in changes.kinds or self._theme_files_changed(changes.paths):
                self.memo.templates_changed()
            return self._build()
        except PlnsiteError as exc:  # site.yaml unusable: keep serving the last good build
            located = tuple(getattr(exc, "problems", ()))
            return BuildResult(outputs=self._outputs, problems=located or (Problem(None, Level.ERROR, str(exc)),))
        except Exception as exc:  # a bug must not stop the server: report it and keep serving
            message = f"internal error while rebuilding ({type(exc).__name__}: {exc}); please report it"
            return BuildResult(outputs=self._outputs, problems=(Problem(None, Level.ERROR, message),))

    def _build(self) -> BuildResult:
        """Pages held gzip-compressed in memory (see ``compressed``); with an output folder,
        also written there (only the files this build rendered are compared)."""
        if self.output is not None:
            return publish(self.opts, self.output, memo=self.memo, finish=compressed)
        return build(self.opts, memo=self.memo, finish=compressed)

    def _theme_files_changed(self, paths) -> bool:
        """A theme's static file added or removed: the theme's file list must be read again."""
        theme = self.memo.theme
        if theme is None:
            return False
        served = {f.src.resolve() for f in theme.static}
        statics = [d / "static" for d in self.theme_dirs]
        return any(p.exists() != (p in served) for p in paths
                   if any(p.is_relative_to(s) for s in statics) and not p.is_dir())

    def _changed_urls(self, before: dict[str, Output], result: BuildResult, changes) -> tuple[tuple[str, ...], bool]:
        urls = Urls(result.site.config.base_url)
        after = result.outputs
        touched = changes.paths if changes is not None else frozenset()
        changed = []
        for file, output in after.items():
            old = before.get(file)
            if old is output and output.src is None:
                continue  # the last run's page itself (a static file's bytes may change under it)
            if old != output:  # another case, another file copied, other bytes
                changed.append(file)
            elif output.src is not None and output.src.resolve() in touched:
                changed.append(file)
        changed += [f for f in before if f not in after]
        paths = tuple(sorted(urls.path(_url_of(f)) for f in changed))
        css_only = bool(changed) and all(f.endswith(".css") for f in changed)
        return paths, css_only


def compressed(output: Bytes) -> Gzipped:
    """How the server holds a rendered page: gzip at level 1 (a third of the bytes at 10,000 notes),
    made in the render worker, so less crosses the pipe too. Deterministic (zlib writes no
    time in the gzip header), so equal pages still have equal bodies."""
    gzip = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: a gzip stream (zlib.compress takes wbits from 3.11)
    return Gzipped(file=output.file, body=gzip.compress(output.body) + gzip.flush(), media_type=output.media_type,
                   url=output.url)


def _files_under(folders: list[Path], known) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        prefix = f"{folder}{os.sep}"
        found += [k for k in known if str(k).startswith(prefix)]
        if folder.is_dir():
            found += [f for f in folder.rglob("*") if f.is_file()]
    return found


@contextlib.contextmanager
def _no_gc_pauses(first: bool):
    """A 10,000-note site is millions of objects: a full collection in the middle of a
    rebuild costs more than the rebuild. Collect between saves, never during one, and
    after the first build move what stays alive out of the collector's way."""
    gc.disable()
    try:
        yield
    finally:
        if first:
            gc.collect()
            gc.freeze()
        gc.enable()


def _url_of(file: str) -> str:
    return file[: -len("index.html")] if file == "index.html" or file.endswith("/index.html") else file


def _in_theme(path: Path, source: Path, theme_dirs) -> bool:
    """Under a theme folder in use, or under the site's themes/ (one made while serving is not
    in use until the theme is read again)."""
    return any(path.is_relative_to(d) for d in theme_dirs) or path.is_relative_to(source.parent / "themes")


def _static_or_theme(path: Path, rebuilder: Rebuilder) -> bool:
    source = Path(rebuilder.opts.source).resolve()
    return path.is_relative_to(source / "static") or _in_theme(path, source, rebuilder.theme_dirs)

