"""File and folder names a user (or a sync tool, or another OS) gives: unicode, long, spaced,
dotted, dated, reserved, and names that clash with the site's own pages."""

from __future__ import annotations

import unicodedata

from functools import cache

from hypothesis import strategies as st

__all__ = ["NAME_MAX", "fit", "names", "stems"]

NAME_MAX = 255  # bytes in one path component (Linux, macOS)

_NAME_CHARS = st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF,
                            exclude_categories=("Cs", "Cc"), exclude_characters="/")

_SPECIAL_STEMS = st.sampled_from([
    "index", "_index", "about", "notes", "tags", "reading", "network", "page", "404", "feed", "feed.xml",
    "atom", "sitemap", "robots", "network.opml", "theme", ".well-known", "CON", "nul", "aux", "-x", "~x",
    "#x#", "x~", "a b", " lead", "trail ", "a..b", "..x", "x.", "...", "café", "cafe\u0301", "Café",
    "2024-01-10-first-note", "2024-01-10-First-Note", "2024-02-30-bad-date", "0000-00-00-zero",
    "9999-12-31-far", "2024-1-1-short", "2024-01-10", "2024-01-10-", "first-note", "First-Note",
    "second-note", "deep-book", "alice", "friends", "log", "🙂", "%2e%2e", "%41", "a%20b", "a#b", "a?b",
    "a&b", "a'b", 'a"b', "a<b>", "a\\b", "a:b", "a*b", "a|b", "x" * 200, "é" * 120,
])

EXTENSIONS = st.sampled_from([".md", ".md", ".markdown", ".MD", ".Md", ".yaml", ".yml", ".YAML", ".txt", "",
                              ".md.md", ".", ".svg", ".html", ".md~", ".swp", ".json", ".toml"])


def fit(name: str, limit: int = NAME_MAX) -> str:
    """``name`` cut to ``limit`` UTF-8 bytes, at a character boundary (the OS refuses longer)."""
    data = name.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return name
    return data[:limit].decode("utf-8", "ignore")


def _valid(name: str) -> bool:
    return name not in ("", ".", "..") and "/" not in name and "\x00" not in name


@cache
def stems(allow_controls: bool = True) -> st.SearchStrategy[str]:
    """The part of a name before its extension."""
    generated = st.text(_NAME_CHARS, min_size=1, max_size=30)
    if allow_controls:
        generated = st.one_of(generated, st.text(st.characters(min_codepoint=1, max_codepoint=0x9F,
                                                               exclude_characters="/"), min_size=1, max_size=6))
    return st.one_of(
        _SPECIAL_STEMS, generated,
        st.builds(lambda y, m, d, rest: f"{y:04d}-{m:02d}-{d:02d}-{rest}", st.integers(0, 9999), st.integers(0, 99),
                  st.integers(0, 99), _SPECIAL_STEMS),
        st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", "学", "🙂", "a-"]), st.integers(60, 260)),
        st.sampled_from(["café", "Straße", "ǅemal"]).map(lambda s: unicodedata.normalize("NFD", s)),
    )


@cache
def names(allow_controls: bool = True) -> st.SearchStrategy[str]:
    """A whole name (stem and extension) that the file system accepts."""
    return st.builds(lambda stem, ext: fit(stem + ext) if len((stem + ext).encode()) <= NAME_MAX
                     else fit(stem, NAME_MAX - len(ext.encode())) + ext,
                     stems(allow_controls), EXTENSIONS).filter(_valid)
