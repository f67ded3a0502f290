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
        "content/notes/a.md:3: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'",
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
    assert err.strip() == "error: no content folder at 'content' (use -s to point at one)"
