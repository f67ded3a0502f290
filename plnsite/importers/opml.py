"""``plnsite import opml FILE``: a feed reader's subscriptions → contact lists.

Each feed outline becomes a person with ``name``, ``url`` (the outline's ``htmlUrl``) and
``feed`` (its ``xmlUrl``); a blank title is replaced by the host of the URL. Feeds outside
any folder go to ``--list`` (default ``following``); each folder, at any depth, becomes a
list of its own (``Tech / Python`` → ``contacts/tech-python.yaml``), or with
``--folders-as-tags`` all feeds go to ``--list`` tagged with their folder names. Empty
folders make nothing. A feed already in any contact list (same URL, ignoring http/https and
a trailing slash) is not added again.

Feed readers sometimes write a raw ``&`` (``xmlUrl="…?a=1&b=2"``) or an HTML entity
(``&eacute;``), which is not well-formed XML. Each has a single possible meaning, so it is
repaired with a warning per line; any other XML error is reported with its line.
"""

from __future__ import annotations

import html.entities
import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Loc, Problems
from ..load.discover import discover
from ..paths import display_path
from ..text import slugify, title_case
from ..yamlio import YamlError, YMap, load_yaml
from .source import BadInput, read_input
from .writer import Plan, append_entries

__all__ = ["plan_opml"]

WHAT = "an OPML file of feed subscriptions (<opml> XML)"
_VERBATIM = re.compile(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)", re.DOTALL)
_AMP_OR_NAMED = re.compile(r"&(?:(?P<name>[A-Za-z][A-Za-z0-9]*);|(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9A-Fa-f]+;))")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]  # attribute names lower-cased
    line: int
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Feed:
    name: str
    feed: str
    url: str | None
    note: str | None
    folders: tuple[tuple[str, int], ...]  # (folder name, line) from the outermost
    line: int


def plan_opml(source: Path, content: Path, list_name: str = "following", folders_as_tags: bool = False) -> Plan:
    problems = Problems()
    root = _parse(source, read_input(source, WHAT), problems)
    shown = display_path(source)
    body = next((n for n in root.children if n.tag.lower() == "body"), None)
    if body is None:
        raise BadInput.at(source, root.line, "the <opml> element has no <body>; expected " + WHAT)
    feeds: list[_Feed] = []
    _walk(body.children, (), feeds, shown, problems)
    if not feeds:
        problems.warning(Loc(shown, body.line), "no feed outlines (with an xmlUrl) found")
    default_id = slugify(list_name)
    index = _existing(content)
    lists: dict[str, tuple[str, list[dict]]] = {}
    by_feed: dict[str, dict | None] = {}  # feed key → the person made for it (None: already there)
    already = 0
    for item in feeds:
        key = _feed_key(item.feed)
        tags = list(dict.fromkeys(name for name, _ in item.folders)) if folders_as_tags else []
        if key in by_feed:  # the same feed in two folders: once, with the tags of both
            person = by_feed[key]
            if person is not None and tags:
                person["tags"] = list(dict.fromkeys([*person.get("tags", []), *tags]))
            continue
        if key in index.feeds:
            by_feed[key] = None
            already += 1
            continue
        if folders_as_tags or not item.folders:
            list_id, title = default_id, list_name if list_name != default_id else title_case(default_id)
        else:
            names = [name for name, _ in item.folders]
            list_id = slugify(" ".join(names)) or f"folder-{item.folders[-1][1]}"
            title = " / ".join(names)
        person = _person(item, tags, index.ids)
        by_feed[key] = person
        lists.setdefault(list_id, (title, []))[1].append(person)
    changes = []
    for list_id, (title, people) in sorted(lists.items()):
        target = index.lists.get(list_id, content / "contacts" / f"{list_id}.yaml")
        changes.append(append_entries(target, people, key="people", header={"title": title}))
    return Plan(changes=tuple(changes), problems=problems.freeze(), already=already, noun="people")


# ---- XML ---------------------------------------------------------------------------------


class _Refused(Exception):
    pass


def _parse(path: Path, text: str, problems: Problems) -> _Node:
    if not text.lstrip().startswith("<"):
        raise BadInput.at(path, 1, f"not XML; expected {WHAT}")
    try:
        root = _tree(text)
    except expat.ExpatError as first:
        root = _recover(path, text, first, problems)
    except _Refused as exc:
        raise BadInput.at(path, exc.args[0], f"declares XML entities, which plnsite does not read; expected {WHAT}") from None
    if root.tag.lower() != "opml":
        found = "a news feed" if root.tag.lower() in ("rss", "feed", "rdf:rdf") else f"an <{root.tag}> document"
        raise BadInput.at(path, root.line, f"found {found}; expected {WHAT}")
    return root


