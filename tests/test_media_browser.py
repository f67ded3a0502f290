"""Math, diagrams and images in a real headless Chromium, the site served as a static host
would serve it, with the Content-Security-Policy of netlify.toml: MathML drawn by the browser
(its box has height, no script), a Mermaid diagram drawn as SVG by the site's own script, a
photo's srcset chosen by the viewport; and the pages pass the Nu HTML Checker."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.clients import chromium_browser, static_server, vnu_check

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CSP = re.search(r'Content-Security-Policy = "([^"]+)"', (ROOT / "netlify.toml").read_text(encoding="utf-8"))[1]


def _photo() -> bytes:
    image = Image.linear_gradient("L").resize((2400, 1600)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


FILES = {
    "site.yaml": "title: Media\nbase_url: https://example.org/portfolio/\n",
    "notes/2024-05-01-maths/index.md": (
        "---\ntitle: Maths and maps\n---\n"
        "![A lake at dawn, mist over the water](lake.jpg)\n\n"
        "Euler: $e^{i\\pi} + 1 = 0$, which costs $5 to learn.\n\n"
        "$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n"
        "```mermaid\ngraph LR\n  Read --> Write --> Share\n```\n"
    ),
    "notes/2024-05-01-maths/lake.jpg": _photo(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import os

    from plnsite.cli import main

    root = tmp_path_factory.mktemp("media") / "site"
    for rel, text in FILES.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    here = os.getcwd()
    os.chdir(root)
    try:
        assert main(["build"]) == 0
    finally:
        os.chdir(here)
    return root / "public"


@pytest.fixture(scope="module")
def served(site):
    with static_server(site, "/portfolio/") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as browser:
        yield browser


def _open(browser, url: str, width: int = 1000, scale: float = 1):
    """A page with the site's CSP on every response; policy violations are collected."""
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    context.set_default_timeout(15000)

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    context.route("**/*", with_csp)
    context.add_init_script("window.violations = [];"
                            "document.addEventListener('securitypolicyviolation',"
                            " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    page.goto(url)
    return context, page


def test_math_is_mathml_the_browser_draws(browser, served):
    context, page = _open(browser, served + "notes/maths/")
    try:
        maths = page.locator("math")
        assert maths.count() == 2
        assert page.evaluate("[...document.querySelectorAll('math')].every(m => m instanceof MathMLElement)")
        inline, block = maths.nth(0).bounding_box(), maths.nth(1).bounding_box()
        assert inline["height"] > 5 and inline["width"] > 20
        assert block["height"] > inline["height"]  # a display sum with a fraction is taller than a line
        assert page.locator("main").inner_text().count("$5") == 1  # a price stays a price
    finally:
        context.close()


def test_mermaid_draws_the_diagram_as_svg_under_the_sites_csp(browser, served):
    context, page = _open(browser, served + "notes/maths/")
    try:
        svg = page.locator("pre.mermaid svg")
        svg.wait_for()
        assert svg.bounding_box()["height"] > 10
        labels = svg.text_content()
        assert all(word in labels for word in ("Read", "Write", "Share"))
        assert [v for v in page.evaluate("window.violations") if v.startswith("script-src")] == []
        # Mermaid's own styles apply in spite of `style-src 'self'` (adopted, not inline): no black boxes.
        fills = page.evaluate("[...document.querySelectorAll('pre.mermaid svg .node rect')]"
                              ".map(r => getComputedStyle(r).fill)")
        assert fills and "rgb(0, 0, 0)" not in fills
        scripts = page.evaluate("[...document.scripts].map(s => s.src)")
        assert scripts and all(s.startswith(served) for s in scripts)  # the site's own, no CDN
    finally:
        context.close()


@pytest.mark.parametrize("width, scale, chosen", [(400, 1, "lake-480w.jpg"), (1400, 2, "lake-1600w.jpg")])
def test_the_browser_chooses_a_copy_for_its_viewport(browser, served, width, scale, chosen):
    context, page = _open(browser, served + "notes/maths/", width=width, scale=scale)
    try:
        page.wait_for_function("document.querySelector('main img').complete")
        current = page.evaluate("document.querySelector('main img').currentSrc")
        assert current == served + "notes/maths/" + chosen
    finally:
        context.close()


def test_pages_pass_the_nu_html_checker(site):
    assert vnu_check([site / "notes" / "maths" / "index.html", site / "index.html"]) == []
