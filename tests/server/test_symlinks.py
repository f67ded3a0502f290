"""The preview server keeps to content/ as a build does: a symbolic link out of it is skipped on
the first build and on every rebuild (also when a saved file is swapped for one), and a file
swapped for a link out after it was built is still never served."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.server.conftest import write

SECRET = "SECRET-OUTSIDE-THE-CONTENT-FOLDER"
NOTE = "---\ntitle: Fine\ndate: 2024-01-02\n---\nFine body.\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    write(folder / "secret.txt", SECRET + "\n")
    write(folder / "secret.md", f"---\ntitle: Leak\ndate: 2024-01-03\n---\n{SECRET}\n")
    return folder


def leaked(preview_) -> list[str]:
    """Files of the served build, and responses for them, that hold the secret."""
    found = []
    for file, output in preview_.rebuilder.outputs.items():
        body = output.plain() if output.body is not None else output.src.read_bytes()
        if SECRET.encode() in body:
            found.append(file)
    return found


def skipped(preview_, rel: str) -> bool:
    return any(p.loc is not None and p.loc.path == f"content/{rel}" and "outside the content folder" in p.message
               for p in preview_.rebuilder.problems)


def test_the_first_build_skips_links_out(preview, outside):
    site = preview({"notes/2024-01-02-fine.md": NOTE})  # built once to make the folders
    content = site.content
    (content / "static").mkdir()
    (content / "static" / "pw.txt").symlink_to(outside / "secret.txt")
    (content / "notes" / "x.md").symlink_to(outside / "secret.md")
    site = type(site)(content)  # serve started on a site with the links in it

    assert skipped(site, "static/pw.txt") and skipped(site, "notes/x.md")
    assert leaked(site) == []
    assert site.get("/portfolio/pw.txt").status == 404
    assert site.get("/portfolio/notes/x/").status == 404
    assert site.get("/portfolio/notes/fine/").status == 200


def test_a_saved_note_swapped_for_a_link_out_is_dropped_on_rebuild(preview, outside, tmp_path):
    out = tmp_path / "written"
    site = preview({"notes/2024-01-02-fine.md": NOTE, "notes/2024-01-05-other.md": NOTE.replace("Fine", "Other")},
                   output=out)
    other = site.content / "notes" / "2024-01-05-other.md"
    assert site.get("/portfolio/notes/other/").status == 200

    other.unlink()
    other.symlink_to(outside / "secret.md")  # what an editor's save-by-rename could leave too
    site.save(other)

    assert skipped(site, "notes/2024-01-05-other.md")
    assert leaked(site) == []
    assert site.get("/portfolio/notes/other/").status == 404
    assert SECRET not in site.get("/portfolio/feed.xml").text
    written = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in written  # serve -o writes what it serves


def test_a_link_added_to_static_while_serving_is_skipped(preview, outside):
    site = preview({"notes/2024-01-02-fine.md": NOTE, "static/x.css": "body {}\n"})
    leak = site.content / "static" / "pw.txt"
    leak.symlink_to(outside / "secret.txt")
    site.save(leak)
    assert skipped(site, "static/pw.txt")
    assert site.get("/portfolio/pw.txt").status == 404
    assert leaked(site) == []


def test_a_built_file_swapped_for_a_link_out_before_a_rebuild_is_not_served(preview, outside):
    """Between a save and its rebuild the server still holds the last build, which names the
    static file by its path: the server reads it only if it still resolves inside the site."""
    site = preview({"notes/2024-01-02-fine.md": NOTE, "static/data.txt": "public data\n"})
    data = site.content / "static" / "data.txt"
    assert site.get("/portfolio/data.txt").body == b"public data\n"
    data.unlink()
    data.symlink_to(outside / "secret.txt")  # no save announced yet
    response = site.get("/portfolio/data.txt")
    assert response.status == 404 and SECRET not in response.text
    assert os.path.realpath(data) == os.path.realpath(outside / "secret.txt")
