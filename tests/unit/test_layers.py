"""The layering of DESIGN §1.2, checked on the source: who may import whom, and the one home
of each third-party library. A module added to plnsite must be given a layer here."""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plnsite"

# First component after "plnsite." → layer. "" is the package itself (plnsite/__init__.py).
LAYERS = {
    "errors": 0, "text": 0, "dates": 0, "yamlio": 0, "paths": 0, "parallel": 0, "speedups": 0, "pickling": 0,
    "sources": 0, "yamlhints": 0, "yamlcheck": 0, "confine": 0, "xmlparse": 0, "atomic": 0, "web": 0,
    "kinds": 0,  # ReadingKind, ReadingStatus: model.py re-exports them
    "installed": 0,  # versions of installed distributions (speedups, caches)
    "model": 1,
    "config": 2, "urls": 2, "markdown": 2, "incremental": 2, "snapshots": 2, "images": 2,
    "i18n": 2,  # the site's language: the theme's words, dates (Babel)
    "mentions": 2,
    "load": 3,
    "link": 4,
    "routes": 5,
    "render": 6,
    "build": 7, "output": 7, "report": 7, "checks": 7, "importers": 7, "follow": 7,
    "staging": 7, "spill": 7, "pending": 7, "leftovers": 7, "writes": 7,  # output.py's parts
    "search": 7,  # indexes the built pages (Pagefind)
    "serve": 8, "commands": 8,
    "cli": 9, "__main__": 9, "": 9,
}
STAGES = ("load", "link", "routes", "render")  # L3–L6: siblings that never import each other

# Each third-party library and the only modules that may import it.
HOMES = {
    "yaml": {"plnsite.yamlio"},
    "jinja2": {"plnsite.render.theme", "plnsite.render.html"},
    "markupsafe": {"plnsite.render.theme"},  # Jinja's escaping
    "feedgen": {"plnsite.render.feeds"},
    "lxml": {"plnsite.xmlparse"},
    "markdown_it": "plnsite.markdown",
    "mdit_py_plugins": "plnsite.markdown",
    "pygments": "plnsite.markdown",
    "watchdog": {"plnsite.serve.watch"},
    "tomli": {"plnsite.importers.posts"},  # Python 3.10's tomllib
    "pagefind": {"plnsite.search.binary"},
    "pagefind_bin": {"plnsite.search.binary"},  # where Pagefind's binary is (search/binary.py)
    "latex2mathml": {"plnsite.markdown.math"},
    "PIL": "plnsite.images",
    "babel": "plnsite.i18n",  # CLDR: dates, plurals, list patterns, writing direction
    "httpx": {"plnsite.web.http"},
    "feedparser": {"plnsite.follow.feeds"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (PACKAGE.parent / Path(*name.split(".")) / "__init__.py").is_file()


def is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@cache
def sources() -> dict[str, Path]:
    # render/compiled/ is Jinja's generated code (render/precompile.py): its imports are Jinja's runtime.
    generated = PACKAGE / "render" / "compiled"
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "__pycache__" not in p.parts and not p.is_relative_to(generated)}


@cache
def imports(name: str) -> tuple[tuple[str, tuple[str, ...], int], ...]:
    """(imported module, names taken from it, line) for every import statement, lazy ones too."""
    tree = ast.parse(sources()[name].read_text(encoding="utf-8"))
    package = name if is_package(name) else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, (), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            # `from . import watch` imports the module plnsite.<pkg>.watch
            submodules = [n for n in names if is_module(f"{target}.{n}")]
            found += [(f"{target}.{n}", (), node.lineno) for n in submodules]
            rest = tuple(n for n in names if n not in submodules)
            if rest or not submodules:
                found.append((target, rest, node.lineno))
    return tuple(found)


def area(name: str) -> str:
    return name.split(".")[1] if "." in name else ""


def internal_edges():
    for name in sources():
        for target, names, line in imports(name):
            if target == "plnsite" or target.startswith("plnsite."):
                yield name, target, names, line


def test_every_module_has_a_layer():
    assert sorted({area(name) for name in sources()} - set(LAYERS)) == []


def test_no_module_imports_a_higher_layer():
    bad = []
    for name, target, names, line in internal_edges():
        if target == "plnsite" and names == ("__version__",):
            continue  # the version string; plnsite/__init__.py sets it before importing anything
        if LAYERS[area(target)] > LAYERS[area(name)]:
            bad.append(f"{sources()[name].relative_to(PACKAGE.parent)}:{line}: {name} (L{LAYERS[area(name)]}) "
                       f"imports {target} (L{LAYERS[area(target)]})")
    assert bad == []


def test_stages_import_only_the_helpers_below_them():
    """load/, link/, routes and render/ receive values from model.py; they never import each other
    (link/ never load/: it is handed a Content)."""
    bad = []
    for name, target, names, line in internal_edges():
        source, dest = area(name), area(target)
        if source in STAGES and dest != source and LAYERS[dest] > 2 and not (target == "plnsite" and names == ("__version__",)):
            bad.append(f"{sources()[name].relative_to(PACKAGE.parent)}:{line}: {name} imports {target}")
    assert bad == []


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_knows_the_server_or_the_command_line(stage):
    for name, target, _, line in internal_edges():
        if area(name) == stage:
            assert area(target) not in ("serve", "commands", "cli", "build", "output"), f"{name}:{line} → {target}"


def test_nothing_imports_the_cli_but_main():
    users = {name for name, target, _, _ in internal_edges() if target == "plnsite.cli"}
    assert users == {"plnsite.__main__"}


def test_only_build_runs_several_stages():
    bad = {}
    for name in sources():
        used = sorted({area(t) for t, _, _ in imports(name) if t.startswith("plnsite.") and area(t) in STAGES}
                      - {area(name)})
        if len(used) > 1 and name != "plnsite.build":
            bad[name] = used
    assert bad == {}


@pytest.mark.parametrize("library", sorted(HOMES))
def test_each_third_party_library_has_one_home(library):
    home = HOMES[library]
    users = {name for name in sources() for target, _, _ in imports(name) if target.split(".")[0] == library}
    allowed = {u for u in users if u == home or u.startswith(f"{home}.")} if isinstance(home, str) else home
    assert users - set(allowed) == set()


def test_no_other_third_party_library_is_imported():
    stdlib = set(sys.stdlib_module_names) | {"__future__", "tomllib"}  # tomllib: from 3.11
    foreign = {
        f"{name}: {target}"
        for name in sources()
        for target, _, _ in imports(name)
        if target and target.split(".")[0] not in stdlib | set(HOMES) | {"plnsite"}
    }
    assert foreign == set()


def test_the_checker_sees_relative_imports():
    """Guard the guard: known edges must be found, or every rule above would pass vacuously."""
    edges = {(name, target) for name, target, _, _ in internal_edges()}
    assert ("plnsite.build", "plnsite.link") in edges
    assert ("plnsite.load.notes", "plnsite.load.frontmatter") in edges
    assert ("plnsite.render.feeds", "plnsite.urls") in edges
    assert ("plnsite.__main__", "plnsite.cli") in edges
    assert ("plnsite.render", "plnsite.render.feeds") in edges
    assert ("plnsite.yamlio", "yaml") in {(name, t) for name in sources() for t, _, _ in imports(name)}
