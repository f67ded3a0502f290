"""Speed-ups for the configured MarkdownIt: the same HTML, less Python per call.

What they skip, and why that is safe:

- markdown-it-py tries every inline rule at each character its text rule stops at, and
  every block rule at each block; most return False at once. Here each is tried only where
  it can start (``_STARTS``, ``_BLOCK_STARTS``: a rule returns False at any other first
  character), in the same order, so the first rule that matches is the same one.
- A one-line paragraph (a letter no other block rule starts with, then a blank line) is
  made without the rules that need more to match (a table row, a setext underline, an indent).
- A simple list at the top level (``_simple_list``: one line an item, ``- text`` or ``1. text``
  with one space after the marker and a letter after it, then a blank line or the end) is made
  as markdown-it's list rule makes it, without a nested block loop and paragraph rule per item:
  no other rule can start at such a line, each item is one line a following item ends, and the
  line after the blank is checked not to go on with the list.
- URLs markdown-it's normalizer would return unchanged skip it (``PLAIN_URL``); core rules
  with nothing to act on in the text are skipped; ``renderToken`` and ``renderInline``
  write the common cases in place, as markdown-it writes them.

The block loop and paragraph are copies of markdown-it-py 4.3's (``ParserBlock.tokenize``,
``mdTrim``), and the rule tables name its rules and mdit-py-plugins' footnote rules: so
``plnsite.speedups`` turns these on only for the versions they are tested with, and this
module is imported only then. tests/unit/test_markdown_shortcuts.py renders with and
without them (and the prose fast path), ``parser.make_parser(shortcuts=...)``, and compares.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import escapeHtml, mdTrim
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

__all__ = ["PLAIN_URL", "PROSE", "install_shortcuts"]

PROSE = "plnsite_prose"  # a token whose content is HTML already (see prose.py)


def install_shortcuts(md: MarkdownIt) -> None:
    """After every plugin and rule is in place."""
    md.normalizeLink = _normalize_link
    _guard_core_rules(md)
    _dispatch_inline_rules(md)
    _dispatch_block_rules(md)
    md.renderer.renderToken = functools.partial(_render_token, md.renderer)
    _fast_render_inline(md)


# URLs that markdown-it's normalizeLink (mdurl parse → punycode → format → encode)
# returns unchanged: relative URLs, and http(s) URLs with a plain ASCII host, made only
# of characters it never encodes. Everything else takes the full path.
PLAIN_URL = re.compile(
    r"(?:https?://[A-Za-z0-9.\-]+(?::[0-9]+)?(?=[/?#]|\Z)|(?![A-Za-z0-9+.\-]*:)(?!//))"
    r"[A-Za-z0-9\-._~/?#!$&'()*+,;=:]*\Z"
)


def _normalize_link(url: str, _plain=PLAIN_URL.match, _full=normalizeLink) -> str:
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


def _fast_render_inline(md: MarkdownIt) -> None:
    """``renderInline`` with the output of the commonest tokens written in place: text,
    soft breaks, code spans and emphasis tags without attributes, where their rendering
    is still markdown-it's own."""
    renderer = md.renderer
    rules = renderer.rules
    stock = {name: getattr(RendererHTML, name) for name in ("text", "softbreak", "code_inline")}
    if any(getattr(rules.get(name), "__func__", None) is not fn for name, fn in stock.items()):
        return
    fixed = {f"{tag}_{end}": f"<{'/' if end == 'close' else ''}{tag}>"
             for tag in ("em", "strong", "s") for end in ("open", "close") if f"{tag}_{end}" not in rules}
    if not md.options["breaks"]:
        fixed["softbreak"] = "\n"
    render_token = renderer.renderToken

    def render_inline(tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        out: list[str] = []
        append = out.append
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "text":
                append(escapeHtml(token.content))
            elif kind == PROSE:
                append(token.content)
            elif kind in fixed and not token.attrs:
                append(fixed[kind])
            elif kind == "code_inline" and not token.attrs:
                append(f"<code>{escapeHtml(token.content)}</code>")
            elif kind in rules:
                append(rules[kind](tokens, i, options, env))
            else:
                append(render_token(tokens, i, options, env))
        return "".join(out)

    renderer.renderInline = render_inline


# Core rules that change nothing in a document without these characters (a regex each):
# normalize rewrites CR and NUL; text_join merges the text_special tokens of escapes and
# entities (inline parsing leaves no other text tokens side by side); the task-list
# rule needs "[ ]" or "[x]".
_CORE_NEEDS = {"normalize": "[\r\x00]", "text_join": "[\\\\&]", "github-tasklists": r"\[[ xX]\]"}


def _guard_core_rules(md: MarkdownIt) -> None:
    for rule in md.core.ruler.__rules__:
        if rule.name in _CORE_NEEDS:
            md.core.ruler.at(rule.name, _guarded(rule.fn, re.compile(_CORE_NEEDS[rule.name]).search))


def _guarded(fn, needed):
    def rule(state) -> None:
        if needed(state.src) is not None:
            fn(state)

    return rule


# The characters each inline rule can start at (each returns False anywhere else).
_STARTS = {"newline": "\n", "escape": "\\", "backticks": "`", "strikethrough": "~", "emphasis": "_*",
           "wikilink": "[", "link": "[", "image": "!", "footnote_inline": "^", "footnote_ref": "[",
           "autolink": "<", "html_inline": "<", "entity": "&", "math_inline": "$"}


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
                 "reference": "[", "html_block": "<", "heading": "#", "math_block": "$"}


