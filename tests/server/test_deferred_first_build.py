"""A large site's first preview build serves before every page is rendered (serve/deferred.py):
the home page, the 404 page and the static files first; any other page rendered when it is asked
for; the rest in the background. Every page is the same bytes as a build that rendered them all,
and a save after it rebuilds exactly as after a whole first build. The threshold is lowered here so
that a small site takes that path (a real one: more than 400 routes to render)."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from plnsite.build import build, render_deferred
from plnsite.incremental import BuildMemo
from plnsite.model import BuildOptions, Gzipped, RouteKind
from plnsite.serve import PreviewServer, ServeOptions
from plnsite.serve.deferred import DeferredPages, Pending, split_first
from plnsite.serve.rebuild import Rebuilder
from tests.conftest import NOW

from .conftest import SUBPATH_SITE, call, differing_urls, edit, fetch, file_bytes, full_build, save, wait_until, write


def _note(n: int, tags: str) -> str:
    return f"---\ntitle: Note {n}\ndate: 2024-01-{n:02d}\ntags: [{tags}]\n---\nThe text of note {n}, see [[note-1]].\n"


def _site(site_factory) -> Path:
    files = {"site.yaml": SUBPATH_SITE + "paginate: 3\n", "pages/about.md": "---\ntitle: About\n---\nMe.\n",
             "static/x.css": "p { color: red; }\n"}
    for n in range(1, 13):
        files[f"notes/2024-01-{n:02d}-note-{n}.md"] = _note(n, "pln, code" if n % 2 else "pln")
    return site_factory(files)


def _server(content: Path, defer_over: int = 3) -> PreviewServer:
    """A PreviewServer as `plnsite serve` wires it, minus the socket, deferring past ``defer_over``."""
    log: list[str] = []
    server = PreviewServer(ServeOptions(build=BuildOptions(source=content, now=NOW), port=0), log=log.append)
    server.lines = log
    server.rebuilder.defer_over = defer_over
    return server


def _plain(output) -> bytes:
    return output.plain() if output.body is not None else output.src.read_bytes()


def test_split_first_renders_everything_below_the_threshold_and_the_cheap_pages_above(site_factory):
    content = _site(site_factory)
    result = full_build(content)
    routes = result.routes
    assert split_first(routes, over=len(routes)) == (routes, ())
    now, later = split_first(routes, over=3)
    assert {r.kind for r in now} == {RouteKind.STATIC, RouteKind.HOME, RouteKind.NOT_FOUND}
    assert set(now) | set(later) == set(routes) and not set(now) & set(later)


def test_a_build_with_defer_leaves_the_later_routes_out_and_render_deferred_makes_them_alike(site_factory):
    content = _site(site_factory)
    whole = full_build(content)
    opts = BuildOptions(source=content, now=NOW, cache=False, fingerprint=False)
    memo = BuildMemo(opts)
    memo.templates_changed()
    first = build(opts, memo=memo, defer=lambda routes: split_first(routes, over=3))
    assert first.ok and first.deferred
    assert not set(first.outputs) & {r.file for r in first.deferred}
    assert set(first.outputs) | {r.file for r in first.deferred} == set(whole.outputs)
    made, problems = render_deferred(first, first.deferred, opts, memo, jobs=1)
    assert problems == ()
    assert file_bytes({**first.outputs, **made}) == file_bytes(whole.outputs)
    # the memo's last build now holds every file: a build with nothing changed renders nothing
    again = build(opts, memo=memo)
    assert again.rendered == frozenset() and file_bytes(again.outputs) == file_bytes(whole.outputs)


def test_the_server_serves_a_deferred_page_on_request_with_the_bytes_of_a_whole_build(site_factory):
    content = _site(site_factory)
    whole = file_bytes(full_build(content).outputs)
    server = _server(content)
    rebuilder = server.rebuilder
    first = rebuilder.rebuild(None)  # the first build alone, without the background thread
    assert first.problems == ()
    pending = rebuilder.deferred
    assert isinstance(pending, DeferredPages) and len(pending.routes) > 10
    server.state.update({**rebuilder.outputs, **rebuilder.placeholders}, rebuilder.base_path, roots=(content,))
    assert isinstance(server.state.outputs["notes/note-5/index.html"], Pending)
    page = call(server.app, "GET", "/portfolio/notes/note-5/")
    assert page.status == 200
    # served with the live-reload client, as every preview page; without it, a whole build's bytes
    served = pending.page("notes/note-5/index.html")
    assert isinstance(served, Gzipped) and gzip.decompress(served.body) == whole["notes/note-5/index.html"]
    assert b"Note 5" in page.body and b"/_plnsite/client.js" in page.body
    # every deferred page alike, asked for one by one or rendered together
    made, problems = pending.rest(1)
    assert problems == ()
    for file in pending.routes:
        assert _plain(made[file]) == whole[file], file
        assert _plain(pending.page(file)) == whole[file], file
    rebuilder.deferred = None


def test_the_first_build_completes_in_the_background_and_a_save_then_rebuilds_exactly(site_factory):
    content = _site(site_factory)
    server = _server(content)
    server._publish(server.rebuilder.first_build(), first=True)
    rebuilder = server.rebuilder
    assert rebuilder.wait_complete(timeout=60)
    assert rebuilder.deferred is None and rebuilder.placeholders == {}
    whole = full_build(content)
    assert file_bytes(rebuilder.outputs) == file_bytes(whole.outputs)
    assert not any(isinstance(o, Pending) for o in server.state.outputs.values())
    # the rest came as one more version with no URL to reload and no problem
    assert server.lines and server.lines[-1].startswith("rendered the other pages in ")
    assert server.events.last.version == 2 and server.events.last.urls == () and server.events.last.problems == ()
    before = file_bytes(rebuilder.outputs)
    note = edit(content / "notes" / "2024-01-07-note-7.md", "The text of note 7", "The new text of note 7")
    change = save(rebuilder, content, note)
    after = full_build(content)
    assert file_bytes(rebuilder.outputs) == file_bytes(after.outputs)
    assert set(change.urls) == differing_urls(before, file_bytes(after.outputs),
                                              "https://example.org" + rebuilder.base_path)
    assert "/portfolio/notes/note-7/" in change.urls


def test_a_template_error_on_a_deferred_page_is_announced_when_the_rest_is_rendered(site_factory):
    content = _site(site_factory)
    write(content.parent / "themes" / "default" / "templates" / "tag.html",
          "{% extends 'base.html' %}{% block content %}{{ no_such_thing.attribute }}{% endblock %}")
    server = _server(content)
    first = server.rebuilder.first_build()
    assert first.problems == ()  # the home page rendered fine
    assert server.rebuilder.wait_complete(timeout=60)
    last = server.events.last
    assert last is not None and any("tag.html" in str(p) for p in last.problems), [str(p) for p in last.problems]
    assert any("build failed" in line for line in server.lines)
    # the next save renders every page again (nothing trusted from a failed build)
    write(content.parent / "themes" / "default" / "templates" / "tag.html",
          "{% extends 'base.html' %}{% block content %}Tag page{% endblock %}")
    change = server.rebuilder.rebuild(None)
    assert change.problems == ()


def test_serve_o_renders_every_page_before_serving(site_factory, tmp_path):
    content = _site(site_factory)
    rebuilder = Rebuilder(BuildOptions(source=content, now=NOW), output=tmp_path / "out")
    assert rebuilder.defer_over is None
    rebuilder.first_build()
    assert rebuilder.deferred is None and (tmp_path / "out" / "notes" / "note-5" / "index.html").is_file()


def test_a_real_server_answers_a_deep_page_at_once_and_the_same_after(site_factory):
    content = _site(site_factory)
    server = _server(content)
    server.start()
    try:
        url = f"http://127.0.0.1:{server.httpd.server_address[1]}/portfolio/tags/code/"
        status, early = fetch(url)
        assert status == 200 and b"Note 11" in early
        wait_until(lambda: server.rebuilder.deferred is None, timeout=60, what="the rest of the first build")
        status, late = fetch(url)
        assert status == 200
        strip = lambda body: body.split(b'<script src="/_plnsite/client.js"')[0]  # noqa: E731 (its version differs)
        assert strip(early) == strip(late)
    finally:
        server.stop()


def test_stopping_the_server_while_the_rest_renders_ends_it_and_frees_the_rebuild_lock(site_factory):
    content = _site(site_factory)
    server = _server(content)
    server.start()
    server.stop()
    assert server.rebuilder.wait_complete(timeout=30)
    assert server.rebuilder.lock.acquire(timeout=5)
    server.rebuilder.lock.release()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a nice value per thread is Linux's")
def test_the_rest_renders_at_a_lower_priority_than_the_pages_asked_for(site_factory, monkeypatch):
    # The rest renders in its own thread, niced, and so are the workers it forks (they start
    # with their forking thread's nice value); the thread that serves pages keeps its own.
    content = _site(site_factory)
    server = _server(content)
    seen = {}
    real_rest = DeferredPages.rest

    def rest(self, jobs):
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            seen["worker"] = pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
        return real_rest(self, jobs)

    monkeypatch.setattr(DeferredPages, "rest", rest)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    server._publish(server.rebuilder.first_build(), first=True)
    assert server.rebuilder.wait_complete(timeout=60)
    assert seen == {"thread": min(mine + 10, 19), "worker": min(mine + 10, 19)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
    assert file_bytes(server.rebuilder.outputs) == file_bytes(full_build(content).outputs)


@pytest.mark.parametrize("defer_over", [3, 10_000])
def test_the_first_page_does_not_wait_for_the_collector_when_pages_are_left_for_later(site_factory, monkeypatch,
                                                                                        defer_over):
    """The full collection that settles the first build's objects (serve/rebuild.py) comes after
    the rest is rendered, in the background, when there is a rest; else at the first build's end.
    Either way the collector ends up enabled."""
    import gc
    import threading
    from types import SimpleNamespace

    from plnsite.serve import rebuild as rebuilding

    collected: list[str] = []

    def collect():
        collected.append(threading.current_thread().name)
        return gc.collect()

    monkeypatch.setattr(rebuilding, "gc", SimpleNamespace(disable=gc.disable, enable=gc.enable, freeze=gc.freeze,
                                                          unfreeze=gc.unfreeze, collect=collect))
    server = _server(_site(site_factory), defer_over=defer_over)
    frozen = gc.get_freeze_count()
    change = server.rebuilder.first_build()
    if defer_over == 3:
        # The first build's objects set aside (frozen, not collected): the collector, enabled
        # again (until the background rendering disables it), does not scan them all at the
        # next allocation, before the first page is served.
        assert gc.get_freeze_count() > frozen and not collected
    server._publish(change, first=True)
    assert server.rebuilder.wait_complete(timeout=60)
    assert collected == (["plnsite-first-pages"] if defer_over == 3 else [threading.current_thread().name])
    assert gc.isenabled() and gc.get_freeze_count() > 0
