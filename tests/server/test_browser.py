"""Live reload in a real headless Chromium (Playwright, /usr/bin/chromium) against a real
PreviewServer on a free port: reload on save, CSS swap without losing the scroll position,
editors' atomic saves, the error overlay, and many tabs under a burst of saves."""

from __future__ import annotations

import os
import re
import time

import pytest

from tests.clients import chromium_browser, require_module

from .conftest import SUBPATH_SITE, edit, fetch, has_ipv6_loopback, running, write

pytestmark = pytest.mark.browser

LONG = "\n\n".join(f"Paragraph {i}, there to make the page long enough to scroll." for i in range(150))
NOTE = f"---\ntitle: Hello\ndate: 2024-01-01\ntags: [pln]\n---\nFirst text.\n\n{LONG}\n"
RAPID = "---\ntitle: Rapid\ndate: 2024-02-01\n---\n{text}\n"
FILES = {
    "site.yaml": SUBPATH_SITE,
    "notes/2024-01-01-hello.md": NOTE,
    "notes/2024-02-01-rapid.md": RAPID.format(text="Rapid save 0."),
    "pages/about.md": "---\ntitle: About\n---\nAbout text.\n",
}
CSS = "body {{ color: {colour}; }}\np {{ margin: 0 0 2rem; line-height: 1.5; }}\n"
BROKEN = "---\ntitle: [Hello\ndate: 2024-01-01\n---\nBroken text.\n"
TIMEOUT = 8000  # ms, for anything a save should cause


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def expect():
    return require_module("playwright.sync_api").expect


class Live:
    def __init__(self, server, content):
        self.server = server
        self.content = content
        self.url = server.url
        self.note = content / "notes" / "2024-01-01-hello.md"
        self.rapid = content / "notes" / "2024-02-01-rapid.md"
        self.css = content.parent / "themes" / "default" / "static" / "css" / "site.css"


@pytest.fixture
def live(site_factory):
    content = site_factory(FILES)
    write(content.parent / "themes" / "default" / "static" / "css" / "site.css", CSS.format(colour="rgb(10, 20, 30)"))
    with running(content) as server:
        yield Live(server, content)


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    yield context
    context.close()


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.querySelector('script[src$=\"/_plnsite/client.js\"]') !== null")
    return page


def test_the_page_reloads_on_save(live, context, expect):
    page = open_page(context, live.url + "notes/hello/")
    expect(page.locator("body")).to_contain_text("First text.")
    edit(live.note, "First text.", "Second text.")
    expect(page.locator("body")).to_contain_text("Second text.")


def test_the_page_reloads_on_save_over_ipv6_loopback(site_factory, context, expect):
    if not has_ipv6_loopback():
        pytest.skip("this machine has no IPv6 loopback (::1)")
    content = site_factory(FILES)
    with running(content, host="::1") as server:
        assert server.url.startswith("http://[::1]:")
        page = open_page(context, server.url + "notes/hello/")
        expect(page.locator("body")).to_contain_text("First text.")
        edit(content / "notes" / "2024-01-01-hello.md", "First text.", "Second text.")
        expect(page.locator("body")).to_contain_text("Second text.")


def test_only_tabs_showing_a_changed_page_reload(live, context, expect):
    note = open_page(context, live.url + "notes/hello/")
    about = open_page(context, live.url + "about/")
    about.evaluate("window.__marker = 'not reloaded'")
    edit(live.note, "First text.", "Changed text.")
    expect(note.locator("body")).to_contain_text("Changed text.")
    time.sleep(0.3)  # were the about tab going to reload, it would have by now
    assert about.evaluate("window.__marker") == "not reloaded"


