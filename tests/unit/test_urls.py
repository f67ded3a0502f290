"""urls.py: the one URL maker. Sub-path base URLs, root-relative content links, absolute feed links."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from plnsite import urls as urls_module
from plnsite.errors import Loc
from plnsite.model import Contact, Markdown, Note, Page, Reading, ReadingKind, ReadingStatus, RouteKind
from plnsite.urls import (Urls, feed_url, file_for, item_url, normalize_base_url, note_url, page_url,
                          reading_entry_url, tag_feed_url, tag_url, url_for)

LOC = Loc("content/x.md", 1)
SUB = Urls("https://ada.github.io/portfolio/")
ROOT = Urls("https://ada.example/")


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("https://ada.github.io/portfolio/", "https://ada.github.io/portfolio/"),
        ("https://ada.github.io/portfolio", "https://ada.github.io/portfolio/"),
        ("https://ada.example", "https://ada.example/"),
        ("  http://localhost:8000  ", "http://localhost:8000/"),
        ("https://ada.example/a/b?q=1#frag", "https://ada.example/a/b/"),
    ],
)
def test_normalize_base_url(written, normal):
    assert normalize_base_url(written) == normal


@pytest.mark.parametrize("bad", ["", "ada.example", "/portfolio/", "ftp://ada.example/", "https:///x", "mailto:a@b"])
def test_normalize_base_url_refuses(bad):
    with pytest.raises(ValueError) as info:
        normalize_base_url(bad)
    assert str(info.value) == f"base_url must be an absolute http(s) URL, not {bad!r}"


def test_parts():
    assert (SUB.base_url, SUB.base_path, SUB.origin) == (
        "https://ada.github.io/portfolio/", "/portfolio/", "https://ada.github.io",
    )
    assert (ROOT.base_path, ROOT.origin) == ("/", "https://ada.example")


@pytest.mark.parametrize(
    ("url", "path", "absolute"),
    [
        ("", "/portfolio/", "https://ada.github.io/portfolio/"),
        ("notes/x/", "/portfolio/notes/x/", "https://ada.github.io/portfolio/notes/x/"),
        ("feed.xml", "/portfolio/feed.xml", "https://ada.github.io/portfolio/feed.xml"),
        ("network/#hotchin", "/portfolio/network/#hotchin", "https://ada.github.io/portfolio/network/#hotchin"),
        ("tags/学习/", "/portfolio/tags/%E5%AD%A6%E4%B9%A0/", "https://ada.github.io/portfolio/tags/%E5%AD%A6%E4%B9%A0/"),
        ("notes/a b/", "/portfolio/notes/a%20b/", "https://ada.github.io/portfolio/notes/a%20b/"),
    ],
)
def test_path_and_absolute(url, path, absolute):
    assert SUB.path(url) == path
    assert SUB.absolute(url) == absolute


def test_path_at_the_root():
    assert ROOT.path("") == "/"
    assert ROOT.path("notes/x/") == "/notes/x/"
    assert ROOT.absolute("atom.xml") == "https://ada.example/atom.xml"


def test_path_does_not_double_encode():
    assert SUB.path("notes/100%25/") == "/portfolio/notes/100%25/"


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("", "index.html"),
        ("notes/", "notes/index.html"),
        ("notes/page/2/", "notes/page/2/index.html"),
        ("tags/学习/", "tags/学习/index.html"),
        ("feed.xml", "feed.xml"),
        ("404.html", "404.html"),
        (".well-known/recommendations.opml", ".well-known/recommendations.opml"),
    ],
)
def test_file_for(url, file):
    assert file_for(url) == file
    assert Urls.file_for(url) == file


@pytest.mark.parametrize(
    ("file", "url"),
    [
        ("index.html", ""),
        ("notes/index.html", "notes/"),
        ("notes/page/2/index.html", "notes/page/2/"),
        ("tags/学习/index.html", "tags/学习/"),
        ("feed.xml", "feed.xml"),
        ("404.html", "404.html"),
        ("notes/x/photo.jpg", "notes/x/photo.jpg"),
        ("notes/x/notindex.html", "notes/x/notindex.html"),
        (".well-known/recommendations.opml", ".well-known/recommendations.opml"),
    ],
)
def test_url_for_is_the_inverse_of_file_for(file, url):
    assert url_for(file) == url
    assert file_for(url_for(file)) == file


def test_addresses_of_each_kind():
    assert note_url("x") == "notes/x/"
    assert reading_entry_url("b") == "reading/b/"
    assert tag_url("学习") == "tags/学习/"
    assert tag_feed_url("c-plus-plus") == "tags/c-plus-plus/feed.xml"
    assert [feed_url(k) for k in (RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED)] == [
        "feed.xml", "atom.xml", "feed.json"]
    assert [page_url("notes/", n) for n in (1, 2, 10)] == ["notes/", "notes/page/2/", "notes/page/10/"]
    assert page_url("tags/page/", 2) == "tags/page/page/2/"  # a tag named "page"
    assert (urls_module.HOME_URL, urls_module.NOTES_URL, urls_module.TAGS_URL) == ("", "notes/", "tags/")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("/notes/", "/portfolio/notes/"),
        ("/", "/portfolio/"),
        ("https://elsewhere.example/", "https://elsewhere.example/"),
        ("//cdn.example/x", "//cdn.example/x"),
        ("relative/", "relative/"),
        ("#top", "#top"),
    ],
)
def test_site_url(written, shown):
    assert SUB.site_url(written) == shown


def test_item_urls():
    when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    body = Markdown(text="", loc=LOC)
    note = Note(id="notes/x", slug="x", title="X", date=when, updated=None, tags=(), summary=None, draft=False,
                body=body, assets=(), loc=LOC)
    page = Page(id="pages/about", slug="about", title="About", body=body, loc=LOC)

    def reading(has_page: bool) -> Reading:
        return Reading(id="reading/b", slug="b", title="B", authors=(), url=None, kind=ReadingKind.BOOK,
                       status=ReadingStatus.WANT, started=None, finished=None, rating=None, tags=(), via=None,
                       notes=None, has_page=has_page, loc=LOC)

    contact = Contact(id="hotchin", name="Jesse", url=None, feed=None, role=None, handles=(), tags=(), note=None,
                      list_id="friends", loc=LOC)
    assert item_url(note) == "notes/x/"
    assert item_url(page) == "about/"
    assert item_url(reading(True)) == "reading/b/"
    assert item_url(reading(False)) == "reading/#b"
    assert item_url(contact) == "network/#hotchin"
    with pytest.raises(TypeError):
        item_url(object())


# ---- root-relative links in content ---------------------------------------------------------


def test_rebase_html_puts_root_relative_links_under_the_sub_path():
    html = '<a href="/notes/x/">x</a> <img src="/img/a.png" alt=""> <a href=\'/about/\'>a</a> <video poster="/p.jpg">'
    assert SUB.rebase_html(html) == (
        '<a href="/portfolio/notes/x/">x</a> <img src="/portfolio/img/a.png" alt=""> '
        "<a href='/portfolio/about/'>a</a> <video poster=\"/portfolio/p.jpg\">"
    )


def test_rebase_html_leaves_other_links_alone():
    html = ('<a href="https://x.example/">a</a> <a href="//cdn.example/x">b</a> <a href="rel/">c</a> '
            '<a href="#top">d</a> <img src="img/p.png">')
    assert SUB.rebase_html(html) == html


def test_rebase_html_is_a_no_op_at_the_root():
    html = '<a href="/notes/x/">x</a>'
    assert ROOT.rebase_html(html) == html


def test_rebase_html_leaves_the_text_of_code_samples_alone():
    # Markdown escapes < and > in code but not quotes: the sample's text is not a link.
    html = "<p>Write <code>&lt;a href='/x'&gt;</code></p>\n<pre><code>&lt;img src='/y.png'&gt;\n</code></pre>\n"
    assert SUB.rebase_html(html) == html


def test_rebase_html_rewrites_every_srcset_candidate():
    html = '<img srcset="/a.png 1x, /b.png 2x, https://x.example/c.png 3x" src="/a.png">'
    assert SUB.rebase_html(html) == (
        '<img srcset="/portfolio/a.png 1x, /portfolio/b.png 2x, https://x.example/c.png 3x" src="/portfolio/a.png">'
    )


def test_absolutize_html_for_feeds():
    html = ('<a href="/portfolio/notes/y/">y</a> <img src="img/p.png"> <a href="../other/">o</a> '
            '<a href="#sec">s</a> <a href="mailto:ada@example.org">m</a> <a href="https://x.example/">x</a> '
            '<img src="data:image/gif;base64,R0l=">')
    assert SUB.absolutize_html(html, "notes/bundle/") == (
        '<a href="https://ada.github.io/portfolio/notes/y/">y</a> '
        '<img src="https://ada.github.io/portfolio/notes/bundle/img/p.png"> '
        '<a href="https://ada.github.io/portfolio/notes/other/">o</a> '
        '<a href="https://ada.github.io/portfolio/notes/bundle/#sec">s</a> '
        '<a href="mailto:ada@example.org">m</a> <a href="https://x.example/">x</a> '
        '<img src="data:image/gif;base64,R0l=">'
    )


def test_absolutize_html_makes_srcset_absolute():
    html = '<img srcset="img/a.png 1x, /portfolio/b.png 2x" src="img/a.png">'
    assert SUB.absolutize_html(html, "notes/x/") == (
        '<img srcset="https://ada.github.io/portfolio/notes/x/img/a.png 1x, '
        'https://ada.github.io/portfolio/b.png 2x" src="https://ada.github.io/portfolio/notes/x/img/a.png">'
    )


def test_absolutize_html_leaves_code_samples_alone():
    html = "<pre><code>&lt;a href='rel/'&gt;</code></pre>"
    assert SUB.absolutize_html(html, "notes/x/") == html


# ---- no other module makes a URL ------------------------------------------------------------

PACKAGE = Path(urls_module.__file__).resolve().parent

# What a site URL or an output file looks like in a string literal (f-string fields shown as {}).
URL_SHAPES = re.compile(r"""
    index\.html | 404\.html                                                         # output files
  | (?:^|/)(?:feed\.xml|atom\.xml|feed\.json|sitemap\.xml|robots\.txt|[\w.-]+\.opml)$  # feeds and the like
  | (?:^|/|\})page/                                                                  # archive pages
  | ^/?(?:notes|reading|network|tags)/(?:\{\}/|\#|$)                                  # sections ("notes/{}" is an id)
""", re.VERBOSE)

# Literals that may stay, each with why: (file under plnsite/, literal) → reason.
ALLOWED = {
    ("config.py", "/notes/"): "the default menu, written as a user writes site.yaml (read by Urls.site_url)",
    ("config.py", "/reading/"): "the default menu",
    ("config.py", "/network/"): "the default menu",
    ("config.py", "/tags/"): "the default menu",
    ("link/private.py", "network/"): "recognises links users wrote to the network page (link/ is not urls.py's)",
    ("link/private.py", "/index.html"): "the same: a written link to .../network/index.html",
    ("link/private.py", "index.html"): "the same",
    ("load/notes.py", "notes/{}/{}"): "a bundle's files beside its note's page (load/ is not urls.py's)",
}


def _literals(path: Path):
    """(line, text) of every string literal that is not a docstring; f-string fields as ``{}``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)


