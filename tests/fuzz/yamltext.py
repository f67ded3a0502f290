"""YAML text a user (or a careless tool) writes as a value: every type, and some that are not YAML.

Each strategy gives the *text* of a value. One line is written after ``key:``; a value of
several lines (block lists and mappings, block scalars) is written below its key, indented.
"""

from __future__ import annotations

import json

from functools import cache

from hypothesis import strategies as st

__all__ = ["CONTROLS", "control_text", "keys", "plain_text", "tag_values", "values"]

# C0 controls but TAB/LF/CR, DEL, C1 controls, and the two noncharacters XML forbids.
CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]))

# Text of many scripts and shapes: letters, marks, emoji, right-to-left, wide, spaces.
_ALPHABET = st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs", "Cc"))
WORDS = st.sampled_from([
    "pln", "Social Media", "social-media", "code", "Café Culture", "café culture", "Cafe\u0301 Culture",
    "学习", "machine learning", "Machine-Learning", "no", "on", "yes", "2024", "3.10", "1:20", "010",
    "C++", "C#", ".NET", "node.js", "a/b", "..", ".", "-", "_", "---", "!!!", "%2F", "%2e%2e", "#tag",
    "tag?x=1", "&amp;", "<b>x</b>", "'quoted'", '"dq"', "x" * 40, "🙂", "🙂" * 30, "עברית", "مرحبا",
    "\u202eevil", "ﬁ ligature", "Ⅻ", "İstanbul", "ß", "ǅ", "index", "page", "feed.xml", "tags", "notes",
    "network", "404", "CON", "nul", "first-note", "second-note", "First Note", "alice", "bob", "secret",
    "Deep Book", "deep-book", "about",
])


@cache
def plain_text(max_size: int = 30) -> st.SearchStrategy[str]:
    """Text of any script (no control characters), from short words to sentences."""
    return st.one_of(WORDS, st.text(_ALPHABET, min_size=0, max_size=max_size))


@cache
def control_text() -> st.SearchStrategy[str]:
    """Text with control characters in it (a pasted ANSI colour code, a NUL, a C1 control)."""
    return st.builds(
        lambda a, c, b: a + c + b, plain_text(8),
        st.one_of(st.sampled_from(["\x1b[32m", "\x1b[0m", "\x00", "\x07", "\x0c", "\x7f", "\x85", "\x9b"]),
                  st.text(st.sampled_from(CONTROLS), min_size=1, max_size=3)),
        plain_text(8))


def _double_quoted(text: str, ascii_only: bool) -> str:
    # JSON's escapes are YAML's too; a control character becomes an escape YAML turns back into it.
    return json.dumps(text, ensure_ascii=ascii_only)


_ESCAPES = st.sampled_from([
    r"\e[32mPASSED\e[0m", r"\a", r"\0", r"\x1b", r"\x85", r"\N", r"\_", r"\L", r"\P", r"\u202e",
    r"\U0001F600", r"\ud800", r"\uDFFF", r"\uFFFE", r"\uffff", r"\t", r"\v", r"\f", r"\b", r"\/",
    r"\x7f", r"\x9f", r"\u0000", "\\\n  folded",
])


def _escaped() -> st.SearchStrategy[str]:
    """A double-quoted YAML string with escapes: control characters, NEL, lone surrogates…"""
    return st.builds(lambda a, e, b: f'"{a}{e}{b}"', st.sampled_from(["", "x", "Title "]), _ESCAPES,
                     st.sampled_from(["", "y", " tail"]))


_NUMBERS = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True).map(repr),
    st.sampled_from([".inf", "-.Inf", ".NaN", "0x1F", "0o17", "017", "1_000", "1e400", "-0", "+1", "0b1010",
                     "12:30:00", "1:20", "3.10", "99999999999999999999999999", "1.5e-320", "0", "-1", "6", "1e3"]),
)
_NULLS_AND_BOOLS = st.sampled_from(["", "~", "null", "Null", "NULL", "true", "false", "True", "FALSE",
                                    "yes", "no", "on", "off", "y", "n"])
_DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.builds(lambda d, zone: d.isoformat() + zone, st.datetimes(),
              st.sampled_from(["", "Z", "+14:00", "-12:00", "+05:30", "-00:00", " +01:00"])),
    st.sampled_from([
        "2024-02-30", "2024-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00", "10000-01-01", "2024-1-1", "2024-01-01T25:00:00", "2024-01-01T10:00:00Z",
        "2024-01-01 10:00:00.123456789 -5", "2024-01-01t10:00:00", "1999-12-31T23:59:60", '"2024-03-04"',
        "'2025-06-01'", "2025-06-01T12:00:00+01:00", "2099-01-01", "2024-06-01", "today", "yesterday",
        "2024-02-29", "2023-02-29", "1970-01-01T00:00:00Z", "1900-01-01",
    ]),
)


