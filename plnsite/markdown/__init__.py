"""Markdown → HTML with heading ids, a table of contents, a summary and link placeholders.

One parse per call: the full HTML and the summary are rendered from the same
token stream. Links to other items are not resolved here; see ``fill_links``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from ..model import Heading, LinkRef, MarkdownResult
from ..text import slugify
from .highlight import MERMAID_MARK, stylesheet
from .math import MATH_PROBLEMS
from .parser import MD, first_heading
from .wikilinks import LINKS, PLACEHOLDER_CHARS, fill_links

__all__ = ["MERMAID_MARK", "fill_links", "first_heading", "render_markdown", "stylesheet"]

_MORE = re.compile(r"<!--\s*more\s*-->")
_STRIP_PLACEHOLDER_CHARS = str.maketrans("", "", PLACEHOLDER_CHARS)


def render_markdown(text: str, *, take_title: bool = False) -> MarkdownResult:
    """Render Markdown ``text``.

    With ``take_title``, the first ``# h1`` (ATX, top level; the one
    ``first_heading`` finds) is left out of the HTML: the caller shows it as the title.
    """
    if "\x02" in text or "\x03" in text:
        text = text.translate(_STRIP_PLACEHOLDER_CHARS)
    env: dict = {LINKS: []}
    tokens = MD.parse(text, env)

    used: set[str] = set()
    tried: dict[str, int] = {}
    footnotes = env.get("footnotes", {}).get("list", {})
    for i in range(1, len(footnotes) + 1):  # the footnote plugin's ids: fn1, fnref1, ...
        used.update((f"fn{i}", f"fnref{i}"))

    toc: list[Heading] = []
    title_at = more_at = para_at = None
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            if take_title and title_at is None and token.tag == "h1" and token.markup == "#" and token.level == 0:
                title_at = i
                continue
            name = _plain_text(tokens[i + 1].children or ())
            ident = _unique(slugify(name) or "section", used, tried)
            token.attrSet("id", ident)
            level = int(token.tag[1])
            if 2 <= level <= 4 and name:
                toc.append(Heading(level=level, id=ident, text=name))
        elif kind == "paragraph_open":
            if para_at is None and token.level == 0:
                para_at = i
        elif kind == "html_block":
            if more_at is None and token.level == 0 and _MORE.fullmatch(token.content.strip()):
                more_at = i
        elif kind == "footnote_block_open":
            break

    # Render every token once; the summary reuses the pieces (re-rendering only
    # headings, without ids, and inline runs that hold footnote references).
    parts = _render_parts(tokens, env)
    skip = range(title_at, title_at + 3) if title_at is not None else range(0)
    html = "".join(p for i, p in enumerate(parts) if i not in skip)

    if more_at is not None:
        span = [i for i in range(more_at) if i not in skip]
    elif para_at is not None:
        span = [para_at, para_at + 1, para_at + 2]
    else:
        span = []
    summary = ""
    if span:
        renderer, options = MD.renderer, MD.options
        pieces = []
        for i in span:
            token = tokens[i]
            if token.type == "heading_open":
                pieces.append(f"<{token.tag}>")
            elif footnotes and token.type == "inline" and _has_footnote_ref(token):
                children = [c for c in token.children or () if c.type != "footnote_ref"]
                pieces.append(renderer.renderInline(children, options, env))
            else:
                pieces.append(parts[i])
        summary = "".join(pieces)

    links: list[LinkRef] = env[LINKS]
    return MarkdownResult(html=html, summary_html=summary, toc=tuple(toc), links=tuple(links),
                          warnings=tuple(env.get(MATH_PROBLEMS, ())), diagrams=MERMAID_MARK in html)


def _unique(slug: str, used: set[str], tried: dict[str, int]) -> str:
    """``slug``, else ``slug-1``, ``slug-2``… the first not yet used. ``tried`` remembers how far
    each slug got: ``used`` only grows, so no number below that can be free again (twelve
    thousand headings alike would otherwise try 72 million ids)."""
    ident, n = slug, tried.get(slug, 0)
    if n:
        ident = f"{slug}-{n}"
    while ident in used:
        n += 1
        ident = f"{slug}-{n}"
    used.add(ident)
    tried[slug] = n
    return ident


def _plain_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "wikilink":
            parts.append(child.meta["text"] or child.meta["target"])
    return " ".join("".join(parts).split())


def _has_footnote_ref(token: Token) -> bool:
    return any(c.type == "footnote_ref" for c in token.children or ())


def _render_parts(tokens: list[Token], env: dict) -> list[str]:
    """``RendererHTML.render``, keeping each token's output separate."""
    renderer, options = MD.renderer, MD.options
    rules = renderer.rules
    render_inline, render_token = renderer.renderInline, renderer.renderToken
    parts: list[str] = []
    append = parts.append
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            append(render_inline(token.children, options, env) if token.children else "")
        elif kind in rules:
            append(rules[kind](tokens, i, options, env))
        else:
            append(render_token(tokens, i, options, env))
    return parts
