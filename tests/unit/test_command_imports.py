"""What a command loads: `plnsite --version`, `--help` and every `<command> --help` declare
arguments only, so none of them may import the build's machinery or a heavy library; and a build
imports a library that only some sites need (math, worker processes) only when the site needs it.

What a fresh process has imported can only be seen in a fresh process: one subprocess per case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from plnsite.cli import make_parser
from plnsite.commands import COMMANDS

from tests.conftest import MINIMAL_SITE
from tests.unit.test_cli import commands

# Libraries and plnsite's own stages: none of them is needed to print a usage or a version.
HEAVY = (
    "jinja2", "markupsafe", "markdown_it", "mdit_py_plugins", "pygments", "yaml", "PIL", "babel", "httpx",
    "feedparser", "feedgen", "lxml", "latex2mathml", "watchdog", "pagefind", "asyncio", "multiprocessing",
    "concurrent.futures", "importlib.metadata",
    "plnsite.load", "plnsite.config", "plnsite.model", "plnsite.link", "plnsite.routes", "plnsite.render",
    "plnsite.build", "plnsite.output", "plnsite.markdown", "plnsite.images", "plnsite.i18n", "plnsite.yamlio",
    "plnsite.incremental", "plnsite.serve", "plnsite.follow", "plnsite.importers", "plnsite.mentions",
    "plnsite.web", "plnsite.search", "plnsite.checks", "plnsite.report", "plnsite.snapshots",
)

# Run in a fresh interpreter: the script's arguments, then print what was imported.
PROBE = """\
import json, sys
from plnsite.cli import main, make_parser
argv = json.loads(sys.argv[1])
if argv and argv[0] == "make_parser":
    make_parser(argv[1])
else:
    main(argv)
