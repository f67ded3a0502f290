"""plnsite.render.theme: the Jinja environment themes render with."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import markupsafe
import pytest

from plnsite import speedups
from plnsite.render.theme import _escape_output, _EscapeAsStrEnvironment, _ViewEnvironment, load_theme
from tests.versions import speedup_skip_reason

ROOT = Path(__file__).resolve().parents[2]
# The escaping speed-up is compared with stock Jinja whatever PLNSITE_STOCK says, but only
# with a Jinja and markupsafe it is tested with (plnsite does not use it with others).
escaping_in_range = pytest.mark.skipif(speedup_skip_reason("jinja") is not None,
                                       reason=str(speedup_skip_reason("jinja")))


@pytest.fixture(params=["stock escaping", "escaping speed-up"])
def env(request):
    if request.param == "escaping speed-up":
        if speedup_skip_reason("jinja"):
            pytest.skip(speedup_skip_reason("jinja"))
        return _EscapeAsStrEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    return _ViewEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def test_a_views_key_is_read_before_a_dict_attribute(env):
    page = {"title": "T & U", "items": ["a", "b"]}
    assert env.from_string("{{ page.title }}|{{ page.items|join(',') }}").render(page=page) == "T &amp; U|a,b"


def test_dict_methods_attributes_and_items_still_work(env):
    view = {"a": 1}
    obj = SimpleNamespace(name="n", data={"k": "v"})
    out = env.from_string("{{ view.get('a') }} {{ obj.name }} {{ obj.data.k }} {{ obj['name'] }}").render(
        view=view, obj=obj)
    assert out == "1 n v n"


def test_a_missing_key_is_still_an_error(env):
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ page.nope }}").render(page={"title": "x"})


def test_the_bundled_theme_uses_it():
    theme = load_theme("default", ROOT, True)
    assert isinstance(theme.env, _ViewEnvironment)
    assert isinstance(theme.env, _EscapeAsStrEnvironment) is speedups.enabled("jinja")


_VALUES = ["plain", "<b>&'\"x\"'</b>", "", "é & 学 <", 42, 3.5, None, True, markupsafe.Markup("<i>kept</i>"),
           type("Sub", (str,), {})("<sub>"), SimpleNamespace(__html__=lambda: "<raw>")]


@escaping_in_range
@pytest.mark.parametrize("value", _VALUES, ids=range(len(_VALUES)))
def test_escaped_output_is_markupsafes_escape_as_text(value):
    assert _escape_output(value) == str(markupsafe.escape(value))


def test_templates_write_what_stock_jinja_writes(env):
    stock = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    source = ("{% macro m(x) %}<{{ x }}>{% endmacro %}{% set s %}{{ a }}{% endset %}"
              "{{ a }}|{{ b }}|{{ m(a) }}|{{ s }}|{{ a|e }}|{{ n }}|{{ b ~ a }}|{% for v in l %}{{ v }}{% endfor %}")
    values = {"a": "<a&b>", "b": markupsafe.Markup("<safe>"), "n": 7, "l": ["'", markupsafe.Markup("<m>")]}
    assert env.from_string(source).render(**values) == stock.from_string(source).render(**values)
    assert "escape" in env.from_string("{{ a }}").root_render_func.__globals__
    fast = isinstance(env, _EscapeAsStrEnvironment)
    assert (env.from_string("{{ a }}").root_render_func.__globals__["escape"] is _escape_output) is fast
