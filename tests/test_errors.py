"""The error catalogue: each broken input → the exact `path:line: message`, exit 1,
no traceback, and the previous output left exactly as it was."""

from __future__ import annotations

import pytest

NOTE = """\
---
title: Fine
date: 2025-01-02
---
Body.
"""

CASES = {
    "bad yaml in front matter": (
        {"notes/a.md": "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nBody\n"},
        "content/notes/a.md:3: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'; "
        "the '[' opened on line 2 is not closed with ']' (a value in it that holds ',' or ':' needs quotes)",
    ),
    "site.yaml without title": (
        {"site.yaml": "base_url: https://example.org/\n"},
        "content/site.yaml:1: error: site.yaml needs a 'title'",
    ),
    "bad date": (
        {"notes/a.md": "---\ntitle: A\ndate: 2025-13-45\n---\nBody\n"},
        "content/notes/a.md:3: error: 'date' is not a date: '2025-13-45' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)",
    ),
    "no date at all": (
        {"notes/undated.md": "---\ntitle: A\n---\nBody\n"},
        "content/notes/undated.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-",
    ),
    "unknown timezone": (
        {"site.yaml": "title: T\nbase_url: https://example.org/\ntimezone: Mars/Olympus\n"},
        "content/site.yaml:3: error: unknown timezone 'Mars/Olympus' (use an IANA name such as 'Europe/Berlin')",
    ),
    "duplicate slug": (
        {"notes/2025-01-01-same.md": NOTE, "notes/same.md": NOTE},
        "content/notes/same.md:1: error: duplicate note slug 'same': also used by content/notes/2025-01-01-same.md",
    ),
    "template error": (
        {"../themes/default/templates/page.html": "<p>{{ page.no_such_field }}</p>\n", "pages/about.md": "# About\n"},
        "themes/default/templates/page.html:1: error: template error: 'dict object' has no attribute 'no_such_field'",
    ),
    "template syntax error": (
        {"../themes/default/templates/page.html": "line one\n{% if %}\n", "pages/about.md": "# About\n"},
        "themes/default/templates/page.html:2: error: template error: Expected an expression, got 'end of statement block'",
    ),
    "reading without title": (
        {"reading/2025.yaml": "- author: X\n  status: want\n"},
        "content/reading/2025.yaml:1: error: reading entry has no title",
    ),
    "via naming no contact": (
        {"reading/2025.yaml": "- title: A Book\n  status: want\n  via: nobody\n"},
        "content/reading/2025.yaml:1: error: via 'nobody' names no contact",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_reports_path_line_message(case, site_factory, run_cli, tmp_path):
    files, expected = CASES[case]
    content = site_factory({"notes/2025-01-01-ok.md": NOTE})
    out = tmp_path / "site" / "public"
    out.mkdir()
    (out / "keep.html").write_text("previous output")
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    code, stdout, stderr = run_cli("build", "-s", "content", "-o", "public")

    assert code == 1
    assert expected in stderr.splitlines(), stderr
    assert "Traceback" not in stderr + stdout
    assert [p.name for p in out.iterdir()] == ["keep.html"]
    assert (out / "keep.html").read_text() == "previous output"
    assert not [p for p in out.parent.iterdir() if "staging" in p.name]  # staged pages are gone too


def test_all_problems_of_a_build_are_reported_at_once(site_factory, run_cli):
    site_factory({
        "notes/a.md": "---\ntitle: A\ndate: nope\n---\n",
        "notes/b.md": "---\ntitle: [x\n---\n",
        "reading/r.yaml": "- title: R\n  status: want\n  rating: 9\n",
    })
    code, _, stderr = run_cli("build")
    assert code == 1
    lines = stderr.splitlines()
    assert any(line.startswith("content/notes/a.md:3: ") for line in lines)
    assert any(line.startswith("content/notes/b.md:") for line in lines)
    assert any(line.startswith("content/reading/r.yaml:3: error: rating") for line in lines)
    assert lines[-1] == "build failed: 3 errors; nothing was written"


def test_warnings_pass_but_strict_fails(site_factory, run_cli):
    site_factory({"notes/2025-01-01-a.md": "Links to [[nowhere]].\n"})
    code, out, err = run_cli("build")
    assert code == 0
    assert "content/notes/2025-01-01-a.md:1: warning: no note named 'nowhere'" in err.splitlines()
    assert "content/notes/2025-01-01-a.md:1: warning: no title: made one from the file name (add `title:`)" in err
    code, _, err = run_cli("build", "--strict", "-o", "public2")
    assert code == 1
    assert "content/notes/2025-01-01-a.md:1: error: no note named 'nowhere'" in err.splitlines()


def test_missing_content_folder_is_a_clear_error(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("build")
    assert code == 1
    assert err.splitlines() == ["error: no content folder at 'content' (use -s to point at one)",
                                "build failed: 1 error; nothing was written"]


# --------------------------------------------------------------------------- template errors: first, with a hint, alone

MISSPELT_NOTE_TEMPLATE = '{% extends "base.html" %}\n{% block content %}\n<h1>{{ note.titel }}</h1>\n{% endblock %}\n'


def _theme(content, name: str, text: str) -> None:
    path = content.parent / "themes" / "default" / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_misspelt_attribute_gets_did_you_mean(site_factory, run_cli):
    content = site_factory({"notes/2025-01-01-ok.md": NOTE})
    _theme(content, "note.html", MISSPELT_NOTE_TEMPLATE)
    code, out, err = run_cli("build")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "themes/default/templates/note.html:3: error: template error: 'dict object' has no attribute 'titel' "
        "(did you mean 'title'?)",
        "build failed: 1 error; nothing was written",
    ]


def test_a_misspelt_variable_gets_did_you_mean(site_factory, run_cli):
    content = site_factory({"pages/about.md": "# About\n"})
    _theme(content, "page.html", "<p>{{ pgae.title }}</p>\n")
    code, _, err = run_cli("build")
    assert code == 1
    assert ("themes/default/templates/page.html:1: error: template error: 'pgae' is undefined (did you mean 'page'?)"
            in err.splitlines())


def test_the_template_error_is_printed_before_content_problems(site_factory, run_cli):
    content = site_factory({
        "notes/2025-01-01-ok.md": NOTE,
        "notes/a.md": "---\ntitle: A\ndate: nope\n---\n",
        "notes/2025-01-03-b.md": "---\ntitle: B\n---\nSee [[ghost]].\n",
    })
    _theme(content, "note.html", MISSPELT_NOTE_TEMPLATE)
    code, _, err = run_cli("build")
    assert code == 1
    assert err.splitlines() == [
        "themes/default/templates/note.html:3: error: template error: 'dict object' has no attribute 'titel' "
        "(did you mean 'title'?)",
        "content/notes/2025-01-03-b.md:4: warning: no note named 'ghost'",
        "content/notes/a.md:3: error: 'date' is not a date: 'nope' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)",
        "build failed: 2 errors, 1 warning; nothing was written",
    ]


def test_check_reports_the_template_error_without_a_cascade_of_broken_links(site_factory, run_cli):
    content = site_factory({
        "notes/2025-01-01-ok.md": NOTE,
        "notes/2025-01-02-two.md": "---\ntitle: Two\n---\nSee [[ok]] and [the heading](/notes/ok/#top).\n",
        "pages/about.md": "# About\n\nMy [first note](/notes/ok/).\n",
    })
    _theme(content, "note.html", MISSPELT_NOTE_TEMPLATE)
    code, out, err = run_cli("check")
    assert code == 1 and "Traceback" not in err
    assert out.splitlines() == [
        "themes/default/templates/note.html:3: error: template error: 'dict object' has no attribute 'titel' "
        "(did you mean 'title'?)",
        "check: 1 error in 11 pages and their feeds",
    ]


def test_check_still_reports_links_to_pages_that_were_never_made(site_factory, run_cli):
    content = site_factory({"notes/2025-01-01-ok.md": NOTE, "pages/about.md": "# About\n\nSee [gone](/gone/).\n"})
    _theme(content, "note.html", MISSPELT_NOTE_TEMPLATE)
    code, out, _ = run_cli("check")
    assert code == 1
    assert "content/pages/about.md:3: error: broken link to '/gone/'" in out.splitlines()


# --------------------------------------------------------------------------- one summary line, always


@pytest.mark.parametrize("command, last", [
    ("build", "build failed: 1 error; nothing was written"),
    ("check", "check failed: 1 error; links and feeds were not checked"),
])
@pytest.mark.parametrize("site", ["no content folder", "no site.yaml", "invalid site.yaml", "no such theme",
                                  "invalid theme.yaml"])
def test_a_site_that_cannot_be_built_ends_with_one_summary_line(site_factory, run_cli, tmp_path, monkeypatch,
                                                                command, last, site):
    if site == "no content folder":
        monkeypatch.chdir(tmp_path)
    else:
        content = site_factory({
            "no site.yaml": {}, "invalid site.yaml": {"site.yaml": "title: [x\n"},
            "no such theme": {"site.yaml": "title: T\nbase_url: https://example.org/\ntheme: nope\n"},
            "invalid theme.yaml": {"../themes/default/theme.yaml": "stylesheets: [a.css\n"},
        }[site], with_config=site != "no site.yaml")
        assert content.is_dir()
    code, out, err = run_cli(command)
    assert code == 1 and "Traceback" not in err + out
    lines = err.splitlines()
    assert len(lines) == 2 and ": error: " in lines[0] or lines[0].startswith("error: ")
    assert lines[-1] == last
