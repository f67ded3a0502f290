"""YAML a build cannot be made to choke on: alias bombs and deep nesting are refused at their
line, quickly (a bomb written out would need gigabytes: a build that finishes with the error
is the proof), and a key given twice is an error instead of a silent overwrite. Through the
real CLI, in each kind of file a user writes YAML in."""

from __future__ import annotations

import json

import pytest

NOTE = "---\ntitle: Fine\ndate: 2025-01-02\n---\nBody.\n"


def bomb(indent: str = "") -> list[str]:
    """The 342-byte billion laughs: nine levels of nine aliases, 9⁹ values once written out."""
    names = "abcdefghi"
    lines = [f"{indent}a: &a [x, x, x, x, x, x, x, x, x]"]
    for before, name in zip(names, names[1:]):
        lines.append(f"{indent}{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return [*lines, f"{indent}tags: *i"]


EXPANDED = "error: the aliases (*name) up to this line add 15,670 values to the document, past the limit of 10,000"

BOMBS = {
    # file → (its text, the line of `e:`, where the expansion passes the limit)
    "notes/2025-01-01-bomb.md": ("---\ntitle: Bomb\ndate: 2025-01-01\n" + "\n".join(bomb()) + "\n---\nBody\n", 8),
    "reading/2025.yaml": ("- title: A Book\n  status: want\n" + "\n".join(bomb("  ")) + "\n", 7),
    "contacts/friends.yaml": ("people:\n  - name: Ada\n" + "\n".join(bomb("    ")) + "\n", 7),
    "site.yaml": ("title: T\nbase_url: https://example.org/\n" + "\n".join(bomb()) + "\n", 7),
}


@pytest.mark.parametrize("where", sorted(BOMBS))
def test_an_alias_bomb_is_refused_at_its_line(where, site_factory, run_cli):
    text, line = BOMBS[where]
    site_factory({"notes/2025-01-01-ok.md": NOTE, where: text})
    code, out, err = run_cli("build", "-j", "1")
    assert code == 1
    assert "Traceback" not in out + err
    assert any(row.startswith(f"content/{where}:{line}: {EXPANDED}") for row in err.splitlines()), err


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("[" * 10_000 + "]" * 10_000, 2),  # past libyaml's own limit
        ("[" * 500 + "]" * 500, 2),  # within it: PyYAML's recursion would end in a RecursionError
        ("{a: " * 500 + "x" + "}" * 500, 2),
        ("\n" + "".join("  " * depth + "- \n" for depth in range(1, 300)) + "  " * 300 + "- x", 102),
    ],
    ids=["list 10000 deep", "list 500 deep", "mapping 500 deep", "block list 300 deep"],
)
def test_deep_nesting_is_refused_at_its_line(value, line, site_factory, run_cli):
    site_factory({"notes/2025-01-01-deep.md": f"---\ntags: {value}\ntitle: Deep\ndate: 2025-01-01\n---\nBody\n"})
    code, out, err = run_cli("build")
    assert code == 1
    assert "Traceback" not in out + err
    rows = [row for row in err.splitlines() if row.startswith("content/notes/2025-01-01-deep.md:")]
    assert len(rows) == 1 and "nest" in rows[0], err
    assert rows[0].startswith(f"content/notes/2025-01-01-deep.md:{line}: error: "), err


DUPLICATES = {
    "title twice in front matter": (
        {"notes/2025-01-01-a.md": "---\ntitle: One\ndate: 2025-01-01\ntitle: Two\n---\nBody\n"},
        "content/notes/2025-01-01-a.md:4: error: duplicate key 'title': it is already set on line 2",
    ),
    "people twice in a contact list": (
        {"contacts/friends.yaml": "title: Friends\npeople:\n  - name: Ada\npeople:\n  - name: Grace\n"},
        "content/contacts/friends.yaml:4: error: duplicate key 'people': it is already set on line 2",
    ),
    "a key twice in a reading entry": (
        {"reading/2025.yaml": "- title: A Book\n  status: want\n  url: https://a.example/\n  status: finished\n"},
        "content/reading/2025.yaml:4: error: duplicate key 'status': it is already set on line 2",
    ),
    "a key twice in a contact": (
        {"contacts/friends.yaml": "people:\n  - name: Ada\n    url: https://a.example/\n    name: Grace\n"},
        "content/contacts/friends.yaml:4: error: duplicate key 'name': it is already set on line 2",
    ),
    "a key twice in site.yaml": (
        {"site.yaml": "title: T\nbase_url: https://example.org/\ntitle: U\n"},
        "content/site.yaml:3: error: duplicate key 'title': it is already set on line 1",
    ),
    "a key twice in a reading file's front matter": (
        {"reading/book.md": "---\ntitle: A Book\nstatus: want\ntitle: B Book\n---\nReview.\n"},
        "content/reading/book.md:4: error: duplicate key 'title': it is already set on line 2",
    ),
}


@pytest.mark.parametrize("case", sorted(DUPLICATES))
def test_a_key_given_twice_is_an_error_naming_the_first(case, site_factory, run_cli):
    files, expected = DUPLICATES[case]
    site_factory({"notes/2025-01-01-ok.md": NOTE, **files})
    code, out, err = run_cli("build")
    assert code == 1
    assert "Traceback" not in out + err
    assert any(row.startswith(expected) for row in err.splitlines()), err


def test_small_anchors_and_merges_keep_working(site_factory, run_cli, tmp_path):
    """What anchors are for: shared defaults merged into entries (each entry may override them),
    a list written once and used twice."""
    site_factory({
        "site.yaml": "title: T\nbase_url: https://example.org/\nfeed: {include: [notes, reading]}\n",
        "reading/2025.yaml": (
            "- &book {title: First, kind: book, status: want, tags: &pln [pln, learning]}\n"
            "- <<: *book\n"
            "  title: Second\n"
            "  status: finished\n"
            "  finished: 2025-02-01\n"
            "- {<<: *book, title: Third, tags: *pln}\n"
        ),
    })
    code, out, err = run_cli("build", "-o", "public")
    assert code == 0, err
    feed = json.loads((tmp_path / "site" / "public" / "feed.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == ["Finished reading: Second"]
    assert feed["items"][0]["tags"] == ["pln", "learning"]  # from the anchored entry
    reading = (tmp_path / "site" / "public" / "reading" / "index.html").read_text(encoding="utf-8")
    assert all(title in reading for title in ("First", "Second", "Third"))
