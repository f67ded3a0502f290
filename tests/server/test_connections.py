"""The preview server's connections on a real socket: a burst of 200 at once is taken without a
stall, idle or dribbling clients are let go while the live-reload stream stays open, and IPv6
loopback is served."""

from __future__ import annotations

import http.client
import json
import select
import selectors
import socket
import time
from urllib.parse import urlsplit

import pytest

from .conftest import SUBPATH_SITE, edit, fetch, running

NOTE = "---\ntitle: Hello\ndate: 2024-01-01\ntags: [pln]\n---\nFirst text.\n"
FILES = {"site.yaml": SUBPATH_SITE, "notes/2024-01-01-hello.md": NOTE}
BURST = 200
# A connection whose SYN the kernel dropped (a full listen backlog) waits for the client's
# retransmit, exactly 1 s later: any wait that long is a stall, not a slow machine.
STALL_SECONDS = 1.0


def burst(host: str, port: int, path: str, count: int, give_up: float = 10.0) -> list[tuple[float, bytes]]:
    """Open ``count`` connections at once (non-blocking, from one thread), send a GET on each as
    soon as it is connected, and read each response: (seconds from connect() to the first byte
    of the response, the whole response) for each; a connection with no complete response after
    ``give_up`` seconds counts as having waited that long."""
    selector = selectors.DefaultSelector()
    request = f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n".encode()
    started: dict[socket.socket, float] = {}
    first: dict[socket.socket, float] = {}
    received: dict[socket.socket, bytearray] = {}
    done: set[socket.socket] = set()
    for _ in range(count):
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setblocking(False)
        started[sock] = time.monotonic()
        sock.connect_ex((host, port))
        received[sock] = bytearray()
        selector.register(sock, selectors.EVENT_WRITE)
    open_ = count
    deadline = time.monotonic() + give_up
    try:
        while open_ and time.monotonic() < deadline:
            for key, events in selector.select(timeout=0.1):
                sock = key.fileobj
                if events & selectors.EVENT_WRITE:
                    sock.sendall(request)
                    selector.modify(sock, selectors.EVENT_READ)
                    continue
                data = sock.recv(65536)
                if data and sock not in first:
                    first[sock] = time.monotonic()
                received[sock] += data
                if not data:
                    selector.unregister(sock)
                    open_ -= 1
                    done.add(sock)
        return [((first[s] - started[s]) if s in done else give_up, bytes(received[s])) for s in started]
    finally:
        selector.close()
        for sock in started:
            sock.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    content = tmp_path_factory.mktemp("connections") / "content"
    for rel, text in FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    with running(content) as server:
        server.content = content
        yield server


def test_a_burst_of_200_connections_is_taken_without_a_stall(server):
    parts = urlsplit(server.url)
    results = burst(parts.hostname, parts.port, parts.path + "notes/hello/", BURST)
    stalled = sorted(round(seconds, 2) for seconds, _ in results if seconds >= STALL_SECONDS)
    assert stalled == [], f"{len(stalled)} of {BURST} connections waited 1 s or more: {stalled}"
    assert all(response.startswith(b"HTTP/1.0 200 ") and b"First text." in response for _, response in results)


def closed_by_server(sock: socket.socket, give_up: float = 10.0) -> bool:
    """Wait until the server closes ``sock`` (True), or ``give_up`` seconds pass (False)."""
    sock.settimeout(give_up)
    try:
        while sock.recv(4096):
            pass
        return True
    except ConnectionError:
        return True
    except TimeoutError:
        return False


def dribble_until_closed(sock: socket.socket, head: bytes, pause: float = 0.05) -> bool:
    """Send ``head`` a byte at a time (slowloris): True if the server closed the connection
    before the last byte was due."""
    for byte in head:
        try:
            sock.sendall(bytes([byte]))
        except ConnectionError:
            return True
        readable, _, _ = select.select([sock], [], [], pause)
        if readable:
            try:
                if not sock.recv(4096):
                    return True
            except ConnectionError:
                return True
    return False


def test_clients_that_hold_a_connection_without_a_request_are_let_go_but_the_event_stream_stays(site_factory, capsys):
    content = site_factory(FILES)
    with running(content, idle_seconds=0.5) as server:
        parts = urlsplit(server.url)
        address = (parts.hostname, parts.port)
        stream = http.client.HTTPConnection(*address, timeout=10)
        stream.request("GET", "/_plnsite/events")
        events = stream.getresponse()
        assert events.readline() == b"retry: 1000\n"
        events.readline()
        version = json.loads(events.readline()[len(b"data: "):])["version"]
        events.readline()

        silent = socket.create_connection(address)
        half = socket.create_connection(address)
        half.sendall(b"GET /portfolio/ HTTP/1.1\r\nHost: localhost\r\n")  # no blank line: the head never ends
        dribbler = socket.create_connection(address)
        # 200 bytes at 20 a second: 10 s if the server waited for all of them.
        slow_head = b"GET /portfolio/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 150 + b"\r\n\r\n"
        try:
            assert dribble_until_closed(dribbler, slow_head), "a client dribbling its request held on"
            assert closed_by_server(silent), "a client that sent nothing held on"
            assert closed_by_server(half), "a client that sent half a request held on"
        finally:
            for sock in (silent, half, dribbler):
                sock.close()

        # The stream, open all this time without a byte from the client, still carries a save.
        edit(content / "notes" / "2024-01-01-hello.md", "First text.", "Saved text.")
        event = json.loads(events.readline()[len(b"data: "):])
        assert event["version"] == version + 1 and "/portfolio/notes/hello/" in event["urls"]
        stream.close()
        status, body = fetch(server.url + "notes/hello/")
        assert status == 200 and b"Saved text." in body
    assert capsys.readouterr().err == ""  # a client let go is no error to print


def test_a_large_file_to_a_slow_reader_is_not_cut_off_while_it_reads(site_factory):
    """The idle timeout is per piece of the response, not for the whole of it: 16 MiB, 64 KiB
    at a time every 10 ms, take seconds, many times the 0.5 s a piece may wait."""
    big = bytes(range(256)) * (1 << 16)
    content = site_factory({**FILES, "static/big.bin": big})
    with running(content, idle_seconds=0.5) as server:
        parts = urlsplit(server.url)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)  # unread bytes wait on the server
        sock.settimeout(10)
        sock.connect((parts.hostname, parts.port))
        sock.sendall(f"GET {parts.path}big.bin HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        received = bytearray()
        with sock:
            while chunk := sock.recv(1 << 18):
                received += chunk
                time.sleep(0.01)
        head, _, body = bytes(received).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 200 ")
    assert len(body) == len(big) and body == big
