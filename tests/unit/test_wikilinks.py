"""Wikilinks, .md link rewriting, link line numbers and fill_links."""

from __future__ import annotations

from plnsite.markdown import fill_links, render_markdown
from plnsite.model import LinkRef

O, C, D = "\x02{}<\x03", "\x02{}>\x03", "\x02{}=\x03"


def ph(n: int, text: str | None = None) -> str:
    return O.format(n) + (D.format(n) if text is None else text) + C.format(n)


def wiki(target: str, fragment: str = "", line: int = 0) -> LinkRef:
    return LinkRef(kind="wiki", target=target, fragment=fragment, line=line)


def md(target: str, fragment: str = "", line: int = 0) -> LinkRef:
    return LinkRef(kind="md", target=target, fragment=fragment, line=line)


# ------------------------------------------------------------- wikilinks


def test_wikilink_forms():
    result = render_markdown("[[plain]] [[ spaced |Shown <i>]] [[note#Some Part]] [[x#frag|t]]")
    assert result.html == f"<p>{ph(0)} {ph(1, 'Shown &lt;i&gt;')} {ph(2)} {ph(3, 't')}</p>\n"
    assert result.links == (wiki("plain"), wiki("spaced"), wiki("note", "Some Part"), wiki("x", "frag"))


def test_not_wikilinks():
    result = render_markdown("[[]] [[|x]] [[#only-frag]] \\[[esc]]\n")
    assert result.links == ()
    assert result.html == "<p>[[]] [[|x]] [[#only-frag]] [[esc]]</p>\n"


def test_wikilink_inside_code_is_not_a_link():
    result = render_markdown("`[[x]]` and\n\n    [[y]]\n\n```\n[[z]]\n```\n")
    assert result.links == ()
    assert result.html == (
        "<p><code>[[x]]</code> and</p>\n<pre><code>[[y]]\n</code></pre>\n<pre><code>[[z]]\n</code></pre>\n"
    )


def test_wikilink_in_heading_and_emphasis():
    result = render_markdown("## About [[Ada|Ada L.]]\n\n*see [[b]]*\n")
    assert result.toc[0].id == "about-ada-l"
    assert f"<em>see {ph(1)}</em>" in result.html
    assert [link.target for link in result.links] == ["Ada", "b"]


def test_wikilink_inside_link_text_wins_like_nested_links():
    # CommonMark: a link cannot contain a link; the inner one wins.
    result = render_markdown("[see [[x]]](https://a.example/)\n")
    assert result.html == f"<p>[see {ph(0)}](https://a.example/)</p>\n"
    assert result.links == (wiki("x"),)


def test_wikilink_in_image_alt_is_plain_text():
    result = render_markdown("![alt [[y]] [[z|Zed]]](pic.png)\n")
    assert [link.kind for link in result.links] == ["image"]  # the image itself (link/media.py), no wikilink
    assert fill_links(result.html, [None], ["pic.png"]) == '<p><img src="pic.png" alt="alt y Zed"></p>\n'


# ------------------------------------------------------------- .md links


def test_md_links_rewritten():
    src = '[a](other-note.md) [b](../notes/a.markdown#sec) [c](2025-01-01-foo.md) [**d**](my%20note.md "T")'
    result = render_markdown(src)
    assert result.html == f"<p>{ph(0, 'a')} {ph(1, 'b')} {ph(2, 'c')} {ph(3, '<strong>d</strong>')}</p>\n"
    assert result.links == (
        md("other-note.md"),
        md("../notes/a.markdown", "sec"),
        md("2025-01-01-foo.md"),
        md("my note.md"),
    )


def test_reference_style_md_link_rewritten():
    result = render_markdown("See [it][r].\n\n[r]: other.md#x\n")
    assert result.html == f"<p>See {ph(0, 'it')}.</p>\n"
    assert result.links == (md("other.md", "x"),)


def test_other_links_left_alone():
    src = (
        "[c](http://x/a.md) [d](/abs/a.md) [e](mailto:a.md) [f](a.txt) [g](a.md?x=1) [h](#a.md) "
        "![img](pic.md) <https://x.example/b.md>"
    )
    result = render_markdown(src)
    assert [link.kind for link in result.links] == ["image"]  # not a link to a note: an image (link/media.py)
    assert fill_links(result.html, [None], ["pic.md"]) == (
        '<p><a href="http://x/a.md">c</a> <a href="/abs/a.md">d</a> <a href="mailto:a.md">e</a>'
        ' <a href="a.txt">f</a> <a href="a.md?x=1">g</a> <a href="#a.md">h</a>'
        ' <img src="pic.md" alt="img"> <a href="https://x.example/b.md">https://x.example/b.md</a></p>\n'
    )


# ------------------------------------------------------------- line numbers


def test_line_numbers_within_a_paragraph():
    src = (
        "# Title\n"  # 0
        "\n"  # 1
        "\n"  # 2
        "Paragraph starts here,\n"  # 3
        "a *second* line with a hard break  \n"  # 4
        "third line [[target]] and [x](b.md).\n"  # 5
    )
    result = render_markdown(src)
    assert result.links == (wiki("target", line=5), md("b.md", line=5))


def test_line_numbers_across_blocks():
    src = (
        "First [[a]]\n"  # 0
        "\n"  # 1
        "- item\n"  # 2
        "- item with `multi\n"  # 3
        "line code` then [[b]]\n"  # 4
        "\n"  # 5
        "> quote\n"  # 6
        "> [[c]]\n"  # 7
        "\n"  # 8
        "| h |\n"  # 9
        "|---|\n"  # 10
        "| x |\n"  # 11
        "| [[d]] |\n"  # 12
        "\n"  # 13
        "Note[^1].\n"  # 14
        "\n"  # 15
        "[^1]: Foot with [[e]].\n"  # 16
        "\n"  # 17
        "## Heading [[f]]\n"  # 18
        "Setext\n"  # 19
        "[[g]] h\n"  # 20
        "===\n"  # 21
    )
    result = render_markdown(src)
    assert {link.target: link.line for link in result.links} == {
        "a": 0,
        "b": 4,
        "c": 7,
        "d": 12,
        "e": 16,
        "f": 18,
        "g": 20,
    }


# ------------------------------------------------------------- fill_links


def test_fill_links_resolved_and_broken():
    result = render_markdown("[[a]] [[b|Bee]] [[c]] [see](d.md)")
    targets = [('/notes/a/?x=1&y="2"', "A & <co>"), ("/b/", "Ignored"), None, None]
    raw = ["a", "b", "c", "d.md"]
    assert fill_links(result.html, targets, raw) == (
        '<p><a href="/notes/a/?x=1&amp;y=&quot;2&quot;">A &amp; &lt;co&gt;</a> <a href="/b/">Bee</a>'
        ' <span class="broken-link">c</span> <span class="broken-link">see</span></p>\n'
    )


def test_fill_links_summary_uses_same_numbers():
    result = render_markdown("Intro [[x]] and [[y]].\n\nLater [[z]].\n")
    targets = [("/x/", "X"), ("/y/", "Y"), None]
    assert fill_links(result.summary_html, targets, ["x", "y", "z"]) == (
        '<p>Intro <a href="/x/">X</a> and <a href="/y/">Y</a>.</p>\n'
    )


def test_fill_links_without_placeholders_is_identity():
    assert fill_links("<p>plain</p>", [], []) == "<p>plain</p>"


def test_placeholder_characters_in_source_are_dropped():
    result = render_markdown("a\x020<\x03b")
    assert result.html == "<p>a0&lt;b</p>\n"
    assert fill_links(result.html, [], []) == result.html
