"""An OPML file's XML, damaged or not, as a plain tree of elements with their lines.

Feed readers' exports are often not well-formed. A file that is not is read in up to three
steps, with one ``path:line: warning`` for each line that needed help:

1. repaired, where the damage has one meaning: a raw ``&`` (``xmlUrl="…?a=1&b=2"``), an HTML
   entity (``&eacute;``), a control character (not allowed in XML at all), and HTML markup such
   as ``<a href="…">…</a>`` (OPML has no such elements: it is a description whose markup was
   not escaped) read as text;
2. read strictly again;
3. if still damaged, read by a recovering parser (lxml), which keeps every outline it can
   read; outlines it had to leave after ``</body>`` are put back at its end.

A file with entity declarations is refused at any step (no "billion laughs", no external
entities), and so is one with no XML to recover (a CSV, a feed, a zip: see ``read_input``).
"""

from __future__ import annotations

import html.entities
import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Loc, Problems
from ..paths import display_path
from ..xmlparse import parse_xml_recovering
from .source import BadInput

__all__ = ["WHAT", "XmlNode", "read_opml_xml"]

WHAT = "an OPML file of feed subscriptions (<opml> XML)"
_VERBATIM = re.compile(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)", re.DOTALL)
_AMP_OR_NAMED = re.compile(r"&(?:(?P<name>[A-Za-z][A-Za-z0-9]*);|(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9A-Fa-f]+;))")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
# HTML that descriptions carry; none of these names is an OPML element.
_HTML_TAG = re.compile(
    r"</?(?P<name>a|abbr|b|big|blockquote|br|cite|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small|span"
    r"|strike|strong|sub|sup|u|ul)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_ESCAPE = str.maketrans({"<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})
_ENTITY_DECLARATION = re.compile(r"<!ENTITY\b")
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


@dataclass
class XmlNode:
    tag: str
    attrs: dict[str, str]  # attribute names lower-cased
    line: int
    children: list[XmlNode] = field(default_factory=list)


def read_opml_xml(path: Path, text: str, problems: Problems) -> XmlNode:
    """The ``<opml>`` element of ``text`` (read from ``path``); warnings for what was repaired
    or recovered go to ``problems``; ``BadInput`` when it is not an OPML document at all."""
    if not text.lstrip().startswith("<"):
        raise BadInput.at(path, 1, f"not XML; expected {WHAT}")
    # ``read_input`` decoded the file as its declaration says; the parsers get the text as UTF-8.
    text = _DECLARED_ENCODING.sub(r"\1\2UTF-8\2", text, count=1)
    try:
        root = _strict(text)
    except expat.ExpatError as first:
        root = _repaired_or_recovered(path, text, first, problems)
    except _Refused as exc:
        raise _entities_refused(path, exc.args[0]) from None
    if root.tag.lower() != "opml":
        found = "a news feed" if root.tag.lower() in ("rss", "feed", "rdf:rdf") else f"an <{root.tag}> document"
        raise BadInput.at(path, root.line, f"found {found}; expected {WHAT}")
    return root


class _Refused(Exception):
    pass


def _entities_refused(path: Path, line: int) -> BadInput:
    return BadInput.at(path, line, f"declares XML entities, which plnsite does not read; expected {WHAT}")


def _repaired_or_recovered(path: Path, text: str, first: expat.ExpatError, problems: Problems) -> XmlNode:
    repaired, fixes = _repair(text)
    root, damaged = None, {}
    if fixes:
        try:
            root = _strict(repaired)
        except _Refused as exc:
            raise _entities_refused(path, exc.args[0]) from None
        except expat.ExpatError:
            pass
    if root is None:
        root, damaged = _recover(path, repaired)
        if root is None:
            message = expat.ErrorString(first.code)
            raise BadInput.at(path, first.lineno, f"not well-formed XML ({message} at column {first.offset + 1}); "
                                                  f"expected {WHAT}") from None
    shown = display_path(path)
    for line in sorted({*fixes, *damaged}):  # one warning per line, all it says about that line
        said = "; ".join(fixes.get(line, ()))
        if line in damaged:
            problems.warning(Loc(shown, line), f"{said}; {damaged[line]}" if said else damaged[line])
        else:
            problems.warning(Loc(shown, line), f"{said} (the file is not well-formed XML)")
    return root


# ---- 1. repairs with one meaning ------------------------------------------------------------


