"""plnsite check: content problems, broken links and anchors, invalid feeds and OPML."""

from __future__ import annotations

import html.parser
import re
import shutil
from dataclasses import replace

import pytest

from plnsite.checks import check_outputs
from plnsite.checks.links import PageLinks, parse_page
from plnsite.model import Bytes, Output
from tests.conftest import ROOT, build_site

SUB_SITE = """\
title: Check Test
base_url: https://example.org/sub/
menu:
  - {title: Notes, url: /notes/}
"""

TARGET_NOTE = """\
---
title: Target
date: 2024-01-02
---
## Real heading

Text.
"""


def check_lines(run_cli, *argv: str) -> tuple[int, list[str]]:
    code, out, err = run_cli("check", *argv)
    assert "Traceback" not in err
    lines = out.splitlines()
    assert lines and lines[-1].startswith("check: ")
    return code, lines[:-1]


def test_dead_wikilink(site_factory, run_cli):
    site_factory({"notes/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nSee [[ghost]].\n"})
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == ["content/notes/a.md:5: warning: no note named 'ghost'"]


def test_dead_raw_html_link_and_image(site_factory, run_cli):
    site_factory({
        "site.yaml": SUB_SITE,
        "notes/a.md": """\
            ---
            title: A
            date: 2024-01-01
            ---
            Intro.

            A <a href="/nowhere/">dead link</a> in raw HTML.
            <img src="/img/missing.png" alt="gone">
            """,
    })
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == [
        "content/notes/a.md:7: error: broken link to '/sub/nowhere/'",
        "content/notes/a.md:8: error: broken link to '/sub/img/missing.png'",
    ]


def test_missing_anchors(site_factory, run_cli):
    site_factory({
        "site.yaml": SUB_SITE,
        "notes/b.md": TARGET_NOTE,
        "notes/a.md": """\
            ---
            title: A
            date: 2024-01-01
            ---
            Good: [real](b.md#real-heading), [[b]], <a href="#top">top</a>.

            Bad: [x](b.md#no-such-heading) and <a href="#missing">here</a>.
            """,
    })
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == [
        "content/notes/a.md:7: error: missing anchor in link to '#missing'",
        "content/notes/a.md:7: error: missing anchor in link to '/sub/notes/b/#no-such-heading'",
    ]


def test_broken_menu_link_is_placed_in_site_yaml(site_factory, run_cli):
    site_factory({"site.yaml": SUB_SITE + "  - {title: Gone, url: /gone/}\n"})
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == ["content/site.yaml:5: error: broken link to '/sub/gone/'"]


def test_broken_link_in_a_theme_is_reported_once_on_a_built_page(site_factory, run_cli):
    content = site_factory({"site.yaml": SUB_SITE})
    override = content.parent / "themes" / "default" / "templates" / "404.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}{% block content %}<a href="/sub/lost/">x</a>{% endblock %}\n',
                        encoding="utf-8")
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == ["404.html: error: broken link to '/sub/lost/'"]


def test_every_kind_at_once_and_nothing_written(site_factory, run_cli):
    content = site_factory({
        "site.yaml": SUB_SITE,
        "notes/b.md": TARGET_NOTE,
        "notes/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n[[ghost]] <a href=\"/nowhere/\">x</a> [y](b.md#nope)\n",
    })
    code, lines = check_lines(run_cli, "-s", str(content))
    assert code == 1
    assert len(lines) == 3
    assert not (content.parent / "public").exists()


# --------------------------------------------------------------------------- clean sites


