"""sources.py, what a value may hold: the characters no web page or feed can hold, dropped; the shapes a field cannot be,
named. YAML comes from real YAML text, so lines are the lines a person sees."""

from __future__ import annotations

import datetime as dt

import pytest

from plnsite.errors import Problems
from plnsite.sources import drop_controls, drop_yaml_controls, shape_of
from plnsite.yamlio import YMap, load_yaml


@pytest.mark.parametrize("text, kept, what", [
    ("\x1b[32mPASSED\x1b[0m", "PASSED", "a terminal colour code 'ESC[32m'"),
    ("\x1b[1;31;40mred", "red", "a terminal colour code 'ESC[1;31;40m'"),
    ("clear\x1b[2J", "clear", "a terminal escape code 'ESC[2J'"),
    ("\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", "link", "a terminal escape code 'ESC]8;;https://x.example"
                                                              "ESC\\'"),
    ("\x1b(B\x1b[m$ ", "$ ", "a terminal escape code 'ESC(B'"),
    ("\x9b31mred", "red", "a terminal colour code 'CSI31m'"),
    ("a\x07b", "ab", "the control character U+0007"),
    ("a\x00b", "ab", "the control character U+0000"),
    ("a\x0bb\x0cc", "abc", "the control character U+000B"),
    ("a\x7fb", "ab", "the control character U+007F"),
    ("a\x85b", "ab", "the control character U+0085"),
    ("a\ufffeb\uffff", "ab", "the control character U+FFFE"),
    ("a\ufdd0b", "ab", "the control character U+FDD0"),
    ("a\U0001fffeb\U0010ffff", "ab", "the control character U+1FFFE"),
    ("a\ud800b", "ab", "the control character U+D800"),
    ("a lone \x1b at the end", "a lone  at the end", "the control character U+001B"),
])
def test_drop_controls(text, kept, what):
    clean, dropped = drop_controls(text, None if "\ud800" in text else text.encode("utf-8"))
    assert (clean, dropped) == drop_controls(text)
    assert clean == kept
    assert dropped.what == what
    assert dropped.index == 0 if text[0] in "\x1b\x9b" else dropped.index > 0


@pytest.mark.parametrize("text", [
    "plain", "tab\tnewline\ncr\r", "é 学 🦄 \u2028 \ufeff \ue000 \U0010fffd", "",
    "\xa0«\xa0oui\xa0» ©", "\U00020000 \U0002fffd \U0010fffd", "\u0ffe \uffef \ufdcf \ufdf0",
])
def test_what_xml_and_html_can_hold_is_kept_as_the_same_string(text):
    for data in (None, text.encode("utf-8")):
        clean, dropped = drop_controls(text, data)
        assert clean is text and dropped is None


def test_the_message_counts_the_other_lines_and_never_prints_a_control():
    _, dropped = drop_controls("one\x1b[31m\ntwo\nthree\x07\nfour\x07\x07\n")
    assert dropped.message() == ("a terminal colour code 'ESC[31m' dropped: web pages and feeds cannot hold "
                                 "control characters (2 more lines of this file had such characters)")
    _, dropped = drop_controls("\x1b]0;\x85\x07")
    assert "\x85" not in dropped.what and "<U+0085>" in dropped.what


def test_drop_yaml_controls_keeps_lines_and_warns_at_the_first_key():
    text = 'title: fine\nitems:\n  - "\\e[1mbold"\n  - plain\nsub:\n  "k\\a": "v\\x07"\n'
    data = load_yaml(text, "f.yaml")
    problems = Problems()
    clean = drop_yaml_controls(data, text, "f.yaml", problems)
    assert clean == {"title": "fine", "items": ["bold", "plain"], "sub": {"k": "v"}}
    assert isinstance(clean, YMap) and clean.key_lines == {"title": 1, "items": 2, "sub": 5}
    assert clean["sub"].key_lines == {"k": 6}
    assert [str(p) for p in problems.freeze()] == [
        "f.yaml:2: warning: a terminal colour code 'ESC[1m', written by an escape in 'items', dropped: web pages "
        "and feeds cannot hold control characters"]


def test_drop_yaml_controls_gives_back_the_same_object_when_there_is_none():
    for text in ("title: a\ntags: [b, c]\n", 'title: "a\\tb \\u00e9"\n'):
        data = load_yaml(text, "f.yaml")
        problems = Problems()
        assert drop_yaml_controls(data, text, "f.yaml", problems) is data
        assert problems.freeze() == ()


@pytest.mark.parametrize("value, shape", [
    ([1], "a list"), ((1, 2), "a list"), ({}, "a mapping"), (YMap(), "a mapping"), ({1}, "a set"),
    (b"x", "binary data"), ("text", None), (5, None), (1.5, None), (True, None), (None, None),
    (dt.date(2024, 1, 1), None), (dt.datetime(2024, 1, 1), None),
])
def test_shape_of(value, shape):
    assert shape_of(value) == shape
