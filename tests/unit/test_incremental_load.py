"""incremental/load_memo.py: a load with a LoadMemo re-reads only what it was told changed."""

from __future__ import annotations

import pytest

from plnsite.incremental.load_memo import LoadMemo
from plnsite.load import load_content

FILES = {
    "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\n---\nAlpha.\n",
    "notes/2024-02-01-beta.md": "---\ntitle: Beta\n---\nBeta.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
    "reading/2024.yaml": "- title: Net Smart\n  status: want\n",
    "contacts/friends.yaml": "people:\n  - name: Jesse Hotchin\n",
}


@pytest.fixture
def content(site_factory):
    return site_factory(FILES)


def by_slug(items) -> dict:
    return {i.slug if hasattr(i, "slug") else i.id: i for i in items}


def test_a_second_load_hands_on_every_item_as_it_was(content):
    memo = LoadMemo()
    first = load_content(content, memo=memo)
    again = load_content(content, memo=memo)
    assert all(a is b for a, b in zip(first.notes, again.notes)) and len(again.notes) == 2
    assert again.pages[0] is first.pages[0]
    assert again.readings is first.readings and again.contacts is first.contacts


def test_a_forgotten_file_is_read_again_and_only_it(content):
    memo = LoadMemo()
    first = by_slug(load_content(content, memo=memo).notes)
    alpha = content / "notes" / "2024-01-01-alpha.md"
    alpha.write_text("---\ntitle: Alpha, edited\n---\nAlpha.\n")
    assert by_slug(load_content(content, memo=memo).notes)["alpha"].title == "Alpha", "not told: not read"
    memo.forget([alpha.resolve()])
    second = by_slug(load_content(content, memo=memo).notes)
    assert second["alpha"].title == "Alpha, edited"
    assert second["beta"] is first["beta"]


def test_a_group_is_read_again_when_one_of_its_files_changed(content):
    memo = LoadMemo()
    first = load_content(content, memo=memo)
    log = content / "reading" / "2024.yaml"
    log.write_text("- title: Net Smart\n  status: finished\n  finished: 2024-03-01\n")
    memo.forget([log.resolve()])
    second = load_content(content, memo=memo)
    assert second.readings[0].status.value == "finished"
    assert second.contacts is first.contacts, "the other group is kept"


def test_a_new_file_is_found_only_with_a_rescan(content):
    memo = LoadMemo()
    load_content(content, memo=memo)
    gamma = content / "notes" / "2024-03-01-gamma.md"
    gamma.write_text("---\ntitle: Gamma\n---\nGamma.\n")
    assert len(load_content(content, memo=memo).notes) == 2
    assert gamma.resolve() not in memo.known_files()
    memo.forget([gamma.resolve()], rescan=True)
    assert len(load_content(content, memo=memo).notes) == 3
    assert gamma.resolve() in memo.known_files()


def test_known_files_are_every_source_file(content):
    memo = LoadMemo()
    assert memo.known_files() == frozenset()
    load_content(content, memo=memo)
    names = {p.name for p in memo.known_files()}
    assert names == {"2024-01-01-alpha.md", "2024-02-01-beta.md", "about.md", "2024.yaml", "friends.yaml"}


# incremental/load_patch.py: the last load's list, patched where a save changed files, must be
# what a fresh load gives, whatever the edit does to the item, its slug and its problems.
PATCH_FILES = {
    "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\n---\nAlpha.\n",
    "notes/2024-02-01-beta.md": "---\ntitle: Beta\ntags: [x]\n---\nBeta.\n",
    "notes/2024-03-01-twin.md": "---\ntitle: Twin\nslug: alpha\n---\nA duplicate slug.\n",
    "notes/2024-04-01-odd.md": "---\ntags: [x]\n---\nNo title: a warning.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
}
PATCH_EDITS = {
    "body": ("2024-02-01-beta.md", "Beta.", "Beta, edited."),
    "slug": ("2024-02-01-beta.md", "title: Beta\n", "title: Beta\nslug: gamma\n"),
    "a duplicate's slug": ("2024-01-01-alpha.md", "title: Alpha\n", "title: Alpha\nslug: solo\n"),
    "the dropped duplicate": ("2024-03-01-twin.md", "A duplicate", "Still a duplicate"),
    "a problem appears": ("2024-02-01-beta.md", "title: Beta\n", ""),
    "an error too": ("2024-04-01-odd.md", "tags: [x]\n", "tags: [x]\ndate: 2024-13-01\n"),
    "a problem stays": ("2024-04-01-odd.md", "a warning.", "still a warning."),
    "a problem goes": ("2024-04-01-odd.md", "tags: [x]\n", "tags: [x]\ntitle: Odd\n"),
    "broken": ("2024-02-01-beta.md", "title: Beta\n", "title: [Beta\n"),
}


def _loaded(content):
    return content.notes, content.pages, content.problems


@pytest.mark.parametrize("name", list(PATCH_EDITS))
def test_a_load_patched_after_a_save_is_a_fresh_load(site_factory, name):
    content = site_factory(PATCH_FILES)
    file, old, new = PATCH_EDITS[name]
    path = (content / "notes" / file).resolve()
    memo = LoadMemo()
    load_content(content, memo=memo)
    for text in (path.read_text().replace(old, new), path.read_text(), path.read_text().replace(old, new)):
        path.write_text(text)
        memo.forget([path])
        assert _loaded(load_content(content, memo=memo)) == _loaded(load_content(content))
