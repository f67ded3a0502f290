"""load/fields.py: the readers of one field that reading logs, contact lists, front matter and
`plnsite new` share. Mappings come from real YAML text, so lines are the lines a person sees."""

from __future__ import annotations

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

import pytest

from plnsite.errors import Problems
from plnsite.load.fields import (
    INVALID, field_text, flag, http_url, is_draft, is_http_url, item_lines, markdown_field, meta_date, names_field,
    parse_yaml, shown, tags_field, text_field,
)
from plnsite.yamlio import YMap, load_yaml

TZ = ZoneInfo("Europe/Paris")


def _yaml(text: str):
    text = textwrap.dedent(text).lstrip("\n")
    return load_yaml(text, "f.yaml"), text.split("\n")


def _reporter():
    said: list[tuple[str | None, str]] = []
    return said, lambda key, message: said.append((key, message))


@pytest.mark.parametrize("value, text", [
    (True, "true"), (False, "false"), (None, ""), (3, "3"), (1.5, "1.5"), (" a ", " a "),
    (dt.date(2025, 1, 2), "2025-01-02"),
])
def test_shown_is_the_value_as_written(value, text):
    assert shown(value) == text


@pytest.mark.parametrize("value, text", [
    (None, None), ([], None), (["a"], None), ({"a": 1}, None), (YMap(), None),
    (" Dune ", "Dune"), ("", ""), (True, "true"), (1984, "1984"), (dt.date(2025, 1, 2), "2025-01-02"),
])
def test_field_text_is_a_stripped_scalar_or_none(value, text):
    assert field_text(value) == text


@pytest.mark.parametrize("text, ok", [
    ("https://example.org/", True), ("http://example.org", True), ("HTTPS://Example.org", True),
    ("  https://example.org  ", True), ("https://", False), ("https:///path", False), ("https:// x", False),
    ("ftp://example.org", False), ("example.org", False), ("mailto:a@example.org", False), ("", False),
    ("javascript:alert(1)", False),
])
def test_is_http_url(text, ok):
    assert is_http_url(text) is ok


def test_http_url_absent_blank_good_and_bad():
    meta, _ = _yaml("""
        url: " https://example.org/a "
        blank: "  "
        empty:
        feed: example.org/feed
        number: 42
    """)
    said, report = _reporter()
    assert http_url(meta, "missing", report) is None
    assert http_url(meta, "blank", report) is None
    assert http_url(meta, "empty", report) is None
    assert http_url(meta, "url", report) == "https://example.org/a"
    assert said == []
    assert http_url(meta, "feed", report) is INVALID
    assert http_url(meta, "number", report) is INVALID
    assert said == [("feed", "feed must be an http(s) URL, not 'example.org/feed'"),
                    ("number", "number must be an http(s) URL, not '42'")]


def test_markdown_field_on_the_key_line():
    meta, lines = _yaml("""
        title: A
        notes: Short *Markdown*.
    """)
    md = markdown_field(meta, "notes", "f.yaml", lines)
    assert (md.text, str(md.loc)) == ("Short *Markdown*.", "f.yaml:2")


@pytest.mark.parametrize("indicator", ["|", ">", "|-", ">+", "|  # a comment"])
def test_markdown_field_in_a_block_starts_on_the_next_line(indicator):
    meta, lines = _yaml(f"""
        title: A
        notes: {indicator}
          First line.
          Second line.
    """)
    assert markdown_field(meta, "notes", "f.yaml", lines).loc.line == 3


def test_markdown_field_below_its_key_after_comments_and_blank_lines():
    meta, lines = _yaml("""
        - title: A
          "notes":
            # why I read it

            Plain text on its own line.
    """)
    md = markdown_field(meta[0], "notes", "f.yaml", lines)
    assert (md.text, md.loc.line) == ("Plain text on its own line.", 5)


def test_markdown_field_absent_blank_or_not_text():
    meta, lines = _yaml("""
        blank: "   "
        empty:
        listed: [a, b]
        number: 7
    """)
    for key in ("missing", "blank", "empty", "listed"):
        assert markdown_field(meta, key, "f.yaml", lines) is None, key
    assert markdown_field(meta, "number", "f.yaml", lines).text == "7"


@pytest.mark.parametrize("value, default, result", [
    (None, False, False), (None, True, True), (True, False, True), (False, True, False),
    ("true", False, True), (" Yes ", False, True), ("on", False, True), ("1", False, True),
    ("false", True, False), ("no", True, False), ("maybe", True, False), (1, False, True), (0, True, False),
])
def test_flag(value, default, result):
    assert flag(value, default) is result


@pytest.mark.parametrize("front, draft", [
    ("title: A", False), ("draft: true", True), ("draft: 'yes'", True), ("draft: false", False),
    ("published: false", True), ("published: true", False), ("published: 'no'", True),
    ("draft: false\npublished: false", True),
])
def test_is_draft_is_draft_true_or_published_false(front, draft):
    meta, _ = _yaml(front)
    assert is_draft(meta) is draft


