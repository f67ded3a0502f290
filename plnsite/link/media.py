"""The images of a text: found on disk, measured, given a srcset; missing ones and ones without
alt text reported at their ``path:line``.

Markdown leaves three placeholders around each ``![alt](src)`` (markdown/wikilinks.py): before
the tag, inside it and after it. Here they become, for an image the site publishes (a bundle's
file or a static file):

- ``width``/``height`` (its size, so the page does not move as it loads);
- ``loading="lazy" decoding="async"``, except for the first image of a page's own text, which
  is likely above the fold and loads at once (summaries in lists are all lazy). No
  ``fetchpriority``: the Nu HTML Checker the tests use does not know it yet;
- for a photo wider than 480 px (JPEG, PNG, WebP): ``srcset`` of copies 480, 960 and 1600 px
  wide (only those narrower than it; the original too when it is at most 2,000 px wide) with
  ``sizes`` for the theme's text column, and a link to the original around it (not inside a link).

An image on another host is left as written. The copies are published beside the original
(``photo.jpg`` → ``photo-480w.jpg``), made and cached by plnsite.images.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from urllib.parse import unquote

from ..errors import Level, Loc, Problem
from ..images import Images, Picture
from ..model import LinkRef, Markdown, StaticFile
from ..urls import Urls, item_url

__all__ = ["IMAGE_KINDS", "Media", "SIZES"]

IMAGE_KINDS = frozenset({"image", "image-in-link"})  # LinkRef kinds markdown/wikilinks.py records
SIZES = "(min-width: 42rem) 40rem, 100vw"  # the default theme's text column (65ch), else the screen
_ORIGINAL_IN_SRCSET = 2000  # wider originals are linked, not offered to the browser
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

# One image's fills: (before the tag, its src, more attributes, after it), for the page and for summaries.
Fill = tuple[str, str, str, str]


class Media:
    """Image fills for the texts of one build. ``files``: every published file by output path."""

    def __init__(self, files: Mapping[str, Path], images: Images | None, urls: Urls) -> None:
        self.files = files
        self.images = images
        self.urls = urls

    def _dest(self, item, src: str) -> str | None:
        """The output path ``src`` names, written in ``item``'s text; None: another host."""
        if not src or src.startswith(("//", "#")) or _SCHEME.match(src):
            return None
        path = unquote(src.split("#", 1)[0].split("?", 1)[0])
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            page = item_url(item).split("#", 1)[0]
            joined = posixpath.join(page if page.endswith("/") or not page else posixpath.dirname(page) + "/", path)
        dest = posixpath.normpath(joined) if joined else ""
        return dest if dest not in ("", ".") and not dest.startswith("../") else ""

    def prepare(self, texts: Iterable[tuple[object, object]]) -> None:
        """Measure (and make the copies of) every image that ``(item, MarkdownResult)`` pairs show."""
        if self.images is None:
            return
        paths = []
        for item, result in texts:
            for ref in result.links:
                if ref.kind in IMAGE_KINDS:
                    dest = self._dest(item, ref.target)
                    if dest and dest in self.files:
                        paths.append(self.files[dest])
        self.images.prepare(paths)

    def fill(self, item, source: Markdown, refs: tuple[LinkRef, ...]):
        """(page fills by link number, summary fills, problems, files to publish) for one text."""
        page: dict[int, Fill] = {}
        summary: dict[int, Fill] = {}
        problems: list[Problem] = []
        files: list[StaticFile] = []
        first = True
        for n, ref in enumerate(refs):
            if ref.kind not in IMAGE_KINDS:
                continue
            loc = Loc(source.loc.path, source.loc.line + ref.line)
            if not ref.fragment.strip():
                problems.append(Problem(loc, Level.WARNING, f"image '{ref.target}' has no alt text: say what it "
                                        f"shows between the brackets, ![what it shows]({ref.target})"))
            dest = self._dest(item, ref.target)
            src = self.files.get(dest) if dest else None
            if src is None:  # on another host (not ours to check or measure), or missing: as written
                page[n] = summary[n] = ("", escape(self.urls.site_url(ref.target)), "", "")
                if dest is not None:
                    problems.append(Problem(loc, Level.WARNING, f"missing image '{ref.target}': no such file in "
                                            "the note's folder or static/"))
                continue
            picture = self.images.picture(src) if self.images is not None else None
            page[n], summary[n], made = self._fills(ref, dest, picture, eager=first)
            files += made
            first = False
        return page, summary, problems, files

    def _fills(self, ref: LinkRef, dest: str, picture: Picture | None, eager: bool):
        """(page fill, summary fill, copies to publish). The page keeps URLs as written (rebased
        when root-relative); a summary, shown on other pages, gets root-relative ones."""
        size = ""
        if picture is not None and picture.width and picture.height:
            size = f' width="{picture.width}" height="{picture.height}"'
        written = ref.target.split("#", 1)[0].split("?", 1)[0]
        folder = posixpath.dirname(dest)
        copies = [(v, posixpath.join(folder, _copy_name(posixpath.basename(dest), v.width)))
                  for v in (picture.variants if picture is not None else ())]
        files = [StaticFile(src=v.file, dest=copy) for v, copy in copies]
        lazy = ' loading="lazy" decoding="async"'
        fills = []
        for on_page in (True, False):
            if on_page:
                src = self.urls.site_url(ref.target)
                head, _, name = written.rpartition("/")
                copy_urls = [self.urls.site_url(f"{head}/{_copy_name(name, v.width)}" if head else
                                                _copy_name(name, v.width)) for v, _ in copies]
            else:
                src = self.urls.path(dest)
                copy_urls = [self.urls.path(copy) for _, copy in copies]
            extra, before, after = "", "", ""
            if copies:
                candidates = [f"{url} {v.width}w" for url, (v, _) in zip(copy_urls, copies)]
                if picture.width <= _ORIGINAL_IN_SRCSET:
                    candidates.append(f"{src} {picture.width}w")
                extra = f' srcset="{escape(", ".join(candidates))}" sizes="{SIZES}"'
                if ref.kind == "image":  # not inside a link already
                    before, after = f'<a class="image-link" href="{escape(src)}">', "</a>"
            loading = "" if eager and on_page else lazy
            fills.append((before, escape(src), size + extra + loading, after))
        return fills[0], fills[1], files



def _copy_name(name: str, width: int) -> str:
    """``photo.jpg`` → ``photo-480w.jpg`` (the name of a copy, beside the original)."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{width}w.{suffix}" if dot and stem else f"{name}-{width}w"
