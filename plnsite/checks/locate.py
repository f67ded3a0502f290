"""Where a broken link was written: the source file and line, found by searching for it.

A link in a built page comes from the page's own source (a note, a page, a static HTML
file), from site.yaml (the menu) or from another item shown on the page (a note's summary
on a list page, a contact's note on /network/). The page's own source is searched first,
then the other sources in order; the first line that holds the link as written (or as
the author wrote it, without the base path) is the answer.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import Loc
from .links import BrokenLink

__all__ = ["SourceLocator"]


class SourceLocator:
    """``locator(broken_link) -> Loc | None``.

    ``origins`` maps an output file to the source file it was made from; ``sources`` lists
    every source file to search when the page's own does not hold the link (paths as shown
    to the user, readable from the current folder).
    """

    def __init__(self, origins: Mapping[str, str], sources: Sequence[str], base_path: str = "/") -> None:
        self.origins = dict(origins)
        self.sources = tuple(dict.fromkeys(sources))
        self.base_path = base_path
        self._lines: dict[str, list[str]] = {}

    def __call__(self, link: BrokenLink) -> Loc | None:
        written = self._written(link.href)
        own = self.origins.get(link.page)
        if own is not None:
            fragment = link.href.partition("#")[2]
            extra = [f"#{fragment}"] if fragment else []
            line = self._find(own, written + extra)
            if line is not None:
                return Loc(own, line)
        for path in self.sources:
            if path != own:
                line = self._find(path, written)
                if line is not None:
                    return Loc(path, line)
        return None

    def _written(self, href: str) -> list[str]:
        """How the author may have written ``href``: as is, or root-relative without the base path."""
        forms = [href]
        if self.base_path != "/" and href.startswith(self.base_path):
            forms.append("/" + href[len(self.base_path):])
        forms += [html.escape(f, quote=False) for f in forms]
        return [f for f in dict.fromkeys(forms) if len(f) > 1]

    def _find(self, path: str, needles: list[str]) -> int | None:
        lines = self._read(path)
        for needle in needles:
            for number, text in enumerate(lines, start=1):
                if needle in text:
                    return number
        return None

    def _read(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[path] = []
        return self._lines[path]
