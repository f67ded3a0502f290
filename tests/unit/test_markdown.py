"""plnsite.markdown: error: rendering, ids, toc, summary, highlighting, first_heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plnsite.markdown import fill_links, first_heading, render_markdown, stylesheet
from plnsite.markdown.highlight import contrast
from plnsite.model import Heading
from tests.versions import require_pinned_output


def html(text: str, **kw) -> str:
    return render_markdown(text, **kw).html


def anchor(tag: str, ident: str, text: str) -> str:
    return (
        f'<{tag} id="{ident}"><a class="anchor" href="#{ident}" aria-hidden="true" tabindex="-1">#</a>{text}</{tag}>\n'
    )


# ------------------------------------------------------------- extensions


def test_table():
    assert html("| a | b |\n|---|:-:|\n| 1 | 2 |\n") == (
        '<table>\n<thead>\n<tr>\n<th>a</th>\n<th style="text-align:center">b</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td>1</td>\n<td style="text-align:center">2</td>\n</tr>\n</tbody>\n</table>\n'
    )


def test_strikethrough():
    assert html("~~gone~~ here") == "<p><s>gone</s> here</p>\n"


def test_footnotes():
    assert html("Text[^n].\n\n[^n]: The note.\n") == (
        '<p>Text<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>.</p>\n'
        '<hr class="footnotes-sep">\n'
        '<section class="footnotes" aria-label="Footnotes">\n'
        '<ol class="footnotes-list">\n'
        '<li id="fn1" class="footnote-item"><p>The note. <a href="#fnref1" class="footnote-backref">↩︎</a></p>\n'
        "</li>\n</ol>\n</section>\n"
    )


def test_footnote_ids_do_not_clash_with_heading_ids():
    result = render_markdown("## fn1\n\nx[^1]\n\n[^1]: y\n")
    assert result.toc == (Heading(level=2, id="fn1-1", text="fn1"),)
    assert result.html.count('id="fn1"') == 1


def test_task_list():
    assert html("- [ ] todo\n- [x] done\n") == (
        '<ul class="contains-task-list">\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" disabled="disabled"'
        ' type="checkbox"> todo</li>\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" checked="checked"'
        ' disabled="disabled" type="checkbox"> done</li>\n'
        "</ul>\n"
    )


def test_raw_html_passes_through():
    src = '<div class="box">\n*raw*\n</div>\n\nA <kbd>Ctrl</kbd> key\n'
    assert html(src) == '<div class="box">\n*raw*\n</div>\n<p>A <kbd>Ctrl</kbd> key</p>\n'


def test_no_typographer_no_linkify():
    assert html('"quotes" -- see https://example.com') == ("<p>&quot;quotes&quot; -- see https://example.com</p>\n")


def test_html5_void_elements_have_no_slash():
    assert html("a  \nb\n\n---\n") == "<p>a<br>\nb</p>\n<hr>\n"


# ------------------------------------------------------------- headings


def test_heading_ids_anchor_and_toc():
    result = render_markdown("# Top\n\n## Why *this*?\n\n### How `it` works\n\n##### Deep\n")
    assert result.html == (
        anchor("h1", "top", "Top")
        + anchor("h2", "why-this", "Why <em>this</em>?")
        + anchor("h3", "how-it-works", "How <code>it</code> works")
        + anchor("h5", "deep", "Deep")
    )
    assert result.toc == (
        Heading(level=2, id="why-this", text="Why this?"),
        Heading(level=3, id="how-it-works", text="How it works"),
    )


def test_heading_ids_are_deduplicated():
    result = render_markdown("## Why\n## Why\n## Why\n### Why 1\n")
    assert [h.id for h in result.toc] == ["why", "why-1", "why-2", "why-1-1"]
    assert len(set(re.findall(r'id="([^"]+)"', result.html))) == 4


def test_unicode_heading_ids():
    result = render_markdown("## Café Culture\n\n## 学习 笔记\n")
    assert [h.id for h in result.toc] == ["cafe-culture", "学习-笔记"]
    assert anchor("h2", "学习-笔记", "学习 笔记") in result.html


def test_empty_slug_becomes_section():
    result = render_markdown("## !!!\n\n## ???\n")
    assert [h.id for h in result.toc] == ["section", "section-1"]


def test_take_title_drops_first_h1_only():
    src = "# The Title\n\nBody.\n\n# Another h1\n\n## Part\n"
    result = render_markdown(src, take_title=True)
    assert result.html == "<p>Body.</p>\n" + anchor("h1", "another-h1", "Another h1") + anchor("h2", "part", "Part")
    assert result.toc == (Heading(level=2, id="part", text="Part"),)
    assert "The Title" in render_markdown(src).html


def test_take_title_without_h1_keeps_everything():
    src = "## Only h2\n\nBody.\n"
    assert html(src, take_title=True) == html(src)


# ------------------------------------------------------------- code


def test_fenced_code_is_highlighted_with_classes():
    out = html("```python\nx = 1  # one\n```\n")
    assert out == (
        '<div class="highlight"><pre><span></span><code><span class="n">x</span> <span class="o">=</span>'
        ' <span class="mi">1</span>  <span class="c1"># one</span>\n</code></pre></div>\n'
    )
    assert "style=" not in out and "<table" not in out


def test_language_name_is_case_insensitive():
    assert html("```Python\nx\n```\n").startswith('<div class="highlight">')


def test_unknown_language_is_escaped_with_class():
    assert html("```nosuchlang\n<b> & c\n```\n") == (
        '<pre><code class="language-nosuchlang">&lt;b&gt; &amp; c\n</code></pre>\n'
    )


def test_no_language_is_plain_pre_code():
    assert html("```\nplain <b>\n```\n") == "<pre><code>plain &lt;b&gt;\n</code></pre>\n"


def test_output_is_deterministic():
    src = "# T\n\n## A\n\ntext[^1] [[x]]\n\n```python\nprint(1)\n```\n\n[^1]: n\n"
    assert render_markdown(src) == render_markdown(src)


# ------------------------------------------------------------- summary


def test_summary_is_first_paragraph():
    result = render_markdown("# Title\n\nFirst *para*.\n\nSecond.\n", take_title=True)
    assert result.summary_html == "<p>First <em>para</em>.</p>\n"


def test_summary_before_more_marker():
    src = "Intro.\n\n## Part\n\nMore.\n\n<!--more-->\n\nHidden.\n"
    result = render_markdown(src)
    assert result.summary_html == "<p>Intro.</p>\n<h2>Part</h2>\n<p>More.</p>\n"
    assert "Hidden." in result.html and "Hidden." not in result.summary_html


def test_summary_more_marker_excludes_taken_title():
    result = render_markdown("# T\n\nIntro.\n<!--more-->\nRest.\n", take_title=True)
    assert result.summary_html == "<p>Intro.</p>\n"


def test_summary_empty_without_paragraph():
    assert render_markdown("## Only a heading\n").summary_html == ""


def test_summary_has_no_ids_or_footnote_refs():
    src = "## Head\n\nSee[^1] and ^[inline].\n\n<!--more-->\n\n[^1]: Note.\n"
    result = render_markdown(src)
    assert result.summary_html == "<h2>Head</h2>\n<p>See and .</p>\n"
    assert "id=" not in result.summary_html
    first = render_markdown("See[^1] here.\n\n[^1]: Note.\n").summary_html
    assert first == "<p>See here.</p>\n"


def test_summary_keeps_link_placeholders_with_same_numbers():
    result = render_markdown("A [[one]] and [two](two.md).\n\nB [[three]].\n")
    assert result.summary_html == "<p>A \x020<\x03\x020=\x03\x020>\x03 and \x021<\x03two\x021>\x03.</p>\n"
    assert [link.target for link in result.links] == ["one", "two.md", "three"]


# ------------------------------------------------------------- first_heading


def test_first_heading_skips_fenced_code():
    text = "Intro\n\n```sh\n# comment\n```\n\n~~~\n# also code\n~~~\n\n# Real *Title* #\n\n# Second\n"
    assert first_heading(text) == "Real Title"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# Hello", "Hello"),
        ("   # Indented ok", "Indented ok"),
        ("    # code block", None),
        ("#NoSpace", None),
        ("## Level two", None),
        ("# C#", "C#"),
        ("# Use `code` and **bold** ##", "Use code and bold"),
        ("# A [link](x.md) and [[t|Wiki]]", "A link and Wiki"),
        ("# 5 \\* 3 &amp; more", "5 * 3 & more"),
        ("#", None),
        ("no heading\n", None),
        ("````\n```\n# inside\n````\n# After", "After"),
    ],
)
def test_first_heading_cases(text, expected):
    assert first_heading(text) == expected


# ------------------------------------------------------------- stylesheet


def test_stylesheet_light_and_dark_with_aa_contrast():
    css = stylesheet()
    assert css == stylesheet()
    light, _, dark = css.partition("@media (prefers-color-scheme: dark) {")
    assert dark
    for part in (light, dark):
        bg = re.search(r"\.highlight, \.highlight pre \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", part)
        assert bg
        assert contrast(bg.group(2), bg.group(1)) >= 4.5
        for rule in re.findall(r"\{([^{}]*)\}", part):
            color = re.search(r"(?<!-)color: (#[0-9a-f]{6})", rule)
            back = re.search(r"background-color: (#[0-9a-f]{6})", rule)
            if color:
                assert contrast(color.group(1), back.group(1) if back else bg.group(1)) >= 4.5, rule


def test_theme_pygments_css_is_current():
    require_pinned_output()  # the CSS is made from the pinned Pygments' styles
    path = Path(__file__).resolve().parents[2] / "themes/default/static/css/pygments.css"
    assert path.read_text(encoding="utf-8") == stylesheet()


# ---- bounded nesting (nesting.py) and cost in proportion to size ----

@pytest.mark.parametrize("text", [
    "> " * 30 + "deep quote\n\nAfter the quote.\n",
    "".join("  " * i + "- level\n" for i in range(30)) + "\nAfter the list.\n",
    "- " * 10_000 + "x\n\nAfter the list.\n",
])
def test_nesting_past_the_limit_keeps_the_rest_of_the_note(text):
    html = render_markdown(text).html
    assert "After the" in html  # markdown-it alone drops everything past 20 levels
    assert "deep quote" in html or "level" in html or "x" in html


def test_nesting_within_the_limit_renders_as_commonmark():
    html = render_markdown("> " * 5 + "five deep\n").html
    assert html.count("<blockquote>") == 5 and "five deep" in html


def test_many_headings_alike_get_numbered_ids_in_order():
    result = render_markdown("# a\n# a-1\n" + "## a\n" * 3000)
    ids = [h.id for h in result.toc]
    assert ids[:4] == ["a-2", "a-3", "a-4", "a-5"] and ids[-1] == "a-3001" and len(set(ids)) == 3000
    assert '<h1 id="a">' in result.html and '<h1 id="a-1">' in result.html


@pytest.mark.parametrize("text", ["[" * 20_000, "![" * 10_000, "[^" * 10_000, "[[" * 10_000, "[a](" * 5_000])
def test_unclosed_brackets_stay_text(text):
    html = render_markdown(text + "\n").html
    assert html.startswith("<p>") and html.count("[") == text.count("[")


@pytest.mark.parametrize(("text", "html"), [
    ("[a [b] c](u)", '<p><a href="u">a [b] c</a></p>\n'),
    ("[a [b [c [d [e] d] c] b] a](u)", '<p><a href="u">a [b [c [d [e] d] c] b] a</a></p>\n'),  # five deep
    ("*[a](u)* and ![i](p.png) and [^n]\n\n[^n]: note", None),
])
def test_ordinary_brackets_are_unchanged(text, html):
    from markdown_it import MarkdownIt

    from plnsite.markdown.parser import make_parser
    from plnsite.markdown.wikilinks import LINKS
    env: dict = {}
    ours = make_parser(shortcuts=False).render(text, env)
    refs = env.get(LINKS, [])
    ours = fill_links(ours, [None] * len(refs), [r.target for r in refs])  # the image's src, as written
    if html is not None:
        assert ours == html == MarkdownIt("commonmark").render(text)
    else:
        assert '<a href="u">a</a>' in ours and '<img src="p.png" alt="i"' in ours and "footnote-ref" in ours
