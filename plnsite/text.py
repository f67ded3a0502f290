"""Slugs and tag spellings: one place that decides what a name's identity is; and the one
way rendered HTML becomes plain text (meta descriptions, JSON Feed summaries).

A slug names a folder of the output (``notes/<slug>/``, ``tags/<slug>/``), and a file system
takes at most 255 bytes per name (NAME_MAX on Linux and macOS), so every slug is cut to at most
``SLUG_MAX_BYTES`` of UTF-8, which leaves room for what is added to one (``-2``, a date prefix
and ``.md`` in ``plnsite new``). Two names that are cut to one slug are one slug, as any two
names with one slug are.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from .sources import drop_controls

__all__ = [
    "SLUG_MAX_BYTES", "cap_slug", "html_to_text", "shorten", "slugify", "split_tags", "tag_slug", "title_case",
]

SLUG_MAX_BYTES = 200
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=65536)  # tags repeat across thousands of notes
def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    # Drop combining marks (accents) but keep letters of every script.
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).lower()
    text = _NON_WORD.sub("-", text.replace("_", "-"))
    return text.strip("-")


def slugify(value: object, *, limit: int | None = SLUG_MAX_BYTES) -> str:
    """A readable, URL-safe slug; Latin accents are folded, other scripts kept; at most
    ``limit`` bytes of UTF-8 (see :func:`cap_slug`; None: any length, for an id that is no
    file name).

    ``"Café Culture"`` → ``"cafe-culture"``, ``"学习"`` → ``"学习"``.
    """
    slug = _slug(str(value))
    return slug if limit is None else cap_slug(slug, limit)


def cap_slug(slug: str, limit: int = SLUG_MAX_BYTES) -> str:
    """``slug`` cut to at most ``limit`` bytes of UTF-8: at a hyphen (between words) when one
    is in the second half of what fits, else after a whole character; never inside one."""
    if len(slug) * 4 <= limit or len(slug.encode("utf-8")) <= limit:
        return slug
    fits = slug.encode("utf-8")[:limit].decode("utf-8", "ignore")  # "ignore": the cut character's first bytes
    if slug[len(fits)] != "-":  # not already at the end of a word
        word_end = fits.rfind("-")
        if word_end > 0 and len(fits[:word_end].encode("utf-8")) >= limit // 2:
            fits = fits[:word_end]
    return fits.rstrip("-")


# Tags name things whose symbols matter (C, C++, C#): in a tag's slug, these are spelled out.
_SYMBOL_WORDS = {"+": "plus", "&": "and", "@": "at", "%": "percent"}
_SYMBOLS = re.compile(
    r"[+&@%]"
    r"|(?<=[^\W_])#"  # C#, F#: after a letter or digit; a leading # (#pln) is a hashtag mark, dropped
    r"|(?<![\w.])\.(?=[^\W_])"  # .NET: a dot that starts a word; inside one (Node.js) it separates
)
_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")  # two regional indicators: a country flag


@lru_cache(maxsize=65536)
def tag_slug(value: object) -> str:
    """A tag's slug, its identity: :func:`slugify` with symbols spelled out, so that distinct
    tags get distinct URLs. ``"C++"`` → ``"c-plus-plus"``, ``"C#"`` → ``"c-sharp"``,
    ``"R&D"`` → ``"r-and-d"``, ``".NET"`` → ``"dot-net"``, ``"@home"`` → ``"at-home"``,
    ``"🦄"`` → ``"unicorn-face"``; ``"#pln"``, ``"Node.js"`` and ``"A/B testing"`` slug as
    :func:`slugify` does (``pln``, ``node-js``, ``a-b-testing``).
    """
    # Compatibility forms first (＋ is +, ™ is TM), and accents off, so that é# is a sharp too.
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SYMBOLS.sub(_symbol_words, _FLAG.sub(_flag_words, text))
    # Other symbols (emoji, ©, ★) by their Unicode names.
    if any(unicodedata.category(ch) == "So" for ch in text):
        text = "".join(f" {unicodedata.name(ch, '')} " if unicodedata.category(ch) == "So" else ch for ch in text)
    return cap_slug(_slug(text))


def _symbol_words(match: re.Match) -> str:
    symbol = match[0]
    return f" {_SYMBOL_WORDS.get(symbol) or ('sharp' if symbol == '#' else 'dot')} "


def _flag_words(match: re.Match) -> str:
    letters = "".join(chr(ord("a") + ord(ch) - 0x1F1E6) for ch in match[0])
    return f" flag {letters} "


def split_tags(value: object) -> tuple[str, ...]:
    """Tags from a YAML list, or a string "a, b" / "a b"; every tag a string."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [_tag_text(v) for v in value if v is not None]  # `[pln, ~]`: a null is no tag
    else:
        text = _tag_text(value)
        items = text.split(",") if "," in text else text.split()
    return tuple(t for t in (i.strip() for i in items) if t)


def _tag_text(value: object) -> str:
    if isinstance(value, bool):  # only reachable for true/false: keep what was written
        return "true" if value else "false"
    return str(value)


def title_case(stem: str) -> str:
    """``"2025-my_first-note"`` style file stems → ``"My First Note"`` (a file name's control
    characters left out: no page or feed can hold them)."""
    words = re.split(r"[-_\s]+", drop_controls(stem)[0])
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


# Markup that shows no text, each taken whole: a comment (it may hold ">"), a script or style
# element with its code, a tag (a quoted attribute value may hold ">"), else a tag up to its
# first ">" (a quote that never closes). A "<" before anything else is text, as browsers show it.
_ATTRS = r"""(?:"[^"]*"|'[^']*'|[^'">])*"""
_MARKUP = re.compile(
    rf"<!--.*?-->|<(script|style)\b{_ATTRS}>.*?</\1\s*>|<[A-Za-z/!?]{_ATTRS}>|<[A-Za-z/!?][^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
# Elements a browser shows inside a line of text: their tags join the words around them
# ("a <em>lurker</em>." is "a lurker."); any other tag separates words, as a block does.
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
})


def _markup_gap(match: re.Match) -> str:
    text = match.group(0)
    if text.startswith("<!--"):
        return ""
    name = _TAG_NAME.match(text)
    return "" if name is not None and name.group(1).lower() in _INLINE else " "


def html_to_text(markup: str) -> str:
    """Rendered HTML → its text on one line: markup dropped (a tag of an inline element or a
    comment counts as nothing, any other tag as a space), entities decoded, runs of whitespace
    made one space.

    ``"<p>Tea &amp; <em>cake</em>.</p><p>More</p>"`` → ``"Tea & cake. More"``.
    """
    return _SPACE.sub(" ", html.unescape(_MARKUP.sub(_markup_gap, markup))).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else cut after a word (trailing
    punctuation dropped) and ended with "…", ``limit`` characters at most."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
