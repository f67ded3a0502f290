"""The bundled themes' templates, precompiled (render/precompiled.py): shipped current, used only
where they are exactly what Jinja would compile, never over a site's own template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plnsite import speedups
from plnsite.render import precompiled
from plnsite.render.precompile import generate, stale
from plnsite.render.theme import bundled_themes_dir, load_theme

ROOT = Path(__file__).resolve().parents[2]


def _shipped_jinja() -> str:
    from plnsite.render import compiled

    return compiled.JINJA


def _in_use_here() -> str | None:
    """Why precompiled code cannot be used in this process, else None."""
    why = "PLNSITE_STOCK is set" if speedups.stock_requested() else None
    if why is None and _shipped_jinja() != precompiled.jinja_version():
        why = f"the package was generated with Jinja {_shipped_jinja()}, this is {precompiled.jinja_version()}"
    return why


in_use = pytest.mark.skipif(_in_use_here() is not None, reason=str(_in_use_here()))


def test_the_shipped_compiled_templates_are_current():
    """A bundled template edited without `python -m plnsite.render.precompile` fails here (the
    build would only be slower: the stale code is never used)."""
    from plnsite.render import compiled

    if _shipped_jinja() == precompiled.jinja_version():  # another release generates other code
        assert stale(generate()) == [], "run python -m plnsite.render.precompile"
    # Whatever Jinja is installed: every template's source is the one the shipped code was made from.
    theme_sources = {}
    for folder in sorted(d for d in bundled_themes_dir().iterdir() if (d / "templates").is_dir()):
        for path in sorted((folder / "templates").rglob("*")):
            if path.is_file():
                key = f"{folder.name}/{path.relative_to(folder / 'templates').as_posix()}"
                theme_sources[key] = precompiled.source_digest(path.read_text(encoding="utf-8"))
    assert {k: v[1] for k, v in compiled.TEMPLATES.items()} == theme_sources, \
        "run python -m plnsite.render.precompile"


def test_the_check_command_says_the_package_is_current():
    done = subprocess.run([sys.executable, "-m", "plnsite.render.precompile", "--check"], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    if _shipped_jinja() != precompiled.jinja_version():
        assert done.returncode == 1 and "stale" in done.stdout
    else:
        assert (done.returncode, done.stdout) == (0, ""), done.stderr


@in_use
def test_a_build_takes_every_bundled_template_precompiled_and_it_is_jinjas_own_code(tmp_path):
    env = load_theme("default", tmp_path, fresh=True).env
    names = env.list_templates()
    assert len(names) > 20
    for name in names:
        template = env.get_template(name)
        source, filename, _ = env.loader.get_source(env, name)
        jinja = env.compile(source, name, filename)
        # Code objects compare by their bytecode, constants, names and line tables: the same
        # program as Jinja's, and named after the template's file, so tracebacks point at it.
        assert template.root_render_func.__code__.co_filename == filename
        assert _code_of(template) == _code_of_compiled(env, jinja)
    assert env.loader.precompiled == set(names)


def _code_of(template) -> tuple:
    return (template.root_render_func.__code__, *(b.__code__ for b in template.blocks.values()))


def _code_of_compiled(env, code) -> tuple:
    template = env.template_class.from_code(env, code, {})
    return _code_of(template)


@in_use
def test_a_template_whose_source_changed_is_compiled_from_it(tmp_path):
    env = load_theme("default", tmp_path, fresh=True).env
    source, filename, _ = env.loader.get_source(env, "base.html")
    bundled = bundled_themes_dir()
    assert precompiled.code_for(env, "base.html", filename, source, bundled) is not None
    assert precompiled.code_for(env, "base.html", filename, source + "\n", bundled) is None
    assert precompiled.code_for(env, "note.html", filename, source, bundled) is None  # another template's code
    # Options that change the code Jinja generates: not the recorded ones, so not used.
    other = env.overlay(trim_blocks=False)
    assert precompiled.code_for(other, "base.html", filename, source, bundled) is None


@in_use
def test_a_sites_template_overriding_a_bundled_one_wins(site_factory, run_cli):
    """The site's themes/default/ holds note.html and the partial of tag chips: both are the site's,
    also where a bundled (precompiled) template imports the partial (the list of notes)."""
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\ntags: [x]\n---\nText.\n"})
    theme = content.parent / "themes" / "default" / "templates"
    (theme / "partials").mkdir(parents=True)
    (theme / "note.html").write_text('{% extends "base.html" %}{% import "partials/_tags.html" as chips %}'
                                     '{% block content %}SITE NOTE {{ note.title }} {{ chips.tag_list(note.tags) }}'
                                     '{% endblock %}', encoding="utf-8")
    (theme / "partials" / "_tags.html").write_text("{% macro tag_list(tags, mf=true) %}SITE TAGS {{ tags|length }}"
                                                   "{% endmacro %}", encoding="utf-8")
    code, _, err = run_cli("build", "-s", str(content), "-o", str(content.parent / "out"), "--no-cache", "-j", "1")
    assert code == 0, err
    page = (content.parent / "out" / "notes" / "a" / "index.html").read_text(encoding="utf-8")
    assert "SITE NOTE A SITE TAGS 1" in page
    assert page.startswith("<!doctype html>")  # the bundled base.html around it
    listing = (content.parent / "out" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "SITE TAGS 1" in listing and 'class="tags"' not in listing
    env = load_theme("default", content.parent).env
    env.get_template("note.html")
    env.get_template("notes.html")
    assert {"base.html", "notes.html", "partials/_note_card.html"} <= env.loader.precompiled
    assert not {"note.html", "partials/_tags.html"} & env.loader.precompiled


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@in_use
def test_the_example_site_is_byte_identical_with_templates_compiled_from_source(tmp_path):
    """The real CLI in two processes on the repository's example site: precompiled templates,
    and PLNSITE_STOCK=1 (every template compiled by Jinja from its source)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    clean = {k: v for k, v in os.environ.items() if k != speedups.STOCK_VARIABLE}
    outputs = {}
    for mode, extra in (("stock", {speedups.STOCK_VARIABLE: "1"}), ("precompiled", {})):
        done = subprocess.run([sys.executable, "-m", "plnsite", "build", "--no-cache", "-j", "1", "-o", mode],
                              cwd=tmp_path, capture_output=True, text=True, env={**clean, **extra}, check=False)
        assert done.returncode == 0, done.stderr
        outputs[mode] = _tree(tmp_path / mode)
    assert len(outputs["precompiled"]) > 50
    assert outputs["stock"] == outputs["precompiled"]