def test_a_css_change_applies_without_a_reload_or_losing_the_scroll_position(live, context):
    page = open_page(context, live.url + "notes/hello/")
    page.wait_for_function("getComputedStyle(document.body).color === 'rgb(10, 20, 30)'")
    page.evaluate("window.scrollTo(0, 1500)")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled >= 1000, "the page is not long enough to scroll"
    page.evaluate("window.__marker = 'still here'")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    write(live.css, CSS.format(colour="rgb(200, 0, 0)"))
    page.wait_for_function("getComputedStyle(document.body).color === 'rgb(200, 0, 0)'")
    assert page.evaluate("window.__marker") == "still here"
    assert page.evaluate("window.scrollY") == scrolled
    assert navigations == []
    hrefs = page.eval_on_selector_all('link[rel="stylesheet"]', "links => links.map(l => l.href)")
    assert any("site.css?plnsite=" in href for href in hrefs)


def test_a_vim_style_save_reloads(live, context, expect):
    page = open_page(context, live.url + "notes/hello/")
    folder = live.note.parent
    swap = write(folder / ".2024-01-01-hello.md.swp", b"b0VIM 9.0\x00")
    probe = write(folder / "4913", "")
    probe.unlink()
    os.replace(live.note, folder / "2024-01-01-hello.md~")  # backup by rename
    write(live.note, NOTE.replace("First text.", "Saved by vim."))  # a new file under the old name
    (folder / "2024-01-01-hello.md~").unlink()
    swap.unlink()
    expect(page.locator("body")).to_contain_text("Saved by vim.")
    # An IDE's save: write a temporary file, rename it over the note.
    write(folder / ".2024-01-01-hello.md.tmp", NOTE.replace("First text.", "Saved by an IDE."))
    os.replace(folder / ".2024-01-01-hello.md.tmp", live.note)
    expect(page.locator("body")).to_contain_text("Saved by an IDE.")


def test_the_overlay_appears_on_a_broken_save_and_clears_on_the_fix(live, context, expect):
    note = open_page(context, live.url + "notes/hello/")
    home = open_page(context, live.url)
    write(live.note, BROKEN)
    message = re.compile(r"content/notes/2024-01-01-hello\.md:\d+: error: invalid YAML")
    for page in (note, home):  # every open tab
        overlay = page.locator("#plnsite-overlay")
        expect(overlay).to_be_visible()
        expect(overlay).to_contain_text(message)
    expect(note.locator("body")).to_contain_text("First text.")  # still the last good page
    write(live.note, NOTE.replace("First text.", "Fixed text."))
    for page in (note, home):
        expect(page.locator("#plnsite-overlay")).to_have_count(0)
    expect(note.locator("body")).to_contain_text("Fixed text.")


def test_a_page_opened_while_the_site_is_broken_shows_the_overlay(live, context, expect):
    write(live.note, BROKEN)
    page = open_page(context, live.url + "about/")
    expect(page.locator("#plnsite-overlay")).to_contain_text("invalid YAML")
    write(live.note, NOTE)
    expect(page.locator("#plnsite-overlay")).to_have_count(0)


def test_a_rebuild_cut_off_shows_in_the_overlay_and_the_next_save_clears_it(site_factory, context, expect):
    content = site_factory(FILES)
    template = write(content.parent / "themes" / "default" / "templates" / "note.html",
                     '{% extends "base.html" %}{% block content %}{{ note.content_html|safe }}{% endblock %}\n')
    with running(content, rebuild_limit=0.3) as server:
        page = open_page(context, server.url + "notes/hello/")
        expect(page.locator("body")).to_contain_text("First text.")
        write(template, '{% extends "base.html" %}{% block content %}{% for i in range(10 ** 15) %}{% endfor %}'
                        "{% endblock %}\n")
        overlay = page.locator("#plnsite-overlay")
        expect(overlay).to_contain_text(re.compile(r"themes/default/templates/note\.html: error: the rebuild after "
                                                   r"this save ran past [\d.]+ s and was stopped"))
        expect(page.locator("body")).to_contain_text("First text.")  # still the last good page
        write(template, '{% extends "base.html" %}{% block content %}<p>Fixed.</p>{{ note.content_html|safe }}'
                        "{% endblock %}\n")
        expect(overlay).to_have_count(0)
        expect(page.locator("body")).to_contain_text("Fixed.")


