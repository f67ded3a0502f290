"""How `plnsite serve` starts: no site is the same error as `build` (exit 1, nothing served); the
port is bound before the first build, so a busy port is reported at once; a failed first build
ends with one summary line; `--no-reload` serves without the live-reload client."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from plnsite.errors import ConfigError, UsageError
from plnsite.model import BuildOptions
from plnsite.serve import PreviewServer, ServeOptions

from .conftest import CLIENT_TAG, SUBPATH_SITE, Preview, edit, fetch, running, wait_until, write

NOTE = "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst text.\n"
BROKEN_NOTE = "---\ntitle: [broken\n---\nBody.\n"


def _plnsite(cwd, *argv: str) -> subprocess.CompletedProcess:
    """The real console command; a server that starts where it should not would hang: the
    timeout turns that into a failure."""
    return subprocess.run([sys.executable, "-m", "plnsite", *argv], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.parametrize("files", [None, {}], ids=["no content folder", "no site.yaml"])
def test_serve_with_no_site_exits_1_with_the_message_build_gives(tmp_path, files):
    if files is not None:
        (tmp_path / "content").mkdir()
    built = _plnsite(tmp_path, "build")
    served = _plnsite(tmp_path, "serve", "--port", "0")
    assert (served.returncode, served.stdout) == (1, "")
    assert built.returncode == 1
    assert served.stderr.splitlines()[:-1] == built.stderr.splitlines()[:-1]
    assert served.stderr.splitlines()[-1] == "build failed: 1 error; nothing to serve"
    assert "Traceback" not in served.stderr


def test_preview_server_refuses_a_folder_that_is_no_site(tmp_path):
    server = PreviewServer(ServeOptions(build=BuildOptions(source=tmp_path / "content"), port=0), log=print)
    with pytest.raises(ConfigError, match="no content folder at"):
        server.start()
    assert server.httpd is None


def test_a_busy_port_is_reported_before_the_first_build(tmp_path):
    content = tmp_path / "content"
    write(content / "site.yaml", SUBPATH_SITE)
    write(content / "notes" / "2024-01-01-a.md", BROKEN_NOTE)  # its first build would print an error
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = PreviewServer(ServeOptions(build=BuildOptions(source=content), port=port), log=print)
        with pytest.raises(UsageError, match=f"cannot serve on 127.0.0.1:{port}"):
            server.start()
        assert server.rebuilder.version == 0, "no build ran"
        done = _plnsite(tmp_path, "serve", "--port", str(port))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: cannot serve on 127.0.0.1:{port}: Address already in use (try another --port, or --port 0 for a "
        "free one)"
    ]


def test_a_refused_output_folder_ends_with_the_summary_line(site_factory, run_cli):
    site_factory({"notes/2024-01-01-a.md": NOTE})
    code, out, err = run_cli("serve", "--port", "0", "-o", "content/out")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ")
    assert lines[1] == "build failed: 1 error; nothing to serve"


def test_a_failed_first_build_ends_with_one_summary_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    write(content / "site.yaml", SUBPATH_SITE)
    write(content / "notes" / "2024-01-01-a.md", BROKEN_NOTE)
    preview = Preview(content)
    assert preview.log == [
        "content/notes/2024-01-01-a.md:2: error: invalid YAML: while parsing a flow sequence, did not find expected "
        "',' or ']'; the '[' opened on line 2 is not closed with ']' (a value in it that holds ',' or ':' needs "
        "quotes)",
        "build failed: 1 error; the preview lists the problems until they are fixed",
    ]


def test_a_failed_rebuild_says_how_many_errors(tmp_path):
    content = tmp_path / "content"
    write(content / "site.yaml", SUBPATH_SITE)
    note = write(content / "notes" / "2024-01-01-a.md", NOTE)
    preview = Preview(content)
    preview.save(edit(note, "date: 2024-01-01", "date: nope"))
    assert preview.log[-1] == "rebuild failed: 1 error; serving the last good build"


def test_no_reload_serves_pages_without_the_client_and_still_rebuilds(tmp_path):
    content = tmp_path / "content"
    write(content / "site.yaml", SUBPATH_SITE)
    note = write(content / "notes" / "2024-01-01-hello.md", NOTE)
    with running(content, live_reload=False) as server:
        status, body = fetch(server.url + "notes/hello/")
        assert status == 200 and b"First text." in body
        assert CLIENT_TAG not in body and b"_plnsite" not in body
        assert fetch(server.url + "_plnsite/events")[0] == 404
        assert fetch(server.url + "_plnsite/client.js")[0] == 404
        edit(note, "First text.", "Second text.")
        wait_until(lambda: b"Second text." in fetch(server.url + "notes/hello/")[1], what="the rebuild")
        assert CLIENT_TAG not in fetch(server.url + "notes/hello/")[1]


def test_serve_takes_no_reload(run_cli):
    code, out, _ = run_cli("serve", "--help")
    assert code == 0 and "--no-reload" in out


def test_serve_takes_a_rebuild_limit(run_cli):
    from plnsite.serve.rebuild import REBUILD_LIMIT

    code, out, _ = run_cli("serve", "--help")
    assert code == 0 and "--rebuild-limit SECONDS" in out
    assert f"(default: {REBUILD_LIMIT:g}, or twice the first build's time" in " ".join(out.split())
    for wrong in ("-1", "soon", "nan", "inf"):
        code, out, err = run_cli("serve", "--rebuild-limit", wrong)
        assert code == 2 and out == ""
        assert f"argument --rebuild-limit: '{wrong}' is not a number of seconds (0 for no limit)" in err
