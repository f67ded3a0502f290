"""``$…$`` and ``$$…$$`` → MathML at build time (mdit-py-plugins' dollarmath, latex2mathml).

The only module that imports latex2mathml. Browsers draw MathML themselves: no script and
no web font. Prices stay prices: ``$5 and $6`` is not math (no digit right inside a ``$``,
no space either), as in Pandoc and GitHub. A formula latex2mathml cannot convert, or would
change silently (an unknown ``\\command`` kept as a letter, braces that do not pair), is
shown as code, its TeX as written, and recorded in ``env[MATH_PROBLEMS]`` as
(0-based line, message) for the link stage to report at ``path:line``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .wikilinks import BASE_LINE

__all__ = ["MATH_PROBLEMS", "math_plugin", "to_mathml"]

MATH_PROBLEMS = "plnsite_math"  # env key: {(line, message): None}, in order met
_LINE = "plnsite_line"  # token.meta key: the formula's 0-based line in the text

_UNKNOWN = re.compile(r"<mi>(\\[A-Za-z]+)</mi>")
_BRACE = re.compile(r"\\.|[{}]", re.DOTALL)


def to_mathml(tex: str, display: bool) -> tuple[str | None, str | None]:
    """(MathML, None), or (None, why it cannot be converted faithfully)."""
    depth = 0
    for m in _BRACE.finditer(tex):
        if m[0] == "{":
            depth += 1
        elif m[0] == "}":
            depth -= 1
            if depth < 0:
                return None, "a '}' closes no '{'"
    if depth:
        return None, "a '{' is never closed"
    from latex2mathml.converter import convert  # here: ~40 ms to import, and most sites have no math

    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises its own errors, and some of Python's on bad input
        return None, _reason(exc)
    unknown = _UNKNOWN.search(mathml)
    if unknown:
        return None, f"unknown command {unknown[1]}"
    return mathml, None


def _reason(exc: Exception) -> str:
    # latex2mathml's error classes name the problem (MissingEndError…); their messages are often empty.
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(exc).__name__).removesuffix(" Error").lower()
    detail = str(exc).strip()
    return f"{words}: {detail}" if detail else words


def math_plugin(md: MarkdownIt) -> None:
    """dollarmath's rules, with each formula's line kept, rendered to MathML."""
    dollarmath_plugin(md, allow_labels=False, allow_space=False, allow_digits=False,
                      allow_blank_lines=False, double_inline=False)
    inline = next(r.fn for r in md.inline.ruler.__rules__ if r.name == "math_inline")
    md.inline.ruler.at("math_inline", _with_line(inline))
    md.add_render_rule("math_inline", _render_inline)
    md.add_render_rule("math_block", _render_block)


def _with_line(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    def math_inline(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > count:
            line = state.env.get(BASE_LINE, 0) + state.src.count("\n", 0, start)
            state.tokens[-1].meta = {**(state.tokens[-1].meta or {}), _LINE: line}
        return True

    return math_inline


def _render(token: Token, env: EnvType, display: bool, line: int) -> str:
    tex = token.content
    mathml, why = to_mathml(tex, display)
    if mathml is not None:
        return f"<div class=\"math\">{mathml}</div>\n" if display else mathml
    env.setdefault(MATH_PROBLEMS, {})[(line, f"formula not converted to MathML ({why}); shown as code")] = None
    marks = "$$" if display else "$"
    code = f'<code class="math-error">{escapeHtml(marks + tex + marks)}</code>'
    return f'<pre class="math-error">{code}</pre>\n' if display else code


def _render_inline(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    return _render(token, env, False, (token.meta or {}).get(_LINE, env.get(BASE_LINE, 0)))


def _render_block(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    return _render(token, env, True, token.map[0] if token.map else 0)
