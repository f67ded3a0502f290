"""render/opml.py: the OPML 2.0 blogroll, one outline per list, one rss outline per contact with a feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.clients import require_module
from tests.conftest import build_site

FILES = {
    "notes/2025-02-03-n.md": "---\ntitle: N\n---\n",
    "contacts/colleagues.yaml": """\
        title: Colleagues & Friends
        description: People I work with.
        people:
          - name: Jesse Hotchin
            id: hotchin
            url: https://personalizedlearningnetwork.ca/
            feed: https://personalizedlearningnetwork.ca/feed/
            tags: [edtech]
          - name: No Feed Person
            url: https://nofeed.example/
          - name: Secret Person
            feed: https://secret.example/feed/
            visibility: private
            email: secret@example.org
    """,
    "contacts/experts.yaml": """\
        - name: Ada <Expert>
          feed: https://ada.example/atom.xml?x=1&y=2
    """,
    "contacts/empty.yaml": "- name: Only Web\n  url: https://web.example/\n",
}


@pytest.fixture
def opml(site_factory):
    def run(files=None, site=None):
        content = site_factory({**(FILES if files is None else files), **({"site.yaml": site} if site else {})})
        result = build_site(content)
        assert result.ok, [str(p) for p in result.problems]
        return result

    return run


def test_listparser_reads_it_without_complaint_grouped_by_list(opml):
    listparser = require_module("listparser")
    result = opml()
    parsed = listparser.parse(result.outputs["network.opml"].body.decode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.meta.title == "Test Site: blogroll"
    feeds = sorted((f.title, f.url, tuple(sorted(f.categories[0]))) for f in parsed.feeds)
    assert [(title, url) for title, url, _ in feeds] == [
        ("Ada <Expert>", "https://ada.example/atom.xml?x=1&y=2"),
        ("Jesse Hotchin", "https://personalizedlearningnetwork.ca/feed/"),
    ]
    groups = {f.title: f.categories for f in parsed.feeds}
    assert groups["Jesse Hotchin"] == [["Colleagues & Friends"]]
    assert groups["Ada <Expert>"] == [["Experts"]]


def test_structure(opml):
    root = ET.fromstring(opml().outputs["network.opml"].body)
    assert root.tag == "opml" and root.get("version") == "2.0"
    head = root.find("head")
    assert head.findtext("title") == "Test Site: blogroll"
    assert head.findtext("dateModified") == "Mon, 03 Feb 2025 00:00:00 +0000", "the newest note's date, not the clock"
    assert head.findtext("docs") == "http://opml.org/spec2.opml"
    groups = root.find("body").findall("outline")
    assert [dict(g.attrib) for g in groups] == [{"text": "Colleagues & Friends"}, {"text": "Empty"}, {"text": "Experts"}], \
        "lists sorted by id; a folder carries text only"
    colleagues, empty, experts = groups
    assert [dict(o.attrib) for o in colleagues] == [{
        "type": "rss", "text": "Jesse Hotchin", "title": "Jesse Hotchin",
        "xmlUrl": "https://personalizedlearningnetwork.ca/feed/", "htmlUrl": "https://personalizedlearningnetwork.ca/",
    }]
    assert list(empty) == [], "only contacts with a feed"
    assert [o.get("xmlUrl") for o in experts] == ["https://ada.example/atom.xml?x=1&y=2"]


def test_private_contacts_are_never_in_it(opml):
    data = opml().outputs["network.opml"].body
    assert b"Secret" not in data and b"secret" not in data


def test_the_same_file_is_at_the_well_known_address(opml):
    result = opml()
    assert result.outputs[".well-known/recommendations.opml"].body == result.outputs["network.opml"].body
    assert result.outputs["network.opml"].media_type == "text/x-opml"


def test_owner_from_the_author(opml):
    site = "title: T\nbase_url: https://example.org/\nauthor: {name: Ada Lovelace, url: 'https://ada.example/'}\n"
    head = ET.fromstring(opml(site=site).outputs["network.opml"].body).find("head")
    assert head.findtext("ownerName") == "Ada Lovelace"
    assert head.findtext("ownerId") == "https://ada.example/"


def test_a_site_without_contacts_or_notes(opml):
    result = opml({})
    root = ET.fromstring(result.outputs["network.opml"].body)
    assert root.find("head").find("dateModified") is None
    assert list(root.find("body")) == []
    listparser = require_module("listparser")
    assert not listparser.parse(result.outputs["network.opml"].body.decode()).bozo


def test_it_is_utf8_with_a_declaration(opml):
    files = {"contacts/friends.yaml": "- name: Zoë 学习\n  feed: https://zoe.example/feed\n"}
    data = opml(files).outputs["network.opml"].body
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "Zoë 学习".encode() in data
