"""The one configured MarkdownIt instance, and a cheap first-heading scan.

CommonMark + tables, strikethrough, footnotes, task lists, raw HTML; no
typographer, no linkify. Headings get ids and anchors (ids are set on the
tokens by ``plnsite.markdown.render_markdown``), fenced code goes through
Pygments, wikilinks and ``.md`` links become placeholders (see ``wikilinks``).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

import markdown_it
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import image as _image_rule
from markdown_it.rules_inline import link as _link_rule
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .highlight import render_fence
from .wikilinks import (
    close_mark,
    default_text_mark,
    inline_with_lines,
    open_mark,
    wikilink_rule,
    wrap_image_rule,
    wrap_link_rule,
)

__all__ = ["MD", "first_heading"]


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


def _footnote_block_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The plugin's bare <section> has no heading (a Nu HTML Checker warning): label it.
    return (
        '<hr class="footnotes-sep">\n<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n'
    )


def _make(shortcuts: bool = True) -> MarkdownIt:
    """The configured parser; ``shortcuts=False`` leaves out the speed-ups (tests compare)."""
    md = MarkdownIt(
        "commonmark",
        {"html": True, "xhtmlOut": False, "linkify": False, "typographer": False},
    )
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.core.ruler.at("inline", inline_with_lines)
    md.inline.ruler.at("link", wrap_link_rule(_link_rule))
    md.inline.ruler.at("image", wrap_image_rule(_image_rule))
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    md.add_render_rule("wikilink", _wikilink)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    if shortcuts:
        md.core.ruler.at("inline", functools.partial(inline_with_lines, plain_text_shortcut=True))
        md.normalizeLink = _normalize_link
        _dispatch_inline_rules(md)
        _dispatch_block_rules(md)
        md.renderer.renderToken = functools.partial(_render_token, md.renderer)
    return md


# -------------------------------------------------- speed: the same output, less Python per call

# URLs that markdown-it's normalizeLink (mdurl parse → punycode → format → encode)
# returns unchanged: relative URLs, and http(s) URLs with a plain ASCII host, made only
# of characters it never encodes. Everything else takes the full path.
_PLAIN_URL = re.compile(
    r"(?:https?://[A-Za-z0-9.\-]+(?::[0-9]+)?(?=[/?#]|\Z)|(?![A-Za-z0-9+.\-]*:)(?!//))"
    r"[A-Za-z0-9\-._~/?#!$&'()*+,;=:]*\Z"
)


def _normalize_link(url: str, _plain=_PLAIN_URL.match, _full=normalizeLink) -> str:
    return url if _plain(url) else _full(url)


def _render_token(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """``RendererHTML.renderToken`` (a tag with its attributes, and a newline after block
    tags unless inline content or the closing tag follows), in one f-string."""
    token = tokens[idx]
    if token.hidden:  # paragraphs of tight lists
        return ""
    nesting = token.nesting
    before = "\n" if token.block and nesting != -1 and idx and tokens[idx - 1].hidden else ""
    attrs = self.renderAttrs(token) if token.attrs else ""
    slash = " /" if nesting == 0 and options["xhtmlOut"] else ""
    end = ">"
    if token.block:
        end = ">\n"
        if nesting == 1 and idx + 1 < len(tokens):
            following = tokens[idx + 1]
            if following.type == "inline" or following.hidden or (
                    following.nesting == -1 and following.tag == token.tag):
                end = ">"
    return f"{before}{'</' if nesting == -1 else '<'}{token.tag}{attrs}{slash}{end}"


# The characters each inline rule can start at (each returns False anywhere else).
_STARTS = {"newline": "\n", "escape": "\\", "backticks": "`", "strikethrough": "~", "emphasis": "_*",
           "wikilink": "[", "link": "[", "image": "!", "footnote_inline": "^", "footnote_ref": "[",
           "autolink": "<", "html_inline": "<", "entity": "&"}


def _dispatch_inline_rules(md: MarkdownIt) -> None:
    """One inline rule that calls only the rules able to start at the current character.

    markdown-it tries every inline rule, in order, at each character the text rule
    stops at; this tries the same rules in the same order, skipping those that would
    return False at once. A rule not in ``_STARTS`` is tried everywhere.
    """
    ruler = md.inline.ruler
    names = [r.name for r in ruler.__rules__ if r.enabled]
    rules = ruler.getRules("")
    if not names or names[0] != "text":
        return
    text, others = rules[0], list(zip(names[1:], rules[1:]))
    everywhere = tuple(fn for _, fn in others)
    table = {chr(c): tuple(fn for name, fn in others if name not in _STARTS or chr(c) in _STARTS[name])
             for c in range(128)}

    def inline_rules(state, silent: bool) -> bool:
        if text(state, silent):
            return True
        for rule in table.get(state.src[state.pos], everywhere):
            if rule(state, silent):
                return True
        return False

    ruler.disable(names)
    ruler.push("plnsite_inline", inline_rules)


# The character at a block's start (after its indent) each block rule needs (each returns
# False on any other); the rules not named here are tried at every block.
_BLOCK_STARTS = {"fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789", "footnote_def": "[",
                 "reference": "[", "html_block": "<", "heading": "#"}


def _dispatch_block_rules(md: MarkdownIt) -> None:
    """markdown-it 4's block loop (``ParserBlock.tokenize``), trying at each block only the
    rules able to start with its first character, in their usual order. The rule chains
    paragraphs use to find where they end are left as they are."""
    if not markdown_it.__version__.startswith("4."):
        return  # the loop below is 4.x's
    block = md.block
    names = [r.name for r in block.ruler.__rules__ if r.enabled]
    rules = block.ruler.getRules("")
    pairs = list(zip(names, rules))
    everywhere = tuple(rules)
    table = {chr(c): tuple(fn for name, fn in pairs if name not in _BLOCK_STARTS or chr(c) in _BLOCK_STARTS[name])
             for c in range(128)}

    def tokenize(state, startLine: int, endLine: int) -> None:
        line = startLine
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        src, starts, shifts = state.src, state.bMarks, state.tShift
        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine:
                break
            if state.sCount[line] < state.blkIndent:
                break  # the end of a nested call (blockquotes, lists)
            if state.level >= max_nesting:
                state.line = endLine
                break
            pos = starts[line] + shifts[line]
            for rule in table.get(src[pos], everywhere) if pos < len(src) else everywhere:
                if rule(state, line, endLine, False):
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            else:
                raise RuntimeError("none of the block rules matched")
            # A blank line before this block makes the enclosing list loose.
            state.tight = not has_empty_lines
            line = state.line
            if (line - 1) < endLine and state.isEmpty(line - 1):
                has_empty_lines = True
            if line < endLine and state.isEmpty(line):
                has_empty_lines = True
                line += 1
                state.line = line

    block.tokenize = tokenize


MD: MarkdownIt = _make()


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

