"""``plnsite import opml FILE``: a feed reader's subscriptions → contact lists.

Each feed outline becomes a person with ``name``, ``url`` (the outline's ``htmlUrl``) and
``feed`` (its ``xmlUrl``); a blank title is replaced by the host of the URL. Feeds outside
any folder go to ``--list`` (default ``following``); each folder, at any depth, becomes a
list of its own (``Tech / Python`` → ``contacts/tech-python.yaml``), or with
``--folders-as-tags`` all feeds go to ``--list`` tagged with their folder names. Empty
folders make nothing. A feed already in any contact list (same URL, ignoring http/https and
a trailing slash) is not added again.

A file that is not well-formed XML (feed readers write raw ``&``, HTML entities, unescaped
HTML in descriptions…) is repaired or read by a recovering parser, with a warning per damaged
line (see opml_xml.py); a file that is not XML at all is refused. The file is read in the
encoding its XML declaration names (``read_input``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Loc, Problems
from ..load.discover import discover
from ..load.fields import is_http_url, parse_yaml
from ..paths import display_path
from ..sources import read_source
from ..text import slugify, title_case
from ..yamlio import YMap
from .opml_xml import WHAT, XmlNode, read_opml_xml
from .source import BadInput, read_input, stop_on_errors
from .writer import Plan, append_entries

__all__ = ["plan_opml"]

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
    root = read_opml_xml(source, read_input(source, WHAT, xml=True), problems)
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


# ---- outlines → people -------------------------------------------------------------------


def _walk(nodes: list[XmlNode], folders: tuple, feeds: list[_Feed], shown: str, problems: Problems) -> None:
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
    return text if is_http_url(text) and " " not in text else None


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
    problems = Problems()
    for path in discover(content).contacts:
        index.lists.setdefault(path.stem, path)
        text = read_source(path, display_path(path), problems)
        data = parse_yaml(text, display_path(path), problems) if text is not None else None
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
    stop_on_errors(problems)
    return index