def test_meta_date_reads_dates_and_reports_a_bad_one_at_its_line():
    meta, _ = _yaml("""
        title: A
        date: 2025-03-04
        updated: 2025-03-05T10:30:00+01:00
        when: not a date
        none:
    """)
    problems = Problems()
    assert meta_date(meta, "date", TZ, "f.md", problems) == dt.datetime(2025, 3, 4, tzinfo=TZ)
    assert meta_date(meta, "updated", TZ, "f.md", problems) == dt.datetime(
        2025, 3, 5, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert meta_date(meta, "missing", TZ, "f.md", problems) is None
    assert meta_date(meta, "none", TZ, "f.md", problems) is None
    assert problems.freeze() == ()
    assert meta_date(meta, "when", TZ, "f.md", problems) is None
    (problem,) = problems.freeze()
    assert str(problem).startswith("f.md:4: error: 'when' is ")


def test_parse_yaml_gives_the_document_or_invalid_with_the_problem():
    problems = Problems()
    assert parse_yaml("", "f.yaml", problems) is None
    assert parse_yaml("- a\n- b\n", "f.yaml", problems) == ["a", "b"]
    assert problems.freeze() == ()
    assert parse_yaml("a: 1\nb: [2\n", "f.yaml", problems) is INVALID
    assert parse_yaml("title: A\nauthor: !!map [Ada]\n", "g.yaml", problems) is INVALID
    first, second = (str(p) for p in problems.freeze())
    assert first.startswith("f.yaml:2: error: invalid YAML: ")
    assert second.startswith("g.yaml:2: error: invalid YAML: expected a mapping node, but found sequence")


def test_item_lines_finds_each_top_level_item():
    _, lines = _yaml("""
        # my reading log
        ---
        - just a title

        - title: B
          tags:
            - not an item of the top list
        # a comment between items
        - [flow, item]
    """)
    assert item_lines(lines) == [3, 5, 9]


def test_item_lines_below_a_key_stop_at_the_next_key():
    _, lines = _yaml("""
        title: Friends
        people:
          - Ada
          - name: Grace
        description: after the list
    """)
    assert item_lines(lines, after=2) == [3, 4]


def test_item_lines_of_something_that_is_no_block_list():
    _, lines = _yaml("""
        title: A
        people: [a, b]
    """)
    assert item_lines(lines) == []
    assert item_lines(lines, after=2) == []


def test_item_lines_read_past_a_byte_order_mark():
    lines = "\ufeff# my reading\n- A\n\n- B\n".split("\n")
    assert item_lines(lines) == [2, 4]
    assert item_lines("\ufeff- A\n- B\n".split("\n")) == [1, 2]


def test_text_field_names_a_wrong_shape_and_never_prints_it():
    meta, _ = _yaml("""
        title: " A title "
        number: 2024
        blank: "  "
        listed: [a, b]
        mapped: {a: 1}
        set: !!set {a, b}
        binary: !!binary aGVsbG8=
    """)
    said, report = _reporter()
    read = [text_field(meta, key, report) for key in ("title", "number", "blank", "missing")]
    assert read == ["A title", "2024", None, None]
    assert said == []
    for key in ("listed", "mapped", "set", "binary"):
        assert text_field(meta, key, report) is INVALID
    assert said == [("listed", "listed must be text, not a list"), ("mapped", "mapped must be text, not a mapping"),
                    ("set", "set must be text, not a set"), ("binary", "binary must be text, not binary data")]


def test_tags_field_and_names_field():
    meta, _ = _yaml("""
        words: pln, edtech
        year: 2024
        listed: [pln, 2024, 3.10, no]
        mapped: {a: 1}
        nested: [a, [b]]
        authors: [Ada, ~, " Bob "]
        author: {name: Ada}
    """)
    said, report = _reporter()
    assert tags_field(meta, report, "words") == ("pln", "edtech")
    assert tags_field(meta, report, "year") == ("2024",)
    assert tags_field(meta, report, "listed") == ("pln", "2024", "3.10", "no")
    assert names_field(meta, "authors", report) == ("Ada", "Bob")
    assert said == []
    assert tags_field(meta, report, "mapped") == tags_field(meta, report, "nested") == ()
    assert names_field(meta, "author", report) == ()
    assert [key for key, _ in said] == ["mapped", "nested", "author"]
    assert said[1][1].endswith("not a list holding a list")


def test_is_draft_reports_a_wrong_shape_and_counts_it_a_draft():
    meta, _ = _yaml("""
        draft: [no]
    """)
    said, report = _reporter()
    assert is_draft(meta, report) is True
    assert said == [("draft", "draft must be true or false, not a list")]