def _repair(text: str) -> tuple[str, dict[int, dict[str, None]]]:
    """Raw ``&`` → ``&amp;``, HTML named entities (``&eacute;``) → their character, control
    characters removed and HTML tags escaped, outside comments and CDATA; returns the text and,
    by line, what was done there (each kind of repair once)."""
    fixes: dict[int, dict[str, None]] = {}
    tags: dict[int, dict[str, None]] = {}  # HTML tag names by line, said in one phrase
    parts = _VERBATIM.split(text)
    line = 1
    for index, part in enumerate(parts):
        if index % 2 == 0:  # no repair adds or removes a line break, so lines stay countable
            part = _each(_AMP_OR_NAMED, part, line, lambda m, n: _fix_ampersand(m, n, fixes))
            part = _each(_CONTROL, part, line,
                         lambda m, n: _note(fixes, n, f"control character U+{ord(m[0]):04X} removed"))
            part = _each(_HTML_TAG, part, line, lambda m, n: _note(tags, n, f"'<{m['name'].lower()}>'",
                                                                   m[0].translate(_ESCAPE)))
            parts[index] = part
        line += part.count("\n")
    for at, names in tags.items():
        _note(fixes, at, f"HTML tag{'s' * (len(names) > 1)} {', '.join(names)} read as text")
    return "".join(parts), fixes


def _each(pattern: re.Pattern, text: str, first_line: int, replace) -> str:
    """``pattern.sub`` whose ``replace(match, line)`` also hears the match's line."""
    return pattern.sub(lambda m: replace(m, first_line + text.count("\n", 0, m.start())), text)


def _note(fixes: dict, line: int, what: str, replacement: str = "") -> str:
    fixes.setdefault(line, {})[what] = None
    return replacement


def _fix_ampersand(match: re.Match, line: int, fixes: dict) -> str:
    name = match["name"]
    if name is None:
        return _note(fixes, line, "raw '&' read as '&amp;'", "&amp;")
    if name in _XML_NAMED or f"{name};" not in html.entities.html5:
        return match[0]
    character = html.entities.html5[f"{name};"]
    # As character references: the XML parser reads them the same, and &NewLine; adds no line.
    references = "".join(f"&#{ord(c)};" for c in character)
    return _note(fixes, line, f"HTML entity '&{name};' read as '{character}'", references)


# ---- 2. strict --------------------------------------------------------------------------------


def _strict(text: str) -> XmlNode:
    parser = expat.ParserCreate()
    stack: list[XmlNode] = []
    roots: list[XmlNode] = []

    def start(tag, attrs):
        node = XmlNode(tag, {k.lower(): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def refuse_entities(*_args):
        raise _Refused(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: stack.pop()
    parser.EntityDeclHandler = refuse_entities
    parser.Parse(text.encode("utf-8"), True)
    return roots[0]


# ---- 3. recovering ----------------------------------------------------------------------------


def _recover(path: Path, text: str) -> tuple[XmlNode | None, dict[int, str]]:
    """The tree a recovering parser reads, and by line what it found damaged there."""
    line = _entity_declaration(text)
    if line is not None:  # refused before lxml sees it: it would expand internal entities in attributes
        raise _entities_refused(path, line)
    element, damage = parse_xml_recovering(text.encode("utf-8"))
    if element is None:
        return None, {}
    last_line = max(1, len(text.splitlines()))
    damaged: dict[int, str] = {}
    for item in damage:  # the first message of each line ("premature end" lies past the end)
        damaged.setdefault(min(item.line, last_line),
                           f"not well-formed XML at column {item.column} ({item.message}); read what could be read")
    root = _node(element)
    body = next((n for n in root.children if n.tag.lower() == "body"), None)
    if body is not None:  # an extra close tag ends <body> early: the outlines after it are still the body's
        after = root.children[next(i for i, n in enumerate(root.children) if n is body) + 1:]
        body.children += [n for n in after if n.tag.lower() == "outline"]
    return root, damaged


def _entity_declaration(text: str) -> int | None:
    """The line of the first ``<!ENTITY`` outside comments and CDATA, if any."""
    line = 1
    for index, part in enumerate(_VERBATIM.split(text)):
        found = _ENTITY_DECLARATION.search(part) if index % 2 == 0 else None
        if found:
            return line + part.count("\n", 0, found.start())
        line += part.count("\n")
    return None


def _node(element) -> XmlNode:
    tag = element.tag.rpartition("}")[2]
    if element.prefix:
        tag = f"{element.prefix}:{tag}"
    children = [_node(child) for child in element if isinstance(child.tag, str)]
    attrs = {key.lower(): value for key, value in element.items()}
    return XmlNode(tag, attrs, element.sourceline or 1, children)
