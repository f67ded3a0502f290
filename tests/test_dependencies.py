"""pyproject.toml's dependencies tell the truth: every library plnsite imports is declared,
each with a floor that CI tests (.ci/constraints-floor.txt, the oldest Python) and an
upper bound; and .ci/run tests the oldest Python pyproject.toml allows."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata

from tests.versions import ROOT, floor_pins, output_pins, tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
_REQUIREMENT = re.compile(r"(?P<name>[A-Za-z0-9_.\-]+)\s*(?P<spec>[^;]*?)\s*(?:;\s*(?P<marker>.+))?")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _release(version: str) -> tuple[int, ...]:
    numbers = tuple(int(p) for p in version.split("."))
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers = numbers[:-1]
    return numbers


def declared() -> dict[str, tuple[str, str | None]]:
    """{distribution: (version specifiers, environment marker)} of [project] dependencies."""
    found = {}
    for requirement in PROJECT["dependencies"]:
        match = _REQUIREMENT.fullmatch(requirement.strip())
        assert match, requirement
        found[_normal(match["name"])] = (match["spec"].replace(" ", ""), match["marker"])
    return found


def imported_libraries() -> set[str]:
    """Top-level names of the libraries plnsite's modules import (lazy imports too)."""
    stdlib = set(sys.stdlib_module_names) | {"__future__", "tomllib"}
    names = set()
    for path in (ROOT / "plnsite").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - stdlib - {"plnsite"}


def test_every_imported_library_is_declared():
    providers = metadata.packages_distributions()
    # Where the installed wheel does not say which modules it holds (markdown-it-py 3.0 on 3.10),
    # or the library is not installed on this Python (tomli on 3.11+).
    providers = {"markdown_it": ["markdown-it-py"], "yaml": ["PyYAML"], **providers}
    dists = {_normal(providers.get(name, [name])[0]) for name in imported_libraries()}
    assert sorted(dists - set(declared())) == []
    assert "lxml" in dists and "tomli" in dists  # render/feeds.py; Python 3.10's tomllib


def test_every_dependency_has_a_tested_floor_and_an_upper_bound():
    floors = floor_pins()
    for dist, (spec, _) in declared().items():
        low = re.search(r">=([0-9.]+)", spec)
        high = re.search(r"<([0-9.]+)", spec)
        assert low and high, f"{dist}{spec}: declare >=floor,<next-major"
        assert dist in floors, f"{dist} has no floor in .ci/constraints-floor.txt"
        assert _release(floors[dist]) == _release(low[1]), f"{dist}: floor {floors[dist]} but pyproject says {spec}"
        assert _release(low[1]) < _release(high[1])
        pinned = output_pins().get(dist)
        if pinned:
            assert _release(low[1]) <= _release(pinned) < _release(high[1]), f"{dist}: the [test] pin is outside {spec}"
    assert sorted(floors) == sorted([*declared(), *FLOORED_TEST_TOOLS]), "the floor file pins exactly the dependencies"


# Test tools whose oldest allowed release CI tests too: the fuzzer (tests/fuzz/) is written
# against Hypothesis' API.
FLOORED_TEST_TOOLS = ("hypothesis",)


def test_floored_test_tools_have_a_tested_floor_and_an_upper_bound():
    specs = {}
    for requirement in PROJECT["optional-dependencies"]["test"]:
        match = _REQUIREMENT.fullmatch(requirement.strip())
        specs[_normal(match["name"])] = match["spec"].replace(" ", "")
    for dist in FLOORED_TEST_TOOLS:
        low, high = re.search(r">=([0-9.]+)", specs[dist]), re.search(r"<([0-9.]+)", specs[dist])
        assert low and high, f"{dist}{specs[dist]}: declare >=floor,<next-major"
        assert _release(floor_pins()[dist]) == _release(low[1]), f"{dist}: floor {floor_pins()[dist]} but pyproject says {specs[dist]}"
        assert _release(low[1]) < _release(high[1])


def test_tomli_is_only_for_the_pythons_without_tomllib():
    assert declared()["tomli"][1].replace('"', "'") == "python_version < '3.11'"
    floor_file = (ROOT / ".ci" / "constraints-floor.txt").read_text(encoding="utf-8")
    assert re.search(r"^tomli==[0-9.]+; python_version < \"3\.11\"$", floor_file, re.M)


def test_ci_tests_the_oldest_python_pyproject_allows():
    oldest = re.fullmatch(r">=\s*(3\.\d+)", PROJECT["requires-python"])[1]
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^OLDEST={re.escape(oldest)}\b", run, re.M)
    assert re.search(r"^NEWEST=3\.\d+\b", run, re.M)
