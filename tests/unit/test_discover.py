"""load/discover.py: one walk of content/, every file sorted into its kind; "." and "_" ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.load.discover import discover


@pytest.fixture
def tree(tmp_path):
    """Create the given files under content/ → the content folder."""

    def make(paths: list[str]) -> Path:
        content = tmp_path / "content"
        for rel in paths:
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x", encoding="utf-8")
        content.mkdir(exist_ok=True)
        return content

    return make


def rel(content: Path, paths) -> list[str]:
    return [p.relative_to(content).as_posix() for p in paths]


def test_every_kind(tree):
    content = tree([
        "site.yaml",
        "notes/2025-01-01-a.md", "notes/b.markdown", "notes/deep/er/c.md", "notes/readme.txt",
        "pages/about.md", "pages/now.markdown", "pages/logo.png",
        "reading/2025.yaml", "reading/topics.yml", "reading/deep-book.md", "reading/cover.jpg",
        "contacts/colleagues.yaml", "contacts/experts.yml", "contacts/notes.txt",
        "static/CNAME", "static/img/logo.svg", "static/favicon.ico",
        "elsewhere/ignored.md",
    ])
    found = discover(content)
    assert rel(content, found.notes) == ["notes/2025-01-01-a.md", "notes/b.markdown", "notes/deep/er/c.md"]
    assert rel(content, found.pages) == ["pages/about.md", "pages/now.markdown"]
    assert rel(content, found.readings) == ["reading/2025.yaml", "reading/deep-book.md", "reading/topics.yml"]
    assert rel(content, found.contacts) == ["contacts/colleagues.yaml", "contacts/experts.yml"]
    assert [(rel(content, [src])[0], dest) for src, dest in found.static] == [
        ("static/CNAME", "CNAME"), ("static/favicon.ico", "favicon.ico"), ("static/img/logo.svg", "img/logo.svg"),
    ]
    assert found.bundle_assets == ()


@pytest.mark.parametrize(
    "hidden",
    [
        "notes/.hidden.md", "notes/_partial.md", "notes/_drafts/a.md", "notes/.git/HEAD.md",
        "pages/_include.md", "reading/_old.yaml", "reading/.2024.yaml", "contacts/_archive.yaml",
        "contacts/.backup/x.yaml", "static/.htaccess", "static/_internal/x.css", "static/img/.DS_Store",
        "notes/.obsidian/workspace.md", "notes/sub/.#emacs-lock.md",
    ],
)
def test_dot_and_underscore_names_are_ignored_at_every_depth(tree, hidden):
    content = tree([hidden, "notes/2025-01-01-kept.md"])
    found = discover(content)
    everything = [*found.notes, *found.pages, *found.readings, *found.contacts, *(s for s, _ in found.static)]
    assert rel(content, everything) == ["notes/2025-01-01-kept.md"]


def test_bundles_own_every_other_file_in_their_folder(tree):
    content = tree([
        "notes/2025-05-01-bundle/index.md",
        "notes/2025-05-01-bundle/pic.svg",
        "notes/2025-05-01-bundle/img/deep.png",
        "notes/2025-05-01-bundle/extra.md",
        "notes/2025-05-01-bundle/_skip.png",
        "notes/2025-06-01-other/index.markdown",
        "notes/2025-06-01-other/a.txt",
        "notes/loose.md",
    ])
    found = discover(content)
    assert rel(content, found.notes) == [
        "notes/2025-05-01-bundle/index.md", "notes/2025-06-01-other/index.markdown", "notes/loose.md",
    ]
    assets = {rel(content, [index])[0]: rel(content, files) for index, files in found.bundle_assets}
    assert assets == {
        "notes/2025-05-01-bundle/index.md": [
            "notes/2025-05-01-bundle/extra.md", "notes/2025-05-01-bundle/img/deep.png", "notes/2025-05-01-bundle/pic.svg",
        ],
        "notes/2025-06-01-other/index.markdown": ["notes/2025-06-01-other/a.txt"],
    }


def test_a_folder_without_index_is_just_a_folder(tree):
    content = tree(["notes/2025/2025-01-01-a.md", "notes/2025/pic.png"])
    found = discover(content)
    assert rel(content, found.notes) == ["notes/2025/2025-01-01-a.md"]
    assert found.bundle_assets == ()


def test_missing_folders_are_fine(tree):
    content = tree(["site.yaml"])
    found = discover(content)
    assert (found.notes, found.pages, found.readings, found.contacts, found.static, found.bundle_assets) == (
        (), (), (), (), (), (),
    )


def test_result_is_sorted_whatever_the_creation_order(tree):
    content = tree(["notes/c.md", "notes/a.md", "notes/b/z.md", "notes/b/a.md", "static/z", "static/a"])
    found = discover(content)
    assert rel(content, found.notes) == ["notes/a.md", "notes/b/a.md", "notes/b/z.md", "notes/c.md"]
    assert [dest for _, dest in found.static] == ["a", "z"]


def test_links_out_are_left_out_and_said_links_in_are_followed(tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tree(["notes/2025-01-01-a.md", "static/css/x.css"])
    (tmp_path / "elsewhere.md").write_text("secret", encoding="utf-8")
    (content / "notes" / "b.md").symlink_to(tmp_path / "elsewhere.md")
    (content / "notes" / "c.md").symlink_to("2025-01-01-a.md")
    (content / "static" / "css2").symlink_to("css", target_is_directory=True)
    found = discover(content)
    assert rel(content, found.notes) == ["notes/2025-01-01-a.md", "notes/c.md"]
    assert [dest for _, dest in found.static] == ["css/x.css", "css2/x.css"]
    assert [str(p) for p in found.problems] == [
        f"content/notes/b.md: warning: a symbolic link to '{tmp_path / 'elsewhere.md'}', outside the content "
        "folder: not read (copy it into the content folder to publish it)"
    ]
