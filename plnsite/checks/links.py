"""Broken internal links and missing ``#anchors`` in the built HTML pages.

Every ``href``/``src``/``srcset``/``poster``/``action`` of every HTML page is resolved
against the page's URL (and its ``<base href>``) and the site's base URL. A link into
the site must name a file the build made (``/x/`` → ``x/index.html``; ``/x`` is accepted
when ``x/index.html`` exists, as static hosts redirect it), and its fragment must be an
``id`` (or ``<a name>``) on the target page. Links to other hosts, or to the same host
outside the base path (another project page), are not the site's to check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from ..model import Output
from ..parallel import fork_map, stage_progress
from ..urls import Urls, file_for, url_for
from ..xmlparse import html_elements

__all__ = ["BrokenLink", "PageLinks", "find_broken_links", "parse_page"]

_LINK_ATTRS = frozenset({"href", "src", "poster", "action"})
_SRCSET_ATTRS = frozenset({"srcset", "imagesrcset"})
_NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "blob:", "sms:", "geo:", "about:")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # means the same on every page
_TOP = "top"  # "#top" scrolls to the top of any page (HTML's "indicated part of the document")


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str  # output file the link is on: "notes/x/index.html"
    href: str  # as written in that page
    fragment_only: bool  # the page exists, the anchor does not

    @property
    def message(self) -> str:
        if self.fragment_only:
            return f"missing anchor in link to '{self.href}'"
        return f"broken link to '{self.href}'"


@dataclass(frozen=True, slots=True)
class PageLinks:
    links: tuple[str, ...]
    ids: frozenset[str]
    base: str | None


def parse_page(body: bytes) -> PageLinks:
    """The links, ids (and ``<a name>``) and first ``<base href>`` of one HTML page."""
    links: list[str] = []
    ids: set[str] = set()
    base: str | None = None
    for element in html_elements(body):
        for name, value in element.items():
            if not value:  # <a href> or href="": the page itself, nothing to check
                continue
            if name == "id" or (name == "name" and element.tag == "a"):
                ids.add(value)
            elif name == "href" and element.tag == "base":
                base = base or value.strip()
            elif name in _LINK_ATTRS:
                links.append(value.strip())
            elif name in _SRCSET_ATTRS:
                links += [c.split()[0] for c in value.split(",") if c.strip()]
    return PageLinks(links=tuple(links), ids=frozenset(ids), base=base)


def _is_html(file: str) -> bool:
    return file.endswith((".html", ".htm"))


def _body(output: Output) -> bytes:
    if output.body is not None:
        return output.body
    return output.src.read_bytes() if output.src is not None else b""


def find_broken_links(outputs: Mapping[str, Output], base_url: str, progress=None,
                      jobs: int | None = 1, unrendered: frozenset[str] = frozenset()) -> list[BrokenLink]:
    """Every link of every HTML page that points into the site at nothing (or at a missing id).

    Pages are read in ``jobs`` processes; ``progress(stage, done, total)``, if given, hears
    how many have been read. Links to ``unrendered`` files (planned pages that failed to
    render) are left out: the template error says why they are missing."""
    urls = Urls(base_url)
    pages = _read_pages(outputs, progress, jobs)
    targets = _Targets(urls, outputs, unrendered)
    broken: list[BrokenLink] = []
    for file, page in pages.items():
        here = urls.absolute(url_for(file))
        base = urljoin(here, page.base) if page.base else here
        origin = "{0}://{1}".format(*urlsplit(base))
        for href in page.links:
            if not href or href.lower().startswith(_NOT_CHECKED):
                continue
            target = targets(base, origin, href)
            if target is None:
                continue
            found, fragment = target
            if found is None:
                broken.append(BrokenLink(file, href, fragment_only=False))
            elif fragment and fragment != _TOP and found in pages and fragment not in pages[found].ids:
                broken.append(BrokenLink(file, href, fragment_only=True))
    return broken


class _Targets:
    """``targets(base, origin, href)`` → (the file a link names, or None; its fragment), or None
    for a link that is not the site's to check. Remembered: a site's pages share most links
    (the menu, tags), and a root-relative or absolute one means the same on every page."""

    def __init__(self, urls: Urls, outputs: Mapping[str, Output], unrendered: frozenset[str] = frozenset()) -> None:
        self.urls, self.outputs, self.unrendered = urls, outputs, unrendered
        self.site = urlsplit(urls.base_url)
        self.known: dict[tuple[str, str], tuple[str | None, str] | None] = {}

    def __call__(self, base: str, origin: str, href: str) -> tuple[str | None, str] | None:
        if _ABSOLUTE.match(href):
            key = ("", href)
        elif href.startswith("/") and not href.startswith("//"):
            key = (origin, href)
        else:
            key = (base, href)
        if key not in self.known:
            self.known[key] = self._resolve(urljoin(base, href))
        return self.known[key]

    def _resolve(self, url: str) -> tuple[str | None, str] | None:
        target = urlsplit(url)
        if target.scheme not in ("http", "https") or target.netloc != self.site.netloc:
            return None
        path, base_path = unquote(target.path), self.urls.base_path
        if path + "/" == base_path:
            rel = ""  # "/portfolio" for "/portfolio/": hosts redirect it
        elif path.startswith(base_path):
            rel = path[len(base_path):]
        else:
            return None  # same host, another site (a sibling project page)
        found = _target_file(rel, self.outputs)
        if found is None and _target_file(rel, self.unrendered) is not None:
            return None  # a page that failed to render: its template error says why
        return found, unquote(target.fragment)


# What forked readers read pages from: set just before the pool forks (see parallel.py).
_OUTPUTS: Mapping[str, Output] = {}
_PARALLEL_MIN = 200  # pages; below this, forking costs more than it saves


def _read_pages(outputs: Mapping[str, Output], progress, jobs: int | None) -> dict[str, PageLinks]:
    global _OUTPUTS
    files = sorted(file for file in outputs if _is_html(file))
    _OUTPUTS = outputs
    try:
        read = fork_map(_read_chunk, files, jobs, _PARALLEL_MIN, stage_progress(progress, "check", len(files)))
    finally:
        _OUTPUTS = {}
    return dict(zip(files, read))


def _read_chunk(files: list[str]) -> list[PageLinks]:
    return [parse_page(_body(_OUTPUTS[file])) for file in files]


def _target_file(rel: str, outputs: Mapping[str, Output] | frozenset[str]) -> str | None:
    """The file a link to ``rel`` opens: ``x/`` is ``x/index.html``; ``x`` is the file ``x``, else the
    folder ``x/`` (static hosts redirect ``x`` there)."""
    candidates = [file_for(rel)]
    if rel and not rel.endswith("/"):
        candidates.append(file_for(f"{rel}/"))
    return next((c for c in candidates if c in outputs), None)
