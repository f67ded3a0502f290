"""The preview's search index (serve/search.py): made in the background once search is used,
made again after a save that changes an indexed page, and not after one that changes none."""

from __future__ import annotations

import gzip

from .conftest import edit, wait_until, write

NOTE = "---\ntitle: Garden\ndate: 2025-01-01\ntags: [plants]\n---\nThe word here is marigold.\n"


def index_text(preview) -> bytes:
    """Every file of the index the preview serves now, unpacked (the first request for the index
    waits for one)."""
    response = preview.get("/portfolio/pagefind/pagefind-entry.json")
    assert response.status == 200, response.status
    files = {f: o.body for f, o in preview.server.state.snapshot()[1].items() if f.startswith("pagefind/")}
    return b"".join(gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b for b in files.values())


def test_a_preview_nobody_searches_never_runs_the_indexer(preview):
    p = preview({"notes/2025-01-01-garden.md": NOTE})
    p.save(edit(p.content / "notes" / "2025-01-01-garden.md", "marigold", "tulip"))
    assert p.get("/portfolio/notes/garden/").status == 200
    assert p.server.search.runs == 0
    assert p.get("/portfolio/search/").status == 200  # the search page starts it


def test_the_index_follows_saves_that_change_indexed_pages_only(preview):
    p = preview({"notes/2025-01-01-garden.md": NOTE},
                themes={"default/templates/tags.html": '{% extends "base.html" %}{% block content %}A{% endblock %}'})
    assert b"marigold" in index_text(p)
    assert p.server.search.runs == 1
    note = p.content / "notes" / "2025-01-01-garden.md"
    change = p.save(edit(note, "marigold", "sunflower"))
    assert not change.problems
    # the saved page is served at once; the index follows in the background
    assert b"sunflower" in p.get("/portfolio/notes/garden/").body
    text = wait_until(lambda: (lambda t: t if b"sunflower" in t else None)(index_text(p)), timeout=60,
                      what="the new index")
    assert b"marigold" not in text
    assert p.server.search.runs == 2
    # the tag list is no search result: a save that changes only it leaves the index alone
    before = p.get("/portfolio/tags/").body
    p.save(write(p.content.parent / "themes" / "default" / "templates" / "tags.html",
                 '{% extends "base.html" %}{% block content %}B{% endblock %}'))
    assert p.get("/portfolio/tags/").body != before
    wait_until(lambda: not p.server.search.busy(), timeout=60, what="the indexer to be idle")
    assert p.server.search.runs == 2


def test_search_false_in_the_preview(preview):
    p = preview({"site.yaml": "title: T\nbase_url: https://example.org/portfolio/\nsearch: false\n",
                 "notes/2025-01-01-garden.md": NOTE})
    assert p.get("/portfolio/search/").status == 404
    assert p.get("/portfolio/pagefind/pagefind-entry.json").status == 404
    assert b"site-search" not in p.get("/portfolio/notes/garden/").body
