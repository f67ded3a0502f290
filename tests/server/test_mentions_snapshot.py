"""The preview server and the mentions snapshot: a snapshot `plnsite fetch` writes while it runs
is picked up (the note's page shows it), and the server itself asks the network nothing."""

from __future__ import annotations

from pathlib import Path

from plnsite.snapshots.jf2 import read_jf2
from plnsite.snapshots.mentions import MentionsSnapshot, mentions_dir, write_mentions
from tests.server.conftest import fetch, running, wait_until
from tests.webserver import LocalWeb, answer

FIXTURE = Path(__file__).resolve().parents[1] / "received" / "mentions.jf2"


def test_a_new_snapshot_shows_without_a_save_and_nothing_is_fetched(site_factory):
    with LocalWeb() as web:
        web.routes["/api/mentions.jf2"] = answer(body=FIXTURE.read_bytes())
        content = site_factory({
            "site.yaml": "title: Learner\nbase_url: https://learner.example/portfolio/\nwebmention:\n"
                         f"  endpoint: {web.url('/wm')}\n  api: {web.url('/api/mentions.jf2')}\n",
            "notes/2025-05-30-first-note.md": "---\ntitle: First note\n---\nHello.\n",
        })
        with running(content) as server:
            page = server.url + "notes/first-note/"
            status, body = fetch(page)
            assert status == 200 and b"Responses" not in body
            assert mentions_dir(content.parent).is_dir()  # watched from the start
            snapshot = MentionsSnapshot("2026-12-03T09:00:00Z", "api", read_jf2(FIXTURE.read_bytes()).mentions)
            assert write_mentions(content.parent, snapshot)
            body = wait_until(lambda: (b := fetch(page)[1]) and b"Great post!" in b and b, timeout=20,
                              what="the new responses on the note's page")
            assert b"2 likes" in body
        assert web.hits == []