_URLS = st.sampled_from([
    "https://example.org/", "http://example.org/x?y=1&z=2#f", "https://例え.jp/パス/", "https://ex ample.org/",
    "javascript:alert(1)", "data:text/html,<b>x</b>", "mailto:pat@example.org", "tel:+16045550199",
    "//evil.example/", "/notes/", "notes/first-note/", "../x.md", "http://[::1", "http://", "https:", "",
    "ftp://files.example.org/a", "https://example.org/" + "a" * 300, "https://example.org/%ZZ",
    "https://user:pw@example.org/", "https://example.org/\u202e", "<https://example.org/>",
])

_TAGGED = st.sampled_from([
    "!!str 5", '!!int "x"', "!!float abc", "!!binary aGVsbG8=", "!!binary '!!!'", "!!timestamp 2024-01-01",
    "!!timestamp nope", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!python/object:os.system x",
    "!!python/name:os.system", "!local x", '!!null ""', "!!bool yes", "!!map {}", "!!map [1, 2]",
    "!!seq []", "!!seq {a: 1}", "!!str", "&a x", "*undefined", "&a [x, *a]", "[&a x, *a, *a]",
    "{<<: {a: 1}, b: 2}", "{<<: [1, 2]}", "{? [a] : 1}", "{[a]: 1}", "{{a: 1}: 2}", "? complex\n: key",
    "|\nliteral line\n  more", ">-\nfolded\ntext", "|-\n", "|\n\ttab", "&x\n- a\n- *x", "[", "{", "]", "}",
    "'unclosed", '"unclosed', "a: b", "- x", "key: value: more", "@reserved", "`backtick", "%YAML 1.2",
    "[a, [b, [c, [d]]]]", "{a: {b: {c: {d: e}}}}", "[]", "{}", "[[]]", "[{}]", "[~]", "[null, 1, true]",
])


def _scalars(allow_controls: bool) -> st.SearchStrategy[str]:
    texts = plain_text()
    if allow_controls:
        texts = st.one_of(texts, control_text())
    return st.one_of(
        WORDS,
        st.builds(_double_quoted, texts, st.booleans()),
        st.text(_ALPHABET, max_size=20).map(lambda t: "'" + t.replace("'", "''") + "'"),
        _NUMBERS, _NULLS_AND_BOOLS, _DATES, _URLS.map(lambda u: json.dumps(u)),
        st.integers(1000, 60000).map(lambda n: "x" * n),
        st.builds(lambda w, n: json.dumps(w * n), WORDS, st.integers(1, 3000)),
        *([_escaped()] if allow_controls else []),
    )


def _flow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, max_size=5).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(WORDS.map(json.dumps), children), max_size=4)
        .map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    )


def _block(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A block list or mapping, written below its key (the value starts with a line break)."""
    def seq(xs):
        return "\n" + "\n".join("- " + x.replace("\n", "\n  ") for x in xs)

    def mapping(kv):
        return "\n" + "\n".join(f"{k}: " + v.replace("\n", "\n  ") for k, v in kv)

    flat = children.filter(lambda v: "\n" not in v)
    return st.one_of(st.lists(flat, min_size=1, max_size=4).map(seq),
                     st.lists(st.tuples(WORDS.map(json.dumps), flat), min_size=1, max_size=4).map(mapping))


@cache
def values(allow_controls: bool = True) -> st.SearchStrategy[str]:
    """The YAML text of any value: scalars of every type, nested lists and maps, tags, anchors,
    escapes, and text that is not YAML at all."""
    scalars = _scalars(allow_controls)
    nested = st.recursive(scalars, _flow, max_leaves=12)
    return st.one_of(scalars, nested, _block(nested), _TAGGED,
                     st.text(_ALPHABET, max_size=40))  # whatever was typed, YAML or not


@cache
def tag_values(allow_controls: bool = True) -> st.SearchStrategy[str]:
    """What a ``tags:`` line holds: a list, a comma or space separated string, or anything."""
    tag = st.one_of(WORDS, plain_text(20), st.integers(1, 300).map(lambda n: "t" * n),
                    st.integers(1, 120).map(lambda n: "🙂" * n),
                    *([control_text()] if allow_controls else []))
    return st.one_of(
        st.lists(tag, max_size=6).map(lambda ts: "[" + ", ".join(json.dumps(t, ensure_ascii=False) for t in ts) + "]"),
        st.lists(tag, max_size=6).map(lambda ts: json.dumps(", ".join(ts), ensure_ascii=False)),
        st.lists(tag, max_size=4).map(lambda ts: "\n" + "\n".join("- " + json.dumps(t) for t in ts) if ts else "[]"),
        values(allow_controls),
    )


@cache
def keys(known: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A key: mostly one the loader knows, else a misspelling, another case, or anything."""
    return st.one_of(
        st.sampled_from(known),
        st.sampled_from(known).map(str.upper),
        st.sampled_from(known).map(lambda k: k[:-1] + k[-1] * 2),
        st.sampled_from(["<<", "?", "1", "null", "~", "true", '"title"', "'tags'", "title ", "? [a]\n",
                         "e-mail", "Mobile", "telephone", "visibility", "private", "hidden", "published", "id",
                         "-", "a b", "ключ", "🙂", "x" * 300]),
        st.text(_ALPHABET, min_size=1, max_size=12).map(json.dumps),
    )