print(json.dumps(sorted(sys.modules)))
"""


def imported(*argv: str, cwd=None) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True,
                          cwd=cwd, check=False)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), *((*c, "--help") for c in commands(make_parser()))],
                         ids=" ".join)
def test_help_and_version_import_nothing_heavy(argv):
    modules = imported(*argv)
    assert "plnsite.cli" in modules  # the probe ran the command line
    assert heavy_in(modules) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_declaring_a_commands_arguments_imports_nothing_heavy(command):
    modules = imported("make_parser", command)
    assert f"plnsite.commands.{COMMANDS[command][0]}" in modules
    assert heavy_in(modules) == []


def test_the_deny_list_sees_what_a_build_imports(site_factory):
    """Guard the guard: a build does import the stages (or the test above would pass vacuously)."""
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nText.\n"})
    modules = imported("build", "-s", str(content), "-o", str(content.parent / "out"), cwd=content.parent)
    assert {"plnsite.build", "plnsite.model", "jinja2", "yaml", "markdown_it"} <= modules


# What a build of a small site without math needs none of: the math library, worker processes
# (multiprocessing), Pagefind's asyncio client (only its binary is run), what xml.sax.saxutils
# brings (urllib.request, http.client), and importlib.metadata (installed.py reads versions).
NOT_FOR_A_SMALL_BUILD = ("latex2mathml", "multiprocessing", "concurrent.futures.process", "pagefind.service",
                         "asyncio", "xml.sax", "urllib.request", "http.client", "importlib.metadata")


def test_a_small_build_without_math_imports_none_of_what_it_does_not_need(site_factory):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nText, and `code` at $5 or $6.\n"})
    modules = imported("build", "-s", str(content), "-o", str(content.parent / "out"), cwd=content.parent)
    assert [m for m in sorted(modules) if any(m == n or m.startswith(n + ".") for n in NOT_FOR_A_SMALL_BUILD)] == []
    out = content.parent / "out"
    assert "<math" not in (out / "notes" / "a" / "index.html").read_text(encoding="utf-8")
    assert (out / "pagefind" / "pagefind-entry.json").is_file()  # Pagefind did run
    assert "<loc>https://example.org/notes/a/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_build_with_math_still_renders_it(site_factory):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nEnergy: $E = mc^2$.\n"})
    modules = imported("build", "-s", str(content), "-o", str(content.parent / "out"), cwd=content.parent)
    assert "latex2mathml" in modules
    assert "<math" in (content.parent / "out" / "notes" / "a" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("given", [None, "/opt/elsewhere/pagefind"])
def test_the_pagefind_binary_is_the_one_pagefinds_own_lookup_finds(monkeypatch, given):
    from pagefind.service import get_executable

    from plnsite.search.binary import BINARY_VARIABLE, pagefind_binary

    if given is None:
        monkeypatch.delenv(BINARY_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(BINARY_VARIABLE, given)
    assert pagefind_binary() == get_executable()


# `plnsite new` reads site.yaml and finds the content's files (load.discover): it needs none of the
# loaders of each kind of file, Markdown, the caches, images or rendering.
NOT_FOR_NEW = ("plnsite.markdown", "markdown_it", "pygments", "plnsite.incremental", "plnsite.images", "PIL",
               "plnsite.load.notes", "plnsite.load.contacts", "plnsite.render", "jinja2", "feedgen", "lxml")


def test_new_note_imports_only_what_writing_a_note_needs(site_factory):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\nText.\n"})
    modules = imported("new", "note", "A second note", "-s", str(content), cwd=content.parent)
    assert "plnsite.load.discover" in modules and "plnsite.config" in modules  # it ran
    assert [m for m in sorted(modules) if any(m == n or m.startswith(n + ".") for n in NOT_FOR_NEW)] == []
    assert len(list((content / "notes").glob("*-a-second-note.md"))) == 1


def test_a_build_with_no_photo_to_measure_or_card_to_draw_does_not_load_pillow(site_factory):
    """Pillow (~40 ms) is loaded to measure a photo or draw a card: an SVG is measured without it,
    and a second build takes the cards from .plnsite-cache/."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>'
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n![A box](/images/box.svg)\n",
                            "static/images/box.svg": svg})
    argv = ("build", "-s", str(content), "-o", str(content.parent / "out"))
    assert "PIL.Image" in imported(*argv, cwd=content.parent)  # the first build draws the cards
    (content / "notes" / "2025-01-01-a.md").write_text("---\ntitle: A\n---\n![A box, edited](/images/box.svg)\n",
                                                      encoding="utf-8")
    modules = imported(*argv, cwd=content.parent)
    assert [m for m in sorted(modules) if m == "PIL.Image" or m.startswith("PIL.Image")] == []
    page = (content.parent / "out" / "notes" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'alt="A box, edited"' in page and 'width="40" height="20"' in page  # measured (SVG, no Pillow)


def test_a_build_that_renders_no_feed_does_not_load_feedgen(site_factory):
    """feedgen (with lxml and dateutil, ~18 ms) is loaded to render an RSS or Atom feed, and
    email.utils to date the OPML: a second build after an edit that changes neither keeps them
    as they are on disk, and loads neither library. (Search off: Pagefind's version is read
    with importlib.metadata, which loads email.)"""
    content = site_factory({"site.yaml": MINIMAL_SITE + "search: false\n",
                            "notes/2025-01-01-a.md": "---\ntitle: A\n---\nText.\n",
                            "pages/about.md": "---\ntitle: About\n---\nMe.\n"})
    out = content.parent / "out"
    argv = ("build", "-s", str(content), "-o", str(out))
    first = imported(*argv, cwd=content.parent)
    assert {"feedgen.feed", "lxml.etree", "email.utils"} <= first  # (the guard: the first build renders them)
    feeds = {name: (out / name).read_bytes() for name in ("feed.xml", "atom.xml", "network.opml")}
    assert b"<source:blogroll>https://example.org/network.opml</source:blogroll>" in feeds["feed.xml"]
    (content / "pages" / "about.md").write_text("---\ntitle: About\n---\nMe, edited.\n", encoding="utf-8")
    modules = imported(*argv, cwd=content.parent)
    assert [m for m in sorted(modules) if m.split(".")[0] in ("feedgen", "lxml", "dateutil")
            or m == "email.utils"] == []
    assert "Me, edited." in (out / "about" / "index.html").read_text(encoding="utf-8")
    assert {name: (out / name).read_bytes() for name in feeds} == feeds
