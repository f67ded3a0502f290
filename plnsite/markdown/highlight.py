"""Fenced code → Pygments HTML with CSS classes, and the matching stylesheet.

The only module that imports Pygments (with its ``scanner``). Output uses classes only
(no inline styles, no line-number tables), so the look comes from ``stylesheet()`` (the
theme's ``static/css/pygments.css``). Regex lexers run on ``scanner.StateScanner`` when
``plnsite.speedups`` turns the ``pygments`` speed-up on, else on Pygments' own loop.
"""

from __future__ import annotations

import functools
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer, RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Text
from pygments.util import ClassNotFound

from .. import speedups

__all__ = ["DARK_STYLE", "LIGHT_STYLE", "MERMAID_MARK", "contrast", "render_fence", "stylesheet"]

MERMAID_MARK = '<pre class="mermaid">'  # a diagram, drawn in the browser (render/diagrams.py)

LIGHT_STYLE = "friendly"
DARK_STYLE = "github-dark"
_MIN_CONTRAST = 4.5  # WCAG AA, normal text

_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


@functools.lru_cache(maxsize=256)
def _lexer(name: str, scan: bool) -> Lexer | None:
    """The lexer for language ``name``; ``scan`` runs a regex lexer on the state scanner."""
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return None
    if scan and type(lexer).get_tokens_unprocessed is RegexLexer.get_tokens_unprocessed:
        from .scanner import StateScanner  # imported only when in use: it reads Pygments' internals

        scanner = StateScanner.of(type(lexer))
        if scanner is not None:
            lexer.get_tokens_unprocessed = functools.partial(scanner.tokens, lexer)
    return lexer


def render_fence(code: str, info: str) -> str:
    """HTML for a fenced block; ``info`` is the (unescaped) info string."""
    lang = info.split(maxsplit=1)[0] if info.strip() else ""
    if lang.lower() == "mermaid":  # drawn in the browser by the theme's mermaid.min.js, not highlighted
        return f"{MERMAID_MARK}{escape(code, quote=False)}</pre>\n"
    lexer = _lexer(lang.lower(), speedups.enabled("pygments")) if lang else None
    if lexer is not None:
        return highlight(code, lexer, _FORMATTER)
    cls = f' class="language-{escape(lang)}"' if lang else ""
    return f"<pre><code{cls}>{escape(code, quote=False)}</code></pre>\n"


# ---------------------------------------------------------------- stylesheet


def _rgb(hexcolor: str) -> tuple[int, int, int]:
    h = hexcolor.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def chan(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (chan(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    a, b = _luminance(_rgb(fg)), _luminance(_rgb(bg))
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def _readable(fg: str, bg: str) -> str:
    """``fg``, mixed towards black or white just enough to reach AA on ``bg``."""
    if contrast(fg, bg) >= _MIN_CONTRAST:
        return fg
    target = (0, 0, 0) if _luminance(_rgb(bg)) > 0.18 else (255, 255, 255)
    src = _rgb(fg)
    for step in range(1, 101):
        t = step / 100
        mixed = tuple(round(s + (d - s) * t) for s, d in zip(src, target))
        out = _hex(mixed)  # type: ignore[arg-type]
        if contrast(out, bg) >= _MIN_CONTRAST:
            return out
    return _hex(target)


_PROPS = ("color", "background-color", "font-weight", "font-style", "text-decoration")
_RESET = {
    "color": "inherit",
    "background-color": "transparent",
    "font-weight": "normal",
    "font-style": "normal",
    "text-decoration": "none",
}


def _style_rules(name: str, classes: list[tuple[str, object]]) -> tuple[str, dict[str, dict[str, str]]]:
    """The block rule and per-class properties of one Pygments style, made AA-readable."""
    style = get_style_by_name(name)
    bg = _hex(_rgb(style.background_color or "#ffffff"))
    base = style.style_for_token(Text)["color"]
    fg = _hex(_rgb(base)) if base else ("#000000" if _luminance(_rgb(bg)) > 0.18 else "#ffffff")
    fg = _readable(fg, bg)
    head = f".highlight, .highlight pre {{ background: {bg}; color: {fg}; }}"
    rules: dict[str, dict[str, str]] = {}
    for cls, ttype in classes:
        s = style.style_for_token(ttype)
        props: dict[str, str] = {}
        token_bg = _hex(_rgb(s["bgcolor"])) if s["bgcolor"] else bg
        if s["color"] or s["bgcolor"]:
            props["color"] = _readable(_hex(_rgb(s["color"])) if s["color"] else fg, token_bg)
        if s["bgcolor"]:
            props["background-color"] = token_bg
        if s["bold"]:
            props["font-weight"] = "bold"
        if s["italic"]:
            props["font-style"] = "italic"
        if s["underline"]:
            props["text-decoration"] = "underline"
        rules[cls] = props
    return head, rules


def stylesheet() -> str:
    """CSS for the classes ``render_fence`` emits: a light style, plus a dark one
    under ``prefers-color-scheme: dark``. Every colour meets WCAG AA (4.5:1)
    against the background it is drawn on. Deterministic."""
    classes = sorted((cls, tt) for tt, cls in STANDARD_TYPES.items() if cls)
    light_head, light = _style_rules(LIGHT_STYLE, classes)
    dark_head, dark = _style_rules(DARK_STYLE, classes)
    out = [
        (
            f"/* Pygments {LIGHT_STYLE} (light) and {DARK_STYLE} (dark), AA contrast."
            " Generated by plnsite.markdown.highlight.stylesheet(). */"
        ),
        light_head,
    ]
    out += [_rule(cls, light[cls]) for cls, _ in classes if light[cls]]
    out += ["@media (prefers-color-scheme: dark) {", "  " + dark_head]
    for cls, _ in classes:
        # Reset whatever the light rule set that the dark style does not.
        props = {k: dark[cls].get(k) or _RESET[k] for k in _PROPS if k in dark[cls] or k in light[cls]}
        if props:
            out.append("  " + _rule(cls, props))
    out.append("}")
    return "\n".join(out) + "\n"


def _rule(cls: str, props: dict[str, str]) -> str:
    body = "; ".join(f"{k}: {v}" for k, v in props.items())
    return f".highlight .{cls} {{ {body} }}"
