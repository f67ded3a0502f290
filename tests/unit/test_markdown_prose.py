"""The prose fast path writes exactly the HTML (and records the links) markdown-it would, or declines.

Differential tests against markdown-it's own inline parser, on generated prose dense in
the constructs the fast path reads and in the characters next to them that change what
they mean (a marker inside a word, a space before a newline, a second backtick). The
module skips where the installed markdown-it-py is outside the range the markdown speed-up
is tested with (plnsite does not use it there).
"""

from __future__ import annotations

import random

import pytest

from plnsite.markdown.parser import make_parser
from plnsite.markdown.wikilinks import BASE_LINE, LINKS
from tests.versions import speedup_skip_reason

if speedup_skip_reason("markdown"):
    pytest.skip(speedup_skip_reason("markdown"), allow_module_level=True)

from plnsite.markdown.prose import prose_html  # noqa: E402 - only where it may be imported

FAST = make_parser(shortcuts=True)
STOCK = make_parser(shortcuts=False)

# Pieces the fast path reads, and pieces beside which their meaning changes (or which it
# declines); documents mix them so that most are read and many sit next to a hazard.
_WORDS = ["word", "Two", "x1", "é", "学", "a", "9", "snake_case", "a_b_c", "(aside)", "end.", "why?", "wow!",
          "-", ":", "@", "#", "$", "%", "+", "=", "{", "}", ">", "]", "& ", "'q'", '"q"', "\t", "  ", "a-b", "x!y"]
_SPANS = ["*em*", "**strong**", "_em_", "__strong__", "*two words*", "**a, b (c)**", "*x*.", "**x**)", "`code`",
          "`a b`", "`a*b_c`", "`<x>`", "[text](http://a.b/c)", "[t](other.md)", "[t](../n.md#frag)", "[t](/abs/path)",
          "[t](#top)", "[[Note]]", "[[a#b|c]]", "[[ x | y ]]", "[[Note|]]"]
_HAZARDS = ["*", "**", "_", "__", "`", "``", "[", "[x]", "![", "\\", "<b>", "&amp;", "&", "!", "^", "^[n]", "~",
            "*x*y", "_x_y", "*x*é", "_x_é", "***both***", "*a **b** c*", "` pad `", "`x``", "``x``", "[t](a&amp;b)",
            "[t](http://ex.com/ü)", "[t](x y)", "[t](<u>)", '[t](u "title")', "[t]( u )", "[*t*](u)", "[[#f]]",
            "[[ ]]", "![alt](i.png)", "[^1]", "<http://a.b>", "[t](javascript:x)", "[t](HTTP://A.B)"]
_JOINS = [" ", " ", " ", " ", "", "\n", ", ", ". ", "(", ")", "\t", " \n", "  \n", "\n ", "\n\t"]


def _prose(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 16)):
        roll = rng.random()
        parts.append(rng.choice(_HAZARDS if roll < 0.04 else _SPANS if roll < 0.4 else _WORDS))
        parts.append(rng.choice(_JOINS[:9] if rng.random() < 0.95 else _JOINS))
    return "".join(parts).strip(" \n\t")


def _stock_inline(content: str, line: int) -> tuple[str, list]:
    """markdown-it's own inline parse and rendering of ``content``, and the links it recorded."""
    env: dict = {LINKS: [], BASE_LINE: line}
    tokens = STOCK.inline.parse(content, STOCK, env, [])
    return STOCK.renderer.renderInline(tokens, STOCK.options, env), env[LINKS]


def test_typical_prose_takes_the_fast_path():
    text = ("Some *emphasis*, **strong** words and `code()` here.\nA [link](https://example.org/x?a=1) "
            "and [[Other note|a <wikilink>]], [[Bare]], [a note](other.md#part), snake_case_names, 3 > 2: fine!")
    env: dict = {LINKS: ["earlier"], BASE_LINE: 4}
    assert prose_html(text, env) == (
        "Some <em>emphasis</em>, <strong>strong</strong> words and <code>code()</code> here.\n"
        'A <a href="https://example.org/x?a=1">link</a> and \x021<\x03a &lt;wikilink&gt;\x021>\x03, '
        "\x022<\x03\x022=\x03\x022>\x03, \x023<\x03a note\x023>\x03, snake_case_names, 3 &gt; 2: fine!")
    assert [(ref.kind, ref.target, ref.fragment, ref.line) for ref in env[LINKS][1:]] == [
        ("wiki", "Other note", "", 5), ("wiki", "Bare", "", 5), ("md", "other.md", "part", 5)]


@pytest.mark.parametrize("content", ["a *b", "x\\*y", "a  \nb", "<b>x</b>", "[ref]", "a ~~s~~", "&amp;",
                                     "![i](p.png)", "***x***", "`a``", "[t](javascript:x)", "[[ ]]", "[ ] task"])
def test_declines_what_it_does_not_read(content):
    env: dict = {LINKS: []}
    assert prose_html(content, env) is None
    assert env[LINKS] == []


@pytest.mark.parametrize("seed", range(3))
def test_generated_prose_gives_markdown_its_html(seed):
    rng = random.Random(seed)
    taken = 0
    for _ in range(4000):
        content = _prose(rng)
        line = rng.randint(0, 5)
        env: dict = {LINKS: [], BASE_LINE: line}
        got = prose_html(content, env)
        if got is None:
            continue
        taken += 1
        assert (got, env[LINKS]) == _stock_inline(content, line), content
    assert taken > 800  # the generator reaches the fast path often, not only its refusals


@pytest.mark.parametrize("seed", range(2))
def test_generated_documents_render_as_markdown_it_does(seed):
    rng = random.Random(100 + seed)
    blocks = ["# Title\n", "## A *heading*\n", "- item *one*\n- item [[two]]\n", "1. first\n2. `second`\n",
              "> quoted **text**\n", "| a | *b* |\n|---|---|\n| [x](y.md) | `z` |\n", "- [ ] task *t*\n",
              "text[^1]\n\n[^1]: a *note*\n", "```py\nx = 1\n```\n"]
    for _ in range(1500):
        doc = "\n".join(rng.choice(blocks) if rng.random() < 0.3 else _prose(rng) + "\n" for _ in range(rng.randint(1, 8)))
        env_fast: dict = {LINKS: []}
        env_stock: dict = {LINKS: []}
        assert FAST.render(doc, env_fast) == STOCK.render(doc, env_stock), doc
        assert env_fast[LINKS] == env_stock[LINKS], doc
