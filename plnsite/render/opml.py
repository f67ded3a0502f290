"""The OPML 2.0 blogroll: one folder outline (``text`` only) per contact list, and in it one
``type="rss"`` outline (``text``, ``title``, ``xmlUrl``, ``htmlUrl``) per contact with a feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import Site
from ..urls import Urls

__all__ = ["render_opml"]


def render_opml(site: Site, urls: Urls) -> bytes:
    cfg = site.config
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"{cfg.title}: blogroll"
    if site.notes:  # a content date, never the clock, so rebuilds are identical
        # Imported here: email.utils brings socket (~8 ms), for a file a warm build rarely makes again.
        from email.utils import format_datetime

        ET.SubElement(head, "dateModified").text = format_datetime(site.notes[0].date)
    ET.SubElement(head, "ownerName").text = cfg.author.name
    if cfg.author.url:
        ET.SubElement(head, "ownerId").text = cfg.author.url
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for contact_list in site.lists:
        people = [site.contacts[i] for i in contact_list.people]
        # A folder carries ``text`` only: OPML 2.0 gives ``title`` and ``type`` to subscriptions.
        group = ET.SubElement(body, "outline", text=contact_list.title)
        for person in people:
            if not person.feed:
                continue
            attrs = {"type": "rss", "text": person.name, "title": person.name, "xmlUrl": person.feed}
            if person.url:
                attrs["htmlUrl"] = person.url
            ET.SubElement(group, "outline", attrs)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