def _url_literals() -> dict[tuple[str, str], int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == "urls.py" or name.startswith("render/compiled/"):  # compiled/: Jinja's code of the templates
            continue
        for line, text in _literals(path):
            if "://" not in text and URL_SHAPES.search(text):  # another site's address is not ours to make
                found.setdefault((name, text), line)
    return found


def test_only_urls_py_spells_a_site_url_or_an_output_file():
    stray = [f"plnsite/{name}:{line}: {text!r}" for (name, text), line in _url_literals().items()
             if (name, text) not in ALLOWED]
    assert stray == [], "make these with the functions of plnsite/urls.py"


def test_the_allow_list_names_only_literals_that_are_still_there():
    assert sorted(set(ALLOWED) - set(_url_literals())) == []


@pytest.mark.parametrize("text", ["tags/{}/", "{}page/{}/", "index.html", "feed.xml", "notes/", "network/#{}",
                                  ".well-known/recommendations.opml", "404.html", "/tags/"])
def test_the_url_shapes_catch_what_urls_py_makes(text):
    assert URL_SHAPES.search(text)


@pytest.mark.parametrize("text", ["notes/{}", "reading/{}", "content/reading/", "notes", "tags", "http://opml.org/spec2.opml"])
def test_the_url_shapes_leave_ids_and_source_folders_alone(text):
    assert not ("://" not in text and URL_SHAPES.search(text))
