"""A value of the wrong shape — a list or mapping where a field needs text, a mapping or nested
list as tags — is an error at its line, for every kind of file. It used to be printed as
``['a', 'b']`` (a title), slugged (``tags: {a: 1}`` made ``/tags/a-1/``), or dropped without a
word. Each case is a real build through the CLI: exactly the located error, exit 1, no
traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

SITE = "title: T\nbase_url: https://example.org/\n"
NOTE = "notes/2024-01-01-c.md"


def _note(line: str) -> dict[str, str]:
    title = "" if line.startswith("title:") else "# A heading\n"
    return {NOTE: f"---\ndate: 2024-01-01\n{line}\n---\n{title}Body.\n"}


def _reading(line: str) -> dict[str, str]:
    return {"reading/2024.yaml": f"- title: A Book\n  status: want\n  {line}\n"}


def _person(line: str) -> dict[str, str]:
    return {"contacts/friends.yaml": f"people:\n  - name: Jo Doe\n    {line}\n"}


def _site(line: str) -> dict[str, str]:
    return {"site.yaml": SITE + line + "\n"}


TAGS = "tags must be a list of words such as [pln, edtech] or text such as 'pln, edtech', not "
CASES = {
    # notes (front matter: the key's line, counting the opening ---)
    "note title list": (_note("title: [a, b]"), f"content/{NOTE}:3: error: title must be text, not a list"),
    "note title mapping": (_note("title: {a: 1}"), f"content/{NOTE}:3: error: title must be text, not a mapping"),
    "note title set": (_note("title: !!set {a, b}"), f"content/{NOTE}:3: error: title must be text, not a set"),
    "note title binary": (_note("title: !!binary aGVsbG8="),
        f"content/{NOTE}:3: error: title must be text, not binary data"),
    "note title pairs": (_note("title: !!omap [a: 1]"), f"content/{NOTE}:3: error: title must be text, not a list"),
    "note summary": (_note("summary: [one, two]"), f"content/{NOTE}:3: error: summary must be text, not a list"),
    "note slug": (_note("slug: {a: 1}"), f"content/{NOTE}:3: error: slug must be text, not a mapping"),
    "note tags mapping": (_note("tags: {a: 1}"), f"content/{NOTE}:3: error: {TAGS}a mapping"),
    "note tags nested list": (_note("tags: [a, [b]]"), f"content/{NOTE}:3: error: {TAGS}a list holding a list"),
    "note tags holding a mapping": (_note("tags: [a, {b: 1}]"),
        f"content/{NOTE}:3: error: {TAGS}a list holding a mapping"),
    "note date list": ({NOTE: "---\ntitle: C\ndate: [2024-01-01]\n---\nx\n"},
                       f"content/{NOTE}:3: error: date must be a date such as 2025-03-04, not a list"),
    "note updated mapping": (_note("updated: {a: 1}"),
                             f"content/{NOTE}:3: error: updated must be a date such as 2025-03-04, not a mapping"),
    "note draft list": (_note("draft: [yes]"), f"content/{NOTE}:3: error: draft must be true or false, not a list"),
    "note published mapping": (_note("published: {a: 1}"),
                               f"content/{NOTE}:3: error: published must be true or false, not a mapping"),
    # pages
    "page title": ({"pages/about.md": "---\ntitle: [About, me]\n---\nHi.\n"},
                   "content/pages/about.md:2: error: title must be text, not a list"),
    "page slug": ({"pages/about.md": "---\nslug: {a: 1}\n---\n# About\n"},
                  "content/pages/about.md:2: error: slug must be text, not a mapping"),
    "page slug of no letters": ({"pages/about.md": "---\nslug: '!!!'\n---\n# About\n"},
                                "content/pages/about.md:2: error: cannot make a URL slug from this page's name; "
                                "add `slug:`"),
    # reading logs and reading pages
    "reading title": ({"reading/2024.yaml": "- title: [A, Book]\n  status: want\n"},
                      "content/reading/2024.yaml:1: error: title must be text, not a list"),
    "reading author mapping": (_reading("author: {name: Jo}"),
                               "content/reading/2024.yaml:3: error: author must be a name or a list of names, "
                               "not a mapping"),
    "reading authors nested": (_reading("authors: [Jo, [Sam]]"),
                               "content/reading/2024.yaml:3: error: authors must be a name or a list of names, not a "
                               "list holding a list"),
    "reading via": (_reading("via: [jo]"), "content/reading/2024.yaml:3: error: via must be text, not a list"),
    # a digit of another kind ('²' is a digit to str.isdigit, not to int): found by the fuzzer
    "reading rating superscript": (_reading("rating: '²'"), "content/reading/2024.yaml:3: error: rating must be a "
                                   "whole number from 1 to 5, not '²'"),
    "reading notes": (_reading("notes: {a: 1}"),
                      "content/reading/2024.yaml:3: error: notes must be text (Markdown), not a mapping"),
    "reading kind": (_reading("kind: [book]"),
        "content/reading/2024.yaml:3: error: kind must be one of: book, article, "
                                               "paper, video, podcast, course, talk, other; not a list"),
    "reading url": (_reading("url: [https://a.example/]"),
                    "content/reading/2024.yaml:3: error: url must be an http(s) URL, not a list"),
    "reading rating": (_reading("rating: [4]"),
                       "content/reading/2024.yaml:3: error: rating must be a whole number from 1 to 5, not a list"),
    "reading started": (_reading("started: {a: 1}"),
                        "content/reading/2024.yaml:3: error: started must be a date such as 2025-03-04, not a mapping"),
    "reading tags": (_reading("tags: {a: 1}"), f"content/reading/2024.yaml:3: error: {TAGS}a mapping"),
    "reading draft": (_reading("draft: {a: 1}"),
        "content/reading/2024.yaml:3: error: draft must be true or false, not a mapping"),
    "reading page title": ({"reading/a-paper.md": "---\ntitle: {a: 1}\nstatus: want\n---\nWhy.\n"},
                           "content/reading/a-paper.md:2: error: title must be text, not a mapping"),
    # contact lists
    "contact name": ({"contacts/friends.yaml": "people:\n  - name: [Jo, Doe]\n"},
                     "content/contacts/friends.yaml:2: error: name must be text, not a list"),
    "contact role": (_person("role: {a: 1}"),
        "content/contacts/friends.yaml:3: error: role must be text, not a mapping"),
    "contact id": (_person("id: [jo]"), "content/contacts/friends.yaml:3: error: id must be text, not a list"),
    "contact note": (_person("note: [a, b]"),
        "content/contacts/friends.yaml:3: error: note must be text (Markdown), not a list"),
    "contact tags": (_person("tags: [[a]]"), f"content/contacts/friends.yaml:3: error: {TAGS}a list holding a list"),
    "contact url": (_person("url: {a: 1}"),
        "content/contacts/friends.yaml:3: error: url must be an http(s) URL, not a mapping"),
    "contact handle": (_person("handles: {github: [jo]}"),
                       "content/contacts/friends.yaml:3: error: handles.github must be text, not a list"),
    "contact private": (_person("private: [yes]"),
                        "content/contacts/friends.yaml:3: error: private must be true or false, not a list"),
    "contact visibility": (_person("visibility: {a: 1}"),
                           "content/contacts/friends.yaml:3: error: visibility must be public or private, not a mapping"),
    "list title": ({"contacts/friends.yaml": "title: [a, b]\npeople:\n  - name: Jo\n"},
                   "content/contacts/friends.yaml:1: error: title must be text, not a list"),
    "list description": ({"contacts/friends.yaml": "description: {a: 1}\npeople:\n  - name: Jo\n"},
                         "content/contacts/friends.yaml:1: error: description must be text, not a mapping"),
    # site.yaml
    "site title": ({"site.yaml": "title: [a, b]\nbase_url: https://example.org/\n"},
                   "content/site.yaml:1: error: title must be text, not a list"),
    "site description": (_site("description: {a: 1}"),
        "content/site.yaml:3: error: description must be text, not a mapping"),
    "site author list": (_site("author: [Ada, Bob]"),
                         "content/site.yaml:3: error: author must be a name, "
                         "or a mapping with 'name' and 'url'; not a list"),
    "site author name": (_site("author: {name: [Ada]}"),
        "content/site.yaml:3: error: author.name must be text, not a list"),
    "site language": (_site("language: [en]"), "content/site.yaml:3: error: language must be text, not a list"),
    "site theme": (_site("theme: {a: 1}"), "content/site.yaml:3: error: theme must be text, not a mapping"),
    "site timezone": (_site("timezone: [UTC]"), "content/site.yaml:3: error: timezone must be text, not a list"),
    "site cname": (_site("cname: [a.example]"), "content/site.yaml:3: error: cname must be text, not a list"),
    "site base_url": ({"site.yaml": "title: T\nbase_url: [https://example.org/]\n"},
                      "content/site.yaml:2: error: base_url must be an http(s) URL, not a list"),
    "site menu title": (_site("menu:\n  - {title: [Notes], url: /notes/}"),
                        "content/site.yaml:4: error: a menu item's title must be text, not a list"),
    "site social": (_site("social: {github: [https://github.com/ada]}"),
                    "content/site.yaml:3: error: social.github must be an http(s) URL, not a list"),
    "site feed include": (_site("feed: {include: [[notes]]}"),
                          "content/site.yaml:3: error: feed.include must be a list of: notes, reading"),
    "site feed full_content": (_site("feed: {full_content: [no]}"),
                               "content/site.yaml:3: error: feed.full_content must be true or false, not a list"),
    "site paginate": (_site("paginate: [20]"),
        "content/site.yaml:3: error: paginate must be a whole number of at least 1, "
                                               "not a list"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_found_a_value_of_the_wrong_shape_is_an_error_at_its_line(site_factory, run_cli, case):
    files, expected = CASES[case]
    site_factory({"site.yaml": SITE, **files})
    code, out, err = run_cli("build")
    assert "Traceback" not in err
    assert (code, out) == (1, "")
    assert err.splitlines() == [expected, "build failed: 1 error; nothing was written"]
    assert not Path("public").exists()


@pytest.mark.parametrize("tags, shown", [
    ("2024", ["2024"]), ("5", ["5"]), ("[2024, pln]", ["2024", "pln"]), ("2024-05-01", ["2024-05-01"]),
    ("'pln, edtech'", ["edtech", "pln"]), ("[3.10, 'no']", ["3-10", "no"]),
])
def test_a_number_or_date_as_tags_is_the_tag_it_looks_like(site_factory, run_cli, tags, shown):
    site_factory({"site.yaml": SITE, NOTE: f"---\ntitle: C\ndate: 2024-01-01\ntags: {tags}\n---\nx\n"})
    code, _, err = run_cli("build")
    assert code == 0 and "warning" not in err, err
    assert sorted(p.name for p in Path("public/tags").iterdir() if p.is_dir()) == shown


def test_all_wrong_shapes_of_a_file_are_reported_at_once(site_factory, run_cli):
    site_factory({"site.yaml": SITE,
                  NOTE: "---\ntitle: [a]\ndate: 2024-01-01\nsummary: {b: 1}\ntags: {c: 1}\n---\nx\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert err.splitlines()[:3] == [
        f"content/{NOTE}:2: error: title must be text, not a list",
        f"content/{NOTE}:4: error: summary must be text, not a mapping",
        f"content/{NOTE}:5: error: {TAGS}a mapping",
    ]


def test_a_wrong_title_makes_no_title_warning_besides_its_error(site_factory, run_cli):
    site_factory({"site.yaml": SITE, NOTE: "---\ntitle: [a]\ndate: 2024-01-01\n---\nNo heading.\n",
                  "pages/about.md": "---\ntitle: {a: 1}\n---\nNo heading.\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert "no title" not in err
