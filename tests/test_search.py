"""Site search (plnsite/search/, Pagefind): the example portfolio built by the real CLI, served
from a sub-path under the Content-Security-Policy of netlify.toml, searched in Chromium; the
index files' bytes (decompressed) searched for drafts, private people and excluded pages; the
index byte-identical across builds; ``search: false``; a build where Pagefind cannot run."""

from __future__ import annotations

import gzip
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from tests.clients import chromium_browser, require_module, static_server, vnu_check

from .test_privacy import SECRET_WORDS, SECRETS, leaks

if sys.version_info >= (3, 11):
    import tomllib
else:  # a dependency of plnsite there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
EXCLUDED = ["excluded-404-secret-61", "excluded-tags-secret-62", "excluded-home-secret-63"]


def _csp() -> str:
    conf = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    return next(h["values"]["Content-Security-Policy"] for h in conf["headers"] if h["for"] == "/*")


def index_files(public: Path) -> dict[str, bytes]:
    """Every file of the search bundle, gzip-compressed ones (fragments, index chunks, filters,
    metadata) unpacked."""
    files = {}
    for path in sorted((public / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(public).as_posix()] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return files


def build(run_cli, content: Path, out: Path, *extra: str) -> str:
    code, stdout, stderr = run_cli("build", "-s", str(content), "-o", str(out), *extra)
    assert code == 0, stdout + stderr
    return stdout + stderr


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def served(public: Path, prefix: str = "/"):
    """The built site on a static host that sends netlify.toml's Content-Security-Policy."""
    return static_server(public, prefix=prefix, headers={"Content-Security-Policy": _csp()})


def _page(browser):
    """A new tab, and the errors its console and scripts report."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def _search(page, base: str, words: str) -> list[str]:
    """Type ``words`` into the header's search box, submit, and return the result links."""
    page.goto(base)
    page.fill("#site-search-q", words)
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    return _results(page)


def _results(page) -> list[str]:
    """The result links once the search has ended and every shown result has loaded."""
    page.wait_for_function("""() => {
        const m = document.querySelector('.pagefind-ui__message');
        if (!m || /searching/i.test(m.textContent) || !/result/i.test(m.textContent)) return false;
        if (/^\\s*no results/i.test(m.textContent)) return true;
        const shown = document.querySelectorAll('.pagefind-ui__result').length;
        return shown > 0 && document.querySelectorAll(TOP).length === shown; }""".replace("TOP", repr(_TOP)),
                           timeout=15000)
    return page.eval_on_selector_all(_TOP, "links => links.map(a => a.href)")


_TOP = ".pagefind-ui__result-inner > .pagefind-ui__result-title .pagefind-ui__result-link"  # not sub-results


# ------------------------------------------------------------------------------ the example site


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The repository's example portfolio (base_url under /portfolio/), built by the CLI."""
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "content", root / "content")
    return root / "content"


@pytest.fixture(scope="module")
def example_public(example, tmp_path_factory):
    from plnsite.cli import main

    out = tmp_path_factory.mktemp("example-public") / "public"
    assert main(["build", "-s", str(example), "-o", str(out)]) == 0
    return out


