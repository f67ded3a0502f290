"""Warm builds: with the cache, `plnsite build` re-renders only routes whose inputs changed
and keeps the other files as they are. The result must equal a fresh build, byte for byte."""

from __future__ import annotations

import shutil

from plnsite.output import MANIFEST

from .conftest import SITES


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def _same_as_fresh(run_cli, root, warm_out):
    code, _, err = run_cli("build", "--no-cache", "-o", str(root / "fresh"))
    assert code == 0, err
    assert _tree(warm_out) == _tree(root / "fresh")
    shutil.rmtree(root / "fresh")


def test_warm_build_after_edits_equals_a_fresh_build(tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    out = root / "public"
    assert run_cli("build")[0] == 0
    assert (root / ".plnsite-cache" / "build-state.bin").is_file()

    first = root / "content" / "notes" / "2024-01-10-first-note.md"
    first.write_text(first.read_text().replace("footnote.", "footnote, now edited."))
    code, stdout, _ = run_cli("build")
    assert code == 0
    changed = int(stdout.split("(")[1].split(" changed")[0])
    assert 0 < changed < 15  # the note, feeds, the hubs that show it: not the whole site
    _same_as_fresh(run_cli, root, out)

    code_note = root / "content" / "notes" / "2024-04-01-code-and-tables.md"
    code_note.write_text(code_note.read_text().replace("tags: [pln, code]", "tags: [pln, code, new-tag]"))
    assert run_cli("build")[0] == 0
    assert (out / "tags" / "new-tag" / "index.html").is_file()
    _same_as_fresh(run_cli, root, out)


def test_a_file_removed_from_the_output_is_written_again(tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    assert run_cli("build")[0] == 0
    (root / "public" / "about" / "index.html").unlink()
    assert run_cli("build")[0] == 0
    assert (root / "public" / "about" / "index.html").is_file()


def test_a_template_change_renders_every_page_again(tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    assert run_cli("build")[0] == 0
    templates = root / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "base.html" %}{% block content %}<p>Gone fishing</p>{% endblock %}\n')
    assert run_cli("build")[0] == 0
    assert "Gone fishing" in (root / "public" / "404.html").read_text()
    _same_as_fresh(run_cli, root, root / "public")


def test_a_retitled_note_is_retitled_where_a_reading_or_a_contact_links_to_it(tmp_path, monkeypatch, run_cli):
    """reading/ and network/ show each entry's text, whose links show their targets' titles: a
    warm build after a title edit must show the new title there (found by the fuzzer)."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    friends = root / "content" / "contacts" / "friends.yaml"
    friends.write_text(friends.read_text().replace("[[Finished Article]]", "[[first-note]]"))
    assert run_cli("build")[0] == 0
    first = root / "content" / "notes" / "2024-01-10-first-note.md"
    first.write_text(first.read_text().replace("title: First Note", "title: A Retitled Note"))
    assert run_cli("build")[0] == 0
    for page in ("reading/index.html", "network/index.html"):
        assert "A Retitled Note" in (root / "public" / page).read_text(), page
    _same_as_fresh(run_cli, root, root / "public")


def test_a_redated_note_moves_in_the_home_pages_heatmap(tmp_path, monkeypatch, run_cli):
    """The home page's heatmap shows notes per day: a note's new date, even one that keeps its
    place among the notes and is not among the newest shown, is drawn on a warm build (found by
    the fuzzer, for the chart of notes per month the heatmap replaced)."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")  # 2024-06-01: the heatmap holds both dates
    assert run_cli("build")[0] == 0
    first = root / "content" / "notes" / "2024-01-10-first-note.md"
    first.write_text(first.read_text().replace("date: 2024-01-10", "date: 2023-11-30"))
    assert run_cli("build")[0] == 0
    assert "November 30, 2023: 1 note" in (root / "public" / "index.html").read_text()
    _same_as_fresh(run_cli, root, root / "public")
