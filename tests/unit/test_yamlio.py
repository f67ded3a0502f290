"""yamlio.py: YAML with line numbers, errors as path:line problems, no YAML 1.1 surprises."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from plnsite.errors import Level
from plnsite.yamlio import YamlError, YMap, load_yaml


def test_mappings_know_their_lines_and_their_keys_lines():
    data = load_yaml("title: T\n\nauthor:\n  name: Ada\n  url: https://ada.example/\nmenu:\n  - {title: A, url: /a/}\n", "x.yaml")
    assert isinstance(data, YMap)
    assert data.line == 1
    assert data.key_lines == {"title": 1, "author": 3, "menu": 6}
    assert data["author"].line == 4
    assert data["author"].line_of("url") == 5
    assert data["menu"][0].line == 7
    assert data.line_of("missing") == 1, "an absent key points at its mapping"


def test_sequences_of_mappings_each_have_a_line():
    data = load_yaml("- title: A\n  status: want\n\n- title: B\n", "r.yaml")
    assert [entry.line for entry in data] == [1, 4]


def test_line_offset_is_added_everywhere():
    data = load_yaml("title: T\ntags: [a]\n", "n.md", line_offset=1)
    assert data.line == 2 and data.line_of("tags") == 3
    with pytest.raises(YamlError) as info:
        load_yaml("title: T\n  bad: indent\n", "n.md", line_offset=1)
    assert info.value.problem.loc.line == 3


def test_ymap_is_a_plain_dict_for_equality():
    assert load_yaml("a: 1\nb: [x]\n", "x.yaml") == {"a": 1, "b": ["x"]}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("v: no", "no"), ("v: No", "No"), ("v: off", "off"), ("v: on", "on"), ("v: yes", "yes"),
        ("v: y", "y"), ("v: n", "n"), ("v: NO", "NO"),
        ("v: true", True), ("v: True", True), ("v: false", False), ("v: FALSE", False),
        ("v: 2024", 2024), ("v: -3", -3), ("v: 0", 0), ("v: 4", 4),
        ("v: '2024'", "2024"),
        ("v: ~", None), ("v: null", None), ("v:", None),
    ],
)
def test_scalars(text, value):
    loaded = load_yaml(text, "x.yaml")["v"]
    assert loaded == value and type(loaded) is type(value)


def test_norway_problem_tags_stay_the_strings_they_look_like():
    assert load_yaml("tags: [no, on, off, yes, y, n]", "x.yaml")["tags"] == ["no", "on", "off", "yes", "y", "n"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3.10", "3.10"),  # a Python version, not the float 3.1
        ("1:20", "1:20"),  # YAML 1.1 reads base 60: 80
        ("10:30", "10:30"),  # ... so a time would become 630
        ("010", "010"),  # YAML 1.1 reads octal: 8
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        (".inf", ".inf"),
        ("1.0e3", "1.0e3"),
        ("+5", "+5"),
    ],
)
def test_numbers_that_would_not_read_back_as_written_stay_text(written, expected):
    assert load_yaml(f"v: {written}\n", "x.yaml")["v"] == expected


def test_numbers_that_read_back_as_written_stay_numbers():
    data = load_yaml("a: 4\nb: -12\nc: 2.5\nd: 0\n", "x.yaml")
    assert (data["a"], data["b"], data["c"], data["d"]) == (4, -12, 2.5, 0)
    assert type(data["a"]) is int and type(data["c"]) is float


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("d: 2025-03-04", dt.date(2025, 3, 4)),
        ("d: 2025-03-04 10:15:00", dt.datetime(2025, 3, 4, 10, 15)),
        ("d: '2025-03-04'", "2025-03-04"),  # quoted stays text; dates.parse_when reads both
        ("d: 2025-02-30", "2025-02-30"),  # no such day: text, so the loader can say where
    ],
)
def test_dates(text, value):
    assert load_yaml(text, "x.yaml")["d"] == value


def test_datetime_with_offset_is_aware():
    when = load_yaml("d: 2025-03-04T10:15:00-08:00", "x.yaml")["d"]
    assert when.utcoffset() == dt.timedelta(hours=-8)


def test_the_global_pyyaml_loader_is_untouched():
    load_yaml("v: no", "x.yaml")
    assert yaml.safe_load("v: no") == {"v": False}


def test_syntax_error_is_a_problem_at_path_line():
    with pytest.raises(YamlError) as info:
        load_yaml("title: ok\ntags: [unclosed\ndate: 2025-01-01\n", "content/notes/a.md")
    problem = info.value.problem
    assert problem.level is Level.ERROR
    assert str(problem) == (
        "content/notes/a.md:3: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"
        "; the '[' opened on line 2 is not closed with ']' (a value in it that holds ',' or ':' needs quotes)"
    )


def test_bad_indentation_error_line():
    with pytest.raises(YamlError) as info:
        load_yaml("title: ok\n  bad: indent\n", "site.yaml")
    assert str(info.value.problem) == (
        "site.yaml:2: error: invalid YAML: mapping values are not allowed in this context; this line is indented more "
        "than the one above: line it up with the other keys (or, if it goes on with the value above, put that value in "
        "quotes)")


def test_tab_indentation_error_has_a_line():
    with pytest.raises(YamlError) as info:
        load_yaml("people:\n\t- name: x\n", "c.yaml")
    assert info.value.problem.loc.line == 2
    assert info.value.problem.message.startswith("invalid YAML: ")


def test_two_documents_is_an_error_not_a_crash():
    with pytest.raises(YamlError) as info:
        load_yaml("a: 1\n---\nb: 2\n", "x.yaml")
    assert info.value.problem.loc.line == 2


def test_a_list_as_mapping_key_is_a_problem():
    with pytest.raises(YamlError) as info:
        load_yaml("? [a, b]\n: value\n", "x.yaml")
    assert str(info.value.problem) == "x.yaml:1: error: invalid YAML: a mapping key must be plain text"


def test_non_string_keys_become_text():
    data = load_yaml("2024: a\ntrue: b\nno: c\n", "x.yaml")
    assert data == {"2024": "a", "True": "b", "no": "c"}
    assert data.line_of("2024") == 1 and data.line_of("no") == 3


def test_python_tags_are_refused():
    with pytest.raises(YamlError):
        load_yaml("x: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")


def test_empty_document_is_none():
    assert load_yaml("", "x.yaml") is None
    assert load_yaml("# only a comment\n", "x.yaml") is None


@pytest.mark.parametrize(("text", "line"), [
    ("title: [\n", 2),            # unclosed, nothing after it: the line of the "["
    ("title: [a, b\n", 2),
    ("a: 1\nb: {x: 1\n\n", 3),    # trailing blank lines do not count
    ("a: 'unclosed\n", 2),
    ("x: 1\ny: [\n  a,\n  b\n", 3),
])
def test_an_error_at_the_end_of_the_text_points_inside_it(text, line):
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "f.md", 1)
    assert caught.value.problem.loc.line == line


@pytest.mark.parametrize("text", [
    'title: "Why it\n  matters"\ntags: [a\n',  # a quote closed on the next line is fine: the bracket is not
    "title: ok\nsummary: 'It''s fine'\ntags: [a\n",
])
def test_a_hint_names_the_real_mistake_not_an_earlier_valid_value(text):
    with pytest.raises(YamlError) as info:
        load_yaml(text, "f.yaml")
    message = info.value.problem.message
    assert "never closed" not in message and "the '[' opened on line 3 is not closed" in message


@pytest.mark.parametrize("text", ["title: ok\n: nothing\n", "a: b\nc\n"])
def test_no_hint_when_none_fits(text):
    with pytest.raises(YamlError) as info:
        load_yaml(text, "f.yaml")
    assert ";" not in info.value.problem.message


def test_a_suggested_value_leaves_the_comment_out():
    with pytest.raises(YamlError) as info:
        load_yaml("title: Why: a story  # working title\n", "f.yaml")
    assert info.value.problem.message.endswith('needs quotes: title: "Why: a story"')


def test_a_quote_in_a_text_block_is_only_a_character():
    with pytest.raises(YamlError) as info:
        load_yaml('notes: |\n  He said: "hello\ntitle: Why: a story\n', "f.yaml")
    assert info.value.problem.message.endswith('needs quotes: title: "Why: a story"')


# ---- bounded: duplicate keys, deep nesting, aliases (yamlbounds.py) ----

def _refused(text: str, offset: int = 0) -> tuple[int, str]:
    with pytest.raises(YamlError) as info:
        load_yaml(text, "f.yaml", line_offset=offset)
    problem = info.value.problem
    assert problem.level is Level.ERROR and problem.loc.path == "f.yaml"
    return problem.loc.line, problem.message


@pytest.mark.parametrize(("text", "key", "line", "first"), [
    ("title: A\ndate: 2025-01-01\ntitle: B\n", "title", 3, 1),
    ("{a: 1, b: 2, a: 3}\n", "a", 1, 1),
    ("- name: A\n  x: 1\n- name: B\n  x: 2\n  x: 3\n", "x", 5, 4),  # within one entry only
    ("1: one\n'1': also one\n", "1", 2, 1),  # the same key once read as text
    ("a: &a {k: 1}\nb:\n  <<: *a\n  j: 2\n  j: 3\n", "j", 5, 4),
])
def test_a_key_twice_is_refused_at_its_second_line(text, key, line, first):
    assert _refused(text, offset=1) == (
        line + 1, f"duplicate key '{key}': it is already set on line {first + 1}, and only one of the two would "
                  f"be used: keep one (for a list, put all its items under one '{key}:')")


def test_a_merge_may_be_overridden_by_the_mappings_own_keys():
    data = load_yaml("base: &b {kind: book, status: want}\nentry:\n  <<: *b\n  status: finished\n", "f.yaml")
    assert data["entry"] == {"kind": "book", "status": "finished"}
    assert data["entry"].line_of("status") == 4


def test_anchors_that_repeat_a_little_are_fine():
    text = "pln: &pln [pln, learning]\n" + "".join(f"e{i}: {{tags: *pln}}\n" for i in range(1000))
    data = load_yaml(text, "f.yaml")
    assert data["e999"]["tags"] == ["pln", "learning"]


def test_a_long_file_of_merges_may_add_ten_times_what_it_writes():
    entries = "".join(f"- {{<<: *d, title: T{i}, n: {i}}}\n" for i in range(3000))
    data = load_yaml("- &d {kind: book, status: want, tags: [a, b]}\n" + entries, "f.yaml")
    assert len(data) == 3001 and data[-1]["kind"] == "book"


def test_an_alias_bomb_is_refused_where_it_passes_the_limit():
    names = "abcdefghi"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]" for p, n in zip(names, names[1:])]
    line, message = _refused("\n".join([*lines, "tags: *i"]) + "\n", offset=1)
    assert line == 6  # e: the first line whose aliases pass 10,000 values
    assert message.startswith("the aliases (*name) up to this line add 15,670 values to the document, past the "
                              "limit of 10,000")


def test_a_block_list_of_aliases_is_placed_at_the_list():
    text = "a: &a [" + ", ".join(["x"] * 100) + "]\nbig:\n" + "  - *a\n" * 200
    assert _refused(text)[0] == 3


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [x, [y, *a]]\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text):
    line, message = _refused(text)
    assert line == 1 and "holds the alias itself" in message


@pytest.mark.parametrize(("text", "line"), [
    ("v: " + "[" * 101 + "]" * 101 + "\n", 1),
    ("v:\n" + "".join("  " * i + "- \n" for i in range(1, 120)) + "  " * 120 + "- x\n", 101),
    ("v: " + "{a: " * 150 + "1" + "}" * 150 + "\n", 1),
    ("a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 60 + "*a" + "]" * 60 + "\n", 2),  # deep only once expanded
])
def test_nesting_past_the_limit_is_refused_at_its_line(text, line):
    found, message = _refused(text)
    assert (found, message) == (line, "lists and mappings are nested more than 100 deep here")


def test_nesting_up_to_the_limit_loads():
    assert load_yaml("[" * 100 + "]" * 100, "f.yaml") == eval("[" * 100 + "]" * 100)


@pytest.mark.parametrize(("text", "value"), [
    ("v: !!int five", "five"), ("v: !!int 0b12", "0b12"), ("v: !!float high", "high"),
    ("v: !!bool maybe", "maybe"), ("v: !!timestamp soon", "soon"),
    ("v: !!int 7", 7), ("v: !!float 2.5", 2.5), ("v: !!bool true", True), ("v: !!str 7", "7"),
])
def test_a_tagged_value_that_is_not_of_its_type_stays_text(text, value):
    """As an untagged one does: the loader that reads the field says what is wrong, at its line."""
    loaded = load_yaml(text, "x.yaml")["v"]
    assert loaded == value and type(loaded) is type(value)


def test_a_mapping_tag_on_a_list_is_a_problem_at_its_line():
    with pytest.raises(YamlError) as info:
        load_yaml("a: 1\nb: !!map [1, 2]\n", "x.yaml")
    assert str(info.value.problem).startswith("x.yaml:2: error: invalid YAML: expected a mapping node, but found "
                                              "sequence")
