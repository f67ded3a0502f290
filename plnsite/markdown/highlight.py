"""Fenced code → Pygments HTML with CSS classes, and the matching stylesheet.

The only module that imports Pygments. Output uses classes only (no inline styles,
no line-number tables), so the look comes from ``stylesheet()`` (the theme's
``static/css/pygments.css``).
"""

from __future__ import annotations

import functools
import re
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer, RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Error, Text, Whitespace, _TokenType
from pygments.util import ClassNotFound

__all__ = ["DARK_STYLE", "LIGHT_STYLE", "contrast", "render_fence", "stylesheet"]

LIGHT_STYLE = "friendly"
DARK_STYLE = "github-dark"
_MIN_CONTRAST = 4.5  # WCAG AA, normal text

_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


@functools.lru_cache(maxsize=256)
def _lexer(name: str) -> Lexer | None:
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return None
    if type(lexer).get_tokens_unprocessed is RegexLexer.get_tokens_unprocessed:
        scanner = _StateScanner.of(type(lexer))
        if scanner is not None:
            lexer.get_tokens_unprocessed = functools.partial(scanner.tokens, lexer)
    return lexer


# ---------------------------------------------------------------- a faster RegexLexer loop

# Stock RegexLexer tries a state's rules one Python call at a time (Python's lexer has
# ~40 rules in its root state: most of the time of highlighting). ``_StateScanner``
# joins each state's rules into one alternation, which the regex engine tries in the
# same order, so the first rule that matches is the same rule and the tokens are the
# same (tests/unit/test_highlight.py compares both engines on real files).
_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # numbered backreferences, conditionals
_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_FLAG = {"a": re.A, "i": re.I, "L": re.L, "m": re.M, "s": re.S, "u": re.U, "x": re.X}


class _StateScanner:
    def __init__(self, tokendefs: dict) -> None:
        self.tokendefs = tokendefs
        # state → (combined match, {group index: (rule's match, action, new state)})
        self.states: dict[str, tuple] = {}

    @classmethod
    def of(cls, lexer_class) -> _StateScanner | None:
        tokendefs = lexer_class._tokens
        scanner = cls(tokendefs)
        for name, rules in tokendefs.items():
            joined = scanner._join(rules)
            if joined is None:
                return None  # a rule the alternation cannot express: keep the stock loop
            scanner.states[name] = joined
        return scanner

    @staticmethod
    def _join(rules) -> tuple | None:
        parts, groups, flags, index = [], {}, None, 1
        for rexmatch, action, new_state in rules:
            pattern = getattr(rexmatch, "__self__", None)
            if not isinstance(pattern, re.Pattern) or _UNSAFE.search(pattern.pattern):
                return None
            source, own = pattern.pattern, pattern.flags
            leading = _GLOBAL_FLAGS.match(source)
            if leading is not None:  # "(?i)…" applies to this rule only: "(?i:…)"
                letters = leading.group(1)
                tail = "\n" if "x" in letters else ""  # a verbose comment must not hide the ")"
                source = f"(?{letters}:{source[leading.end():]}{tail})"
                for letter in letters:
                    own &= ~_FLAG[letter]
            if source:
                if flags is None:
                    flags = own
                elif own != flags:
                    return None
            groups[index] = (rexmatch, action, new_state)
            parts.append(f"({source})")
            index += 1 + pattern.groups
        try:
            combined = re.compile("|".join(parts), flags or 0)
        except re.error:
            return None
        return combined.match, groups

    def tokens(self, lexer, text, stack=("root",)):
        """``RegexLexer.get_tokens_unprocessed``, one regex call per token."""
        pos = 0
        states = self.states
        statestack = list(stack)
        match, groups = states[statestack[-1]]
        while True:
            m = match(text, pos)
            if m is not None:
                rexmatch, action, new_state = groups[m.lastindex]
                end = m.end()
                if action is not None:
                    if type(action) is _TokenType:
                        yield pos, action, text[pos:end]
                    else:
                        yield from action(lexer, rexmatch(text, pos))
                pos = end
                if new_state is not None:
                    if isinstance(new_state, tuple):
                        for state in new_state:
                            if state == "#pop":
                                if len(statestack) > 1:
                                    statestack.pop()
                            elif state == "#push":
                                statestack.append(statestack[-1])
                            else:
                                statestack.append(state)
                    elif isinstance(new_state, int):
                        if abs(new_state) >= len(statestack):
                            del statestack[1:]
                        else:
                            del statestack[new_state:]
                    elif new_state == "#push":
                        statestack.append(statestack[-1])
                    match, groups = states[statestack[-1]]
                continue
            if pos >= len(text):
                break
            if text[pos] == "\n":  # at the end of a line with no rule matching: back to root
                statestack = ["root"]
                match, groups = states["root"]
                yield pos, Whitespace, "\n"
            else:
                yield pos, Error, text[pos]
            pos += 1


def render_fence(code: str, info: str) -> str:
    """HTML for a fenced block; ``info`` is the (unescaped) info string."""
    lang = info.split(maxsplit=1)[0] if info.strip() else ""
    lexer = _lexer(lang.lower()) if lang else None
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
