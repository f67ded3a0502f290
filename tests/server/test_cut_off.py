"""A save never blocks the preview: the last good build is served while a rebuild runs, and a
rebuild that runs past its limit is cut off (shown as a problem, the next save builds afresh).

The slow build is a theme's template with a runaway loop: what a user meets when a template
goes wrong, and endless, so that only the cut-off can end it."""

from __future__ import annotations

import http.client
import json
import multiprocessing
import re
import threading
import time
from urllib.parse import urlsplit

import pytest

from plnsite.serve.deadline import BuildCutOff, Deadline
from plnsite.serve.rebuild import REBUILD_LIMIT

from .conftest import SUBPATH_SITE, Preview, fetch, running, wait_until, write

NOTE = "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst text.\n"
FILES = {"site.yaml": SUBPATH_SITE, "notes/2024-01-01-hello.md": NOTE}
ENDLESS = "{% for i in range(10 ** 15) %}{% endfor %}"
CUT_OFF = re.compile(
    r"themes/default/templates/404\.html: error: the rebuild after this save ran past [\d.]+ s and was "
    r"stopped while rendering pages; the preview shows the last good build\. Find what makes it slow "
    r"\(a template's runaway loop, a huge file\), then save again; `plnsite serve --rebuild-limit SECONDS` "
    r"allows longer")


def page_404(body: str) -> str:
    return '{% extends "base.html" %}{% block content %}' + body + "{% endblock %}\n"


def test_a_rebuild_past_its_limit_is_cut_off_and_the_next_save_rebuilds(site_factory):
    content = site_factory(FILES)
    template = write(content.parent / "themes" / "default" / "templates" / "404.html", page_404("<p>Lost.</p>"))
    preview = Preview(content)
    preview.rebuilder.limit = 0.3
    assert b"Lost." in preview.get("/portfolio/nowhere/").body

    change = preview.save(write(template, page_404("<p>Slow.</p>" + ENDLESS)))
    assert len(change.problems) == 1 and CUT_OFF.fullmatch(str(change.problems[0])), change.problems
    assert change.urls == ()
    assert preview.log[-2:] == [str(change.problems[0]), "rebuild failed: 1 error; serving the last good build"]
    assert b"Lost." in preview.get("/portfolio/nowhere/").body  # the last good build
    assert b"First text." in preview.get("/portfolio/notes/hello/").body

    change = preview.save(write(template, page_404("<p>Found again.</p>")))
    assert change.problems == ()
    assert "/portfolio/404.html" in change.urls
    assert b"Found again." in preview.get("/portfolio/nowhere/").body
    assert preview.log[-1].startswith("rebuilt in ")


def test_pages_are_served_while_a_rebuild_runs_and_stopping_the_server_ends_it(site_factory):
    content = site_factory(FILES)
    template = write(content.parent / "themes" / "default" / "templates" / "404.html", page_404("<p>Lost.</p>"))
    with running(content, rebuild_limit=None) as server:  # no limit: only stop() can end this rebuild
        rebuilder = server.rebuilder
        write(template, page_404(ENDLESS))
        wait_until(rebuilder.lock.locked, what="the rebuild")
        status, body = fetch(server.url + "notes/hello/")
        assert status == 200 and b"First text." in body
        status, body = fetch(server.url + "nowhere/")
        assert status == 404 and b"Lost." in body
        assert rebuilder.lock.locked(), "the requests were answered while the rebuild ran"
    # Generous bounds: this says the rebuild ends, not how fast (CI runs two suites at once).
    wait_until(lambda: not rebuilder.lock.locked(), timeout=30, what="the rebuild ending once the server stopped")
    wait_until(lambda: not any(t.name == "plnsite-watch" for t in threading.enumerate()), timeout=30,
               what="the thread that rebuilt ending")


