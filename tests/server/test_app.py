"""The preview server's WSGI app, called directly (no socket): methods, paths that try to leave
the site, injection of the live-reload client, the sub-path, the error overlay, the SSE stream.

Every request goes through ``wsgiref.validate.validator``, so the app also stays a correct WSGI
application (no hop-by-hop headers, a Content-Type, an iterable closed after use).
"""

from __future__ import annotations

import json
import re
import threading
import time
from urllib.parse import quote

import pytest

from plnsite.model import BuildResult, Bytes, Change
from plnsite.output import write_outputs
from plnsite.serve.app import PreviewApp, ServerState, inject_client
from plnsite.serve.events import Broadcaster

from .conftest import CLIENT_TAG, SUBPATH_SITE, Preview, call, edit, files_with_client, write

NOTE = """\
---
title: Hello
date: 2024-01-01
tags: [pln, 学习]
---
Hello body, version one.
"""
FILES = {
    "site.yaml": SUBPATH_SITE,
    "notes/2024-01-01-hello.md": NOTE,
    "pages/about.md": "---\ntitle: About\n---\nAbout text.\n",
    "static/x.css": "body { color: red; }\n",
    "static/data.json": '{"a": 1}\n',
    "static/docs/readme.txt": "a file in a folder that has no index\n",
    "static/raw.html": "<p>a static HTML fragment</p>\n",
}
# A user template that outputs a bare fragment: no <html>, no <head>, no <body>.
BARE_PAGE = "<p>bare fragment: {{ page.title }}</p>\n"
SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"


def make_site(root) -> Preview:
    content = root / "content"
    for rel, text in FILES.items():
        write(content / rel, text)
    write(root / "themes" / "default" / "templates" / "page.html", BARE_PAGE)
    outside = write(root.parent / "outside" / "secret.txt", SECRET)
    static = content / "static"
    (static / "leak.txt").symlink_to(outside)  # a symlink out of the site
    (static / "outdir").symlink_to(outside.parent, target_is_directory=True)
    (static / "alias.css").symlink_to(static / "x.css")  # a symlink that stays inside
    return Preview(content)


