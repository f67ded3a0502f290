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


# Lines a list is made of, and the lines around lists that decide where one ends (or that it is
# not simple): the shortcut for simple lists (shortcuts._simple_list) against markdown-it's rule.
_LIST_LINES = [
    "- Foo", "- bar baz", "* Star", "+ Plus", "1. One", "2. Two", "7) Seven", "10. Ten", "1234567890. big",
    "0. zero", "- Foo  ", "- a | b", "- [ ] task", "- [x] done", "-  two spaces", "-\ttab", " - indented",
    "   - three", "    - code", "-", "- ", "- 1. nested", "- - nested", "- # head", "- > quote", "- `code`",
    "- *em*", "- [[Note]]", "- é", "- x", "---", "***", "- - -", "* * *", "text", "  lazy", "  more",
    "Setext", "===", "# Heading", "> quote", "```", "| a |", "|---|", "[^1]: note", "<div>", "$$", "",
]


def _list_documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    simple = [line for line in _LIST_LINES[:6]]
    documents = []
    for _ in range(count):
        lines = []
        for _ in range(rng.randint(1, 12)):
            pick = rng.random()
            if pick < 0.45:
                marker = rng.choice(["- ", "* ", "+ ", "1. ", "3. ", "1) "])
                lines += [marker + rng.choice(["Foo", "bar", "x y", "Item [[Note]]", "a *b*"])
                          for _ in range(rng.randint(1, 4))]
            elif pick < 0.7:
                lines.append("")
            else:
                lines.append(rng.choice(_LIST_LINES + simple))
        documents.append("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    return documents


def _block_tokens(md, text: str) -> list[tuple]:
    """Every field of the block tokens (an inline token's children are the prose fast path's
    where it applies, so they are compared through the HTML)."""
    return [(t.type, t.tag, t.nesting, t.map, t.level, t.markup, t.info, dict(t.attrs), t.hidden, t.block,
             t.content, t.meta) for t in md.parse(text, {LINKS: []})]


@pytest.mark.parametrize("seed", range(3))
def test_lists_render_the_same_token_for_token(seed, monkeypatch):
    import plnsite.markdown.shortcuts as shortcuts

    taken = []
    simple_list = shortcuts._simple_list
    monkeypatch.setattr(shortcuts, "_simple_list", lambda *args: taken.append(simple_list(*args)) or taken[-1])
    for text in _list_documents(1500, seed):
        assert _block_tokens(FAST, text) == _block_tokens(STOCK, text), text
        assert _render(FAST, text) == _render(STOCK, text), text
    assert taken.count(True) > 300 and taken.count(False) > 100, "both ways were taken"


def test_a_simple_list_is_made_by_the_shortcut(monkeypatch):
    import plnsite.markdown.shortcuts as shortcuts

    taken = []
    simple_list = shortcuts._simple_list
    monkeypatch.setattr(shortcuts, "_simple_list", lambda *args: taken.append(simple_list(*args)) or taken[-1])
    text = "- Alpha\n- Beta\n\n3. Gamma\n4. Delta\n\nAfter.\n"
    assert _render(FAST, text) == _render(STOCK, text)
    assert taken == [True, True]  # the bullet list (a digit after it cannot go on with it), the ordered one
    assert FAST.render(text) == ("<ul>\n<li>Alpha</li>\n<li>Beta</li>\n</ul>\n<ol start=\"3\">\n<li>Gamma</li>\n"
                                 "<li>Delta</li>\n</ol>\n<p>After.</p>\n")