def test_the_cut_off_reaches_the_page_and_the_terminal(site_factory):
    content = site_factory(FILES)
    template = write(content.parent / "themes" / "default" / "templates" / "404.html", page_404("<p>Lost.</p>"))
    with running(content, rebuild_limit=0.3) as server:
        parts = urlsplit(server.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", "/_plnsite/events")
        stream = conn.getresponse()
        assert stream.readline() == b"retry: 1000\n"
        stream.readline()
        version = json.loads(stream.readline()[len(b"data: "):])["version"]
        stream.readline()

        write(template, page_404(ENDLESS))
        event = json.loads(stream.readline()[len(b"data: "):])
        stream.readline()
        assert event["version"] == version + 1 and event["urls"] == []
        assert len(event["problems"]) == 1 and CUT_OFF.fullmatch(event["problems"][0]), event["problems"]
        assert server.lines[-2:] == [event["problems"][0], "rebuild failed: 1 error; serving the last good build"]

        write(template, page_404("<p>Found again.</p>"))
        event = json.loads(stream.readline()[len(b"data: "):])
        assert event["problems"] == [] and "/portfolio/404.html" in event["urls"]
        assert b"Found again." in fetch(server.url + "nowhere/")[1]
        conn.close()


def test_a_rebuild_waiting_on_worker_processes_is_cut_off_too(site_factory):
    """450 notes: a theme edit re-renders them in forked workers (-j 2), each stuck in the loop."""
    notes = {f"notes/2024-01-01-n{i}.md": f"---\ntitle: Note {i}\ndate: 2024-01-01\n---\nText {i}.\n"
             for i in range(450)}
    content = site_factory({"site.yaml": SUBPATH_SITE, **notes})
    template = content.parent / "themes" / "default" / "templates" / "note.html"
    preview = Preview(content, jobs=2)
    preview.rebuilder.limit = 0.5
    before = set(multiprocessing.active_children())
    stuck = '{% extends "base.html" %}{% block content %}' + ENDLESS + "{% endblock %}\n"
    change = preview.save(write(template, stuck))
    assert len(change.problems) == 1
    assert re.fullmatch(r"themes/default/templates/note\.html: error: the rebuild after this save ran past [\d.]+ s "
                        r"and was stopped while rendering pages; .*", str(change.problems[0]))
    wait_until(lambda: set(multiprocessing.active_children()) <= before, timeout=30, what="its worker processes ending")
    assert b"Text 7." in preview.get("/portfolio/notes/n7/").body

    change = preview.save(write(template, '{% extends "base.html" %}{% block content %}<p>Fixed.</p>'
                                          "{% endblock %}\n"))
    assert change.problems == () and len(change.urls) >= 450
    assert b"Fixed." in preview.get("/portfolio/notes/n7/").body


def test_the_limit_grows_with_the_first_build(site_factory):
    content = site_factory(FILES)
    preview = Preview(content)
    first = preview.rebuilder._first_seconds
    assert first > 0
    assert preview.rebuilder.time_limit() == max(REBUILD_LIMIT, 2 * first)
    preview.rebuilder.limit = None
    assert preview.rebuilder.time_limit() is None


# --------------------------------------------------------------------------- Deadline on its own


def _spin() -> None:
    while True:
        pass


def test_a_deadline_stops_python_work_in_its_thread():
    with pytest.raises(BuildCutOff), Deadline(0.05):
        _spin()


def test_a_deadline_stops_a_build_that_swallows_the_exception_all_the_same():
    with pytest.raises(BuildCutOff), Deadline(0.05) as deadline:
        try:
            _spin()
        except BuildCutOff:
            pass
        assert deadline.expired


def test_a_deadline_met_changes_nothing_and_leaves_nothing_behind():
    with Deadline(5) as deadline:
        total = sum(range(1000))
    assert total == 499500 and not deadline.expired
    time.sleep(0.01)  # a stray exception would be raised here


def test_expire_stops_a_deadline_without_a_limit():
    deadline = Deadline(None)
    with pytest.raises(BuildCutOff), deadline:
        threading.Thread(target=deadline.expire).start()
        _spin()