def test_ten_tabs_and_twenty_rapid_saves_all_end_on_the_last_text(live, context, expect):
    url = live.url + "notes/rapid/"
    pages = [open_page(context, url) for _ in range(10)]
    for number in range(1, 21):
        write(live.rapid, RAPID.format(text=f"Rapid save {number}."))
        time.sleep(0.015)
    for page in pages:
        expect(page.locator("body")).to_contain_text("Rapid save 20.", timeout=15000)
    # The server survived it: a plain GET is answered at once.
    started = time.monotonic()
    status, body = fetch(url, timeout=2)
    assert status == 200 and b"Rapid save 20." in body
    assert time.monotonic() - started < 1
    # And so did the tabs: each can still navigate (no connection is left hanging).
    for page in pages[:3]:
        page.goto(live.url + "about/")
        expect(page.locator("body")).to_contain_text("About text.")


def test_without_shared_workers_each_tab_reloads_through_its_own_stream(live, context, expect):
    context.add_init_script("Object.defineProperty(window, 'SharedWorker', {value: undefined})")
    page = open_page(context, live.url + "notes/hello/")
    assert page.evaluate("typeof window.SharedWorker") == "undefined"
    edit(live.note, "First text.", "Streamed text.")
    expect(page.locator("body")).to_contain_text("Streamed text.")


# The client's own logic, driven by hand: a stand-in SharedWorker whose port the test writes to,
# and a fetch of /_plnsite/changes that answers only when the test says so.
STUBS = """
window.__port = null;
window.SharedWorker = function () {
  this.port = { start() {}, postMessage() {}, onmessage: null };
  window.__port = this.port;
};
window.__answer = null;
const realFetch = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes("/_plnsite/changes")) {
    window.__asked = String(url);
    return new Promise(resolve => {
      window.__answer = body => resolve(new Response(JSON.stringify(body)));
    });
  }
  return realFetch(url, options);
};
"""


def send(page, **message):
    page.evaluate("m => window.__port.onmessage({data: JSON.stringify(m)})", message)


def test_a_change_that_arrives_while_the_client_catches_up_is_not_lost(live, context):
    context.add_init_script(STUBS)
    page = open_page(context, live.url + "notes/hello/")
    page.wait_for_function("!!(window.__port && window.__port.onmessage)")
    version = int(page.get_attribute('script[src$="/_plnsite/client.js"]', "data-version"))
    page.evaluate("window.__marker = 'before'")
    here = "/portfolio/notes/hello/"
    # A jump of two versions: the client asks what it missed ...
    send(page, version=version + 2, urls=["/portfolio/other/"], css=False, problems=[])
    page.wait_for_function("window.__answer !== null")
    assert page.evaluate("window.__asked").endswith(f"changes?since={version}")
    # ... and while it waits, the change that matters to this page arrives.
    send(page, version=version + 3, urls=[here], css=False, problems=[])
    with page.expect_navigation():
        page.evaluate("v => window.__answer({version: v, urls: ['/portfolio/other/'], css: false, reload: false})",
                      version + 2)
    assert page.evaluate("window.__marker") is None  # it reloaded


def test_the_overlay_follows_the_problems_of_each_message(live, context, expect):
    context.add_init_script(STUBS)
    page = open_page(context, live.url + "about/")
    page.wait_for_function("!!(window.__port && window.__port.onmessage)")
    version = int(page.get_attribute('script[src$="/_plnsite/client.js"]', "data-version"))
    send(page, version=version + 1, urls=[], css=False, problems=["content/x.md:3: error: <b>not html</b>"])
    overlay = page.locator("#plnsite-overlay")
    expect(overlay).to_contain_text("content/x.md:3: error: <b>not html</b>")  # shown as text, never as HTML
    assert page.locator("#plnsite-overlay b").count() == 0
    send(page, version=version + 2, urls=[], css=False, problems=[])
    expect(overlay).to_have_count(0)
