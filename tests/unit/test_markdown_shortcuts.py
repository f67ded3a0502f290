"""The parser's speed-ups (inline rule dispatch, plain-URL normalizing) change no output.

Differential tests: the configured parser with the shortcuts against the same configuration
without them (stock markdown-it-py), on every Markdown file in this repository and on
generated documents dense in the characters inline rules start at. Both parsers are made
here, whatever PLNSITE_STOCK says; the module skips where the installed markdown-it-py is
outside the range the shortcuts are tested with (plnsite does not use them there).
"""

from __future__ import annotations

import inspect

import random
from pathlib import Path

import pytest
from markdown_it.common.normalize_url import normalizeLink

from plnsite import speedups
from plnsite.markdown.parser import MD, make_parser
from plnsite.markdown.wikilinks import LINKS
from tests.versions import speedup_skip_reason

if speedup_skip_reason("markdown"):
    pytest.skip(speedup_skip_reason("markdown"), allow_module_level=True)

from plnsite.markdown.shortcuts import _normalize_link  # noqa: E402 - only where it may be imported

ROOT = Path(__file__).resolve().parents[2]
FAST = make_parser(shortcuts=True)
STOCK = make_parser(shortcuts=False)

_PIECES = [
    "*", "**", "_", "__", "`", "``", "~~", "~", "[", "]", "(", ")", "!", "<", ">", "&amp;", "&#35;", "&nope;",
    "\\", "\\*", "\n", "\n\n", "  \n", "[[Note]]", "[[a#b|c]]", "[^1]", "^[inline]", "[^1]: def\n", "[x](y.md)",
    "[x](http://a.b/c?d=e#f)", "![alt *em*](i.png)", "<http://a.b>", "<a@b.c>", "<span>", "</span>", "<!-- c -->",
    "word", "two words", " ", "-", "+", ":", "=", "@", "#", "$", "%", "^", "{", "}", "é", "学", "\t",
    "[ref]", "[ref]: /url 'title'\n", "- [ ] task\n", "- [x] done\n", "1. item\n", "> quote\n", "# h\n",
    "```py\nx = 1\n```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "http://example.com", "[a [b] c](d)",
    "[link](<url with spaces>)", "[t](HTTPS://EXAMPLE.com/%7e)", "[t](mailto:me@x.y)", "[t](//host/p)",
    "[t](javascript:alert(1))", "[t](http://[::1]/)", "[t](http://ex.com/ü)", "[t](../a%20b.md#frag)",
    # block starts, at a line's start or indented
    "    code\n", "  ", "***\n", "---\n", "===\n", "___\n", "1) x\n", "2. y\n", "+ x\n", "* y\n", "  - nested\n",
    "> > q\n", ">\n", "<div>\n", "</div>\n", "<pre>\n", "<!--\n", "-->\n", "[^n]: d\n", "[r]: /u\n", "| x |\n",
    "|---|\n", "~~~\n", "```\n", "## h ##\n", "#nope\n", "10. ten\n", "9. nine\n", "5) five\n", "\t- tab\n",
    # math: inline, display, prices, and formulas that are shown as code
    "$x^2$", "$a_i$", "$5", "$ x $", "\\$", "$$\n", "$$x$$\n", "\\frac{a}{b}", "$\\foo$", "${x$", "```mermaid\n",
]


def _documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def _repo_markdown() -> list[str]:
    files = [p for p in ROOT.rglob("*.md") if ".git" not in p.parts and ".cache" not in p.parts]
    return [p.read_text(encoding="utf-8") for p in sorted(files)]


def _render(md, text: str) -> tuple[str, list]:
    env: dict = {LINKS: []}
    return md.render(text, env), env[LINKS]


def _block_loop(md):
    """The block loop inside nesting.py's bound: the shortcut's own, or markdown-it's method."""
    return md.block.tokenize.__wrapped__


def _has_shortcuts(md) -> bool:
    return (not inspect.ismethod(_block_loop(md))
            and "plnsite_inline" in [r.name for r in md.inline.ruler.__rules__ if r.enabled])


def test_shortcuts_are_installed():
    assert [r.name for r in FAST.inline.ruler.__rules__ if r.enabled] == ["plnsite_inline"]
    assert not inspect.ismethod(_block_loop(FAST)) and inspect.ismethod(_block_loop(STOCK))
    assert "plnsite_inline" not in [r.name for r in STOCK.inline.ruler.__rules__ if r.enabled]


def test_plnsite_parses_with_them_unless_switched_to_stock():
    assert _has_shortcuts(MD) is speedups.enabled("markdown")


def test_repository_markdown_renders_the_same():
    texts = _repo_markdown()
    assert len(texts) > 20
    for text in texts:
        assert _render(FAST, text) == _render(STOCK, text)


@pytest.mark.parametrize("seed", range(4))
def test_generated_documents_render_the_same(seed):
    for text in _documents(1500, seed):
        assert _render(FAST, text) == _render(STOCK, text), text


def test_plain_url_shortcut_agrees_with_markdown_it():
    rng = random.Random(7)
    pieces = ["http://", "https://", "HTTP://", "mailto:", "//", "/", "a.B", "Example.COM", ":80", "@", "?q=1&b",
              "#frag", "..", "www.", "user:pw@", "javascript:", "x:", "~u", "(", ")", "'", "*", ",", ";", "=",
              "+", "!", "$", "::", "-", ".", "%", "%2F", " ", "é", "[", "]"]
    for _ in range(40000):
        url = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert _normalize_link(url) == normalizeLink(url), url
