"""network/latest/ as people meet it: in a real headless Chromium (the system's, through
Playwright), served over HTTP under the site's sub-path; and the pages that show the network,
checked by the Nu HTML Checker. Hostile text from a feed stays text: no dialog, no script run."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, write_snapshot
from tests.clients import chromium_browser, static_server, vnu_check

from .test_languages_browser import _axe_violations
from .test_network_view import FILES

LONG_WORD = "https://example.org/" + "a-very-long-unbroken-path-segment" * 6

POSTS = (
    NetworkPost("bo", "https://bo.example/feed.xml", "1", "On loops", "https://bo.example/loops",
                "2026-12-02T05:00:00Z", "", ("Python",), "Loops, plainly."),
    NetworkPost("cy", "https://cy.example/atom.xml", "2", "<img src=x onerror=\"window.__pwned=1\">Hostile",
                "javascript:window.__pwned=2", "2026-12-01T20:00:00Z", "",
                (), "<script>window.__pwned=3</script><b onmouseover=alert(1)>bold</b>"),
    NetworkPost("bo", "https://bo.example/feed.xml", "3", LONG_WORD, "https://bo.example/long",
                "2026-11-20T10:00:00Z", "", (), LONG_WORD),
    NetworkPost("cy", "https://cy.example/atom.xml", "4", "Undated", "https://cy.example/u", "", "", (), ""),
)


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    from plnsite.cli import main

    root = tmp_path_factory.mktemp("netbrowser")
    content = root / "content"
    for rel, text in FILES.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(__import__("textwrap").dedent(text), encoding="utf-8")
    write_snapshot(root, NetworkSnapshot(taken="2026-12-02T09:30:00Z", posts=POSTS, feeds=()))
    assert main(["build", "-s", str(content), "-o", str(root / "public")]) == 0
    return root / "public"


def test_the_pages_that_show_the_network_pass_the_nu_html_checker(public):
    pages = [public / "network" / "latest" / "index.html", public / "network" / "index.html",
             public / "tags" / "python" / "index.html", public / "index.html"]
    assert vnu_check(pages) == []


def test_chromium_shows_the_latest_page_and_runs_nothing_from_a_feed(public):
    with static_server(public, prefix="/sub/") as base, chromium_browser() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 800})  # a phone
        page = context.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(base + "network/latest/")
        assert response.status == 200
        assert page.locator("h1").inner_text() == "Latest from my network"
        assert page.locator("main h2").all_inner_texts() == ["December 1, 2026", "November 20, 2026", "Date unknown"]
        titles = page.locator("main article h3").all_inner_texts()
        assert titles[0] == "On loops" and titles[1] == '<img src=x onerror="window.__pwned=1">Hostile'
        assert page.locator("main article").count() == 4
        # The hostile post's title is no link (its link was javascript:); its summary is text.
        assert page.locator("main article").nth(1).locator("a.u-url").count() == 0
        assert "<script>window.__pwned=3</script>" in page.locator("main article").nth(1).inner_text()
        page.locator("main article").nth(1).hover()
        assert page.evaluate("window.__pwned === undefined")
        assert page.evaluate("document.querySelectorAll('main img, main script, main b').length") == 0
        # The person links to their card on the network page, which Chromium opens at it.
        page.locator("main article").first.locator("a.p-author").click()
        page.wait_for_url("**/network/#bo")
        assert page.evaluate("location.hash") == "#bo"
        page.go_back()
        page.wait_for_url("**/network/latest/")
        # A long unbroken title or summary wraps: nothing is wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        feed = page.locator('link[rel="alternate"][href$="network/latest/feed.xml"]')
        assert feed.count() == 1
        assert page.request.get(base + "network/latest/feed.xml").status == 200
        assert dialogs == [] and errors == []
        found = {}
        for path in ("network/latest/", "network/", "tags/python/", ""):
            page.goto(base + path)
            if violations := _axe_violations(page):
                found[path] = violations
        assert found == {}  # axe-core: no accessibility violation on the pages that show the network
        context.close()
