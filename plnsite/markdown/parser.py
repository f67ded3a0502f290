"""The one configured MarkdownIt instance, and a cheap first-heading scan.

CommonMark + tables, strikethrough, footnotes, task lists, ``$math$`` (MathML), raw HTML; no
typographer, no linkify. Headings get ids and anchors (ids are set on the
tokens by ``plnsite.markdown.render_markdown``), fenced code goes through
Pygments, wikilinks and ``.md`` links become placeholders (see ``wikilinks``).
``shortcuts`` and ``prose`` make it faster without changing a byte of what it gives; they
are imported only when ``plnsite.speedups`` turns them on (a markdown-it-py they were not
tested with may lack what they import).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import image as _image_rule
from markdown_it.rules_inline import link as _link_rule
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .. import speedups
from .highlight import render_fence
from .math import math_plugin
from .nesting import bound_blocks, bound_brackets
from .wikilinks import (
    close_mark,
    default_text_mark,
    image_marks,
    inline_with_lines,
    open_mark,
    wikilink_rule,
    wrap_image_rule,
    wrap_link_rule,
)

__all__ = ["MD", "first_heading", "make_parser"]


def _heading_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    ident = token.attrs.get("id")
    if ident is None:
        return f"<{token.tag}>"
    ident = escapeHtml(str(ident))
    return f'<{token.tag} id="{ident}"><a class="anchor" href="#{ident}" aria-hidden="true" tabindex="-1">#</a>'


def _fence(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    return render_fence(token.content, unescapeAll(token.info).strip())


def _wikilink(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    meta = tokens[idx].meta
    n = meta["n"]
    text = meta["text"]
    shown = escapeHtml(text) if text is not None else default_text_mark(n)
    return open_mark(n) + shown + close_mark(n)


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    n = tokens[idx].meta.get("plnsite_link")
    return self.renderToken(tokens, idx, options, env) if n is None else open_mark(n)


def _link_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    n = tokens[idx].meta.get("plnsite_link")
    return "</a>" if n is None else close_mark(n)


def _image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    n = token.meta.get("plnsite_image")
    if n is None:
        return RendererHTML.image(self, tokens, idx, options, env)
    # Filled by the link stage (link/media.py), which knows the file: where it is, how big.
    before, src, inside, after = image_marks(n)
    token.attrSet("src", src)
    html = RendererHTML.image(self, tokens, idx, options, env)
    return f"{before}{html[:-1]}{inside}>{after}"


def _prose(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return tokens[idx].content  # HTML already (see prose.py)


def _footnote_block_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The plugin's bare <section> has no heading (a Nu HTML Checker warning): label it.
    return (
        '<hr class="footnotes-sep">\n<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n'
    )


def make_parser(*, shortcuts: bool) -> MarkdownIt:
    """The configured parser; ``shortcuts=False`` is stock markdown-it-py (tests compare the two)."""
    md = MarkdownIt(
        "commonmark",
        {"html": True, "xhtmlOut": False, "linkify": False, "typographer": False},
    )
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(math_plugin)
    md.core.ruler.at("inline", inline_with_lines)
    md.inline.ruler.at("link", wrap_link_rule(_link_rule))
    md.inline.ruler.at("image", wrap_image_rule(_image_rule))
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    for name in ("wikilink", "link", "image", "footnote_ref", "footnote_inline"):  # see nesting.py
        md.inline.ruler.at(name, bound_brackets(next(r.fn for r in md.inline.ruler.__rules__ if r.name == name)))
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    md.add_render_rule("wikilink", _wikilink)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    if shortcuts:
        from .prose import PROSE, prose_tokens
        from .shortcuts import install_shortcuts

        md.add_render_rule(PROSE, _prose)
        md.core.ruler.at("inline", functools.partial(inline_with_lines, plain_text_shortcut=True, prose=prose_tokens))
        install_shortcuts(md)
    bound_blocks(md)
    return md


MD: MarkdownIt = make_parser(shortcuts=speedups.enabled("markdown"))


# ------------------------------------------------------------ first_heading

_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_ATX_H1 = re.compile(r" {0,3}#(?:[ \t]+(.*?))?[ \t]*")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_WIKI = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MARKUP = re.compile(r"\\([!-/:-@\[-`{-~])|\*+|`+|~~")


def first_heading(text: str) -> str | None:
    """Plain text of the first ATX level-1 heading outside fenced code, else None.

    A line scan, no parse: closing ``#``s, emphasis/code markers, links, wikilinks
    and tags are stripped; entities are decoded. An empty ``#`` gives None.
    """
    fence: str | None = None
    for line in text.splitlines():
        if fence is not None:
            stripped = line.strip()
            if len(line) - len(line.lstrip(" ")) <= 3 and stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        m = _FENCE_OPEN.match(line)
        if m is not None and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = m.group(1)
            continue
        m = _ATX_H1.fullmatch(line)
        if m is not None:
            return _plain(m.group(1) or "") or None
    return None


def _plain(content: str) -> str:
    content = _CLOSING_HASHES.sub("", content)
    content = _WIKI.sub(lambda m: (m.group(2) or "").strip() or m.group(1).split("#")[0].strip(), content)
    content = _LINK.sub(r"\1", content)
    content = _TAG.sub("", content)
    content = _MARKUP.sub(lambda m: m.group(1) or "", content)  # keeps escaped characters
    return " ".join(html.unescape(content).split())