def test_the_example_site_has_a_search_box_page_and_index(example_public):
    home = (example_public / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/portfolio/search/" method="get">' in home
    assert 'name="q"' in home
    search = (example_public / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/portfolio/pagefind/"' in search and 'data-base-url="/portfolio/"' in search
    assert '<meta name="robots" content="noindex">' in search
    assert (example_public / "pagefind" / "pagefind-ui.js").is_file()
    entry = (example_public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    notes = len(list((example_public / "notes").glob("*/index.html")))
    # every note, both pages, the reading entry with a page, the reading log and the network page
    assert f'"page_count":{notes + 2 + 1 + 2}' in entry


def test_typing_a_word_in_chromium_finds_the_note_under_the_sub_path(example_public, browser):
    with served(example_public, "/portfolio/") as base:
        page, errors = _page(browser)
        links = _search(page, base, "connectivism")
        assert links and all(link.startswith(base) for link in links), links
        assert any("/portfolio/notes/" in link for link in links)
        # a highlighted excerpt, and filters by kind and by tag
        assert page.locator(".pagefind-ui__result-excerpt mark").count() > 0
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        # Pagefind UI draws each filter when its counts arrive, after the results: wait for both
        # (a function, not an expression: Playwright evaluates an expression with eval() while it
        # polls, which the Content-Security-Policy refuses once the first check finds it false)
        both_drawn = """() => {
            const names = [...document.querySelectorAll('.pagefind-ui__filter-name')]
                .map(e => e.textContent.trim().toLowerCase());
            return names.includes('kind') && names.includes('tag'); }"""
        try:
            page.wait_for_function(both_drawn, timeout=15000)
        except PlaywrightTimeout:  # seen once under load: one filter never drawn; a reload draws it
            page.reload()
            try:
                page.wait_for_function(both_drawn, timeout=15000)
            except PlaywrightTimeout:
                pass  # the assertion below names what was drawn, and what the page reported
        filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
        assert {"kind", "tag"} <= {f.strip().lower() for f in filters}, (filters, errors)
        # the result opens the page, from the sub-path
        first = page.locator(".pagefind-ui__result-link").first
        href = first.get_attribute("href")
        first.click()
        page.wait_for_url(href if href.startswith("http") else re.compile(re.escape(href)))
        assert page.locator("h1").first.inner_text()
        assert errors == []
        page.context.close()


@pytest.mark.parametrize("words, where", [
    ("Ada Okafor", "/portfolio/about/"),  # a page
    ("Learning in Public", "/portfolio/reading/"),  # a reading
])
def test_pages_readings_and_people_are_found(example_public, browser, words, where):
    with served(example_public, "/portfolio/") as base:
        page, errors = _page(browser)
        links = _search(page, base, words)
        assert any(where in link for link in links), links
        assert errors == []
        page.context.close()


def test_a_person_of_the_network_is_found(example, example_public, browser):
    name = re.search(r"name: (.+)", (example / "contacts" / "experts.yaml").read_text(encoding="utf-8")).group(1)
    with served(example_public, "/portfolio/") as base:
        page, errors = _page(browser)
        links = _search(page, base, name.strip().strip('"'))
        assert any("/portfolio/network/" in link for link in links), links
        page.context.close()


def test_a_search_link_opens_with_its_results(example_public, browser):
    """/search/?q=… is a link to results: the box on the page holds the words, results shown."""
    with served(example_public, "/portfolio/") as base:
        page, errors = _page(browser)
        page.goto(base + "search/?q=feeds")
        assert _results(page)
        assert page.input_value(".pagefind-ui__search-input") == "feeds"
        assert page.input_value("#site-search-q") == "feeds"
        assert errors == []
        page.context.close()


def test_the_search_page_is_valid_html_and_axe_finds_nothing(example_public, browser):
    assert vnu_check([example_public / "search" / "index.html", example_public / "index.html"]) == []
    axe_module = require_module("axe_playwright_python.sync_playwright")
    with served(example_public, "/portfolio/") as base:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(base + "search/?q=feeds")
            assert _results(page)
            results = axe_module.Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
            context.close()


# ------------------------------------------------------------------------------ never in the index


@pytest.fixture(scope="module")
def secret_public(tmp_path_factory):
    """test_privacy's secrets (private people under every spelling, drafts, future and
    unpublished notes), plus pages that are no search results: the 404 page (noindex) and the
    tag list, here overridden to hold words, the 404 page even with the opt-in attribute."""
    from plnsite.cli import main

    root = tmp_path_factory.mktemp("secret")
    content = root / "content"
    files = {**SECRETS, "site.yaml": "title: T\nbase_url: https://example.org/sub/\n"}
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # test_privacy's photos
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    templates = root / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    templates.joinpath("404.html").write_text(
        '{% extends "base.html" %}{% block content %}<div data-pagefind-body><h1>Gone</h1>'
        "<p>EXCLUDED-404-SECRET-61</p></div>{% endblock %}", encoding="utf-8")
    templates.joinpath("tags.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Topics</h1><p>EXCLUDED-TAGS-SECRET-62</p>{% endblock %}',
        encoding="utf-8")
    out = root / "public"
    assert main(["build", "-s", str(content), "-o", str(out)]) == 0
    assert "EXCLUDED-404-SECRET-61" in (out / "404.html").read_text(encoding="utf-8")
    return out


def test_no_draft_private_person_or_excluded_page_is_in_the_index_bytes(secret_public):
    files = index_files(secret_public)
    assert any(name.startswith("pagefind/fragment/") for name in files)
    found = [(name, word) for name, data in files.items() for word in leaks(data, SECRET_WORDS + EXCLUDED)]
    assert found == []
    # the sweep sees what is indexed: the public note and the public person are there
    everything = b"".join(files.values())
    assert b"Public Person" in everything and b"I learn from" in everything


def test_no_secret_is_found_in_chromium(secret_public, browser):
    with served(secret_public, "/sub/") as base:
        page, errors = _page(browser)
        assert _search(page, base, "learn")  # the search works here
        for words in ("secret", "DRAFT-BODY-SECRET-19", "PRIVATE-NAME-SECRET-4", "FILE-PERSON-SECRET-55",
                      "EXCLUDED-404-SECRET-61", "EXCLUDED-TAGS-SECRET-62", "FUTURE-BODY-SECRET-22"):
            assert _search(page, base, words) == [], words
        page.context.close()


# ------------------------------------------------------------------------------ the index itself


def test_the_index_is_byte_identical_across_builds(example, run_cli, tmp_path):
    """Pagefind writes filter values in a hash map's order, seeded afresh each run: without
    plnsite/search/stable.py two builds of the same pages differ."""
    bundles = []
    for n in range(3):
        out = tmp_path / f"public-{n}"
        build(run_cli, example, out)
        bundles.append({p.relative_to(out).as_posix(): p.read_bytes()
                        for p in sorted((out / "pagefind").rglob("*")) if p.is_file()})
    assert len(bundles[0]) > 20
    assert bundles[0] == bundles[1] == bundles[2]


def test_a_second_build_writes_nothing_and_an_edit_updates_the_index(example, run_cli, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(example, content)
    out = tmp_path / "public"
    build(run_cli, content, out)
    assert build(run_cli, content, out).count("(0 changed)") == 1
    note = content / "notes" / "2099-zz-new.md"
    note.write_text("---\ntitle: Brand new\ndate: 2025-05-01\n---\nA word like xylophonist.\n", encoding="utf-8")
    build(run_cli, content, out)
    assert any(b"xylophonist" in data for data in index_files(out).values())
    note.unlink()
    build(run_cli, content, out)
    assert not any(b"xylophonist" in data for data in index_files(out).values())


def test_search_false_means_no_box_no_page_no_index(site_factory, run_cli, tmp_path):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nwords\n"})
    out = tmp_path / "public"
    build(run_cli, content, out)
    assert (out / "pagefind").is_dir() and (out / "search" / "index.html").is_file()
    (content / "site.yaml").write_text("title: Test Site\nbase_url: https://example.org/\nsearch: false\n",
                                       encoding="utf-8")
    build(run_cli, content, out)
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    for page in out.rglob("*.html"):
        assert "site-search" not in page.read_text(encoding="utf-8"), page


def test_search_must_be_true_or_false(site_factory, run_cli, tmp_path):
    site_factory({"site.yaml": "title: T\nbase_url: https://example.org/\nsearch: maybe\n"})
    code, stdout, stderr = run_cli("build", "-o", str(tmp_path / "public"))
    assert code == 1
    assert "site.yaml:3: error: search must be true or false, not 'maybe'" in stdout + stderr
    assert not (tmp_path / "public").exists()


def test_without_a_working_indexer_the_site_builds_and_says_so(site_factory, run_cli, tmp_path, monkeypatch,
                                                              browser):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nwords\n"})
    out = tmp_path / "public"
    said = build(run_cli, content, out)
    assert said.count("warning: search: the search index could not be made (No such file or directory: ") == 1, said
    assert "Traceback" not in said
    assert not (out / "pagefind").exists()
    with served(out) as base:
        page, errors = _page(browser)
        page.goto(base + "search/?q=words")
        page.wait_for_selector(".search-unavailable", state="visible", timeout=15000)
        assert "Search is not available" in page.inner_text(".search-unavailable")
        page.context.close()


def test_a_build_that_changes_no_indexed_page_keeps_the_index(site_factory, run_cli, tmp_path, monkeypatch):
    """Indexing again costs more than a warm build: it is done only when an indexed page changed.
    A binary that cannot run shows whether Pagefind ran (its warning)."""
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\ntags: [x]\n---\nwords\n"})
    out = tmp_path / "public"
    build(run_cli, content, out)
    before = index_files(out)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    # the tag list is no search result: the index stays, and is still the site's
    (content.parent / "themes" / "default" / "templates").mkdir(parents=True)
    (content.parent / "themes" / "default" / "templates" / "tags.html").write_text(
        '{% extends "base.html" %}{% block content %}Topics{% endblock %}', encoding="utf-8")
    said = build(run_cli, content, out)
    assert "warning: search" not in said and index_files(out) == before
    # a note changed: indexed again (here, without a binary: no index, and a warning)
    (content / "notes" / "2025-01-01-a.md").write_text("---\ntitle: A\n---\nother words\n", encoding="utf-8")
    said = build(run_cli, content, out)
    assert "warning: search: the search index could not be made" in said
    assert not (out / "pagefind").exists()
