"""Markdown a user writes: every construct plnsite renders, links of every kind, and noise."""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from .yamltext import control_text, plain_text

__all__ = ["TARGETS", "markdown"]

# Where links and wikilinks point: the seed's notes, pages, readings and people (a private one
# too), files beside a note, other sites, and nothing at all.
TARGETS = st.sampled_from([
    "first-note", "second-note", "First Note", "Second Note", "a-bundle", "A Bundle", "about", "About",
    "deep-book", "Deep Book", "Finished Article", "alice", "bob", "secret", "Secret Person", "Alice Example",
    "nowhere", "2024-01-10-first-note.md", "2024-02-14-second-note.md", "../pages/about.md", "missing.md",
    "2024-03-01-bundle/index.md", "2024-04-01-draft.md", "draft", "A Draft", "pic.svg", "/img/logo.svg", "/about/",
    "/network/#alice", "/network/#secret", "/network/", "/notes/page/2/", "#fn1", "#", "", " ",
    "https://example.org/x", "http://example.org/a b", "javascript:alert(1)", "mailto:x@example.org",
    "data:image/png;base64,AAAA", "//cdn.example/x.js", "x.md#part", "<a b.md>", "%2e%2e/secret",
    "../" * 8 + "etc/passwd", "file:///etc/passwd", "first-note|shown", "first-note#h", "🙂", "x" * 300,
])


def _inline(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    t = text
    return st.one_of(
        t, t, t,
        t.map(lambda x: f"*{x}*"), t.map(lambda x: f"**{x}**"), t.map(lambda x: f"_{x}_"),
        t.map(lambda x: f"`{x}`"), t.map(lambda x: f"~~{x}~~"),
        st.builds(lambda x, u: f"[{x}]({u})", t, TARGETS),
        st.builds(lambda x, u: f'[{x}]({u} "a title")', t, TARGETS),
        st.builds(lambda x, u: f"![{x}]({u})", t, TARGETS),
        TARGETS.map(lambda u: f"[[{u}]]"),
        st.builds(lambda u, x: f"[[{u}|{x}]]", TARGETS, t),
        st.sampled_from(["[[]]", "[[|]]", "[[ ]]", "[[a]", "[[[x]]]", "[[x]]]]", "![[pic.svg]]", "[[^1]]"]),
        st.sampled_from(["[^1]", "[^x]", "[^missing]", "[^]", "<https://example.org>", "<x@example.org>",
                         "<span class=x>", "</span>", "<img src=/img/logo.svg>", '<a href="../x.md">x</a>',
                         '<a href="/about/">about</a>', "<script>alert(1)</script>", "<br>", "<!-- c -->",
                         "&amp;", "&#0;", "&#x1b;", "&#128;", "&#x85;", "&#xFFFE;", "&#xD800;", "&#1114112;",
                         "&nbsp;", "&bogus;", "\\*", "  \n", "\\\n", "$x$", "***", "__", "<!--more-->",
                         "]]", "[[", "](", "![", "[^", "`", "``", "<", ">", "&"]),
    )


def _paragraph(text) -> st.SearchStrategy[str]:
    return st.lists(_inline(text), min_size=1, max_size=8).map(" ".join)


_LANGUAGES = st.sampled_from(["python", "js", "", "nonexistent", "{.python}", "python {linenos=true}",
                              "html+jinja", "text", "diff", "yaml", "c", "console", "🙂", "x" * 100,
                              "mermaid", "pycon", "rust", "../../etc"])


def _block(text) -> st.SearchStrategy[str]:
    para = _paragraph(text)
    return st.one_of(
        para, para,
        st.builds(lambda n, p: "#" * n + " " + p, st.integers(1, 7), para),
        para.map(lambda p: f"{p}\n====="),
        st.lists(para, min_size=1, max_size=4).map(lambda ps: "\n".join("- " + p for p in ps)),
        st.lists(para, min_size=1, max_size=4).map(lambda ps: "\n".join(f"{i}. " + p for i, p in enumerate(ps, 1))),
        st.lists(st.tuples(st.booleans(), para), min_size=1, max_size=3)
        .map(lambda ts: "\n".join(f"- [{'x' if done else ' '}] {p}" for done, p in ts)),
        st.builds(lambda n, p: "> " * n + p, st.integers(1, 30), para),
        st.builds(lambda n, p: "\n".join("  " * i + "- " + p for i in range(n)), st.integers(1, 30), para),
        st.builds(lambda lang, code: f"```{lang}\n{code}\n```", _LANGUAGES, text),
        st.builds(lambda lang, code: f"~~~{lang}\n{code}", _LANGUAGES, text),  # never closed
        text.map(lambda code: "    " + code.replace("\n", "\n    ")),
        st.lists(st.lists(text.map(lambda x: x.replace("|", "\\|").replace("\n", " ")), min_size=1, max_size=4),
                 min_size=1, max_size=4)
        .map(lambda rows: "\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                                    + ["| " + " | ".join(r) + " |" for r in rows[1:]])),
        st.sampled_from(["---", "***", "<!--more-->", "<div>\n*not markdown*\n</div>", "<div>", "</div>",
                         "</body></html>", "<style>body{}</style>", "<script>\nx\n</script>", "<!--",
                         "[^1]: A footnote.", "[^x]: Another [[first-note]].", "[ref]: /about/ 'T'",
                         "[ref]: <>", "<?php ?>", "<![CDATA[x]]>", "<!DOCTYPE html>", "```", "$$\nx\n$$"]),
        para.map(lambda p: f"[^n]: {p}"),
    )


@cache
def markdown(allow_controls: bool = True) -> st.SearchStrategy[str]:
    """A note's body: blocks of every kind, separated as a user would (or not)."""
    text = plain_text(20)
    if allow_controls:
        text = st.one_of(text, control_text())
    return st.builds(
        lambda blocks, sep: sep.join(blocks) + "\n",
        st.lists(_block(text), max_size=8), st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n\n\n"]),
    )

