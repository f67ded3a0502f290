"""A fast path for the inline content of plain prose: the HTML markdown-it would make of it.

Most inline runs in notes are sentences with a little markup: ``*em*``, ``**strong**``,
``code``, ``[text](url)``, ``[[wikilinks]]`` and line breaks. For those, markdown-it's
general machinery (a rule loop per character it stops at, a text token per emphasis
marker, delimiter pairing, joining the fragments again) costs about half of parsing.

``prose_html`` reads such content in one regex pass and writes the same HTML (and
records the same links) directly, without tokens. It accepts content only when every
construct in it is one whose meaning does not depend on the rest (each emphasis is a
whole ``*word…*`` that can only open at its start and only close at its end, with plain
text inside; a link's text and URL are plain) and returns None for anything else, which
then takes markdown-it's own path. The parser keeps the HTML in one ``PROSE`` token in
place of the inline children. tests/unit/test_markdown_prose.py compares the two.

What it skips is markdown-it's inline rules and delimiter pairing, safe because it reads
only constructs whose HTML those give the same way in every context, and declines the
rest. It is part of the ``markdown`` speed-up: ``plnsite.speedups`` decides whether the
parser uses it (PLNSITE_STOCK=1 turns it off, as does a markdown-it-py it is not tested with).
"""

from __future__ import annotations

import re

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from ..model import LinkRef
from .shortcuts import PLAIN_URL, PROSE
from .wikilinks import BASE_LINE, LINKS, close_mark, default_text_mark, md_link_target, open_mark

__all__ = ["PROSE", "prose_html", "prose_tokens"]

# Characters no inline rule starts at (markdown-it's terminators are the complement).
_PLAIN = r"[^*\n&#^=<~\-\[`+$!%_}\]{@:\\>]"
# Terminators that are text wherever they stand here: no rule can start at them, or
# the rule that can gives up and leaves the character as text.
_LONE = r"[#=+%}{@:>\-\]]|&(?![#A-Za-z0-9])|!(?!\[)|\^(?!\[)|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])"
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

_TAGS = {"*": ("<em>", "</em>"), "_": ("<em>", "</em>"), "**": ("<strong>", "</strong>"),
         "__": ("<strong>", "</strong>")}


def prose_html(content: str, env: dict) -> str | None:
    """The HTML of ``content`` (links recorded in ``env``), or None where it is not plain prose."""
    out: list[str] = []
    append = out.append
    links: list[tuple[str, str, str, int]] = []
    first = len(env.get(LINKS, ()))
    pos, end = 0, len(content)
    match = _TOKEN.match
    while pos < end:
        m = match(content, pos)
        if m is None:
            return None  # something no alternative reads
        kind = m.lastgroup
        if kind == "text":
            append(escapeHtml(m.group()))
        elif kind == "softbreak":
            append("\n")
        elif kind == "code":
            append(f"<code>{escapeHtml(m.group('code'))}</code>")
        elif kind == "inner":
            opening, closing = _TAGS[m.group("em")]
            append(f"{opening}{escapeHtml(m.group('inner'))}{closing}")
        elif kind == "wikitext" or kind == "wiki":
            target, _, fragment = m.group("wiki").partition("#")
            target = target.strip()
            if not target:
                return None
            shown = (m.group("wikitext") or "").strip()
            n = first + len(links)
            links.append(("wiki", target, fragment.strip(), pos))
            append(f"{open_mark(n)}{escapeHtml(shown) if shown else default_text_mark(n)}{close_mark(n)}")
        else:  # a link
            url = m.group("url")
            if PLAIN_URL.match(url) is None:
                return None
            label = escapeHtml(m.group("label"))
            found = md_link_target(url)
            if found is None:
                append(f'<a href="{escapeHtml(url)}">{label}</a>')
            else:
                n = first + len(links)
                links.append(("md", found[0], found[1], pos))
                append(f"{open_mark(n)}{label}{close_mark(n)}")
        pos = m.end()
    if links:
        recorded: list[LinkRef] = env.setdefault(LINKS, [])
        base = env.get(BASE_LINE, 0)
        recorded += (LinkRef(kind=k, target=t, fragment=f, line=base + content.count("\n", 0, at))
                     for k, t, f, at in links)
    return "".join(out)


def prose_tokens(content: str, env: dict) -> list[Token] | None:
    """``prose_html`` as the children of an inline token: one ``PROSE`` token holding it."""
    html = prose_html(content, env)
    return None if html is None else [Token(PROSE, "", 0, content=html)]