def _recover(path: Path, text: str, first: expat.ExpatError, problems: Problems) -> _Node:
    repaired, fixes = _repair(text)
    if fixes:
        try:
            root = _tree(repaired)
        except (expat.ExpatError, _Refused):
            pass
        else:
            shown = display_path(path)
            for line, what in fixes:
                problems.warning(Loc(shown, line), f"{what} (the file is not well-formed XML)")
            return root
    message = expat.ErrorString(first.code)
    raise BadInput.at(path, first.lineno, f"not well-formed XML ({message} at column {first.offset + 1}); "
                                          f"expected {WHAT}") from None


def _repair(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Raw ``&`` → ``&amp;`` and HTML named entities (``&eacute;``) → their character, outside
    comments and CDATA; returns the text and (line, what was done) for each repair."""
    fixes: set[tuple[int, str]] = set()
    parts = _VERBATIM.split(text)
    offset = 0
    for index, part in enumerate(parts):
        if index % 2 == 0:
            parts[index] = _AMP_OR_NAMED.sub(lambda m, base=offset: _fix(m, text, base, fixes), part)
        offset += len(part)
    return "".join(parts), sorted(fixes)


def _fix(match: re.Match, text: str, base: int, fixes: set) -> str:
    line = text.count("\n", 0, base + match.start()) + 1
    name = match["name"]
    if name is None:
        fixes.add((line, "raw '&' read as '&amp;'"))
        return "&amp;"
    if name in _XML_NAMED or f"{name};" not in html.entities.html5:
        return match[0]
    character = html.entities.html5[f"{name};"]
    fixes.add((line, f"HTML entity '&{name};' read as '{character}'"))
    return character


def _tree(text: str) -> _Node:
    parser = expat.ParserCreate()
    stack: list[_Node] = []
    roots: list[_Node] = []

    def start(tag, attrs):
        node = _Node(tag, {k.lower(): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def refuse_entities(*_args):
        raise _Refused(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: stack.pop()
    parser.EntityDeclHandler = refuse_entities
    parser.Parse(text.encode("utf-8"), True)
    return roots[0]


# ---- outlines → people -------------------------------------------------------------------


def _walk(nodes: list[_Node], folders: tuple, feeds: list[_Feed], shown: str, problems: Problems) -> None:
    for node in nodes:
        if node.tag.lower() != "outline":
            continue
        attrs = node.attrs
        name = (attrs.get("title") or attrs.get("text") or "").strip()
        if attrs.get("xmlurl", "").strip():
            feed = _http(attrs["xmlurl"])
            if feed is None:
                problems.warning(Loc(shown, node.line), f"xmlUrl '{attrs['xmlurl'].strip()}' is not an http(s) URL: skipped")
                continue
            url = _http(attrs.get("htmlurl", ""))
            name = name or _host(url or feed)
            note = (attrs.get("description") or "").strip() or None
            feeds.append(_Feed(name=name, feed=feed, url=url, note=note, folders=folders, line=node.line))
            _walk(node.children, folders, feeds, shown, problems)
        elif node.children:
            _walk(node.children, (*folders, (name or f"Folder {node.line}", node.line)), feeds, shown, problems)
        elif name and attrs.get("type", "").lower() not in ("", "folder"):
            problems.warning(Loc(shown, node.line), f"outline '{name}' has no xmlUrl: skipped")


def _http(raw: str) -> str | None:
    text = raw.strip()
    if text.lower().startswith("feed:"):
        rest = text[5:]
        text = rest if rest.lower().startswith(("http://", "https://")) else "http:" + rest
    return text if re.match(r"^https?://[^\s/]", text, re.IGNORECASE) and " " not in text else None


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _feed_key(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


def _person(item: _Feed, tags: list[str], ids: set[str]) -> dict:
    person: dict = {"name": item.name}
    base = slugify(item.name) or slugify(_host(item.url or item.feed).replace(".", "-")) or "feed"
    made, n = base, 1
    while made in ids:
        n += 1
        made = f"{base}-{n}"
    ids.add(made)
    if made != slugify(item.name):
        person["id"] = made
    if item.url:
        person["url"] = item.url
    person["feed"] = item.feed
    if tags:
        person["tags"] = tags
    if item.note:
        person["note"] = item.note
    return person


# ---- what the content holds ---------------------------------------------------------------


@dataclass
class _Index:
    feeds: set[str]  # feed keys
    ids: set[str]  # contact ids in use (private people too)
    lists: dict[str, Path]  # list id → its file


def _existing(content: Path) -> _Index:
    index = _Index(set(), set(), {})
    for path in discover(content).contacts:
        index.lists.setdefault(path.stem, path)
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), display_path(path))
        except YamlError as exc:
            raise BadInput([exc.problem]) from None
        except UnicodeDecodeError:
            raise BadInput.at(path, None, "not UTF-8 text; fix it before importing") from None
        people = data.get("people") if isinstance(data, YMap) else data
        for person in people if isinstance(people, list) else []:
            if not isinstance(person, YMap):
                continue
            if person.get("feed"):
                index.feeds.add(_feed_key(str(person["feed"])))
            given = person.get("id")
            made = str(given).strip() if given not in (None, "") else slugify(str(person.get("name") or ""))
            if made:
                index.ids.add(made)
    return index
