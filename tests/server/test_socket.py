"""The preview server on a real socket: `plnsite serve` as a process (its URL, Ctrl-C), and an
in-process PreviewServer (saves reach the page, raw hostile request lines, open streams)."""

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
import time
from urllib.parse import urlsplit

import pytest

from .conftest import CLIENT_TAG, SUBPATH_SITE, edit, fetch, files_with_client, running, wait_until, write

NOTE = "---\ntitle: Hello\ndate: 2024-01-01\ntags: [pln]\n---\nFirst text.\n"
FILES = {"site.yaml": SUBPATH_SITE, "notes/2024-01-01-hello.md": NOTE}


def _lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


def _next_line(lines: queue.Queue, timeout: float) -> str | None:
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


def test_plnsite_serve_prints_its_url_serves_rebuilds_and_stops_on_ctrl_c(site_factory):
    content = site_factory(FILES)
    root = content.parent
    proc = subprocess.Popen(
        [sys.executable, "-m", "plnsite", "serve", "-s", "content", "--port", "0", "-o", "public"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out: queue.Queue = queue.Queue()
    err: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, out), daemon=True).start()
    threading.Thread(target=_lines, args=(proc.stderr, err), daemon=True).start()
    try:
        first = _next_line(out, timeout=20)
        assert first is not None, f"no output; stderr: {list(err.queue)}"
        match = re.match(r"serving (http://127\.0\.0\.1:(\d+)/portfolio/)", first)
        assert match, first
        url, port = match.group(1), int(match.group(2))
        assert port != 0
        status, body = fetch(url + "notes/hello/")
        assert status == 200 and b"First text." in body and CLIENT_TAG in body
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 302
        # A save is picked up by the watcher of the running process.
        edit(content / "notes" / "2024-01-01-hello.md", "First text.", "Second text.")
        wait_until(lambda: b"Second text." in fetch(url + "notes/hello/")[1], what="the rebuild")
        # -o: the build is written too, without the client.
        wait_until(lambda: b"Second text." in (root / "public" / "notes" / "hello" / "index.html").read_bytes(),
                   what="the written page")
        assert files_with_client(root / "public") == []
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=5) == 0
        assert time.monotonic() - started < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    time.sleep(0.05)  # let the reader threads drain
    stdout = "".join(line for line in list(out.queue) if line)
    stderr = "".join(line for line in list(err.queue) if line)
    assert "stopped" in stdout
    assert "Traceback" not in stderr, stderr
    assert "rebuilt in" in stderr


def test_a_port_in_use_is_a_clear_error_not_a_traceback(site_factory):
    content = site_factory(FILES)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "plnsite", "serve", "-s", "content", "--port", str(port)],
            cwd=content.parent, capture_output=True, text=True, encoding="utf-8", timeout=30,
        )
    assert proc.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    content = tmp_path_factory.mktemp("socket") / "content"
    for rel, text in FILES.items():
        write(content / rel, text)
    with running(content) as server:
        server.content = content
        yield server


def raw_get(server, path: str) -> tuple[int, bytes]:
    """Send ``path`` on the request line exactly as given (no client-side normalising)."""
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_the_url_is_loopback_under_the_sub_path(server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/portfolio/", server.url)
    status, body = fetch(server.url)
    assert status == 200 and CLIENT_TAG in body


@pytest.mark.parametrize("path", [
    "/portfolio/../../etc/passwd", "/portfolio/%2e%2e/%2e%2e/etc/passwd", "/portfolio/%252e%252e/etc/passwd",
    "/portfolio/..\\..\\etc\\passwd", "/portfolio/%5c..%5cetc%5cpasswd", "/portfolio/%00/x",
    "/../../../../etc/passwd", "/portfolio/..%2f..%2f..%2fetc%2fpasswd",
])
def test_hostile_request_lines_are_refused(server, path):
    status, body = raw_get(server, path)
    assert status in (400, 404)
    assert b"root:" not in body


def test_a_save_reaches_the_page_and_the_event_stream(server):
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", "/_plnsite/events")
    stream = conn.getresponse()
    assert stream.status == 200 and stream.getheader("Content-Type") == "text/event-stream"
    assert stream.readline() == b"retry: 1000\n"
    stream.readline()
    current = json.loads(stream.readline()[len(b"data: "):])
    assert current["version"] == server.events.version
    stream.readline()
    edit(server.content / "notes" / "2024-01-01-hello.md", "First text.", "Saved text.")
    event = json.loads(stream.readline()[len(b"data: "):])  # blocks until the rebuild is announced
    assert event["version"] == current["version"] + 1
    assert "/portfolio/notes/hello/" in event["urls"] and event["problems"] == []
    assert b"Saved text." in fetch(server.url + "notes/hello/")[1]
    conn.close()


def test_many_open_streams_do_not_wedge_the_server_and_stop_ends_them(site_factory):
    content = site_factory(FILES)
    conns = []
    with running(content) as server:
        parts = urlsplit(server.url)
        for _ in range(40):
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            conn.request("GET", "/_plnsite/events")
            response = conn.getresponse()
            assert response.readline() == b"retry: 1000\n"
            conns.append((conn, response))
        started = time.monotonic()
        status, _ = fetch(server.url, timeout=2)
        assert status == 200 and time.monotonic() - started < 1
        started = time.monotonic()
    assert time.monotonic() - started < 3  # stop() does not wait for the streams
    for conn, response in conns:
        response.read()  # each stream has ended (the server closed it)
        conn.close()


def _page_404(text: str) -> str:
    return '{% extends "base.html" %}{% block content %}<p>' + text + "</p>{% endblock %}\n"


@pytest.mark.parametrize("existing", ["nothing", "themes/"])
def test_a_theme_folder_made_while_serving_is_watched(site_factory, existing):
    content = site_factory(FILES)
    if existing == "themes/":
        (content.parent / "themes").mkdir()
    with running(content) as server:
        templates = content.parent / "themes" / "default" / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        (templates / "404.html").write_text(_page_404("Made while serving"), encoding="utf-8")
        wait_until(lambda: b"Made while serving" in fetch(server.url + "nowhere/")[1], timeout=10,
                   what="the new template in use")
        (templates / "404.html").write_text(_page_404("Edited while serving"), encoding="utf-8")
        wait_until(lambda: b"Edited while serving" in fetch(server.url + "nowhere/")[1], timeout=10,
                   what="the edit of the new template in use")
        # Other entries of the folder that holds content/ do not rebuild anything.
        changes = server.changes
        (content.parent / "notes.txt").write_text("a file beside content/", encoding="utf-8")
        time.sleep(0.5)
        assert server.changes == changes
