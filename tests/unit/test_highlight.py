"""plnsite.markdown.highlight's state scanner: the same tokens as Pygments' own RegexLexer loop."""

from __future__ import annotations

import functools
import inspect
import json
import re
import textwrap
from pathlib import Path

import pytest
from pygments.lexer import RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Keyword, Name, Number, Text

from plnsite import speedups
from plnsite.markdown.highlight import _lexer, render_fence
from plnsite.markdown import scanner
from plnsite.markdown.scanner import StateScanner, first_chars
from tests.versions import speedup_skip_reason

ROOT = Path(__file__).resolve().parents[2]
# The scanner is compared with Pygments' own loop whatever PLNSITE_STOCK says, but only with
# a Pygments it is tested with (plnsite does not use it with another).
scanner_in_range = pytest.mark.skipif(speedup_skip_reason("pygments") is not None,
                                      reason=str(speedup_skip_reason("pygments")))


def _stock(name: str):
    return get_lexer_by_name(name, stripnl=False, ensurenl=True)


def _samples() -> list[tuple[str, str]]:
    """Real files of several languages: this project's own, and the standard library's."""
    found = [("python", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "plnsite").rglob("*.py"))]
    found += [("python", inspect.getsource(m)) for m in (re, json, textwrap, functools)]
    found += [("javascript", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "plnsite/serve").glob("*.js"))]
    found += [("css", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "themes").rglob("*.css"))]
    found += [("html", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "themes").rglob("*.html"))]
    found += [("toml", (ROOT / "pyproject.toml").read_text(encoding="utf-8"))]
    found += [("markdown", (ROOT / "README.md").read_text(encoding="utf-8"))]
    found += [("ini", "[a]\nb = 1 ; c\n# d\n"), ("diff", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n"),
              ("sql", "SELECT a, 'b''c' FROM t WHERE x >= 1 -- n\n"),
              ("go", 'package main\nfunc main() { fmt.Println("hi", `raw`) }\n'),
              ("python", 'f"{x!r:>{w}}" rb"\\d" Rf\'\'\'{y}\'\'\'\n@dec\nclass A(B): pass\n'),
              ("python", "x = (1,\n  'unterminated\n)\n\t\x00 \u00e9t\u00e9 = 1\n")]
    return found


@scanner_in_range
@pytest.mark.parametrize("language", ["python", "javascript", "css", "html", "toml", "markdown", "ini", "sql", "go"])
def test_common_languages_use_the_scanner(language):
    lexer = _lexer(language, True)
    assert isinstance(lexer.__dict__.get("get_tokens_unprocessed"), functools.partial)


def test_plnsite_highlights_with_it_unless_switched_to_stock():
    lexer = _lexer("python", speedups.enabled("pygments"))
    assert isinstance(lexer.__dict__.get("get_tokens_unprocessed"), functools.partial) is speedups.enabled("pygments")
    assert "get_tokens_unprocessed" not in _lexer("python", False).__dict__


@scanner_in_range
@pytest.mark.parametrize("join_after", [0, 10**12], ids=["joined", "one-by-one"])
def test_scanner_gives_the_stock_tokens_on_real_files(join_after, monkeypatch):
    monkeypatch.setattr(scanner, "JOIN_AFTER_CHARS", join_after)
    samples = _samples()
    assert len(samples) > 60
    for language, text in samples:
        fast, stock = _lexer(language, True), _stock(language)
        assert list(fast.get_tokens(text)) == list(stock.get_tokens(text)), language


def test_highlighted_html_is_the_same_as_pygments_highlight():
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    code = (ROOT / "plnsite/markdown/highlight.py").read_text(encoding="utf-8")
    expected = highlight(code, _stock("python"), HtmlFormatter(cssclass="highlight", wrapcode=True))
    assert render_fence(code, "python") == expected


class _Backrefs(RegexLexer):
    tokens = {"root": [(r"(a)\1", Keyword), (r".", Text)]}


@scanner_in_range
def test_rules_the_alternation_cannot_express_keep_the_stock_loop():
    _Backrefs()  # _tokens is built on first use
    assert StateScanner.of(_Backrefs) is None


@scanner_in_range
def test_leading_global_flags_stay_with_their_rule():
    class Flags(RegexLexer):
        tokens = {"root": [(r"(?i)abc", Keyword), (r"ABC", Name), (r"(?x) d  # a comment", Number),
                           (r"\s+|.", Text)]}

    Flags()
    scanner = StateScanner.of(Flags)
    assert scanner is not None
    text = "ABC abc Abc d D\n"
    assert list(scanner.tokens(Flags(), text)) == list(Flags().get_tokens_unprocessed(text))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"abc", {"a"}),
    (r"(?i)abc", {"a", "A"}),
    (r"[0-3x]+y", {"0", "1", "2", "3", "x"}),
    (r"\b(def|class)\b", {"d", "c"}),
    (r"(?=x)xy|z?q", {"x", "z", "q"}),
    (r"\d", set("0123456789")),
    (r"a*", None),  # matches the empty string: anywhere
    (r"[^a]", None),
    (r".", None),
    (r"(?i)\u212a", None),  # the Kelvin sign matches "k" when case is ignored
    (r"(?i)[\u2000-\u2200k]", None),
])
def test_first_chars(pattern, expected):
    found = first_chars(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


@scanner_in_range
def test_rules_that_cannot_share_a_regex_are_tried_one_by_one():
    class Named(RegexLexer):
        tokens = {"root": [(r"(?P<x>a)b", Keyword), (r"(?P<x>a)", Name), (r"\s+|.", Text)]}

    Named()
    scanner = StateScanner.of(Named)
    assert scanner is not None
    text = "ab a c\n"
    assert list(scanner.tokens(Named(), text)) == list(Named().get_tokens_unprocessed(text))


@scanner_in_range
def test_a_lexer_joins_its_rules_only_once_it_has_read_enough(monkeypatch):
    """A fence or two (a warm build, a preview save) compiles nothing; many fences do."""
    monkeypatch.setattr(scanner, "JOIN_AFTER_CHARS", 5_000)

    class Fresh(RegexLexer):
        tokens = {"root": [(r"[a-z]+", Keyword), (r"\d+", Text), (r"\s+", Text), (r".", Text)]}

    lexer = Fresh()  # a RegexLexer's rules are processed with its first instance
    fresh = StateScanner.of(Fresh)
    text = "abc 123 x!\n" * 100  # 1,100 characters
    for _ in range(4):
        assert list(fresh.tokens(lexer, text)) == list(Fresh().get_tokens_unprocessed(text))
    assert all(not state.joined for state in fresh.states.values())
    for _ in range(2):
        assert list(fresh.tokens(lexer, text)) == list(Fresh().get_tokens_unprocessed(text))
    assert any(state.joined for state in fresh.states.values())
