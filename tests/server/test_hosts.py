"""`plnsite serve --host`: IPv6 served (its URL in brackets, live reload working there), and the
warning that other machines can read the preview given for exactly the addresses they can reach."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest

from plnsite.serve.hosts import browsable_host, listen_address, reachable_from_elsewhere

from .conftest import CLIENT_TAG, SUBPATH_SITE, edit, fetch, has_ipv6_loopback, running

NOTE = "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst text.\n"
FILES = {"site.yaml": SUBPATH_SITE, "notes/2024-01-01-hello.md": NOTE}
WARNING = "other machines on your network can read the preview"


needs_ipv6 = pytest.mark.skipif(not has_ipv6_loopback(), reason="this machine has no IPv6 loopback (::1)")


def lan_address() -> str | None:
    """This machine's address on its network: the source address of its default route (a UDP
    socket's connect() sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))
            address = sock.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.mark.parametrize(("address", "reachable"), [
    ("127.0.0.1", False), ("127.0.0.2", False), ("127.255.255.254", False), ("::1", False),
    ("::ffff:127.0.0.1", False),  # IPv4 loopback written as IPv6
    ("0.0.0.0", True), ("::", True), ("192.168.1.20", True), ("10.0.0.5", True), ("fd00::2", True),
    ("fe80::1%eth0", True), ("203.0.113.9", True),
])
def test_who_can_reach_an_address(address, reachable):
    assert reachable_from_elsewhere(address) is reachable


def test_the_listen_address_follows_the_host():
    assert listen_address("127.0.0.2", 8000) == (socket.AF_INET, ("127.0.0.2", 8000))
    assert listen_address("localhost", 8000) == (socket.AF_INET, ("127.0.0.1", 8000))  # as before: IPv4
    family, address = listen_address("::1", 8000)
    assert family == socket.AF_INET6 and address[:2] == ("::1", 8000)
    assert browsable_host("::1") == "[::1]" and browsable_host("::") == "[::1]"
    assert browsable_host("0.0.0.0") == "127.0.0.1" and browsable_host("127.0.0.2") == "127.0.0.2"
    assert browsable_host("fe80::1%eth0") == "[fe80::1%25eth0]"


@needs_ipv6
def test_ipv6_loopback_is_served_with_live_reload(site_factory):
    content = site_factory(FILES)
    with running(content, host="::1") as server:
        assert re.fullmatch(r"http://\[::1\]:\d+/portfolio/", server.url)
        status, body = fetch(server.url + "notes/hello/")
        assert status == 200 and b"First text." in body and CLIENT_TAG in body
        parts = urlsplit(server.url)
        assert parts.hostname == "::1"
        assert fetch(server.url + "_plnsite/client.js")[0] == 200
        conn = http.client.HTTPConnection("::1", parts.port, timeout=10)
        conn.request("GET", "/_plnsite/events")
        stream = conn.getresponse()
        assert stream.status == 200 and stream.readline() == b"retry: 1000\n"
        stream.readline()
        version = json.loads(stream.readline()[len(b"data: "):])["version"]
        stream.readline()
        edit(content / "notes" / "2024-01-01-hello.md", "First text.", "Saved text.")
        event = json.loads(stream.readline()[len(b"data: "):])
        assert event["version"] == version + 1 and "/portfolio/notes/hello/" in event["urls"]
        conn.close()
        assert b"Saved text." in fetch(server.url + "notes/hello/")[1]


def _lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


def serve_once(cwd, host: str) -> tuple[str, str]:
    """Start `plnsite serve --host HOST --port 0`, read the line that says where it serves, stop
    it with Ctrl-C: (that line, everything it wrote on stderr)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "plnsite", "serve", "--host", host, "--port", "0"], cwd=cwd,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_lines, args=(proc.stdout, out), daemon=True)
    reader.start()
    try:
        try:
            first = out.get(timeout=30)
        except queue.Empty:
            first = None
        proc.send_signal(signal.SIGINT)
        # It stops in about 0.5 s; a CI machine running two suites at once once took over 10.
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert first is not None, f"it did not start: {err}"
    return first, err


def _address_cases():
    cases = [
        ("127.0.0.1", r"127\.0\.0\.1", False), ("127.0.0.2", r"127\.0\.0\.2", False),
        ("localhost", r"127\.0\.0\.1", False), ("0.0.0.0", r"127\.0\.0\.1", True),
    ]
    if has_ipv6_loopback():
        cases += [("::1", r"\[::1\]", False), ("::", r"\[::1\]", True)]
    lan = lan_address()
    if lan:
        cases.append((lan, re.escape(lan), True))
    return cases


@pytest.mark.parametrize(("host", "shown", "warned"), _address_cases())
def test_serve_says_where_it_serves_and_warns_only_when_others_can_reach_it(site_factory, host, shown, warned):
    content = site_factory(FILES)
    first, err = serve_once(content.parent, host)
    assert re.match(rf"serving http://{shown}:\d+/portfolio/[ ;]", first), first
    if host in ("0.0.0.0", "::"):
        assert f"(listening on all addresses, {host})" in first
    assert ("warning" in err) is warned, err
    if warned:
        assert f"warning: serving on {host}: {WARNING}" in err.splitlines()
    assert "Traceback" not in err
