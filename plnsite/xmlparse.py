"""HTML and damaged XML read with lxml: the one home of lxml.

``html_elements`` reads a built page for ``plnsite check`` (libxml2's HTML parser is several
times faster than ``html.parser``). ``parse_xml_recovering`` reads an OPML file that is not
well-formed, keeping what can be read; such a file comes from elsewhere, so nothing outside
it is ever read: no DTD, no external entities, no network, and no huge-tree mode (libxml2's
limits on depth and entity expansion stay on).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

__all__ = ["XmlDamage", "html_elements", "parse_xml_recovering"]

# Built pages are UTF-8 (plnsite writes them so; a static page that is not gets U+FFFD, as a
# browser would). Comments and processing instructions are dropped: only elements remain.
_HTML = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def html_elements(data: bytes) -> Iterator:
    """Every element of an HTML document, in document order (lxml elements: ``tag`` and
    attribute names lower-case, ``items()``, ``sourceline``); nothing for an empty one."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # libxml2 releases differ on bad bytes: replace them ourselves
        data = data.decode("utf-8", "replace").encode("utf-8")
    root = etree.fromstring(data, _HTML) if data.strip() else None
    return root.iter() if root is not None else iter(())


@dataclass(frozen=True, slots=True)
class XmlDamage:
    line: int
    column: int
    message: str  # libxml2's words: "Opening and ending tag mismatch: outline line 4 and body"


def parse_xml_recovering(data: bytes):
    """(root element or None, the damage met in document order) with libxml2's recovering parser.

    Entity references are not expanded and a DTD is never loaded; callers that must refuse
    entity declarations do so before calling (the parser would still read an internal one)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:  # recovery gave up: not even a start tag
        root = None
    damage = [XmlDamage(line=e.line, column=e.column, message=e.message.strip()) for e in parser.error_log]
    return root, damage
