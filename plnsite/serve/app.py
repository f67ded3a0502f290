"""The preview server's WSGI app: the last good build, served from memory.

GET/HEAD only; the path is decoded once, must lie under the base path, and may
not hold NUL, backslashes or ``..`` segments; static files are read from their
source only if it resolves inside the content or theme folders (no symlinks
out). The live-reload client goes into HTML responses here, and only here (never with
``live_reload`` off: then ``/_plnsite/`` serves nothing, and a reload is the reader's to do).
Pages are held gzip-compressed (see rebuild.compressed): HTML is decompressed to
take the client; other files go out as held to a client that accepts gzip.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from ..model import Output
from ..urls import NOT_FOUND_URL, file_for
from ..search import BUNDLE_DIR
from .search import is_search_path
from .deferred import Pending
from .events import Broadcaster

__all__ = ["PreviewApp", "ServerState", "inject_client", "CLIENT_PREFIX"]

CLIENT_PREFIX = "/_plnsite/"
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_ASSETS = {"client.js": "application/javascript", "worker.js": "application/javascript"}


@dataclass
class ServerState:
    """What requests see; replaced whole under the lock, never half-updated."""

    base_path: str = "/"
    outputs: dict[str, Output] = field(default_factory=dict)
    allowed_roots: tuple[Path, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, outputs: dict[str, Output], base_path: str | None = None, roots=None) -> None:
        with self.lock:
            self.outputs = outputs
            if base_path is not None:
                self.base_path = base_path
            if roots is not None:
                self.allowed_roots = tuple(Path(r).resolve() for r in roots)

    def snapshot(self) -> tuple[str, dict[str, Output], tuple[Path, ...]]:
        with self.lock:
            return self.base_path, self.outputs, self.allowed_roots


def inject_client(html: bytes, version: int) -> bytes:
    """The client script before ``</head>``, else before the last ``</body>``, else at the end."""
    tag = (f'<script src="{CLIENT_PREFIX}client.js" data-version="{version}" defer></script>').encode()
    match = _HEAD_END.search(html)
    if match:
        return html[: match.start()] + tag + html[match.start():]
    ends = list(_BODY_END.finditer(html))
    if ends:
        return html[: ends[-1].start()] + tag + html[ends[-1].start():]
    return html + tag


class PreviewApp:
    def __init__(self, state: ServerState, events: Broadcaster, live_reload: bool = True) -> None:
        self.state = state
        self.events = events
        self.live_reload = live_reload
        # search(wait): called before the search page or a file of its index is looked up
        # (serve/search.py: the preview indexes only once search is used)
        self.search = None
        here = Path(__file__).parent
        self.assets = {name: (here / name).read_bytes() for name in _ASSETS}

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return self._send(start_response, "405 Method Not Allowed", b"405 method not allowed\n",
                              "text/plain", method, extra=[("Allow", "GET, HEAD")])
        path = _decoded_path(environ)
        if path is None:
            return self._send(start_response, "400 Bad Request", b"400 bad request\n", "text/plain", method)
        if path.startswith(CLIENT_PREFIX):
            return self._internal(path[len(CLIENT_PREFIX):], environ, start_response, method)
        # The version first: outputs are published before their version, so a page is never
        # older than the version it is stamped with (else it would miss its own reload).
        version = self.events.version
        base, outputs, roots = self.state.snapshot()
        if not outputs:  # the first build failed: a page that shows why, and reloads once fixed
            return self._no_build_yet(start_response, method)
        if not path.startswith(base):
            if path in ("/", "") or base.startswith(path.rstrip("/") + "/"):
                return self._redirect(start_response, base, method)
            return self._not_found(start_response, outputs, roots, method, version)
        rel = path[len(base):]
        if rel.startswith(CLIENT_PREFIX[1:]):
            return self._internal(rel[len(CLIENT_PREFIX) - 1:], environ, start_response, method)
        if self.search is not None and is_search_path(rel):
            self.search(wait=rel.startswith(f"{BUNDLE_DIR}/"))
            base, outputs, roots = self.state.snapshot()  # with the index that was waited for
        output = outputs.get(file_for(rel))
        if output is None and not rel.endswith("/") and file_for(f"{rel}/") in outputs:  # a folder: as hosts do
            return self._redirect(start_response, f"{base}{rel}/", method)
        if isinstance(output, Pending):  # the first build has not rendered it yet: render it now
            output = output.render()
        if output is None:
            return self._not_found(start_response, outputs, roots, method, version)
        media = _media(output)
        if output.encoding == "gzip" and media != "text/html":  # HTML gets the client: never sent as held
            vary = [("Vary", "Accept-Encoding")]
            if _accepts_gzip(environ):
                return self._send(start_response, "200 OK", output.body, media, method,
                                  extra=[("Content-Encoding", "gzip"), *vary])
            return self._send(start_response, "200 OK", output.plain(), media, method, extra=vary)
        body = _body(output, roots)
        if body is None:
            return self._not_found(start_response, outputs, roots, method, version)
        return self._send(start_response, "200 OK", body, media, method, version=version)

    # -- responses ---------------------------------------------------------------------------

    def _send(self, start_response, status, body: bytes, media: str, method: str, extra=(), version=None):
        if media == "text/html" and self.live_reload:
            body = inject_client(body, self.events.version if version is None else version)
        headers = [
            ("Content-Type", f"{media}; charset=utf-8" if _is_text(media) else media),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            *extra,
        ]
        start_response(status, headers)
        return [] if method == "HEAD" else [body]

    def _redirect(self, start_response, location: str, method: str):
        return self._send(start_response, "302 Found", b"", "text/plain", method, extra=[("Location", location)])

    def _not_found(self, start_response, outputs, roots, method, version):
        page = outputs.get(file_for(NOT_FOUND_URL))
        body = _body(page, roots) if page is not None else None
        if body is None:
            return self._send(start_response, "404 Not Found", b"404 not found\n", "text/plain", method)
        return self._send(start_response, "404 Not Found", body, "text/html", method, version=version)

    def _no_build_yet(self, start_response, method: str):
        problems = "\n".join(html.escape(str(p)) for p in self.events.last.problems) or "building…"
        body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>plnsite: no build yet"
                f"</title></head><body><h1>The site did not build</h1><pre>{problems}</pre>"
                f"<p>Fix the file and save: {'this page reloads by itself' if self.live_reload else 'then reload'}.</p>"
                "</body></html>").encode()
        return self._send(start_response, "503 Service Unavailable", body, "text/html", method)

    def _internal(self, name: str, environ, start_response, method: str):
        if not self.live_reload:
            return self._send(start_response, "404 Not Found", b"404 not found\n", "text/plain", method)
        if name == "events":
            start_response("200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")])
            return [] if method == "HEAD" else self.events.stream()
        if name == "changes":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            try:
                since = int(query.get("since", ["0"])[0])
            except ValueError:
                since = 0
            body = json.dumps(self.events.changes_since(since)).encode()
            return self._send(start_response, "200 OK", body, "application/json", method)
        if name in self.assets:
            return self._send(start_response, "200 OK", self.assets[name], _ASSETS[name], method)
        return self._send(start_response, "404 Not Found", b"404 not found\n", "text/plain", method)


def _decoded_path(environ) -> str | None:
    """PATH_INFO decoded once (wsgiref hands it over as latin-1 of the percent-decoded bytes)."""
    raw = environ.get("PATH_INFO", "/") or "/"
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    if any(part in ("..", ".") for part in path.split("/")):
        return None
    return path


def _accepts_gzip(environ) -> bool:
    """``Accept-Encoding`` allows gzip: named, or ``*``, with a weight above 0."""
    weights: dict[str, float] = {}
    for part in environ.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, *params = part.split(";")
        weight = 1.0
        for param in params:
            key, _, value = param.strip().partition("=")
            if key.lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def _body(output: Output, roots: tuple[Path, ...]) -> bytes | None:
    if output.body is not None:
        return output.plain()
    try:
        real = output.src.resolve(strict=True)
    except OSError:
        return None
    if roots and not any(real.is_relative_to(root) for root in roots):
        return None  # a symlink that leads out of the site
    try:
        return real.read_bytes()
    except OSError:
        return None


def _media(output: Output) -> str:
    if output.body is not None and output.media_type:
        return output.media_type
    guessed, _ = mimetypes.guess_type(output.file)
    return guessed or "application/octet-stream"


def _is_text(media: str) -> bool:
    return media.startswith("text/") or media in (
        "application/javascript", "application/json", "application/xml", "application/rss+xml",
        "application/atom+xml", "application/feed+json", "image/svg+xml",
    )