def _dispatch_block_rules(md: MarkdownIt) -> None:
    """markdown-it 4's block loop (``ParserBlock.tokenize``), trying at each block only the
    rules able to start with its first character, in their usual order. The rule chains
    paragraphs use to find where they end are left as they are."""
    block = md.block
    names = [r.name for r in block.ruler.__rules__ if r.enabled]
    rules = block.ruler.getRules("")
    pairs = list(zip(names, rules))
    everywhere = tuple(rules)
    table = {chr(c): tuple(fn for name, fn in pairs if name not in _BLOCK_STARTS or chr(c) in _BLOCK_STARTS[name])
             for c in range(128)}
    # Where only these can start a block, a line followed by a blank one (or by nothing) is a
    # one-line paragraph: a table needs a second row, a setext heading an underline, code an indent.
    by_name = dict(pairs)
    letter_rules = tuple(by_name.get(n) for n in ("table", "code", "lheading", "paragraph"))
    paragraph_only = frozenset(c for c, found in table.items() if found == letter_rules and c.isalpha())
    # Where the rules tried at a list marker are markdown-it's own (table, code, a rule for - and *,
    # the list, then the two that take what is left); a plugin's rule tried there keeps lists to
    # the rules.
    marker_rules = {tuple(by_name.get(n) for n in names) for names in (
        ("table", "code", "hr", "list", "lheading", "paragraph"), ("table", "code", "list", "lheading", "paragraph"))}
    simple_lists = not md.options.get("tasklists") and all(table[c] in marker_rules for c in _LIST_STARTS)

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
            if (pos < len(src) and src[pos] in paragraph_only and not state.is_code_block(line)
                    and (line + 1 >= state.lineMax or state.isEmpty(line + 1))):
                _one_line_paragraph(state, line)
            elif (simple_lists and pos < len(src) and src[pos] in _LIST_STARTS and state.level == 0
                  and state.blkIndent == 0 and state.parentType == "root"
                  and _simple_list(state, line, endLine, paragraph_only)):
                pass
            else:
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


def _one_line_paragraph(state, line: int) -> None:
    """markdown-it's paragraph rule where the paragraph is one line (no line after it to test)."""
    end = line + 1
    content = mdTrim(state.getLines(line, end, state.blkIndent, False))
    state.line = end
    state.push("paragraph_open", "p", 1).map = [line, end]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [line, end]
    token.children = []
    state.push("paragraph_close", "p", -1)


_DIGITS = frozenset("0123456789")
_LIST_STARTS = frozenset("-*+") | _DIGITS
_LIST_ITEM = re.compile(r"([-*+]|([0-9]{1,9})([.)])) ")


def _simple_list(state, start: int, end: int, letters: frozenset[str]) -> bool:
    """markdown-it 4.3's list rule (``list_block``) for a simple list at the top level, or False
    (nothing done: the rules run) for any other. Simple: from ``start``, lines at no indent,
    each a marker (``-``, ``*``, ``+``; or up to 9 digits and ``.`` or ``)``), one space and a
    letter (a line no other rule starts at: not a rule, a table row, a task box), the same marker
    throughout; then the end, or blank lines and a line at no indent that does not start with the
    marker (of an ordered list: a digit), so that it goes on with neither the list nor its last item.

    There each item is one paragraph of one line (the next item ends it; the last is followed by
    a blank line), the list is tight, and its tokens are the rule's: the maps (an item's ends at
    the next; the last item's and the list's at the line after the blank lines), the markers, an
    ordered item's number as ``info``, ``start`` where the first is not 1, hidden paragraphs."""
    src, begins, ends, shifts = state.src, state.bMarks, state.eMarks, state.tShift
    items: list[tuple[int, int, str]] = []  # (line, where its text starts, its number)
    marker = None
    line = start
    while line < end and shifts[line] == 0:
        found = _LIST_ITEM.match(src, begins[line], ends[line])
        if found is None:
            break
        text = found.end()
        sign = found.group(3) or found.group(1)
        if text >= ends[line] or src[text] not in letters or sign != (marker or sign):
            return False  # another kind of item, or a change of marker: the rule decides
        marker = sign
        items.append((line, text, found.group(2) or ""))
        line += 1
    if not items:
        return False
    ordered = marker in ".)"
    if line < end:
        if not state.isEmpty(line):
            return False  # a line that may go on with the last item's paragraph
        line = state.skipEmptyLines(line)
        first = src[begins[line]] if line < end else ""
        if line < end and (shifts[line] != 0 or (first in _DIGITS if ordered else first == marker)):
            return False  # it may go on with the list (a loose one) or with its last item
    kind, tag = ("ordered_list", "ol") if ordered else ("bullet_list", "ul")
    token = state.push(f"{kind}_open", tag, 1)
    if ordered and int(items[0][2]) != 1:
        token.attrs = {"start": int(items[0][2])}
    token.map = [start, line]
    token.markup = marker
    last = len(items) - 1
    for index, (at, text, number) in enumerate(items):
        token = state.push("list_item_open", "li", 1)
        token.markup = marker
        token.map = [at, at + 1 if index < last else line]
        if ordered:
            token.info = number
        token = state.push("paragraph_open", "p", 1)
        token.map = [at, at + 1]
        token.hidden = True
        token = state.push("inline", "", 0)
        token.content = mdTrim(src[text:ends[at]])
        token.map = [at, at + 1]
        token.children = []
        state.push("paragraph_close", "p", -1).hidden = True
        state.push("list_item_close", "li", -1).markup = marker
    state.push(f"{kind}_close", tag, -1).markup = marker
    state.line = line
    return True
