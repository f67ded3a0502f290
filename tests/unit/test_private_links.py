"""link/private.py: a link of any kind to a private person or list is an error at the link,
naming the person's file and line; nothing of the linking text is rendered."""

from __future__ import annotations

import pytest

from plnsite.link import LinkMemo, link
from plnsite.load import load_content
from plnsite.model import BuildOptions
from tests.conftest import NOW

SITE = "title: T\nbase_url: https://example.org/sub/\ntimezone: UTC\n"
FRIENDS = """\
people:
  - name: Alice Public
    id: alice
  - name: Zelda Quixote
    id: zelda-quixote
    private: true
  - id: alice
    visibility: private
    email: alice-home@example.org
"""
CIRCLE = "- name: Yves Private\n  phone: +1 604 555 0199\n"
CLUB = "title: Club\nvisibility: private\npeople:\n  - name: Xena Club\n"
NOTE = """\
---
title: Links
---
Public [[alice]] and [[Alice Public]] and [Alice](/network/#alice).

By id [[zelda-quixote]].
By name [[Zelda Quixote]].
Shown text [[zelda-quixote|my friend Z]].
Entry [Z](/network/#zelda-quixote).
List file [circle](../contacts/circle.private.yaml).
In a list [Z](../contacts/friends.yaml#zelda-quixote).
Raw <a href="https://example.org/sub/network/#yves-private">Y</a>.
"""


@pytest.fixture
def linked(site_factory):
    def run(files: dict[str, str], memo: LinkMemo | None = None):
        content = site_factory({"site.yaml": SITE, **files})
        return link(load_content(content), BuildOptions(source=content, now=NOW), memo=memo)

    return run


def files(**more: str) -> dict[str, str]:
    return {"contacts/friends.yaml": FRIENDS, "contacts/circle.private.yaml": CIRCLE, "contacts/club.yaml": CLUB,
            "notes/2025-01-01-links.md": NOTE, **more}


def test_each_kind_of_link_to_a_private_person_is_an_error_naming_them(linked):
    site = linked(files(**{
        "reading/2025.yaml": "- title: A Book\n  status: want\n  via: xena-club\n",
        "contacts/more.yaml": "- name: Linker\n  note: Met through [[Yves Private]].\n",
    }))
    zelda, yves = "(content/contacts/friends.yaml:4)", "(content/contacts/circle.private.yaml:1)"
    tail = "private people cannot be linked to; remove the link, or make them public"
    note = "content/notes/2025-01-01-links.md"
    assert [str(p) for p in sorted(site.problems, key=lambda p: p.sort_key)] == [
        f"content/contacts/more.yaml:2: error: a link to a private person {yves}: {tail}",
        f"{note}:6: error: a link to a private person {zelda}: {tail}",
        f"{note}:7: error: a link to a private person {zelda}: {tail}",
        f"{note}:8: error: a link to a private person {zelda}: {tail}",
        f"{note}:9: error: a link to a private person {zelda}: {tail}",
        f"{note}:10: error: a link to a private contact list {yves}: {tail}",
        f"{note}:11: error: a link to a private person {zelda}: {tail}",
        f"{note}:12: error: a link to a private person {yves}: {tail}",
        "content/reading/2025.yaml:1: error: via names a private person (content/contacts/club.yaml:4): "
        "a private person cannot be credited on the site; remove the via, or make them public",
    ]
    for secret in ("Zelda", "zelda", "Yves", "yves", "Xena", "xena"):  # the preview shows messages in the page
        assert not any(secret in p.message for p in site.problems)


def test_nothing_of_a_text_linking_to_a_private_person_is_rendered(linked):
    site = linked(files(**{"contacts/more.yaml": "- name: Linker\n  note: Met through [[Yves Private]].\n"}))
    for item_id in ("notes/links", "linker"):
        rendered = site.html[item_id]
        assert (rendered.html, rendered.summary_html, rendered.toc) == ("", "", ())
    # (the linking texts' own Markdown stays in the model; tests/test_privacy.py checks every output byte)
    everything = repr((site.html, list(site.contacts), site.lists, site.tags, site.backlinks, site.items.keys()))
    for secret in ("Zelda", "zelda", "my friend Z", "Yves", "yves", "Xena", "circle", "club", "alice-home"):
        assert secret not in everything


def test_a_private_entry_sharing_a_public_id_is_that_persons_details_not_a_private_person(linked):
    site = linked({"contacts/friends.yaml": FRIENDS,
                   "notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[alice]] and [A](/network/#alice).\n"})
    assert [str(p) for p in site.problems] == []
    assert '<a href="/sub/network/#alice">Alice Public</a>' in site.html["notes/a"].html


def test_a_public_item_with_the_same_name_wins(linked):
    site = linked({"contacts/friends.yaml": FRIENDS,
                   "notes/2025-01-01-z.md": "---\ntitle: Zelda Quixote\n---\nA novel.\n",
                   "notes/2025-01-02-b.md": "---\ntitle: B\n---\nRead [[Zelda Quixote]].\n"})
    assert [str(p) for p in site.problems] == []
    assert '<a href="/sub/notes/z/">Zelda Quixote</a>' in site.html["notes/b"].html


def test_a_link_that_names_no_one_stays_a_warning(linked):
    site = linked({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[nobody]] and [x](/network/#nobody).\n"})
    assert [str(p) for p in site.problems] == ["content/notes/2025-01-01-a.md:4: warning: no note named 'nobody'"]


def test_a_private_file_added_later_turns_the_link_into_an_error(linked, site_factory):
    memo = LinkMemo()
    note = "---\ntitle: A\n---\nSee [[Yves Private]].\n"
    first = linked({"notes/2025-01-01-a.md": note}, memo=memo)
    assert [p.level.value for p in first.problems] == ["warning"]
    second = linked({"notes/2025-01-01-a.md": note, "contacts/circle.private.yaml": CIRCLE}, memo=memo)
    assert [str(p) for p in second.problems] == [
        "content/notes/2025-01-01-a.md:4: error: a link to a private person "
        "(content/contacts/circle.private.yaml:1): private people cannot be linked to; remove the link, "
        "or make them public"]
    assert second.html["notes/a"].html == ""


def test_the_errors_are_the_same_when_the_texts_come_from_the_markdown_cache(site_factory, tmp_path):
    # Whether a text may link to a private person is decided when it is rendered and kept in
    # the cache with it: a text read back must be checked exactly as a text rendered now.
    from plnsite.incremental.markdown_cache import MarkdownCache
    from plnsite.link.rendering import MarkdownRenderer

    content = site_factory({"site.yaml": SITE, **files(**{
        "notes/2025-01-02-plain.md": "---\ntitle: Plain\n---\nNo links here, [one](https://example.org/).\n"})})
    loaded, opts = load_content(content), BuildOptions(source=content, now=NOW)
    plain = [str(p) for p in link(loaded, opts).problems]
    assert sum("private" in p for p in plain) == 7
    for _ in range(2):  # the first fills the cache, the second reads every text from it
        cached = link(loaded, opts, render=MarkdownRenderer(MarkdownCache(tmp_path / "cache"), 1))
        assert [str(p) for p in cached.problems] == plain
        assert cached.html["notes/links"].html == ""
    assert list((tmp_path / "cache").rglob("*.bin")), "the texts were cached"
