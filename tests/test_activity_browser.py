"""The consistency picture in a real Chromium, served from a sub-path: the heatmap's squares and
levels and the streaks on a site with known dates, in light and dark; axe-core and the Nu HTML
Checker find nothing on / and /activity/; the pages are the same bytes build after build."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.output import write_outputs
from tests.clients import chromium_browser, require_module, static_server, vnu_check

from .conftest import build_site

SITE = """\
title: Known Dates
base_url: https://example.org/portfolio/
timezone: America/Vancouver
"""


def note(day: str, title: str) -> str:
    return f"---\ntitle: {title}\ndate: {day}\ntags: [pln]\n---\n{title} text.\n"


# Built at NOW (2025-06-01 12:00 UTC: Sunday 1 June, 05:00 in Vancouver), the last day of the
# week of 26 May: the home heatmap is the 53 weeks from Monday May 27, 2024, 371 squares.
FILES = {
    "site.yaml": SITE,
    "notes/w1.md": note("2025-04-07", "W1"),  # 7, 14, 21, 28 April: the longest run, 4 weeks
    "notes/w2.md": note("2025-04-14", "W2"),
    "notes/w3.md": note("2025-04-21", "W3"),
    "notes/w4.md": note("2025-04-28", "W4"),
    "notes/x1.md": note("2025-05-14", "X1"),  # 12, 19, 26 May: the current run, 3 weeks
    "notes/x2.md": note("2025-05-14", "X2"),
    "notes/x3.md": note("2025-05-14", "X3"),  # three notes on 14 May: level 3
    "notes/y1.md": note("2025-05-20", "Y1"),  # a note and a reading on 20 May: level 2
    "notes/z1.md": note("2025-05-21", "Z1"),  # two notes and two readings on 21 May: level 4
    "notes/z2.md": note("2025-05-21", "Z2"),
    "notes/late.md": note("2025-05-31T23:30:00-07:00", "Late"),  # Saturday night there (Sunday in UTC)
    "notes/march.md": note("2025-03-03", "March"),
    "notes/draft.md": "---\ntitle: Draft\ndate: 2025-05-27\ndraft: true\n---\nNot counted.\n",
    "notes/future.md": note("2025-06-20", "Future"),  # after the build: not counted
    "reading/2025.yaml": (
        "- {title: R1, kind: book, finished: 2025-05-20, rating: 4}\n"
        "- {title: R2, kind: article, finished: 2025-05-21, rating: 5}\n"
        "- {title: R3, kind: article, finished: 2025-05-21}\n"
    ),
}
LEVELS = {"2025-03-03": 1, "2025-04-07": 1, "2025-04-14": 1, "2025-04-21": 1, "2025-04-28": 1,
          "2025-05-14": 3, "2025-05-20": 2, "2025-05-21": 4, "2025-05-31": 1}


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("activity-site")
    content = root / "content"
    for rel, text in FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = build_site(content, cache=False)
    assert result.ok, [str(p) for p in result.problems]
    again = build_site(content, cache=False)
    for file in ("index.html", "activity/index.html"):
        assert again.outputs[file].body == result.outputs[file].body, file
    write_outputs(result, root / "public")
    return root / "public"


@pytest.fixture(scope="module")
def site_url(public):
    with static_server(public, "/portfolio/") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as browser:
        yield browser


def _axe_violations(page) -> list[str]:
    """axe-core (the copy the axe-playwright-python package ships) run on the page as it is."""
    package = require_module("axe_playwright_python")
    page.evaluate((Path(package.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:120]})" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_heatmap_and_streaks_show_the_known_dates(browser, site_url, scheme):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url)
        heat = page.locator("#heatmap-year svg.heat")
        assert heat.get_attribute("role") == "img"
        assert page.locator("#heatmap-year-title").text_content() == "Notes and readings from May 27, 2024 to June 1, 2025"
        squares = heat.locator("rect")
        assert squares.count() == 371
        found = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#heatmap-year rect')]
            .filter(r => r.querySelector('title') && r.closest('svg.heat'))
            .map(r => [r.querySelector('title').textContent, r.getAttribute('class')]))""")
        assert {title.split(":")[0]: cls for title, cls in found.items()} == {
            "March 3, 2025": "l1", "April 7, 2025": "l1", "April 14, 2025": "l1", "April 21, 2025": "l1",
            "April 28, 2025": "l1", "May 14, 2025": "l3", "May 20, 2025": "l2", "May 21, 2025": "l4", "May 31, 2025": "l1"}
        assert "May 21, 2025: 2 notes, 2 readings finished" in found
        assert heat.locator("rect.l0").count() == 371 - len(LEVELS)
        assert page.locator(".streak-current .streak-weeks").text_content() == "3"
        assert page.locator(".streak-longest .streak-weeks").text_content() == "4"
        assert "since the week of May 12, 2025" in page.locator(".streak-current").text_content()
        # Each level its own colour, drawn (not transparent), and a scheme's own: the squares
        # are readable in light and dark.
        fills = page.evaluate("""() => [0, 1, 2, 3, 4].map(n =>
            getComputedStyle(document.querySelector('#heatmap-year .heat-scale rect.l' + n)).fill)""")
        assert len(set(fills)) == 5 and all(f.startswith("rgb(") for f in fills)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background not in fills[1:]
        page.emulate_media(color_scheme="dark" if scheme == "light" else "light")
        other = page.evaluate("""() => [0, 1, 2, 3, 4].map(n =>
            getComputedStyle(document.querySelector('#heatmap-year .heat-scale rect.l' + n)).fill)""")
        assert set(other).isdisjoint(fills)
        page.emulate_media(color_scheme=scheme, media="print")
        printed = page.evaluate("""() => [0, 4].map(n =>
            getComputedStyle(document.querySelector('#heatmap-year .heat-scale rect.l' + n)).fill)""")
        assert printed == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        # The month table says the same in numbers.
        page.locator("#heatmap-year summary").click()
        may = page.locator("#heatmap-year tr", has_text="May 2025").locator("td").all_text_contents()
        assert may == ["7", "3", "4"]
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_activity_page_shows_every_year(browser, site_url, scheme):
    page = browser.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url + "activity/")
        assert page.locator("h3").all_text_contents() == ["2025"]
        year = page.locator("#heatmap-2025 svg.heat rect")
        # 1 January to 1 June drawn (152 days), the rest of the year not yet.
        assert year.count() == 152
        assert page.locator("#heatmap-2025 svg.heat rect.l4").count() == 1
        assert page.locator(".streak-longest .streak-weeks").text_content() == "4"
        row = page.locator(".activity-tags tr", has_text="pln").locator("td").all_text_contents()
        assert row[:2] == ["12", "12"]
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "activity/"])
def test_axe_core_finds_nothing(browser, site_url, path, scheme):
    page = browser.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url + path)
        page.locator("details").first.evaluate("d => d.open = true")  # the table too
        assert _axe_violations(page) == []
    finally:
        page.close()


def test_nu_html_checker_finds_nothing(public):
    assert vnu_check([public / "index.html", public / "activity" / "index.html"]) == []
