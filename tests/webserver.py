"""Real HTTP servers on 127.0.0.1 for the tests of the HTTP client and of ``plnsite fetch``
(never an outside address): each path answers as a test declares, and every request is logged."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Hit", "LocalWeb", "answer", "hang", "stream_forever", "trickle"]


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes


Handler = Callable[[BaseHTTPRequestHandler, "LocalWeb"], None]


def answer(status: int = 200, body: bytes | str = b"", headers: dict[str, str] | None = None,
           *, gzipped: bool = False) -> Handler:
    """A fixed response (with Content-Length)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    if gzipped:
        data = gzip.compress(data, mtime=0)

    def handle(request: BaseHTTPRequestHandler, web: LocalWeb) -> None:
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        if gzipped:
            request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)

    return handle


def hang(request: BaseHTTPRequestHandler, web: LocalWeb) -> None:
    """Never answer (until the server stops)."""
    web.stopping.wait(60)


def stream_forever(request: BaseHTTPRequestHandler, web: LocalWeb) -> None:
    """A 200 whose body never ends (no length; written as fast as it is read)."""
    request.send_response(200)
    request.send_header("Content-Type", "application/rss+xml")
    request.send_header("Connection", "close")
    request.end_headers()
    chunk = b"<item><title>more</title></item>" * 2048
    try:
        while not web.stopping.is_set():
            request.wfile.write(chunk)
    except OSError:
        pass


def trickle(every: float = 0.2) -> Handler:
    """A 200 that sends one byte every ``every`` seconds, for ever: each read is quick, the whole never ends."""

    def handle(request: BaseHTTPRequestHandler, web: LocalWeb) -> None:
        request.send_response(200)
        request.send_header("Connection", "close")
        request.end_headers()
        try:
            while not web.stopping.wait(every):
                request.wfile.write(b" ")
                request.wfile.flush()
        except OSError:
            pass

    return handle


class LocalWeb:
    """``with LocalWeb() as web: web.routes["/feed"] = answer(body=...); web.url("/feed")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with web._lock:
                    web.hits.append(Hit(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                handler = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if handler is None:
                    answer(404, b"not here")(self, web)
                else:
                    handler(self, web)

            do_GET = do_POST = do_HEAD = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def requested(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def __enter__(self) -> LocalWeb:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        time.sleep(0)
