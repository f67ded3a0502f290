"""Prove the real-client helpers in tests/clients.py work, on hand-written inputs."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.clients import (
    chromium_browser,
    crawl,
    crawl_graph,
    require_tool,
    static_server,
    vnu_check,
)

VALID = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Valid page</title></head>
<body><main><h1>Hello</h1><p>A <a href="other/">link</a>.</p></main></body>
</html>
"""

INVALID = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken page</title></head>
<body>
<p>stray</span></p>
<div><p>never closed
</body>
</html>
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def page(title: str, body: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/portfolio/css/site.css"></head><body>{body}</body></html>'
    )


# --------------------------------------------------------------------------- require_tool


def test_require_tool_skips_or_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLNSITE_REQUIRE_TOOLS", raising=False)
    assert require_tool("python3")
    with pytest.raises(pytest.skip.Exception, match="no-such-tool-xyz"):
        require_tool("no-such-tool-xyz")
    monkeypatch.setenv("PLNSITE_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="no-such-tool-xyz"):
        require_tool("/nonexistent/no-such-tool-xyz")


# --------------------------------------------------------------------------- vnu


def test_vnu_check_reports_errors_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, {"good.html": VALID, "bad.html": INVALID, "style.css": "body{color:red}"})
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"

    # One JVM for the whole list; non-HTML files (style.css) are skipped, not reported;
    # the valid document contributes no error.
    errors = vnu_check([good, bad, tmp_path / "style.css"])
    assert errors, "vnu found nothing in an invalid document"
    assert all(e.startswith(f"{bad}:") for e in errors), errors
    assert any(e.startswith(f"{bad}:5: ") and "span" in e for e in errors), errors


def test_vnu_check_accepts_a_directory(tmp_path: Path) -> None:
    write(tmp_path, {"a/index.html": VALID, "b/index.html": INVALID, "feed.xml": "<rss/>"})
    errors = vnu_check([tmp_path])
    assert errors
    assert {e.split(":", 1)[0] for e in errors} == {str(tmp_path / "b" / "index.html")}


# --------------------------------------------------------------------------- static_server


def fetch(url: str) -> tuple[int, str, bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, resp.headers.get("Location") or "", resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers.get("Location") or "", err.read()


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "index.html": page(
                "Home",
                '<a href="notes/">notes</a> <a href="/portfolio/about/#me">about</a>'
                ' <a href="notes/first/">first</a> <a href="missing/">dead</a>'
                ' <a href="/tags/">lost sub-path</a> <a href="notes">no slash</a>'
                ' <a href="https://example.org/x">external</a> <a href="mailto:a@b.c">mail</a>'
                ' <a href="#top">top</a> <img src="img/a%20b.png" alt=""'
                ' srcset="img/a%20b.png 1x, img/big.png 2x">',
            ),
            "about/index.html": page("About", '<a href="../">home</a>'),
            "notes/index.html": page("Notes", '<a href="first/">first</a>'),
            "notes/first/index.html": page("First", '<a href="../../feed.xml">feed</a>'),
            "css/site.css": "body{background:url('../img/bg.png')}",
            "img/a b.png": "png",
            "img/big.png": "png",
            "img/bg.png": "png",
            "feed.xml": "<rss/>",
            "empty/.keep": "",
        },
    )
    return tmp_path


def test_static_server_mounts_root_under_prefix(site: Path) -> None:
    with static_server(site, "/portfolio/") as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/portfolio/")
        origin = base[: -len("/portfolio/")]

        status, _, body = fetch(base)
        assert status == 200 and b"<title>Home</title>" in body
        assert fetch(base + "notes/")[0] == 200
        assert fetch(base + "img/a%20b.png")[0] == 200
        # dir without slash -> 301 to dir/, keeping the prefix
        assert fetch(base + "notes")[:2] == (301, "/portfolio/notes/")
        assert fetch(origin + "/portfolio")[:2] == (301, "/portfolio/")
        # outside the prefix, missing files and bare directories are 404
        assert fetch(origin + "/index.html")[0] == 404
        assert fetch(origin + "/notes/")[0] == 404
        assert fetch(base + "nope.html")[0] == 404
        assert fetch(base + "empty/")[0] == 404
        assert fetch(base + "../index.html")[0] in (200, 404)  # never escapes root
        assert fetch(base + "%2e%2e/%2e%2e/etc/passwd")[0] == 404

    with pytest.raises(urllib.error.URLError):  # shut down
        urllib.request.urlopen(base, timeout=2)


def test_static_server_serves_404_page(site: Path) -> None:
    (site / "404.html").write_text(page("Not found"), encoding="utf-8")
    with static_server(site, "/portfolio/") as base:
        status, _, body = fetch(base + "missing/")
    assert status == 404 and b"Not found" in body


# --------------------------------------------------------------------------- crawl


def test_crawl_follows_internal_links_and_reports_dead_ones(site: Path) -> None:
    with static_server(site, "/portfolio/") as base:
        origin = base[: -len("/portfolio/")]
        result, sources = crawl_graph(base, [""])
        assert crawl(base, [""]) == result

    assert result == {
        base: 200,
        base + "notes/": 200,
        base + "about/": 200,
        base + "notes/first/": 200,
        base + "missing/": 404,
        origin + "/tags/": 404,  # same host, outside the prefix: fetched, not followed
        base + "notes": 301,
        base + "css/site.css": 200,
        base + "img/bg.png": 200,  # from the CSS url()
        base + "img/a%20b.png": 200,
        base + "img/big.png": 200,  # from srcset
        base + "feed.xml": 200,
    }
    assert sources[base + "missing/"] == {base}
    assert sources[base + "feed.xml"] == {base + "notes/first/"}


def test_crawl_without_prefix(site: Path) -> None:
    with static_server(site / "notes") as base:
        result = crawl(base, ["", "first/", "nope/"])
    assert result == {
        base: 200,
        base + "first/": 200,
        base + "nope/": 404,
        base + "portfolio/css/site.css": 404,
        base + "feed.xml": 404,
    }


def test_crawl_is_bounded(site: Path) -> None:
    with static_server(site, "/portfolio/") as base, pytest.raises(RuntimeError, match="max_urls=3"):
        crawl(base, [""], max_urls=3)


# --------------------------------------------------------------------------- chromium


def test_chromium_reads_titles(site: Path) -> None:
    with chromium_browser() as browser:
        page_ = browser.new_page()
        page_.goto("data:text/html,<title>From data</title><p>x")
        assert page_.title() == "From data"

        with static_server(site, "/portfolio/") as base:
            page_.goto(base + "notes/first/")
            assert page_.title() == "First"
            page_.goto(base + "about/")
            page_.click("text=home")
            page_.wait_for_url(base)
            assert page_.title() == "Home"
        page_.close()
