"""Links to private people and lists: located errors, and texts that are not rendered.

Load keeps a ``Withheld`` record (id, name, ``path:line``) of each private person and list;
this module is the only reader of them in the link stage. A wikilink (``[[id]]``,
``[[Their Name]]``, ``[[id|text]]``) that no public item claims, a link to their entry
(``/network/#id``, ``../contacts/friends.yaml#id``) or to a private list file, and a
reading's ``via:`` are errors in the linking file at the link's line, naming the private
person's file and line. Nothing of a text holding such a link is rendered (see ``withheld``):
the build stops at the error anyway, and the preview server keeps showing the last good build.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..errors import Level, Loc, Problem
from ..model import LinkRef, Markdown, MarkdownResult, Rendered, Withheld
from ..text import slugify

__all__ = ["PrivateIndex", "is_private_wikilink", "may_link_private", "private_links", "via_error", "withheld"]

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# Only an href to the network page or to a .yaml/.yml file can point at a person or a list; a
# text holding none of these is not searched (most texts).
_HINTS = ("network/", "network#", ".yaml", ".yml")
_LIST_FILES = (".yaml", ".yml")


class PrivateIndex:
    """Private people by id and name (case-insensitive), private lists by file."""

    def __init__(self, withheld: tuple[Withheld, ...], public_ids: frozenset[str] = frozenset()) -> None:
        self.withheld = withheld
        self._people: dict[str, Withheld] = {}
        self._ids: dict[str, Withheld] = {}
        self._lists: dict[str, Withheld] = {}
        for item in withheld:
            if item.kind == "list":
                self._lists.setdefault(item.loc.path, item)
            elif item.kind == "person" and item.key and item.key not in public_ids:
                # A private entry with a public person's id holds that person's private details.
                self._ids.setdefault(item.key.lower(), item)
                for key in (item.key, item.name or "", slugify(item.name or "")):
                    if key.strip():
                        self._people.setdefault(key.strip().lower(), item)

    def __bool__(self) -> bool:
        return bool(self._people or self._lists)

    def person(self, target: str) -> Withheld | None:
        """The private person ``[[target]]`` names (by id or name), else None."""
        key = target.strip().lower()
        return self._people.get(key) or self._people.get(slugify(target))

    def person_by_id(self, contact_id: str) -> Withheld | None:
        return self._ids.get(contact_id.strip().lower())

    def href(self, href: str, from_path: str) -> Withheld | None:
        """The private person or list an ``href`` in ``from_path`` points at, else None."""
        parts = urlsplit(html.unescape(href).strip())
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.lower().endswith(_LIST_FILES) and not parts.scheme:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), path))
            if joined in self._lists:
                return self._lists[joined]
        if fragment and (path.lower().endswith(_LIST_FILES) or _is_network_page(path)):
            return self.person_by_id(fragment)
        return None


def _is_network_page(path: str) -> bool:
    """``/network/``, ``../network``, ``https://…/sub/network/index.html``: where people's entries are."""
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return posixpath.basename(path.rstrip("/")) == "network"


def private_links(source: Markdown, result: MarkdownResult, resolved: list[str | None],
                  index: PrivateIndex) -> tuple[Problem, ...]:
    """Errors for the links in one text that point at private people or lists.

    ``resolved[n]`` is what ``result.links[n]`` resolved to among public items (None: nothing);
    only links that no public item claims can be private.
    """
    if not index:
        return ()
    found: list[Problem] = []
    for ref, target in zip(result.links, resolved):
        if target is None:
            hidden = index.person(ref.target) if ref.kind == "wiki" else None
            if hidden is not None:
                found.append(_error(source, source.loc.line + ref.line, hidden))
    if result.may_link_private and may_link_private(result.html):
        for match in _HREF.finditer(result.html):
            href = match.group(1) if match.group(1) is not None else match.group(2)
            hidden = index.href(href, source.loc.path) if any(hint in href for hint in _HINTS) else None
            if hidden is not None:
                found.append(_error(source, _line_of(source, href), hidden))
    return tuple(dict.fromkeys(found))


def may_link_private(html: str) -> bool:
    """Whether rendered HTML holds an href that could point at a private person or list
    (decided once per text and cached with it: link/rendering.py)."""
    return any(hint in html for hint in _HINTS)


def withheld(linked) -> Rendered:
    """What a text linking to a private person renders to: nothing, not even the link's words."""
    return Rendered(html="", summary_html="", links=tuple(linked))


def is_private_wikilink(ref: LinkRef, index: PrivateIndex) -> bool:
    return ref.kind == "wiki" and bool(index) and index.person(ref.target) is not None


def via_error(loc: Loc, via: str, index: PrivateIndex) -> Problem:
    """The error for a reading's ``via:`` that names no public contact."""
    hidden = index.person_by_id(via) if index else None
    if hidden is None:
        return Problem(loc, Level.ERROR, f"via '{via}' names no contact")
    return Problem(loc, Level.ERROR, f"via names a private person ({hidden.loc}): a private person cannot be "
                                     "credited on the site; remove the via, or make them public")


def _error(source: Markdown, line: int, hidden: Withheld) -> Problem:
    # The message names no one: the preview server shows it in the browser, on the page too.
    what = "a private contact list" if hidden.kind == "list" else "a private person"
    return Problem(Loc(source.loc.path, line), Level.ERROR,
                   f"a link to {what} ({hidden.loc}): private people cannot be linked to; "
                   "remove the link, or make them public")


def _line_of(source: Markdown, href: str) -> int:
    """The file line of ``href`` in the Markdown source (as written, or its #fragment)."""
    text = source.text
    for probe in (href, html.unescape(href), unquote(html.unescape(href)), "#" + urlsplit(html.unescape(href)).fragment):
        at = text.find(probe) if probe.strip("#") else -1
        if at >= 0:
            return source.loc.line + text.count("\n", 0, at)
    return source.loc.line
