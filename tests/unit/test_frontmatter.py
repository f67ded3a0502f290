"""load/frontmatter.py: the `---` block of a Markdown file, with file line numbers kept."""

from __future__ import annotations

import pytest

from plnsite.load.frontmatter import split_front_matter


def test_front_matter_and_body():
    fm, problem = split_front_matter("---\ntitle: T\ntags: [a, b]\n---\n# Heading\n\nBody.\n", "n.md")
    assert problem is None
    assert fm.meta == {"title": "T", "tags": ["a", "b"]}
    assert fm.meta.line_of("title") == 2 and fm.meta.line_of("tags") == 3, "lines are file lines"
    assert fm.body == "# Heading\n\nBody.\n"
    assert fm.body_line == 5


def test_no_front_matter_is_all_body():
    fm, problem = split_front_matter("# Just a heading\n\ntext\n", "n.md")
    assert problem is None
    assert dict(fm.meta) == {} and fm.meta.line == 1
    assert fm.body == "# Just a heading\n\ntext\n"
    assert fm.body_line == 1


def test_empty_front_matter():
    fm, problem = split_front_matter("---\n---\nBody\n", "n.md")
    assert problem is None and dict(fm.meta) == {} and fm.body == "Body\n" and fm.body_line == 3
    fm, problem = split_front_matter("---\n\n# only a comment\n---\nBody\n", "n.md")
    assert problem is None and dict(fm.meta) == {} and fm.body_line == 5


def test_yaml_document_end_marker_closes_too():
    fm, problem = split_front_matter("---\ntitle: T\n...\nBody\n", "n.md")
    assert problem is None and fm.meta == {"title": "T"} and fm.body == "Body\n"


def test_byte_order_mark_and_crlf_line_endings():
    fm, problem = split_front_matter("\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n", "n.md")
    assert problem is None
    assert fm.meta == {"title": "T"}
    assert fm.body.strip() == "Body"
    assert fm.body_line == 4


def test_trailing_spaces_on_fences_are_fine():
    fm, problem = split_front_matter("---  \ntitle: T\n---   \nBody\n", "n.md")
    assert problem is None and fm.meta == {"title": "T"}


def test_a_later_horizontal_rule_is_body():
    fm, problem = split_front_matter("---\ntitle: T\n---\nabove\n\n---\n\nbelow\n", "n.md")
    assert problem is None
    assert fm.body == "above\n\n---\n\nbelow\n"


def test_dashes_not_on_the_first_line_are_body():
    fm, problem = split_front_matter("\n---\ntitle: T\n---\n", "n.md")
    assert problem is None and dict(fm.meta) == {} and fm.body_line == 1


def test_unclosed_front_matter():
    fm, problem = split_front_matter("---\ntitle: T\n\nBody without a closing fence\n", "content/notes/a.md")
    assert str(problem) == "content/notes/a.md:1: error: front matter starts with '---' but has no closing '---' line"


def test_invalid_yaml_points_at_the_file_line():
    fm, problem = split_front_matter("---\ntitle: ok\ntags: [a\ndate: 2025-01-01\n---\nBody\n", "content/notes/a.md")
    assert str(problem) == (
        "content/notes/a.md:4: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"
        "; the '[' opened on line 3 is not closed with ']' (a value in it that holds ',' or ':' needs quotes)"
    )
    assert fm.body == "Body\n" and fm.body_line == 6


@pytest.mark.parametrize("yaml_text", ["- a\n- b", "just a sentence", "42"])
def test_front_matter_must_be_a_mapping(yaml_text):
    _, problem = split_front_matter(f"---\n{yaml_text}\n---\nBody\n", "content/notes/a.md")
    assert str(problem) == "content/notes/a.md:2: error: front matter must be a mapping of `key: value` lines"


def test_nested_mapping_lines_are_file_lines():
    fm, _ = split_front_matter("---\ntitle: T\nextra:\n  a: 1\n  b: 2\n---\n", "n.md")
    assert fm.meta["extra"].line == 4 and fm.meta["extra"].line_of("b") == 5