def test_golden_site_is_clean(run_cli, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tests" / "sites" / "basic", tmp_path / "basic")
    monkeypatch.chdir(tmp_path / "basic")
    code, out, err = run_cli("check")
    assert (code, err) == (0, "")
    assert out.startswith("check: no problems found")


def test_repository_example_site_is_clean(run_cli, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check")
    assert (code, err) == (0, "")
    assert out.startswith("check: no problems found")


def test_golden_site_is_clean_under_another_base_url(run_cli, basic_source):
    code, out, _ = run_cli("check", "-s", str(basic_source), "--base-url", "https://elsewhere.example/a/b/")
    assert code == 0, out


# --------------------------------------------------------------------------- feeds and OPML


def _corrupt(outputs, file: str, body: bytes) -> dict:
    changed = dict(outputs)
    changed[file] = replace(outputs[file], body=body)
    return changed


def test_built_feeds_and_opml_pass(built_basic):
    assert check_outputs(built_basic.outputs, "https://example.org/portfolio/") == ()


@pytest.mark.parametrize(("file", "remove", "expected"), [
    ("feed.xml", rb"<guid[^>]*>[^<]*</guid>", "RSS item 'A Bundle' has no <guid>"),
    ("feed.xml", rb"<description>A small[^<]*</description>", "RSS channel has no <description>"),
    ("atom.xml", rb"<updated>[^<]*</updated>", "Atom feed has no <updated>"),
    ("network.opml", rb"<title>[^<]*</title>", "OPML has no <head><title>"),
    ("network.opml", rb' xmlUrl="https://carol[^"]*"', "OPML outline 'Carol Expert' is type=\"rss\" but has no 'xmlUrl'"),
    ("feed.json", rb'"version": "[^"]*",', "JSON Feed has no 'version' (https://jsonfeed.org/version/1.1)"),
])
def test_feed_missing_a_required_element(built_basic, file, remove, expected):
    body, removed = re.subn(remove, b"", built_basic.outputs[file].body, count=1)
    assert removed == 1
    problems = [str(p) for p in check_outputs(_corrupt(built_basic.outputs, file, body), "https://example.org/portfolio/")]
    assert problems == [f"{file}: error: {expected}"]


@pytest.mark.parametrize("file", ["feed.xml", "atom.xml", "network.opml", "tags/pln/feed.xml", "sitemap.xml"])
def test_feed_not_well_formed(built_basic, file):
    body = built_basic.outputs[file].body
    outputs = _corrupt(built_basic.outputs, file, body[: len(body) // 2])
    problems = [str(p) for p in check_outputs(outputs, "https://example.org/portfolio/")]
    assert len(problems) == 1
    assert problems[0].startswith(f"{file}:") and "not well-formed XML" in problems[0]
    assert problems[0].split(":")[1].isdigit()  # the line of the error


def test_json_feed_not_valid(built_basic):
    outputs = _corrupt(built_basic.outputs, "feed.json", b'{"version": ')
    problems = [str(p) for p in check_outputs(outputs, "https://example.org/portfolio/")]
    assert len(problems) == 1 and problems[0].startswith("feed.json:1: error: not valid JSON")


def test_crafted_feeds():
    outputs = {
        "feed.xml": Bytes(file="feed.xml", media_type="application/rss+xml",
                           body=b"<rss version='2.0'><channel><title>T</title><link>https://x.org/</link>"
                                b"<description/><item><title>One</title></item></channel></rss>"),
        "atom.xml": Bytes(file="atom.xml", media_type="application/atom+xml",
                           body=b"<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id><title>T</title>"
                                b"<updated>2024-01-01T00:00:00Z</updated><entry><title>E</title></entry></feed>"),
        "feed.json": Bytes(file="feed.json", media_type="application/feed+json",
                            body=b'{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"title": "I"}]}'),
        "x.opml": Bytes(file="x.opml", media_type="text/x-opml",
                         body=b"<opml version='2.0'><head><title>B</title></head><body><outline title='L'/></body></opml>"),
        "wrong.xml": Bytes(file="wrong.xml", media_type="application/rss+xml", body=b"<feed/>"),
    }
    assert [str(p) for p in check_outputs(outputs, "https://x.org/")] == [
        "atom.xml: error: Atom entry 'E' has no <id>",
        "atom.xml: error: Atom entry 'E' has no <updated>",
        "feed.json: error: JSON Feed item 'I' has neither 'content_html' nor 'content_text'",
        "feed.json: error: JSON Feed item 'I' has no 'id'",
        "feed.xml: error: RSS item 'One' has no <guid>",
        "feed.xml: error: RSS item 'One' has no <link>",
        "wrong.xml: error: not an RSS feed: the root is <feed>, not <rss><channel>",
        "x.opml: error: OPML outline 'L' has no 'text' attribute",
    ]


# --------------------------------------------------------------------------- how links resolve


def _page(body: str, file: str = "index.html") -> Output:
    return Bytes(file=file, body=body.encode(), media_type="text/html")


def _broken(pages: dict[str, str], base_url: str = "https://example.org/sub/", others=(), jobs: int = 1) -> list[str]:
    outputs = {file: _page(body, file) for file, body in pages.items()}
    outputs.update({file: Bytes(file=file, body=b"", media_type="") for file in others})
    return [str(p) for p in check_outputs(outputs, base_url, jobs=jobs)]


def test_links_that_resolve():
    page = """<html><body id="top-of-page">
    <a href="/sub/">home</a> <a href="/sub">home without slash</a> <a href="/sub/notes/x">folder</a>
    <a href="../sub/notes/x/#sec">relative up</a> <a href="notes/x/">relative</a>
    <a href="https://example.org/sub/notes/x/">absolute</a> <a href="http://example.org/sub/feed.xml">http</a>
    <a href="/sub/tags/%E5%AD%A6%E4%B9%A0/">encoded</a> <a href="/sub/theme/site.css?v=1">query</a>
    <a href="#top-of-page">self</a> <a href="#top">top</a> <a href="#">nothing</a> <a name="old">old anchor</a>
    <a href="#old">old</a> <img srcset="/sub/a.png 1x, /sub/b.png 2x" src="/sub/a.png" alt="">
    <a href="mailto:me@example.org">mail</a> <a href="https://elsewhere.example/x/">other host</a>
    <a href="/other-project/">same host, other site</a> <a href="data:text/plain,x">data</a>
    </body></html>"""
    target = '<html><body><h2 id="sec">S</h2></body></html>'
    assert _broken({"index.html": page, "notes/x/index.html": target, "tags/学习/index.html": "<p>"},
                   others=("feed.xml", "theme/site.css", "a.png", "b.png")) == []


def test_links_that_do_not():
    page = """<a href="/sub/notes/y/">1</a> <img src="/sub/b.png" alt=""> <img srcset="/sub/c.png 2x" alt="">
    <a href="/sub/notes/x/#nope">2</a> <a href="notes/x/index.html#sec">ok</a> <link rel="stylesheet" href="/sub/x.css">"""
    assert _broken({"index.html": page, "notes/x/index.html": '<h2 id="sec">'}) == [
        "index.html: error: broken link to '/sub/b.png'",
        "index.html: error: broken link to '/sub/c.png'",
        "index.html: error: broken link to '/sub/notes/y/'",
        "index.html: error: broken link to '/sub/x.css'",
        "index.html: error: missing anchor in link to '/sub/notes/x/#nope'",
    ]


def test_base_href_is_honoured():
    page = '<head><base href="/sub/notes/"></head><a href="x/">x</a> <a href="y/">y</a>'
    assert _broken({"index.html": page, "notes/x/index.html": ""}) == ["index.html: error: broken link to 'y/'"]


def test_pages_read_by_worker_processes_give_the_same_findings():
    pages = {f"p{n}/index.html": f'<h2 id="s{n}">S</h2><a href="/sub/p{n + 1}/#s{n + 1}">next</a> '
                                 f'<a href="../p{n}/#gone-{n}">here</a>' for n in range(300)}
    found = _broken(pages, jobs=2)
    assert found == _broken(pages, jobs=1)
    assert len(found) == 301 and found[0] == "p0/index.html: error: missing anchor in link to '../p0/#gone-0'"
    assert "p299/index.html: error: broken link to '/sub/p300/#s300'" in found


def test_the_same_unplaced_link_on_many_pages_is_reported_once():
    pages = {f"p{n}/index.html": '<a href="/sub/gone/">x</a>' for n in range(4)}
    assert _broken(pages) == ["p0/index.html: error: broken link to '/sub/gone/' (and on 3 other pages)"]


def test_broken_link_in_a_static_html_file(site_factory, run_cli):
    site_factory({"static/old/page.html": '<!doctype html>\n<title>Old</title>\n<p><a href="/gone.html">gone</a>\n'})
    code, lines = check_lines(run_cli)
    assert code == 1
    assert lines == ["content/static/old/page.html:3: error: broken link to '/gone.html'"]


# --------------------------------------------------------------------------- how pages are read


class _StandardLibraryReader(html.parser.HTMLParser):
    """What check read pages with before lxml: the reference its findings must still match."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:  # valueless or empty: nothing to check
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif tag == "base" and name == "href":
                self.base = self.base or value.strip()
            elif name in ("href", "src", "poster", "action"):
                self.links.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                self.links += [c.split()[0] for c in value.split(",") if c.strip()]

    handle_startendtag = handle_starttag


def read_with_the_standard_library(body: bytes) -> PageLinks:
    reader = _StandardLibraryReader()
    reader.feed(body.decode("utf-8", errors="replace"))
    reader.close()
    return PageLinks(links=tuple(reader.links), ids=frozenset(reader.ids), base=reader.base)


TRICKY_PAGES = [
    "",
    "<p>no links",
    "\ufeff<!doctype html><a href='/bom/'>x</a>",
    '<A HREF="/Upper/" ID="Big">x</A> <a href=/unquoted/>y</a> <a href>empty</a> <a name="old" id="new">z</a>',
    '<a href="/q?a=1&amp;b=2&lt;">entities</a> <a href="/caf&eacute;/">named</a> <a href="/&#x5b66;/">numeric</a>',
    '<img srcset="/a.png 1x,\n  /b.png 2x" src=" /spaced.png "> <source imagesrcset="/c.png 100w">',
    '<base href="/one/"><base href="/two/"><a href="x/">x</a>',
    '<!-- <a href="/commented/"> --><script>var a = "<a href=\'/in-script/\'>";</script><a href="/after/">a</a>',
    '<svg><a href="/in-svg/"><text id="t">t</text></a><image href="/img.svg"/></svg>',
    '<form action="/send/"><button formaction="/other/">b</button></form><video poster="/p.jpg" src="/v.mp4"></video>',
    '<table><tr><td><a href="/in-table/">t</a></td></tr></table><p><div id="misnested">d</p></div>',
    '<a href="/\u5b66\u4e60/">unicode</a> <h2 id="caf\u00e9">accented id</h2>',
]


@pytest.mark.parametrize("page", TRICKY_PAGES)
def test_a_page_is_read_as_the_standard_library_read_it(page):
    body = page.encode("utf-8")
    assert parse_page(body) == read_with_the_standard_library(body)


def test_every_built_page_is_read_as_the_standard_library_read_it(built_basic, tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    example = build_site(tmp_path / "content")
    for result in (built_basic, example):
        pages = {f: o.body for f, o in result.outputs.items() if f.endswith(".html") and o.body is not None}
        assert len(pages) > 20
        for file, body in sorted(pages.items()):
            assert parse_page(body) == read_with_the_standard_library(body), file


def test_a_page_that_is_not_utf8_is_read_with_replacement_characters():
    body = '<a href="/caf\u00e9/">x</a> <a href="/ok/">y</a>'.encode("latin-1")
    assert parse_page(body).links == ("/caf\ufffd/", "/ok/")
