"""The files an importer reads — your content, and the posts or export it imports — are read
as `plnsite build` reads a source file: a file that is not UTF-8 gets the build's message, at
the line of its first bad byte, every such file at once, and nothing is written."""

from __future__ import annotations

import pytest

from .conftest import FIXTURES, tree

LATIN1_LOG = "- title: Caf\xe9 society\n  status: want\n".encode("latin-1")
UTF16_NOTE = "---\ntitle: Old\ndate: 2020-01-01\n---\nText.\n".encode("utf-16")
LATIN1_LIST = "people:\n  - name: Ren\xe9e\n    feed: https://renee.example/feed\n".encode("latin-1")


def _build_says(run_cli, rel: str) -> str:
    """The line `plnsite build` prints for the content file ``rel``."""
    code, _, err = run_cli("build")
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith(f"content/{rel}:")]
    return line


@pytest.mark.parametrize("importer, export, rel, data", [
    ("goodreads", FIXTURES / "goodreads_24.csv", "reading/2024.yaml", LATIN1_LOG),
    ("storygraph", FIXTURES / "storygraph.csv", "reading/later.md", "---\ntitle: Caf\xe9\n---\n".encode("cp1252")),
    ("jekyll", FIXTURES / "jekyll", "notes/2020-01-01-old.md", UTF16_NOTE),
    ("opml", FIXTURES / "subscriptions.opml", "contacts/friends.yaml", LATIN1_LIST),
])
def test_content_the_importer_cannot_read_is_reported_as_the_build_reports_it(
        site_factory, run_cli, importer, export, rel, data):
    content = site_factory({rel: data})
    said = _build_says(run_cli, rel)
    before = tree(content)
    code, out, err = run_cli("import", importer, str(export))
    assert (code, out) == (1, "")
    assert said in err.splitlines()
    assert tree(content) == before


def test_every_content_file_the_importer_cannot_read_is_reported_at_once(site_factory, run_cli):
    content = site_factory({"reading/2023.yaml": LATIN1_LOG, "reading/2024.yaml": LATIN1_LOG.decode("latin-1")
                            .encode("utf-16"), "reading/2025.yaml": "- title: Fine\n  status: want\n"})
    code, _, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"))
    assert code == 1
    assert [line.split(": error: ")[0] for line in err.splitlines()] == [
        "content/reading/2023.yaml:1", "content/reading/2024.yaml:1"]
    assert not (content / "reading" / "goodreads.yaml").exists()


def test_a_broken_yaml_value_in_the_content_is_a_located_error_not_a_crash(site_factory, run_cli):
    content = site_factory({"reading/2024.yaml": "- title: A\n  author: !!map [Ada]\n"})
    code, _, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"))
    assert code == 1
    assert err.startswith("content/reading/2024.yaml:2: error: invalid YAML: expected a mapping node")
    assert "Traceback" not in err and not (content / "reading" / "goodreads.yaml").exists()


def test_a_post_that_is_not_utf8_gets_the_builds_message(site_factory, run_cli, tmp_path):
    post = "---\ntitle: Caf\xe9\ndate: 2020-01-01\n---\nNa\xefve.\n".encode("latin-1")
    content = site_factory({"notes/2020-01-01-cafe.md": post})
    said = _build_says(run_cli, "notes/2020-01-01-cafe.md").removeprefix("content/notes/2020-01-01-cafe.md")
    (content / "notes" / "2020-01-01-cafe.md").unlink()
    posts = tmp_path / "blog" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2020-01-01-cafe.md").write_bytes(post)
    code, _, err = run_cli("import", "jekyll", str(tmp_path / "blog"))
    assert f"{posts / '2020-01-01-cafe.md'}{said}" in err.splitlines()


@pytest.mark.parametrize("encoding, where", [("latin-1", ":2: error: the file is not UTF-8 text (it looks like Latin-1"),
                                             ("utf-16", ":1: error: the file is not UTF-8 text (it looks like UTF-16")])
def test_an_export_that_is_not_utf8_says_what_it_looks_like_and_how_to_save_it(
        content, run_cli, tmp_path, encoding, where):
    export = tmp_path / "library.csv"
    export.write_bytes("Title,Author,Exclusive Shelf\nCaf\xe9,Someone,read\n".encode(encoding))
    code, _, err = run_cli("import", "goodreads", str(export))
    (line,) = err.splitlines()
    assert code == 1 and line.startswith(f"{export}{where}")
    assert line.endswith("; in your spreadsheet, save it as 'CSV UTF-8'")
    assert not (content / "reading").exists()



def test_a_content_file_with_a_byte_order_mark_is_added_to_keeping_it(site_factory, run_cli):
    old = "\ufeff# my Goodreads books\n- title: Old Book\n  status: want\n".encode("utf-8")
    content = site_factory({"reading/goodreads.yaml": old})
    code, _, err = run_cli("import", "goodreads", str(FIXTURES / "goodreads_24.csv"))
    assert code == 0, err
    new = (content / "reading" / "goodreads.yaml").read_bytes()
    assert new.startswith(old) and len(new) > len(old)
