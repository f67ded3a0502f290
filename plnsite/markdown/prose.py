"""A fast path for the inline content of plain prose: the tokens markdown-it would make.

Most inline runs in notes are sentences with a little markup: ``*em*``, ``**strong**``,
``code``, ``[text](url)``, ``[[wikilinks]]`` and line breaks. For those, markdown-it's
general machinery (a rule loop per character it stops at, a text token per emphasis
marker, delimiter pairing, joining the fragments again) costs about half of parsing.

``prose_tokens`` reads such content in one regex pass and makes the same tokens
directly. It accepts content only when every construct in it is one whose meaning does
not depend on the rest (each emphasis is a whole ``*word…*`` that can only open at its
start and only close at its end, with plain text inside; a link's text and URL are
plain) and returns None for anything else, which then takes markdown-it's own path.
tests/unit/test_markdown_prose.py compares the two on every document it is given.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ..model import LinkRef
from .shortcuts import PLAIN_URL
from .wikilinks import BASE_LINE, LINKS, md_link_target

__all__ = ["prose_tokens"]

# Characters no inline rule starts at (markdown-it's terminators are the complement).
_PLAIN = r"[^*\n&#^=<~\-\[`+$!%_}\]{@:\\>]"
# Terminators that are text wherever they stand here: no rule can start at them, or
# the rule that can gives up and leaves the character as text.
_LONE = r"[#=+$%}{@:>\-\]]|&(?![#A-Za-z0-9])|!(?!\[)|\^(?!\[)|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])"
_ALNUM = "[A-Za-z0-9]"
_SPACE = r" \t\n\x0b\x0c\r"  # markdown-it's ASCII whitespace

_TOKEN = re.compile(
    rf"(?P<text>(?:{_PLAIN}|{_LONE}){_PLAIN}*(?:(?:{_LONE}){_PLAIN}*)*)"  # unrolled: runs of plain text
    # A soft break: no space before it (that would be a hard break or be trimmed) or after.
    r"|(?P<softbreak>(?<! )\n(?![ \t]))"
    # One backtick each side; no space at either end (markdown-it trims one there).
    r"|`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`(?!`)"
    # Opens only (start, space or "(" before, a letter or digit after); closes only (a
    # letter or digit before, and no letter, digit or marker after); plain text inside.
    rf"|(?<![^{_SPACE}(])(?P<em>\*\*|\*|__|_)(?P<inner>{_ALNUM}(?:{_PLAIN}*{_ALNUM})?)(?P=em)"
    rf"(?=\Z|[{_SPACE}!-)+-/:-@\[-^`{{-~])"
    r"|\[\[(?P<wiki>[^\[\]|\n]+)(?:\|(?P<wikitext>[^\[\]\n]*))?\]\]"
    rf"|\[(?P<label>{_PLAIN}+)\]\((?P<url>[^\s()<>\\&]+)\)"
)

_EMPHASIS = {"*": ("em", "*"), "_": ("em", "_"), "**": ("strong", "**"), "__": ("strong", "__")}


def prose_tokens(content: str, env: dict) -> list[Token] | None:
    """The inline tokens of ``content``, or None where it is not plain prose."""
    tokens: list[Token] = []
    links: list[tuple[str, str, str, int]] = []
    pos, end = 0, len(content)
    match = _TOKEN.match
    while pos < end:
        m = match(content, pos)
        if m is None:
            return None  # something no alternative reads
        kind = m.lastgroup
        if kind == "text":
            if tokens and tokens[-1].type == "text":  # the empty one after a strong_close
                tokens[-1].content = m.group()
            else:
                tokens.append(Token("text", "", 0, content=m.group()))
        elif kind == "softbreak":
            tokens.append(Token("softbreak", "br", 0))
        elif kind == "code":
            code = Token("code_inline", "code", 0)
            code.markup = "`"
            code.content = m.group("code")
            tokens.append(code)
        elif kind == "inner":
            tag, markup = _EMPHASIS[m.group("em")]
            opening = Token(f"{tag}_open", tag, 1)
            opening.markup = markup
            text = Token("text", "", 0)
            text.content = m.group("inner")
            text.level = 1
            closing = Token(f"{tag}_close", tag, -1)
            closing.markup = markup
            if tag == "strong":
                # markdown-it makes a text token of each marker character and empties the
                # outer two: each is left as an empty text token unless text is beside it.
                if not tokens or tokens[-1].type != "text":
                    tokens.append(Token("text", "", 0))
                tokens += (opening, text, closing, Token("text", "", 0))
            else:
                tokens += (opening, text, closing)
        elif kind == "wikitext" or kind == "wiki":
            target, _, fragment = m.group("wiki").partition("#")
            target = target.strip()
            if not target:
                return None
            shown = (m.group("wikitext") or "").strip() or None
            wikilink = Token("wikilink", "", 0)
            wikilink.meta = {"n": len(links), "text": shown, "target": target}
            links.append(("wiki", target, fragment.strip(), pos))
            tokens.append(wikilink)
        else:  # a link
            url = m.group("url")
            if PLAIN_URL.match(url) is None:
                return None
            opening = Token("link_open", "a", 1, attrs={"href": url})
            text = Token("text", "", 0)
            text.content = m.group("label")
            text.level = 1
            closing = Token("link_close", "a", -1)
            found = md_link_target(url)
            if found is not None:
                opening.meta["plnsite_link"] = closing.meta["plnsite_link"] = len(links)
                links.append(("md", found[0], found[1], pos))
            tokens += (opening, text, closing)
        pos = m.end()
    if links:
        _record(links, tokens, content, env)
    return tokens


def _record(links: list[tuple[str, str, str, int]], tokens: list[Token], content: str, env: dict) -> None:
    """Add the links to ``env[LINKS]``, renumbering the tokens' placeholders to match."""
    recorded: list[LinkRef] = env.setdefault(LINKS, [])
    first, base = len(recorded), env.get(BASE_LINE, 0)
    for kind, target, fragment, at in links:
        recorded.append(LinkRef(kind=kind, target=target, fragment=fragment, line=base + content.count("\n", 0, at)))
    if first:
        for token in tokens:
            meta = token.meta
            if "n" in meta and token.type == "wikilink":
                meta["n"] += first
            elif "plnsite_link" in meta:
                meta["plnsite_link"] += first
