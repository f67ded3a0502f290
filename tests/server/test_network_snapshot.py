"""The preview server and the network snapshot: when `plnsite fetch` writes a new one while
serving, the pages that show the network are rebuilt, and only they (REBUILDS' snapshot row);
the watcher sees the snapshot's folder also when it (or the cache folder) is made while serving."""

from __future__ import annotations

import pytest

from plnsite.model import BuildOptions
from plnsite.serve.rebuild import REBUILDS, Rebuild, Rebuilder, Saved, saved
from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, snapshot_dir, write_snapshot
from tests.conftest import NOW

from .conftest import SUBPATH_SITE, fetch, running, save, wait_until

FILES = {
    "site.yaml": SUBPATH_SITE,
    "contacts/friends.yaml": "people:\n  - name: Bo Builder\n    id: bo\n    feed: https://bo.example/feed.xml\n"
                             "  - name: Sam\n    visibility: private\n    feed: https://sam.example/feed.xml\n",
    "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\ntags: [pln]\n---\nAlpha body.\n",
    "notes/2024-02-01-beta.md": "---\ntitle: Beta\ntags: [tea]\n---\nBeta body.\n",
}


def snapshot(title: str, taken: str = "2025-05-30T10:00:00Z") -> NetworkSnapshot:
    return NetworkSnapshot(taken=taken, feeds=(), posts=(
        NetworkPost("bo", "https://bo.example/feed.xml", f"id-{title}", title, "https://bo.example/x",
                    "2025-05-29T10:00:00Z", "", ("PLN",), "Plain words."),
        NetworkPost("sam", "https://sam.example/feed.xml", "s", "SAM-ONLY", "https://sam.example/s",
                    "2025-05-29T11:00:00Z", "", ("PLN",), ""),
    ))


def test_a_new_snapshot_rebuilds_the_pages_that_show_the_network_and_no_other(site_factory):
    content = site_factory(FILES)
    write_snapshot(content.parent, snapshot("First post"))
    rebuilder = Rebuilder(BuildOptions(source=content, now=NOW))
    assert rebuilder.first_build().problems == ()
    shard = next(snapshot_dir(content.parent).glob("*.bin"))
    memo = rebuilder.memo
    what = saved(shard.resolve(), content.resolve(), rebuilder.theme_dirs, memo.known_files(), frozenset())
    assert what is Saved.NETWORK_SNAPSHOT and REBUILDS[what] == Rebuild(snapshot=True)
    notes = {n.slug: n for n in memo.site.notes}

    write_snapshot(content.parent, snapshot("Second post"))
    change = save(rebuilder, content, shard)
    assert change.problems == ()
    assert set(change.urls) == {"/portfolio/", "/portfolio/network/", "/portfolio/network/latest/",
                                "/portfolio/network/latest/feed.xml", "/portfolio/network/latest/atom.xml",
                                "/portfolio/tags/pln/"}
    assert all(rebuilder.memo.site.notes[i] is notes[n.slug] for i, n in enumerate(rebuilder.memo.site.notes))
    page = rebuilder.outputs["network/latest/index.html"].plain()
    assert b"Second post" in page and b"First post" not in page and b"SAM-ONLY" not in page


@pytest.mark.parametrize("before", ["no cache folder", "a cache folder without a snapshot", "a snapshot"])
def test_the_running_server_shows_what_fetch_writes_while_it_serves(site_factory, before):
    content = site_factory(FILES)
    root = content.parent
    if before == "a cache folder without a snapshot":
        (root / ".plnsite-cache" / "load").mkdir(parents=True)
    elif before == "a snapshot":
        write_snapshot(root, snapshot("Old post"))
    with running(content) as server:
        latest = server.url + "network/latest/"
        assert fetch(latest)[0] == (200 if before == "a snapshot" else 404)
        write_snapshot(root, snapshot("Fetched while serving"))
        wait_until(lambda: b"Fetched while serving" in fetch(latest)[1], timeout=20, what="the new snapshot shown")
        write_snapshot(root, snapshot("Fetched again", taken="2025-05-31T10:00:00Z"))
        wait_until(lambda: b"Fetched again" in fetch(server.url + "tags/pln/")[1], timeout=20,
                   what="the next snapshot shown")
        assert b"SAM-ONLY" not in fetch(latest)[1]
