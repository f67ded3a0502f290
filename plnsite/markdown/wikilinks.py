"""Wikilinks and links to other Markdown files, turned into numbered placeholders.

Links are not resolved while parsing (so rendered Markdown can be cached before
the site knows every URL). Each link is recorded as a ``LinkRef`` in
``env[LINKS]`` and rendered as placeholders that ``fill_links`` replaces:

- ``\\x02{n}<\\x03`` opens link n, ``\\x02{n}>\\x03`` closes it;
- ``\\x02{n}=\\x03`` is link n's default text (the target's title, filled later).

A link's line is its 0-based line in the Markdown text: the enclosing block's
``token.map[0]`` (put in ``env[BASE_LINE]`` by ``inline_with_lines``) plus the
newlines before the link inside that block's inline content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from html import escape
from urllib.parse import unquote

from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..model import LinkRef

__all__ = [
    "BASE_LINE",
    "LINKS",
    "PLACEHOLDER_CHARS",
    "close_mark",
    "default_text_mark",
    "fill_links",
    "image_marks",
    "inline_with_lines",
    "md_link_target",
    "open_mark",
    "wikilink_rule",
    "wrap_image_rule",
    "wrap_link_rule",
]

LINKS = "plnsite_links"  # env key: list[LinkRef]
BASE_LINE = "plnsite_line"  # env key: map[0] of the block whose inline content is parsed
_IN_IMAGE = "plnsite_in_image"  # env key: >0 while an image's alt text is parsed
PLACEHOLDER_CHARS = "\x02\x03"

_WIKI = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PLACEHOLDER = re.compile("\x02(\\d+)([<=>($!)])\x03")


def open_mark(n: int) -> str:
    return f"\x02{n}<\x03"


def close_mark(n: int) -> str:
    return f"\x02{n}>\x03"


def default_text_mark(n: int) -> str:
    return f"\x02{n}=\x03"


# ------------------------------------------------------------------ parsing


def inline_with_lines(
    state: StateCore,
    plain_text_shortcut: bool = False,
    prose: Callable[[str, dict], list[Token] | None] | None = None,
) -> None:
    """The core "inline" rule, also telling inline rules which line a block starts on.

    With ``plain_text_shortcut``, content holding none of the characters any inline rule
    starts at (most headings, many list items) becomes the one text token a parse would
    make of it, without the parse. ``prose`` gives the children of other content where
    it can (``prose.prose_tokens``), or None to parse it; not for headings, whose
    children are read for their ids.
    """
    env = state.env
    md = state.md
    parse = md.inline.parse
    plain = md.inline.terminator_re.search if plain_text_shortcut else None
    previous = None
    for token in state.tokens:
        if token.type == "inline":
            if token.map is not None:
                env[BASE_LINE] = token.map[0]
            if token.children is None:
                token.children = []
            content = token.content
            if plain is not None and content and plain(content) is None:
                text = Token("text", "", 0)
                text.content = content
                token.children.append(text)
            elif (prose is not None and (previous is None or previous.type != "heading_open")
                  and (found := prose(content, env)) is not None):
                token.children += found
            else:
                parse(content, md, env, token.children)
        previous = token


def _add_link(state: StateInline, kind: str, target: str, fragment: str, pos: int) -> int:
    env = state.env
    links: list[LinkRef] = env.setdefault(LINKS, [])
    line = env.get(BASE_LINE, 0) + state.src.count("\n", 0, pos)
    links.append(LinkRef(kind=kind, target=target, fragment=fragment, line=line))
    return len(links) - 1


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    """``[[target]]``, ``[[target|text]]``, ``[[target#fragment|text]]``."""
    pos = state.pos
    if not state.src.startswith("[[", pos):
        return False
    m = _WIKI.match(state.src, pos, state.posMax)
    if m is None:
        return False
    target, _, fragment = m.group(1).partition("#")
    target = target.strip()
    if not target or state.linkLevel > 0:  # no links inside a link's text
        return False
    if not silent:
        text = (m.group(2) or "").strip() or None
        if state.env.get(_IN_IMAGE):  # alt text: plain words, not a link
            state.push("text", "", 0).content = text or target
        else:
            n = _add_link(state, "wiki", target, fragment.strip(), pos)
            token = state.push("wikilink", "", 0)
            token.meta = {"n": n, "text": text, "target": target}
    state.pos = m.end()
    return True


def md_link_target(href: str) -> tuple[str, str] | None:
    """``(path, fragment)`` when ``href`` is a relative link to a Markdown file."""
    if not href or href.startswith(("/", "#", "\\")) or _SCHEME.match(href):
        return None
    path, _, fragment = href.partition("#")
    if "?" in path:
        return None
    if not path.lower().endswith((".md", ".markdown")):
        return None
    return unquote(path), unquote(fragment)


Rule = Callable[[StateInline, bool], bool]


def wrap_link_rule(link: Rule) -> Rule:
    """markdown-it's link rule, marking ``[x](other.md)`` links as placeholders."""

    def link_rule(state: StateInline, silent: bool) -> bool:
        if silent or state.env.get(_IN_IMAGE):
            return link(state, silent)
        start, first = state.pos, len(state.tokens)
        if not link(state, silent):
            return False
        tokens = state.tokens
        for i in range(first, len(tokens)):
            if tokens[i].type == "link_open":
                found = md_link_target(tokens[i].attrs.get("href", ""))  # type: ignore[arg-type]
                if found is not None:
                    n = _add_link(state, "md", found[0], found[1], start)
                    tokens[i].meta["plnsite_link"] = n
                    tokens[-1].meta["plnsite_link"] = n  # the link_close pushed last
                break
        return True

    return link_rule


def wrap_image_rule(image: Rule) -> Rule:
    """markdown-it's image rule; links in alt text are not recorded. Each image (not one
    inside another's alt text) is recorded as a LinkRef of kind "image" ("image-in-link"
    inside a link's text): target = its src, fragment = its alt text as written."""

    def image_rule(state: StateInline, silent: bool) -> bool:
        if silent:
            return image(state, silent)
        env = state.env
        outer = not env.get(_IN_IMAGE)
        start, count = state.pos, len(state.tokens)
        env[_IN_IMAGE] = env.get(_IN_IMAGE, 0) + 1
        try:
            found = image(state, silent)
        finally:
            env[_IN_IMAGE] -= 1
        if found and outer and len(state.tokens) > count and state.tokens[-1].type == "image":
            token = state.tokens[-1]
            kind = "image-in-link" if state.linkLevel > 0 else "image"
            token.meta["plnsite_image"] = _add_link(state, kind, str(token.attrs.get("src", "")), token.content, start)
        return found

    return image_rule


def image_marks(n: int) -> tuple[str, str, str, str]:
    """The placeholders of image n: before its tag, its src, inside it (after its attributes), after it."""
    return f"\x02{n}(\x03", f"\x02{n}$\x03", f"\x02{n}!\x03", f"\x02{n})\x03"


# ------------------------------------------------------------------ filling


def fill_links(
    html: str,
    targets: Sequence[tuple[str, str] | None],
    raw_targets: Sequence[str],
    images: Mapping[int, tuple[str, str, str, str]] | None = None,
) -> str:
    """Replace link placeholders: ``targets[n]`` is ``(href, title)``, or None when broken.

    Resolved: ``<a href="HREF">…</a>``, default text = the title. Broken:
    ``<span class="broken-link">…</span>``, default text = ``raw_targets[n]``.
    Image n's four placeholders take ``images[n]`` (HTML before its tag, its src, more attributes,
    HTML after it); without one, its src is ``raw_targets[n]`` and the rest nothing.
    """
    if "\x02" not in html:
        return html

    def replace(m: re.Match[str]) -> str:
        n = int(m.group(1))
        kind = m.group(2)
        if kind in "($!)":
            fill = images.get(n) if images else None
            if fill is not None:
                return fill["($!)".index(kind)]
            return escapeHtml(raw_targets[n]) if kind == "$" else ""
        target = targets[n]
        if kind == "<":
            return '<span class="broken-link">' if target is None else f'<a href="{escape(target[0])}">'
        if kind == ">":
            return "</span>" if target is None else "</a>"
        return escape(raw_targets[n] if target is None else target[1], quote=False)

    return _PLACEHOLDER.sub(replace, html)
