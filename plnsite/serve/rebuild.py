"""Rebuilder: turns a set of saved files into the smallest rebuild, and says what changed.

Content files are re-parsed alone, templates re-render without re-parsing,
site.yaml or theme.yaml rebuild everything, and static files only change the
URLs they are served at (CSS alone: swap stylesheets, no reload). What changed
is decided by comparing output bytes with the last good build.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from ..build import Builder
from ..errors import Level, PlnsiteError, Problem, has_errors
from ..model import BuildOptions, BuildResult, Change, ChangeKind, ChangeSet, Output
from ..urls import Urls

__all__ = ["Rebuilder", "classify"]


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
        elif any(path.is_relative_to(d) for d in theme_dirs):
            kinds.add(ChangeKind.TEMPLATE)
        else:
            kinds.add(ChangeKind.CONTENT)
    return ChangeSet(kinds=frozenset(kinds), paths=frozenset(Path(p).resolve() for p in paths))


class Rebuilder:
    """Owns a Builder and the last good outputs; one rebuild at a time."""

    def __init__(self, opts: BuildOptions) -> None:
        self.opts = opts
        self.lock = threading.Lock()
        self.version = 0
        self.problems: tuple[Problem, ...] = ()
        self._fresh_builder()

    def _fresh_builder(self) -> None:
        # Stylesheet links carry no content hash here, so a CSS edit changes no page.
        self.builder = Builder(self.opts, fingerprint=False)

    @property
    def outputs(self) -> dict[str, Output]:
        return self.builder.outputs

    @property
    def base_path(self) -> str:
        site = self.builder.site
        return Urls(site.config.base_url).base_path if site is not None else "/"

    @property
    def theme_dirs(self) -> tuple[Path, ...]:
        theme = self.builder.theme
        return tuple(d.resolve() for d in theme.dirs) if theme is not None else ()

    def watched_folders(self) -> tuple[Path, ...]:
        return (Path(self.opts.source).resolve(), *self.theme_dirs)

    def first_build(self) -> Change:
        return self.rebuild(None)

    def rebuild(self, changes: ChangeSet | None) -> Change:
        started = time.perf_counter()
        with self.lock:
            before = dict(self.builder.outputs)
            result = self._run(changes)
            self.version += 1
            self.problems = result.problems
            if has_errors(result.problems):
                urls: tuple[str, ...] = ()
                css_only = False
            else:
                urls, css_only = self._changed_urls(before, result, changes)
            # The browser overlay shows errors only; warnings stay on the console.
            errors = tuple(p for p in result.problems if p.level is Level.ERROR)
            return Change(version=self.version, urls=urls, css_only=css_only, problems=errors,
                          seconds=time.perf_counter() - started)

    def _run(self, changes: ChangeSet | None) -> BuildResult:
        try:
            if changes is None or ChangeKind.CONFIG in changes.kinds:
                self._fresh_builder()
                return self.builder.run()
            known = self.builder.source_files
            content = [p for p in changes.paths if not _static_or_theme(p, self)]
            rescan = any(p.exists() != (p in known) for p in changes.paths)
            return self.builder.run(changed=content, rescan=rescan,
                                    templates=ChangeKind.TEMPLATE in changes.kinds)
        except PlnsiteError as exc:  # site.yaml unusable: keep serving the last good build
            return BuildResult(outputs=self.builder.outputs, problems=(Problem(None, Level.ERROR, str(exc)),))

    def _changed_urls(self, before: dict[str, Output], result: BuildResult, changes) -> tuple[tuple[str, ...], bool]:
        urls = Urls(self.builder.site.config.base_url)
        after = result.outputs
        touched = changes.paths if changes is not None else frozenset()
        changed = []
        for file, output in after.items():
            old = before.get(file)
            if old is None or old.body != output.body or old.src != output.src:
                changed.append(file)
            elif output.src is not None and output.src.resolve() in touched:
                changed.append(file)
        changed += [f for f in before if f not in after]
        paths = tuple(sorted(urls.path(_url_of(f)) for f in changed))
        css_only = bool(changed) and all(f.endswith(".css") for f in changed)
        return paths, css_only


def _url_of(file: str) -> str:
    return file[: -len("index.html")] if file == "index.html" or file.endswith("/index.html") else file


def _static_or_theme(path: Path, rebuilder: Rebuilder) -> bool:
    source = Path(rebuilder.opts.source).resolve()
    return path.is_relative_to(source / "static") or any(path.is_relative_to(d) for d in rebuilder.theme_dirs)

