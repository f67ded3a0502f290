"""`series:` in front matter and related notes, through the real CLI and real parsers."""

from __future__ import annotations

import os

import mf2py
import pytest



def note(title: str, date: str, tags: str = "[]", extra: str = "", body: str = "Body.") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n{extra}---\n{body}\n"


FILES = {
    "notes/2025-01-05-setup.md": note("Setting up", "2025-01-05", "[rust]", "series: Learning Rust\n"),
    "notes/2025-01-20-ownership.md": note("Ownership", "2025-01-20", "[rust]", "series: Learning Rust\n"),
    "notes/2025-02-02-lifetimes.md": note("Lifetimes", "2025-02-02", "[rust]", "series: Learning Rust\n"),
    "notes/2025-01-01-intro.md": note("Why Rust", "2025-01-01", "[rust]", "series: Learning Rust\nseries_order: 1\n"),
    "notes/2025-03-01-borrow.md": note("Borrowing again", "2025-03-01", "[rust, memory]", body="See [[ownership]]."),
    "notes/2025-03-05-gc.md": note("Garbage collection", "2025-03-05", "[memory]"),
}


def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_a_series_in_order_with_its_own_page(site_factory, run_cli):
    site_factory(FILES)
    code, out, err = run_cli("build")
    assert code == 0, err
    page = read("public/notes/ownership/index.html")
    assert 'Part 3 of 4 in the series <a href="/series/learning-rust/">Learning Rust</a>' in page
    box = page.split('<nav class="series-box"')[1].split("</nav>")[0]
    titles = [part.split("</")[0].rsplit(">", 1)[1] for part in box.split("<li>")[1:]]
    assert titles == ["Why Rust", "Setting up", "Ownership", "Lifetimes"]  # series_order first, then by date
    assert '<span aria-current="page">Ownership</span>' in box
    series = read("public/series/learning-rust/index.html")
    parsed = mf2py.parse(doc=series, url="https://example.org/series/learning-rust/")
    feed = next(i for i in parsed["items"] if "h-feed" in i["type"])
    assert [e["properties"]["name"][0] for e in feed["children"]] == ["Why Rust", "Setting up", "Ownership",
                                                                       "Lifetimes"]
    assert "<title>Series: Learning Rust · Test Site</title>" in series
    assert "https://example.org/series/learning-rust/" in read("public/sitemap.xml")
    index = read("public/series/index.html")
    assert '<li><a href="/series/learning-rust/">Learning Rust</a> <span class="count">4 notes</span></li>' in index
    assert "<loc>https://example.org/series/</loc>" in read("public/sitemap.xml")
    assert run_cli("check")[0] == 0


def test_a_site_without_series_has_no_series_pages(site_factory, run_cli):
    site_factory({"notes/2025-01-01-x.md": note("X", "2025-01-01")})
    assert run_cli("build")[0] == 0
    assert not os.path.exists("public/series") and "/series/" not in read("public/sitemap.xml")


def test_related_notes_by_tags_and_links(site_factory, run_cli):
    site_factory(FILES)
    assert run_cli("build")[0] == 0
    related = read("public/notes/borrow/index.html").split('<section class="related">')[1].split("</section>")[0]
    names = [li.split("</a>")[0].rsplit(">", 1)[1] for li in related.split("<li>")[1:]]
    # Ownership: a shared tag and a link (3); then one shared tag each, newest first.
    assert names == ["Ownership", "Garbage collection", "Lifetimes"]
    # A series' parts do not list each other as related (the series box does).
    intro = read("public/notes/intro/index.html")
    assert "Ownership</a></li>" not in intro.split('<section class="related">')[1]


def test_series_in_french(site_factory, run_cli):
    site_factory({**FILES, "site.yaml": "title: Carnet\nbase_url: https://example.org/\nlanguage: fr\n"})
    assert run_cli("build")[0] == 0
    page = read("public/notes/setup/index.html")
    assert "Partie 2 sur 4 de la série" in page and "<h2>Notes liées</h2>" in page


@pytest.mark.parametrize(("extra", "line", "message"), [
    ("series: [a, b]\n", 5, "series must be text, not a list"),
    ("series: S\nseries_order: two\n", 6, "series_order must be a whole number of at least 1, not 'two'"),
    ("series: S\nseries_order: 0\n", 6, "series_order must be a whole number of at least 1, not '0'"),
])
def test_a_wrong_series_field_is_an_error_at_its_line(site_factory, run_cli, extra, line, message):
    site_factory({"notes/2025-01-01-x.md": note("X", "2025-01-01", extra=extra)})
    code, out, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    assert f"content/notes/2025-01-01-x.md:{line}: error: {message}" in err
    assert not os.path.exists("public")
