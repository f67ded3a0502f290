"""The public API is pinned (as httpx pins its exported members): changing it must be a decision."""

from __future__ import annotations

import importlib
import inspect
from importlib import metadata
from pathlib import Path

import pytest

import plnsite
from tests.versions import SPEEDUP_MODULES, speedup_skip_reason

PUBLIC = ["BuildOptions", "BuildResult", "Problem", "__version__", "build", "load_content"]
PACKAGE = Path(plnsite.__file__).parent


def test_exported_members_are_exactly_the_public_api():
    assert plnsite.__all__ == PUBLIC
    assert plnsite.__all__ == sorted(plnsite.__all__)


def test_star_import_gives_exactly_the_public_api():
    namespace: dict = {}
    exec("from plnsite import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(PUBLIC)


def test_exported_members_are_the_real_objects():
    from plnsite.build import build
    from plnsite.errors import Problem
    from plnsite.load import load_content
    from plnsite.model import BuildOptions, BuildResult

    assert plnsite.build is build
    assert plnsite.load_content is load_content
    assert plnsite.BuildOptions is BuildOptions
    assert plnsite.BuildResult is BuildResult
    assert plnsite.Problem is Problem
    assert callable(plnsite.build) and not inspect.ismodule(plnsite.build)


def test_version_matches_the_installed_distribution():
    assert isinstance(plnsite.__version__, str)
    assert plnsite.__version__ == metadata.version("plnsite")
    assert all(part.isdigit() for part in plnsite.__version__.split(".")[:2])


def test_build_options_are_keyword_only_and_frozen():
    opts = plnsite.BuildOptions(source=Path("content"))
    with pytest.raises(TypeError):
        plnsite.BuildOptions(Path("content"))  # type: ignore[misc]
    with pytest.raises(AttributeError):
        opts.drafts = True  # type: ignore[misc]
    assert (opts.drafts, opts.future, opts.strict, opts.base_url, opts.now) == (False, False, False, None, None)


def test_the_public_api_builds_a_site(site_factory):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[missing]]\n"})
    loaded = plnsite.load_content(content)
    assert [n.slug for n in loaded.notes] == ["a"]
    result = plnsite.build(plnsite.BuildOptions(source=content))
    assert isinstance(result, plnsite.BuildResult)
    assert result.ok and "notes/a/index.html" in result.outputs
    (problem,) = result.problems
    assert isinstance(problem, plnsite.Problem)
    assert str(problem) == "content/notes/2025-01-01-a.md:4: warning: no note named 'missing'"


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts or path.name == "__main__.py":
            continue
        if path.is_relative_to(PACKAGE / "render" / "compiled"):  # Jinja's generated code (render/precompile.py)
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.parametrize("name", _modules())
def test_every_module_declares_what_it_exports(name):
    if name in SPEEDUP_MODULES and speedup_skip_reason(SPEEDUP_MODULES[name]):
        pytest.skip(f"{name} is not imported here: {speedup_skip_reason(SPEEDUP_MODULES[name])}")
    module = importlib.import_module(name)
    defined = [
        key for key, value in vars(module).items()
        if not key.startswith("_") and getattr(value, "__module__", None) == name
        and (inspect.isfunction(value) or inspect.isclass(value))
    ]
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert defined == [], f"{name} defines public names {defined} but has no __all__"
        return
    assert [n for n in exported if not hasattr(module, n)] == [], f"{name}.__all__ names what it does not have"
    assert len(set(exported)) == len(exported)
