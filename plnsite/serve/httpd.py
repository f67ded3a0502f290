"""The preview server's HTTP server: wsgiref's, one thread per connection, made to take a burst
of connections, to let go of clients that hold a connection without using it, and to listen on
IPv4 or IPv6.

- **Backlog.** socketserver listens with a backlog of 5: in a burst (a page with many images, a
  test of many clients) the kernel drops the connections beyond it, and each waits for its SYN
  to be sent again, a second later. The backlog here is 1024 (the kernel caps it at
  net.core.somaxconn).
- **Idle clients.** The request line and headers must arrive within ``idle_seconds`` in all,
  however slowly they dribble in; after that, each piece of the response (64 KiB) may wait that
  long for the client to take it. The live-reload event stream is a response that writes at
  least every 15 s and ends after 5 min (events.py): it is never idle, so it is never cut.
- **Quiet.** A client that leaves or times out is no error to print.
"""

from __future__ import annotations

import io
import socket
import sys
import time
from socketserver import TCPServer, ThreadingMixIn
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .hosts import is_wildcard

__all__ = ["IDLE_SECONDS", "PreviewHTTPServer"]

IDLE_SECONDS = 30.0
_GONE = (TimeoutError, ConnectionError)  # the client stopped sending or reading, or left
_PIECE = 1 << 16  # bytes of a response sent at a time


class PreviewHTTPServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def __init__(self, family: socket.AddressFamily, address: tuple, app, idle_seconds: float = IDLE_SECONDS):
        self.address_family = family
        self.idle_seconds = idle_seconds
        super().__init__(address, _RequestHandler)
        self.set_app(app)

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6 and is_wildcard(self.server_address[0]):
            # "::" takes IPv4 connections too, whatever the system's default.
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        TCPServer.server_bind(self)
        # The bound address as it is: HTTPServer would look its name up (socket.getfqdn), which
        # for an address other than loopback may ask a DNS server, and serve never uses the network.
        self.server_name, self.server_port = self.server_address[:2]
        self.setup_environ()

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], _GONE):
            return
        super().handle_error(request, client_address)


class _HeadReader(io.RawIOBase):
    """The connection's bytes, read within one deadline for the whole request head; once the head
    is read (``lift``), each read may wait ``idle_seconds`` again."""

    def __init__(self, sock: socket.socket, idle_seconds: float) -> None:
        self.sock = sock
        self.idle_seconds = idle_seconds
        self.deadline: float | None = time.monotonic() + idle_seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no complete request in time")
            self.sock.settimeout(left)
        return self.sock.recv_into(buffer)

    def lift(self) -> None:
        self.deadline = None
        self.sock.settimeout(self.idle_seconds)


class _RequestHandler(WSGIRequestHandler):
    """One request per connection, as wsgiref's handler, with the deadlines above."""

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # replaced by one that times the request head as a whole
        self.connection.settimeout(self.server.idle_seconds)  # for writes; reads are timed by _HeadReader
        self.head = _HeadReader(self.connection, self.server.idle_seconds)
        self.rfile = io.BufferedReader(self.head)

    def handle(self) -> None:
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                return  # connected, and closed without a word
            if len(self.raw_requestline) > 65536:
                self.requestline = self.request_version = self.command = ""
                self.send_error(414)
                return
            if not self.parse_request():  # it sent the error response
                return
        except _GONE:
            return
        self.head.lift()
        handler = _ResponseHandler(self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True)
        handler.request_handler = self  # wsgiref logs the request through it
        handler.run(self.server.get_app())

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class _ResponseHandler(ServerHandler):
    def _write(self, data) -> None:
        # A socket's timeout bounds a whole sendall(): a large file to a slow client goes in
        # pieces, so that each piece, not the whole file, must be taken within idle_seconds.
        view = memoryview(data)
        for start in range(0, len(view), _PIECE):
            super()._write(view[start:start + _PIECE])

    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], _GONE):
            return  # a client that stopped reading: nothing can be told to it
        super().handle_error()
