"""A French and an Arabic site in a real Chromium and the Nu HTML Checker: valid pages, nothing
axe-core finds, and a right-to-left layout that mirrors the left-to-right one (element boxes
compared, screenshots saved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.output import write_outputs
from tests.clients import chromium_browser, require_module, static_server, vnu_check

from .conftest import build_site

SITE = """\
title: {title}
base_url: https://example.org/portfolio/
author: {author}
language: {language}
timezone: UTC
paginate: 2
"""


def note(title: str, date: str, tags: str, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n{extra}---\n{body or title + '.'}\n"


def files(language: str) -> dict[str, str]:
    arabic = language == "ar"
    return {
        "site.yaml": SITE.format(title="دفتر التعلم" if arabic else "Carnet d’apprentissage",
                                 author="ليلى" if arabic else "Léa", language=language),
        "notes/2025-01-05-one.md": note("الجزء الأول" if arabic else "Première partie", "2025-01-05", "[pln]",
                                        "series: Rust\n"),
        "notes/2025-01-20-two.md": note("الجزء الثاني" if arabic else "Deuxième partie", "2025-01-20", "[pln]",
                                        "series: Rust\n", body="[[one]]"),
        "notes/2025-02-02-three.md": note("ملاحظة" if arabic else "Une note", "2025-02-02", "[pln, code]"),
        "notes/2025-03-01-four.md": note("أخرى" if arabic else "Une autre", "2025-03-01", "[code]"),
        "reading/books.yaml": "- title: Net Smart\n  authors: [Howard Rheingold]\n  status: finished\n"
                              "  finished: 2025-02-21\n  rating: 4\n  via: amal\n"
                              "- title: Deep Work\n  status: reading\n  started: 2025-03-01\n",
        "contacts/peers.yaml": "title: Peers\npeople:\n  - name: Amal\n    id: amal\n    url: https://amal.example/\n"
                               "    feed: https://amal.example/feed.xml\n    tags: [pln]\n",
        "pages/about.md": "---\ntitle: About\n---\nHello.\n",
    }


PAGES = ["", "notes/", "notes/page/2/", "notes/two/", "series/", "series/rust/", "reading/", "network/", "tags/",
         "tags/pln/", "404.html"]


LANGUAGES = ("fr", "ar")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``built(language)`` -> the public folder of that site, built once for all the tests here."""
    found: dict[str, Path] = {}

    def public_of(language: str) -> Path:
        if language not in found:
            content = tmp_path_factory.mktemp(f"site-{language}") / "content"
            for rel, text in files(language).items():
                (content / rel).parent.mkdir(parents=True, exist_ok=True)
                (content / rel).write_text(text, encoding="utf-8")
            result = build_site(content)
            assert result.ok, [str(p) for p in result.problems]
            found[language] = tmp_path_factory.mktemp(f"public-{language}")
            write_outputs(result, found[language])
        return found[language]

    return public_of


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as launched:
        yield launched


@pytest.fixture(params=LANGUAGES)
def public(request, built):
    return request.param, built(request.param)


def test_the_nu_html_checker_finds_nothing(built):
    """Both sites' pages in one run of the checker (a JVM each took seconds)."""
    assert vnu_check([built(language) / (p + "index.html" if not p.endswith(".html") else p)
                      for language in LANGUAGES for p in PAGES]) == []


def _axe_violations(page) -> list[str]:
    """axe-core (the copy the axe-playwright-python package ships) run on the page as it is."""
    package = require_module("axe_playwright_python")
    page.evaluate((Path(package.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:120]})" for v in result["violations"]]


def test_axe_core_finds_nothing(public, browser):
    language, out = public
    with static_server(out, "/portfolio/") as url:
        page = browser.new_page()
        try:
            found = {}
            for path in PAGES:
                page.goto(url + path)
                assert page.locator("html").get_attribute("lang") == language
                violations = _axe_violations(page)
                if violations:
                    found[path] = violations
            assert found == {}
        finally:
            page.close()


def _boxes(page) -> dict:
    return page.evaluate("""() => {
        const box = s => { const r = document.querySelector(s).getBoundingClientRect();
                           return {left: r.left, right: r.right, top: r.top, width: r.width}; };
        const style = s => getComputedStyle(document.querySelector(s));
        return {
            width: document.documentElement.clientWidth,
            title: box('.site-title'), nav: box('.site-nav'), first_nav: box('.site-nav li:first-child'),
            last_nav: box('.site-nav li:last-child'), heading: box('main h1'),
            series_item: box('.series-parts li'), direction: style('main').direction,
            prev: box('.prev-next .prev'), next: box('.prev-next .next'),
            next_align: style('.prev-next .next').textAlign,
        };
    }""")


def test_the_right_to_left_layout_mirrors_the_left_to_right_one(browser, built, tmp_path_factory):
    """The same note in French and in Arabic, at one width: each box of the Arabic page is where
    the mirror image of the French one is (the site title right, the menu left, the series list
    indented from the right, 'newer' on the left), and both pages are saved as screenshots."""
    shots = tmp_path_factory.mktemp("screenshots")
    measured = {}
    for language in LANGUAGES:
        with static_server(built(language), "/portfolio/") as url:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            try:
                page.goto(url + "notes/two/")
                measured[language] = _boxes(page)
                shot = page.screenshot(path=str(shots / f"note-{language}.png"), full_page=True)
                assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 5000
            finally:
                page.close()
    ltr, rtl = measured["fr"], measured["ar"]
    assert (ltr["direction"], rtl["direction"]) == ("ltr", "rtl")
    width = ltr["width"]
    assert rtl["width"] == width

    def mirrored(name: str, slack: float = 2.0) -> bool:
        """The Arabic box's start edge sits where the French box's start edge is, seen in a mirror."""
        return abs((width - ltr[name]["left"]) - rtl[name]["right"]) <= slack

    # The site title and the main column start at the same distance from their side.
    assert mirrored("title") and mirrored("heading") and mirrored("series_item")
    assert ltr["title"]["left"] < width / 2 < rtl["title"]["right"]
    assert ltr["nav"]["right"] > ltr["title"]["right"] and rtl["nav"]["left"] < rtl["title"]["left"]
    # The menu reads from the start side: its first item is leftmost in French, rightmost in Arabic.
    assert ltr["first_nav"]["left"] < ltr["last_nav"]["left"]
    assert rtl["first_nav"]["left"] > rtl["last_nav"]["left"]
    # Older/newer: the older note on the start side, the newer one on the end side.
    assert ltr["prev"]["left"] < ltr["next"]["left"] and rtl["prev"]["left"] > rtl["next"]["left"]
    assert ltr["next_align"] == rtl["next_align"] == "end"
