"""$…$ and $$…$$ → MathML at build time; formulas that cannot be converted are code and a
warning at path:line; ```mermaid blocks are left for the browser, not highlighted."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from plnsite.markdown import render_markdown
from plnsite.markdown.math import to_mathml

MATHML = "{http://www.w3.org/1998/Math/MathML}"


def _maths(fragment: str) -> list:
    """The <math> elements of ``fragment``, each parsed as XML (MathML is XML)."""
    return [etree.fromstring(m) for m in re.findall(r"<math .*?</math>", fragment, re.DOTALL)]


def test_inline_math_becomes_mathml_in_the_paragraph():
    result = render_markdown("Area is $\\pi r^2$ here.\n")
    assert result.html.startswith("<p>Area is <math ")
    (math,) = _maths(result.html)
    assert math.get("display") == "inline"
    assert [e.tag for e in math.iter()][:3] == [f"{MATHML}math", f"{MATHML}mrow", f"{MATHML}mi"]
    assert "π" in "".join(math.itertext()) and "$" not in result.html
    assert result.warnings == ()


def test_display_math_is_a_block():
    result = render_markdown("Before.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.\n")
    assert '<div class="math"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in result.html
    (math,) = _maths(result.html)
    assert math.find(f".//{MATHML}mfrac") is not None
    assert result.html.endswith("<p>After.</p>\n")


def test_prices_are_not_math():
    for text in ("It cost $5 and $6.\n", "From $10 to $20, or $ 3 $.\n", "Two $ signs $ apart.\n"):
        result = render_markdown(text)
        assert "<math" not in result.html, text
        assert result.html == f"<p>{text.strip()}</p>\n"


def test_an_escaped_dollar_is_a_dollar():
    assert render_markdown("\\$x$ is not math\n").html == "<p>$x$ is not math</p>\n"


def test_math_in_code_is_code():
    assert "<math" not in render_markdown("`$x$`\n\n```\n$$\ny\n$$\n```\n").html


def test_a_formula_that_cannot_be_converted_is_shown_as_code_and_warned_at_its_line():
    text = "Intro.\n\nFirst $\\foo{x}$ and\nthen $\\left( x$ too.\n\n$$\na_\n$$\n"
    result = render_markdown(text)
    assert '<code class="math-error">$\\foo{x}$</code>' in result.html
    assert '<code class="math-error">$\\left( x$</code>' in result.html
    assert '<pre class="math-error"><code class="math-error">$$\na_\n$$</code></pre>' in result.html
    assert [line for line, _ in result.warnings] == [2, 3, 5]
    assert "unknown command \\foo" in result.warnings[0][1]
    assert all(message.endswith("shown as code") for _, message in result.warnings)


def test_nothing_is_changed_silently():
    """An unknown command would come out as the letters of its name; unpaired braces would vanish."""
    assert to_mathml("\\foo", False)[0] is None
    assert to_mathml("{x", False) == (None, "a '{' is never closed")
    assert to_mathml("x}", False) == (None, "a '}' closes no '{'")
    assert to_mathml("\\{x", False)[0] is not None  # an escaped brace is a brace
    assert to_mathml("x^2", True)[0].startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')


def test_a_source_with_math_warns_once_per_formula_even_in_the_summary():
    result = render_markdown("Bad $\\nope$ first paragraph.\n\nMore.\n")
    assert len(result.warnings) == 1
    assert '<code class="math-error">' in result.summary_html


def test_mermaid_blocks_are_left_for_the_browser():
    result = render_markdown("```mermaid\ngraph TD\n  A-->B & C<D\n```\n")
    assert result.html == '<pre class="mermaid">graph TD\n  A--&gt;B &amp; C&lt;D\n</pre>\n'
    assert "highlight" not in render_markdown("```Mermaid\nx\n```\n").html


def test_a_formula_warning_names_the_file_and_line(site_factory, run_cli):
    site_factory({"notes/2024-01-01-maths.md": "---\ntitle: Maths\n---\nFine $x^2$.\n\nBroken $\\oops$.\n"})
    code, out, err = run_cli("build")
    assert code == 0
    assert "content/notes/2024-01-01-maths.md:6: warning: formula not converted to MathML (unknown command \\oops)" in err
    page = Path("public/notes/maths/index.html").read_text(encoding="utf-8")
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in page and '<code class="math-error">$\\oops$</code>' in page
    code, out, err = run_cli("build", "--strict")
    assert code == 1 and "maths.md:6: error: formula not converted" in err
