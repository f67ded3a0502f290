"""Bounds on how deep Markdown nests, so that one pathological note costs about what an
ordinary note of its size does.

- Brackets: markdown-it reads ahead from each ``[`` for the ``]`` that ends a link text,
  trying every rule again at each bracket inside it, up to ``maxNesting`` (20) levels deep:
  50 KB of ``[`` or ``![`` cost a second. A link, image, wikilink or footnote now starts only
  where a ``]`` follows somewhere in its paragraph (else it cannot end: the same output,
  found at once) and ``INLINE_NESTING`` brackets deep at most (deeper ones are text).
- Blocks: past ``maxNesting`` levels of block quotes and lists markdown-it drops the rest of
  the note without a word; here the rest is kept, as a plain paragraph at that level.

Both go around markdown-it-py's own rules and block loop (stock or sped up), never inside them.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["INLINE_NESTING", "bound_blocks", "bound_brackets"]

INLINE_NESTING = 6  # brackets within brackets; real notes use two or three

_last_close: list = [None, 0, -1]  # (text, its end, where its last "]" is): one paragraph at a time


def bound_brackets(rule):
    """``rule`` (one that starts at ``[``, ``![`` or ``^[``), refusing to start where it cannot end."""

    def bounded(state: StateInline, silent: bool) -> bool:
        if state.level >= INLINE_NESTING:
            if silent:  # what markdown-it does past maxNesting: no link can end in this paragraph
                state.pos = state.posMax
                return True
            return False
        src, end = state.src, state.posMax
        if _last_close[0] is not src or _last_close[1] != end:
            _last_close[:] = [src, end, src.rfind("]", 0, end)]
        if _last_close[2] < state.pos:
            return False
        return rule(state, silent)

    return bounded


def bound_blocks(md: MarkdownIt) -> None:
    """Keep what lies past the deepest nesting markdown-it reads, as one plain paragraph."""
    tokenize = md.block.tokenize

    def bounded(state, start: int, end: int) -> None:
        if state.level >= state.md.options.maxNesting:
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                _flat_paragraph(state, line, end)
                return
        tokenize(state, start, end)

    bounded.__wrapped__ = tokenize  # type: ignore[attr-defined]
    md.block.tokenize = bounded


def _flat_paragraph(state, start: int, end: int) -> None:
    state.line = end
    state.push("paragraph_open", "p", 1).map = [start, end]
    token = state.push("inline", "", 0)
    token.content = state.getLines(start, end, state.blkIndent, False).strip()
    token.map = [start, end]
    token.children = []
    state.push("paragraph_close", "p", -1)
