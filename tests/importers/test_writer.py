"""The writer: YAML that reads as if hand-written, appended to the user's file without
touching a byte of it, and written atomically."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from plnsite.importers import BadInput
from plnsite.importers.writer import append_entries, apply, describe, new_file, Plan
from plnsite.yamlio import dump_yaml, load_yaml

ENTRY = {"title": "Ma première note: 学习", "author": "no", "finished": dt.date(2024, 5, 6),
         "tags": ["pln", "on", "2024"], "notes": "Line one.\n\nLine two.\n", "isbn": "9780000000002"}


def test_dump_yaml_reads_like_hand_written_yaml():
    assert dump_yaml([ENTRY]) == (
        "- title: 'Ma première note: 学习'\n"
        "  author: 'no'\n"
        "  finished: 2024-05-06\n"
        "  tags: [pln, 'on', '2024']\n"
        "  notes: |\n"
        "    Line one.\n"
        "\n"
        "    Line two.\n"
        "  isbn: '9780000000002'\n"
    )
    assert dump_yaml({"people": [{"name": "A"}], "when": dt.datetime(2019, 1, 2, 3, 4, tzinfo=dt.timezone.utc)}) == (
        "people:\n  - name: A\nwhen: 2019-01-02T03:04:00+00:00\n")
    again = load_yaml(dump_yaml([ENTRY]), "x")[0]
    assert dict(again) == ENTRY


@pytest.mark.parametrize("existing, expected_tail", [
    ("- title: A\n", "- title: A\n\n- title: B\n"),
    ("- title: A", "- title: A\n\n- title: B\n"),  # no final newline
    ("# my log\n- title: A\n\n# the end\n", "# the end\n\n- title: B\n"),  # after trailing comments
    ("", "- title: B\n"),
    ("# only a comment\n", "# only a comment\n- title: B\n"),
    ("- title: A\r\n", "- title: A\r\n\r\n- title: B\r\n"),  # Windows line ends kept
    ("- title: A\n\n\n", "- title: A\n\n\n- title: B\n"),  # blank lines at the end kept, none added
    ("  - title: A\n", "  - title: A\n\n  - title: B\n"),  # the user's indentation
])
def test_append_keeps_every_byte_and_adds_at_the_end(tmp_path, existing, expected_tail):
    path = tmp_path / "log.yaml"
    path.write_bytes(existing.encode())
    change = append_entries(path, [{"title": "B"}])
    apply(Plan(changes=(change,)))
    text = path.read_bytes().decode()
    assert text.startswith(existing) and text.endswith(expected_tail)
    assert [e["title"] for e in load_yaml(text, "x")] == (["A"] if "A" in existing else []) + ["B"]


def test_a_file_it_cannot_extend_safely_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "log.yaml"
    path.write_text("[{title: A}]\n", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot add entries to this file safely"):
        append_entries(path, [{"title": "B"}])
    path.write_text("title: [broken\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"log.yaml:1: error: invalid YAML"):  # the line of the "["
        append_entries(path, [{"title": "B"}])
    assert path.read_text(encoding="utf-8") == "title: [broken\n"


def test_apply_is_atomic_and_keeps_the_file_mode(tmp_path):
    path = tmp_path / "log.yaml"
    path.write_text("- title: A\n", encoding="utf-8")
    os.chmod(path, 0o640)
    apply(Plan(changes=(append_entries(path, [{"title": "B"}]), new_file(tmp_path / "sub" / "n.md", "x\n"))))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["log.yaml", "n.md", "sub"]  # no temporary files left
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_apply_refuses_a_file_changed_after_planning(tmp_path):
    path = tmp_path / "log.yaml"
    path.write_text("- title: A\n", encoding="utf-8")
    change = append_entries(path, [{"title": "B"}])
    other = new_file(tmp_path / "other.md", "x\n")
    path.write_text("- title: A\n- title: edited meanwhile\n", encoding="utf-8")
    with pytest.raises(BadInput, match="changed while importing"):
        apply(Plan(changes=(other, change)))
    assert not (tmp_path / "other.md").exists()  # refused before anything was written


def test_describe_shows_the_text(tmp_path):
    plan = Plan(changes=(append_entries(tmp_path / "new.yaml", [{"title": "B"}]),), already=2, noun="books")
    assert describe(plan).endswith(":\n- title: B\n\nwould import 1 book; 2 already in your content\n")
