"""Liquid and shortcode conversion, small cases (the fixtures cover whole posts)."""

from __future__ import annotations

from plnsite.importers.books import review_markdown
from plnsite.importers.markup import convert_liquid, convert_shortcodes

NO_LINKS = lambda name: None  # noqa: E731


def test_highlight_with_backticks_inside_gets_a_longer_fence():
    text, warnings = convert_liquid("Before\n{% highlight md %}\nuse ```code```\n{% endhighlight %}\n", 1, NO_LINKS)
    assert text == "Before\n````md\nuse ```code```\n````\n" and warnings == []


def test_highlight_on_a_line_with_text_starts_on_its_own_line():
    text, _ = convert_liquid("See: {% highlight py %}x = 1{% endhighlight %}", 1, NO_LINKS)
    assert text == "See: \n```py\nx = 1\n```"


def test_raw_inside_highlight_and_liquid_inside_raw_are_kept_as_text():
    body = "{% highlight html %}{% raw %}{{ x }}{% endraw %}{% endhighlight %}\n{% raw %}{% if %}{% endraw %}\n"
    text, warnings = convert_liquid(body, 1, NO_LINKS)
    assert text == "```html\n{{ x }}\n```\n{% if %}\n" and warnings == []


def test_urls_filters_and_whitespace_control():
    body = '![a]({{ "/img/a.png" | relative_url }}) [b]({{- site.url -}}{{ site.baseurl }}/b/)\n'
    assert convert_liquid(body, 1, NO_LINKS) == ("![a](/img/a.png) [b](/b/)\n", [])


def test_unclosed_highlight_is_given_back_with_a_warning():
    text, warnings = convert_liquid("a\n{% highlight js %}\nx\n", 10, NO_LINKS)
    assert text == "a\n{% highlight js %}\nx\n"
    assert warnings == [(11, "'{% highlight %}' has no '{% endhighlight %}': kept as it is")]


def test_post_url_that_names_no_post():
    text, warnings = convert_liquid("[x]({% post_url 2001-01-01-gone %})", 3, NO_LINKS)
    assert text == "[x]({% post_url 2001-01-01-gone %})"
    assert warnings == [(3, "'{% post_url 2001-01-01-gone %}' names no imported post: kept as it is")]


def test_figure_variants():
    text, _ = convert_shortcodes('{{< figure src="a b.png" caption="A <em>cap</em>" link="https://x.org/" >}}\n'
                                 "{{< figure src=`c.png` alt=\"[C]\" >}}\n", 1, NO_LINKS)
    assert text == '[![A cap](<a b.png>)](https://x.org/)\n![\\[C\\]](c.png)\n'


def test_paired_unknown_shortcode_is_reported_once():
    text, warnings = convert_shortcodes("{{% notice %}}\nx\n{{% /notice %}}\n", 5, NO_LINKS)
    assert text == "{{% notice %}}\nx\n{{% /notice %}}\n"
    assert [line for line, _ in warnings] == [5]


def test_review_html_to_markdown_never_unescapes_markup():
    review = "I &lt;3 it.<br /><br />Say &quot;hi&quot;<BR>&lt;script&gt;alert(1)&lt;/script&gt;<br/>"
    assert review_markdown(review) == 'I &lt;3 it.\n\nSay "hi"\n&lt;script&gt;alert(1)&lt;/script&gt;\n'
    assert review_markdown("  <br/>  ") is None
