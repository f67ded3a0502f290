"""Fixtures for the preview server: the WSGI app without a socket, and helpers shared by the
rebuild, socket and browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import wsgiref.util
import wsgiref.validate
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from plnsite.build import build
from plnsite.incremental import BuildMemo
from plnsite.model import BuildOptions, Output
from plnsite.serve import PreviewServer, ServeOptions
from plnsite.serve.rebuild import classify
from plnsite.urls import Urls
from tests.conftest import NOW

SUBPATH_SITE = """\
title: Serve Test Site
base_url: https://example.org/portfolio/
"""
CLIENT_TAG = b'<script src="/_plnsite/client.js"'


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real headless Chromium through Playwright")


# --------------------------------------------------------------------------- the app, no socket


@dataclass
class Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes

    @property
    def media(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def wsgi_path(raw: str) -> str:
    """PATH_INFO as wsgiref's WSGIRequestHandler makes it from the request line: the path part,
    percent-decoded once, as latin-1 text."""
    path = raw.split("?", 1)[0]
    return urllib.parse.unquote(path, "iso-8859-1")


def call(app, method: str = "GET", raw_path: str = "/", path_info: str | None = None,
         validate: bool = True, headers: dict[str, str] | None = None) -> Response:
    """One request through ``app``. ``raw_path`` is what a client puts on the request line;
    ``path_info`` (already decoded) overrides it, to hand the app forms no client could send;
    ``headers`` are request headers (``{"Accept-Encoding": "gzip"}``)."""
    environ: dict = {}
    wsgiref.util.setup_testing_defaults(environ)
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    environ["REQUEST_METHOD"] = method
    environ["PATH_INFO"] = wsgi_path(raw_path) if path_info is None else path_info
    environ["QUERY_STRING"] = raw_path.split("?", 1)[1] if "?" in raw_path else ""
    recorded: dict = {}

    def start_response(status, headers, exc_info=None):
        recorded["status"], recorded["headers"] = status, headers
        return lambda data: pytest.fail("the app used the legacy write() callable")

    target = wsgiref.validate.validator(app) if validate else app
    result = target(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    code, _, reason = recorded["status"].partition(" ")
    return Response(int(code), reason, dict(recorded["headers"]), body)


class Preview:
    """A PreviewServer wired up exactly as `plnsite serve` does, minus the socket: the first
    build is published, saves go through ``on_change`` (the watcher's callback), and requests
    go straight to the WSGI app."""

    def __init__(self, content: Path, output: Path | None = None, **build) -> None:
        self.content = content
        self.log: list[str] = []
        opts = ServeOptions(build=BuildOptions(source=content, now=NOW, **build), port=0, output=output)
        self.server = PreviewServer(opts, log=self.log.append)
        # PreviewServer.start() without the socket and the watcher.
        self.server._publish(self.server.rebuilder.first_build(), first=True)

    @property
    def app(self):
        return self.server.app

    @property
    def rebuilder(self):
        return self.server.rebuilder

    @property
    def events(self):
        return self.server.events

    def save(self, *paths: Path):
        """Tell the server these files were saved (what the watcher does after a burst)."""
        self.server.on_change(frozenset(Path(p).resolve() for p in paths))
        return self.events.last

    def get(self, raw_path: str, **kw) -> Response:
        return call(self.app, "GET", raw_path, **kw)

    def head(self, raw_path: str, **kw) -> Response:
        return call(self.app, "HEAD", raw_path, **kw)


@pytest.fixture
def preview(site_factory):
    """``preview(files, themes={rel: text}, output=None, **build options)`` → Preview."""

    def make(files: dict[str, str], themes: dict[str, str] | None = None, output: Path | None = None,
             **build) -> Preview:
        content = site_factory({"site.yaml": SUBPATH_SITE, **files})
        for rel, text in (themes or {}).items():
            write(content.parent / "themes" / rel, text)
        return Preview(content, output=output, **build)

    return make


# --------------------------------------------------------------------------- builds and diffs


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def full_build(content: Path, **options):
    """A fresh full build of ``content`` as the preview server renders it (stylesheet links
    without a content hash). ``templates_changed()`` makes it reread the theme rather than
    reuse the process-wide theme cache, so it is a build from scratch."""
    opts = BuildOptions(source=content, now=NOW, cache=False, fingerprint=False, **options)
    memo = BuildMemo(opts)
    memo.templates_changed()
    return build(opts, memo=memo)


def file_bytes(outputs: dict[str, Output]) -> dict[str, bytes]:
    """Every output's bytes as published (static files read from their source now)."""
    return {f: o.plain() if o.body is not None else o.src.read_bytes() for f, o in outputs.items()}


def differing_urls(before: dict[str, bytes], after: dict[str, bytes], base_url: str) -> set[str]:
    """The URLs of the files whose bytes differ between two builds (added and removed too)."""
    urls = Urls(base_url)
    files = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
    return {urls.path(f[: -len("index.html")] if f == "index.html" or f.endswith("/index.html") else f)
            for f in files}


def save(rebuilder, content: Path, *paths: Path):
    """What PreviewServer.on_change does with a batch from the watcher."""
    return rebuilder.rebuild(classify([Path(p).resolve() for p in paths], content, rebuilder.theme_dirs))


def files_with_client(folder: Path) -> list[str]:
    """Files under ``folder`` that mention the live-reload client (there must be none)."""
    hits = []
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            if b"_plnsite" in path.read_bytes():
                hits.append(str(path))
    return hits


# --------------------------------------------------------------------------- a real server


@contextlib.contextmanager
def running(content: Path, **serve) -> Iterator[PreviewServer]:
    """A PreviewServer on a free loopback port, with its watcher, stopped afterwards."""
    log: list[str] = []
    server = PreviewServer(ServeOptions(build=BuildOptions(source=content, now=NOW), port=0, **serve),
                           log=log.append)
    server.start()
    server.lines = log  # what it would print on the console
    try:
        yield server
    finally:
        server.stop()


def fetch(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """GET without proxies and without following redirects."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def has_ipv6_loopback() -> bool:
    """This machine can listen on ::1 (some containers have no IPv6 at all)."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


def wait_until(predicate, timeout: float = 5.0, interval: float = 0.02, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(interval)
