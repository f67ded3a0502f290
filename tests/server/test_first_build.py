"""A site whose very first build fails still gets a page: the problems, with the live-reload
client, so the browser recovers by itself once the file is fixed."""

from __future__ import annotations

from .conftest import CLIENT_TAG, SUBPATH_SITE, Preview, edit, write


def test_a_failed_first_build_shows_its_problems_and_recovers(tmp_path):
    content = tmp_path / "content"
    write(content / "site.yaml", SUBPATH_SITE)
    note = write(content / "notes" / "2024-01-01-a.md", "---\ntitle: [broken\n---\nBody text.\n")
    preview = Preview(content)

    response = preview.get("/portfolio/")
    assert response.status == 503
    page = response.body.decode()
    assert "content/notes/2024-01-01-a.md:2: error: invalid YAML" in page
    assert CLIENT_TAG in response.body

    change = preview.save(edit(note, "title: [broken", "title: Fixed"))
    assert change.problems == ()
    assert "/portfolio/" in change.urls
    fixed = preview.get("/portfolio/notes/a/")
    assert fixed.status == 200 and "Fixed" in fixed.body.decode()