@pytest.fixture
def site(tmp_path, monkeypatch) -> Preview:
    """A site of one's own, to edit (run from its folder, so problems name content/...)."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.chdir(root)
    return make_site(root)


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Preview:
    """The same site built once, for the tests that only read."""
    return make_site(tmp_path_factory.mktemp("app") / "site")


def note_path(site: Preview):
    return site.content / "notes" / "2024-01-01-hello.md"


# --------------------------------------------------------------------------- GET and HEAD


def test_get_serves_the_built_page_from_memory(shared):
    response = shared.get("/portfolio/notes/hello/")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert int(response.headers["Content-Length"]) == len(response.body)
    assert "Hello body, version one." in response.text
    built = shared.rebuilder.outputs["notes/hello/index.html"].plain()
    assert strip_client(response.body) == built


def test_index_html_and_a_query_string_serve_the_same_page(shared):
    page = shared.get("/portfolio/notes/hello/").body
    assert shared.get("/portfolio/notes/hello/index.html").body == page
    assert shared.get("/portfolio/notes/hello/?utm=x").body == page


@pytest.mark.parametrize("path", [
    "/portfolio/", "/portfolio/notes/hello/", "/portfolio/x.css", "/portfolio/feed.xml",
    "/portfolio/theme/css/site.css", "/portfolio/nope/", "/", "/_plnsite/client.js",
    "/_plnsite/changes?since=0",
])
def test_head_sends_the_headers_of_get_and_no_body(shared, path):
    got, head = shared.get(path), shared.head(path)
    assert head.status == got.status
    assert head.body == b""
    assert head.headers == got.headers


def test_head_of_the_event_stream_does_not_block(shared):
    response = call(shared.app, "HEAD", "/_plnsite/events", validate=False)
    assert (response.status, response.body) == (200, b"")
    assert response.media == "text/event-stream"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/portfolio/", "/portfolio/notes/hello/", "/_plnsite/events", "/nowhere"])
def test_only_get_and_head_are_allowed(shared, method, path):
    response = call(shared.app, method, path, validate=method != "PROPFIND")  # the validator warns on it
    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert "Hello body" not in response.text


# --------------------------------------------------------------------------- paths that try to leave


TRAVERSALS = [
    "/portfolio/../../etc/passwd",
    "/portfolio/%2e%2e/%2e%2e/etc/passwd",
    "/portfolio/%2E%2E/%2E%2E/etc/passwd",
    "/portfolio/..%2f..%2fetc%2fpasswd",
    "/portfolio/%252e%252e/%252e%252e/etc/passwd",  # double-encoded: decoded once only
    "/portfolio/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/portfolio/..\\..\\etc\\passwd",
    "/portfolio/%5c..%5c..%5cetc%5cpasswd",
    "/portfolio/notes/..%5c..%5c..%5cetc/passwd",
    "/portfolio/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 for "."
    "/portfolio/index.html%00.css",
    "/portfolio/%00/../../etc/passwd",
    "/portfolio/./../site.yaml",
    "/../etc/passwd",
    "/portfolio/../../../../../../../../etc/passwd",
    "/portfolio/outdir/secret.txt",  # a folder symlinked out of content/static
    "/portfolio/leak.txt",  # a file symlinked out of content/static
    "/portfolio/../outside/secret.txt",
    "/portfolio/notes/2024-01-01-hello.md",  # sources are not outputs
    "/portfolio/site.yaml",
    "/site.yaml",
    "/portfolio//etc/passwd",
    "//etc/passwd",
]


def assert_refused(response):
    assert response.status in (400, 404), response.status
    assert "root:" not in response.text
    assert SECRET not in response.text
    assert "base_url" not in response.text


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_paths_outside_the_output_are_unreachable(shared, raw):
    for method in ("GET", "HEAD"):
        assert_refused(call(shared.app, method, raw))


@pytest.mark.parametrize("path_info", [
    # PATH_INFO as the app may receive it from any server (already decoded once, or not).
    "/portfolio/../../etc/passwd",
    "/portfolio/%2e%2e/%2e%2e/etc/passwd",
    "/portfolio/..\\..\\etc\\passwd",
    "/portfolio/\x00/etc/passwd",
    "/portfolio/notes/hello/\x00",
    "/portfolio/..",
    "/portfolio/.",
    "portfolio/index.html",  # no leading slash
    "/portfolio/\xc0\xae\xc0\xae/etc/passwd",
])
def test_decoded_traversals_are_refused_too(shared, path_info):
    # (the validator itself refuses a PATH_INFO without its leading slash)
    assert_refused(call(shared.app, "GET", path_info=path_info, validate=path_info.startswith("/")))


def test_a_symlink_out_of_the_site_is_neither_built_nor_served(shared):
    # The build skips it (see tests/server/test_symlinks.py for one swapped in after a build) ...
    assert "leak.txt" not in shared.rebuilder.outputs
    # ... and the server would not read it either.
    response = shared.get("/portfolio/leak.txt")
    assert response.status == 404
    assert SECRET not in response.text
    # A symlink that stays inside the site is served.
    assert shared.get("/portfolio/alias.css").body == b"body { color: red; }\n"


def test_no_directory_listings(shared):
    assert shared.get("/portfolio/docs/readme.txt").status == 200
    for folder in ("/portfolio/docs/", "/portfolio/docs", "/portfolio/theme/", "/portfolio/theme/css/",
                   "/portfolio/img/", "/portfolio/outdir/"):
        response = shared.get(folder)
        assert response.status == 404, folder
        assert strip_client(response.body) == shared.rebuilder.outputs["404.html"].plain()  # not a listing


def test_a_unicode_url_is_decoded_as_utf8(shared):
    # The browser sends /portfolio/tags/%E5%AD%A6%E4%B9%A0/; wsgiref hands it over as latin-1.
    response = shared.get("/portfolio/tags/%E5%AD%A6%E4%B9%A0/")
    assert response.status == 200
    assert "Hello" in response.text


# --------------------------------------------------------------------------- the sub-path


@pytest.mark.parametrize("path, location", [
    ("/", "/portfolio/"),
    ("/portfolio", "/portfolio/"),
    ("/portfolio/notes/hello", "/portfolio/notes/hello/"),
    ("/portfolio/tags", "/portfolio/tags/"),
])
def test_redirects_into_the_sub_path(shared, path, location):
    for method in ("GET", "HEAD"):
        response = call(shared.app, method, path)
        assert response.status == 302
        assert response.headers["Location"] == location
        assert response.body == b""


def test_paths_outside_the_sub_path_are_not_found(shared):
    for path in ("/notes/hello/", "/portfolioX/", "/elsewhere/index.html", "/feed.xml"):
        assert shared.get(path).status == 404, path


def test_a_site_at_the_root_needs_no_redirect(preview):
    site = preview({"site.yaml": "title: Root\nbase_url: https://example.org/\n", "notes/2024-01-01-a.md": NOTE})
    response = site.get("/")
    assert response.status == 200 and "Hello" in response.text
    assert site.get("/notes/a/").status == 200


def test_the_404_page_is_served_with_status_404(shared):
    response = shared.get("/portfolio/no/such/page/")
    assert response.status == 404
    assert response.media == "text/html"
    assert strip_client(response.body) == shared.rebuilder.outputs["404.html"].plain()
    assert CLIENT_TAG in response.body  # a 404 page also reloads when the page appears


# --------------------------------------------------------------------------- injection


HTML = ["/portfolio/", "/portfolio/notes/hello/", "/portfolio/tags/pln/", "/portfolio/about/",
        "/portfolio/raw.html", "/portfolio/nope/"]
NOT_HTML = {
    "/portfolio/x.css": "text/css",
    "/portfolio/alias.css": "text/css",
    "/portfolio/theme/css/site.css": "text/css",
    "/portfolio/feed.xml": None,
    "/portfolio/atom.xml": None,
    "/portfolio/sitemap.xml": None,
    "/portfolio/network.opml": None,
    "/portfolio/feed.json": None,
    "/portfolio/data.json": "application/json",
    "/portfolio/robots.txt": "text/plain",
    "/portfolio/docs/readme.txt": "text/plain",
    "/portfolio/theme/icons/feed.svg": "image/svg+xml",
    "/_plnsite/client.js": "application/javascript",
    "/_plnsite/worker.js": "application/javascript",
    "/_plnsite/changes?since=0": "application/json",
}


def strip_client(body: bytes) -> bytes:
    return re.sub(rb'<script src="/_plnsite/client\.js" data-version="\d+" defer></script>', b"", body)


@pytest.mark.parametrize("path", HTML)
def test_the_client_is_injected_into_html(shared, path):
    response = shared.get(path)
    assert response.media == "text/html"
    assert response.body.count(CLIENT_TAG) == 1
    assert f'data-version="{shared.events.version}"'.encode() in response.body
    head_end = response.body.lower().find(b"</head>")
    if head_end >= 0:
        assert response.body.index(CLIENT_TAG) < head_end


def test_the_client_goes_into_a_page_without_head_or_body(shared):
    response = shared.get("/portfolio/about/")
    assert response.body.startswith(b"<p>bare fragment: About</p>")
    assert response.body.rstrip().endswith(b"</script>")
    assert CLIENT_TAG in response.body


@pytest.mark.parametrize("path, media", NOT_HTML.items())
def test_the_client_is_never_injected_into_other_files(shared, path, media):
    response = shared.get(path)
    assert response.status == 200
    assert response.media != "text/html"
    if media is not None:
        assert response.media == media
    assert CLIENT_TAG not in response.body
    if not path.startswith("/_plnsite/"):
        assert b"_plnsite" not in response.body


def test_served_bytes_are_the_built_bytes_apart_from_the_client(shared):
    for file, output in shared.rebuilder.outputs.items():
        if file == "leak.txt":
            continue
        url = "/portfolio/" + quote(file[: -len("index.html")] if file.endswith("index.html") else file)
        response = shared.get(url)
        assert response.status == 200, url
        expected = output.plain() if output.body is not None else output.src.read_bytes()
        assert strip_client(response.body) == expected, url


@pytest.mark.parametrize("html, expected", [
    (b"<html><head><title>x</title></head><body>b</body></html>",
     b"<html><head><title>x</title>TAG</head><body>b</body></html>"),
    (b"<HTML><HEAD></HEAD ><BODY></BODY></HTML>", b"<HTML><HEAD>TAG</HEAD ><BODY></BODY></HTML>"),
    (b"<p>one</p></body><p>two</p></body>", b"<p>one</p></body><p>two</p>TAG</body>"),
    (b"<p>fragment</p>", b"<p>fragment</p>TAG"),
    (b"", b"TAG"),
])
def test_inject_client_before_head_else_last_body_else_at_the_end(html, expected):
    tag = b'<script src="/_plnsite/client.js" data-version="7" defer></script>'
    assert inject_client(html, 7) == expected.replace(b"TAG", tag)


def test_the_client_is_never_written_to_the_build(preview, tmp_path):
    out = tmp_path / "public"
    site = preview({"notes/2024-01-01-hello.md": NOTE}, themes={"default/templates/page.html": BARE_PAGE},
                   output=out)
    assert (out / "notes" / "hello" / "index.html").is_file()
    edit(site.content / "notes" / "2024-01-01-hello.md", "version one", "version two")
    site.save(site.content / "notes" / "2024-01-01-hello.md")
    assert "version two" in (out / "notes" / "hello" / "index.html").read_text(encoding="utf-8")
    assert files_with_client(out) == []
    # Served pages carry the client; the build and its files never do.
    assert CLIENT_TAG in site.get("/portfolio/notes/hello/").body
    assert not any(b"_plnsite" in o.plain() for o in site.rebuilder.outputs.values() if o.body is not None)
    write_outputs(BuildResult(outputs=site.rebuilder.outputs, problems=()), tmp_path / "again")
    assert files_with_client(tmp_path / "again") == []


# --------------------------------------------------------------------------- problems → overlay


BROKEN_NOTE = "---\ntitle: [Hello\ndate: 2024-01-01\n---\nHello body, broken.\n"


def test_a_broken_save_keeps_the_last_good_page_and_reports_path_line_message(site):
    before = site.events.version
    site.save(write(note_path(site), BROKEN_NOTE))
    change = site.events.last
    assert change.version == before + 1
    assert change.urls == ()
    problems = [str(p) for p in change.problems]
    assert problems and re.match(r"content/notes/2024-01-01-hello\.md:\d+: error: invalid YAML", problems[0]), problems
    # The last good build is still served, under its sub-path, with the client in it.
    response = site.get("/portfolio/notes/hello/")
    assert response.status == 200 and "version one" in response.text and CLIENT_TAG in response.body
    # A page that missed the event can ask what changed; nothing did.
    since = json.loads(site.get(f"/_plnsite/changes?since={before}").body)
    assert since == {"version": before + 1, "urls": [], "css": False, "reload": False}
    # The fix clears the problems and announces the page.
    site.save(write(note_path(site), NOTE.replace("version one", "version fixed")))
    assert site.events.last.problems == ()
    assert "/portfolio/notes/hello/" in site.events.last.urls
    assert "version fixed" in site.get("/portfolio/notes/hello/").text
    since = json.loads(site.get(f"/_plnsite/changes?since={before}").body)
    assert "/portfolio/notes/hello/" in since["urls"] and since["version"] == before + 2


def test_a_template_error_is_reported_with_the_template_line(site):
    template = site.content.parent / "themes" / "default" / "templates" / "page.html"
    site.save(write(template, "<p>one</p>\n<p>{{ page.title }</p>\n"))
    problems = [str(p) for p in site.events.last.problems]
    assert problems and re.match(r"themes/default/templates/page\.html:2: error: template error", problems[0]), problems
    assert site.get("/portfolio/about/").text.startswith("<p>bare fragment: About</p>")
    site.save(write(template, "<p>fixed {{ page.title }}</p>\n"))
    assert site.events.last.problems == ()
    assert site.get("/portfolio/about/").text.startswith("<p>fixed About</p>")


def test_a_broken_site_yaml_keeps_serving_the_last_good_build(site):
    config = site.content / "site.yaml"
    site.save(write(config, "title: [unclosed\nbase_url: https://example.org/portfolio/\n"))
    problems = [str(p) for p in site.events.last.problems]
    assert problems and problems[0].startswith("content/site.yaml:"), problems
    # Still the last good build, still under its sub-path.
    assert site.get("/portfolio/notes/hello/").status == 200
    assert site.get("/").headers.get("Location") == "/portfolio/"
    site.save(write(config, SUBPATH_SITE.replace("Serve Test Site", "Renamed Site")))
    assert site.events.last.problems == ()
    assert "Renamed Site" in site.get("/portfolio/notes/hello/").text
    assert "/portfolio/notes/hello/" in site.events.last.urls


def test_a_site_that_fails_its_first_build_is_still_served(preview):
    site = preview({"notes/2024-01-01-hello.md": BROKEN_NOTE})
    assert [str(p) for p in site.events.last.problems][0].startswith("content/notes/2024-01-01-hello.md:")
    assert any("invalid YAML" in line for line in site.log)
    failed = site.get("/portfolio/notes/hello/")
    assert failed.status == 503 and b"content/notes/2024-01-01-hello.md:" in failed.body  # see test_first_build.py
    site.save(write(site.content / "notes" / "2024-01-01-hello.md", NOTE))
    assert site.events.last.problems == ()
    assert site.get("/portfolio/notes/hello/").status == 200


def test_warnings_reach_the_console_not_the_overlay(site):
    site.save(write(note_path(site), NOTE + "\nSee [[no-such-note]].\n"))
    assert site.events.last.problems == ()
    assert any("no-such-note" in line for line in site.log)


# --------------------------------------------------------------------------- the SSE stream


def read_event(stream) -> dict:
    chunk = next(stream)
    assert chunk.startswith(b"data: ") and chunk.endswith(b"\n\n"), chunk
    return json.loads(chunk[len(b"data: "):])


def test_the_event_stream_sends_the_state_then_each_change(site):
    site.events.ping_seconds = 30
    result = call_stream(site)
    stream = iter(result)
    assert next(stream) == b"retry: 1000\n\n"
    now = read_event(stream)
    assert now == {"version": site.events.version, "urls": list(site.events.last.urls), "css": False,
                   "problems": []}
    site.save(write(note_path(site), BROKEN_NOTE))
    broken = read_event(stream)
    assert broken["version"] == now["version"] + 1
    assert broken["urls"] == [] and re.match(r"content/notes/2024-01-01-hello\.md:\d+: ", broken["problems"][0])
    site.save(write(note_path(site), NOTE.replace("one", "two")))
    fixed = read_event(stream)
    assert fixed["problems"] == [] and "/portfolio/notes/hello/" in fixed["urls"]
    # With nothing new, a ping repeats the last event, so a page that missed it catches up.
    site.events.ping_seconds = 0.05
    assert read_event(stream) == fixed
    # Stopping the server ends every stream.
    site.events.close()
    with pytest.raises(StopIteration):
        next(stream)
    result.close()


def test_a_stream_ends_after_its_time_so_threads_are_recycled():
    events = Broadcaster(ping_seconds=0.02, stream_seconds=0.2)
    started = time.monotonic()
    chunks = list(events.stream())
    assert time.monotonic() - started < 1.0
    assert chunks[0] == b"retry: 1000\n\n" and len(chunks) >= 2


def test_a_waiting_stream_wakes_on_publish():
    events = Broadcaster(ping_seconds=30)
    stream = events.stream()
    next(stream), next(stream)
    timer = threading.Timer(0.05, events.publish, [Change(version=1, urls=("/a/",), css_only=False, problems=())])
    timer.start()
    started = time.monotonic()
    chunk = next(stream)
    assert time.monotonic() - started < 2
    assert json.loads(chunk[6:])["urls"] == ["/a/"]


def test_changes_since_a_version_merges_urls_and_asks_for_a_reload_when_history_is_gone():
    events = Broadcaster()
    events.publish(Change(version=1, urls=("/a/",), css_only=False, problems=()))
    events.publish(Change(version=2, urls=("/b.css",), css_only=True, problems=()))
    assert events.changes_since(0) == {"version": 2, "urls": ["/a/", "/b.css"], "css": False, "reload": False}
    assert events.changes_since(1) == {"version": 2, "urls": ["/b.css"], "css": True, "reload": False}
    assert events.changes_since(2) == {"version": 2, "urls": [], "css": False, "reload": False}
    for version in range(3, 1000):
        events.publish(Change(version=version, urls=(), css_only=False, problems=()))
    assert events.changes_since(1)["reload"] is True


def test_changes_endpoint_tolerates_a_bad_since(shared):
    response = shared.get("/_plnsite/changes?since=abc")
    assert response.status == 200
    assert json.loads(response.body)["version"] == shared.events.version


def test_client_assets_are_served_at_the_root_and_under_the_sub_path(shared):
    for path in ("/_plnsite/client.js", "/portfolio/_plnsite/client.js"):
        response = shared.get(path)
        assert response.status == 200 and b"EventSource" in response.body
    assert b"onconnect" in shared.get("/_plnsite/worker.js").body
    assert shared.get("/_plnsite/nope.js").status == 404


def call_stream(site):
    """The event stream's iterator, unconsumed (the validator would insist on reading it whole)."""
    import wsgiref.util

    environ: dict = {}
    wsgiref.util.setup_testing_defaults(environ)
    environ["PATH_INFO"] = "/_plnsite/events"
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    result = site.app(environ, start_response)
    assert seen["status"] == "200 OK"
    assert seen["headers"]["Content-Type"] == "text/event-stream"
    assert "Connection" not in seen["headers"]  # hop-by-hop: wsgiref refuses it
    return result


def test_a_page_is_never_stamped_with_a_version_newer_than_its_content():
    """A rebuild that lands while a request is being answered: the page has the old text, so
    it must carry the old version, or it would ignore the event that announces its new text."""
    old = {"index.html": Bytes(file="index.html", body=b"<html><head></head><body>old</body></html>")}
    new = {"index.html": Bytes(file="index.html", body=b"<html><head></head><body>new</body></html>")}
    events = Broadcaster()
    events.publish(Change(version=1, urls=(), css_only=False, problems=()))

    class RebuildMidRequest(ServerState):
        def snapshot(self):
            taken = super().snapshot()
            if self.outputs is old:  # the server's order: outputs first, then the event
                self.update(new)
                events.publish(Change(version=2, urls=("/",), css_only=False, problems=()))
            return taken

    state = RebuildMidRequest()
    state.update(old, "/")
    response = call(PreviewApp(state, events), "GET", "/")
    assert b"old" in response.body
    assert b'data-version="1"' in response.body
    assert b'data-version="2"' in call(PreviewApp(state, events), "GET", "/").body
