"""What the installed library versions let a test compare. Import as ``from tests.versions import ...``.

- Output bytes (the golden site, exact HTML of highlighted code) depend on markdown-it-py,
  Pygments, Jinja, feedgen and lxml: pyproject.toml's ``[test]`` extra pins them.
  ``require_pinned_output()`` skips a byte comparison, naming the versions, when another
  version is installed (CI's runs on the floor and newest releases); with
  ``PLNSITE_REQUIRE_PINNED=1`` (the main run of ``.ci/run``) it fails instead.
- A speed-up is compared with stock behaviour only where ``plnsite.speedups`` would use it:
  ``speedup_skip_reason(name)``, whatever ``PLNSITE_STOCK`` says in the tests' environment.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest

from plnsite import speedups

try:
    import tomllib
except ImportError:  # Python 3.10: plnsite depends on tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["SPEEDUP_MODULES", "floor_pins", "output_pins", "require_pinned_output", "speedup_skip_reason", "unpinned"]

# Modules plnsite imports only while their speed-up is on (they import library internals).
SPEEDUP_MODULES = {
    "plnsite.markdown.shortcuts": "markdown",
    "plnsite.markdown.prose": "markdown",
    "plnsite.markdown.scanner": "pygments",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


@cache
def floor_pins() -> dict[str, str]:
    """{distribution: version} from .ci/constraints-floor.txt (the oldest releases allowed)."""
    pins = {}
    for line in (ROOT / ".ci" / "constraints-floor.txt").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;.*)?", line.split("#", 1)[0].strip())
        if match:
            pins[_name(match[1])] = match[2]
    return pins


@cache
def output_pins() -> dict[str, str]:
    """{distribution: version} for each runtime dependency the ``[test]`` extra pins with ``==``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    pins = {}
    for requirement in project["optional-dependencies"]["test"]:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)", requirement.strip())
        if match and _name(match[1]) in runtime:
            pins[_name(match[1])] = match[2]
    return pins


def unpinned() -> list[str]:
    """``"pygments 2.15.0 (pinned 2.21.0)"`` for each pinned distribution installed at another version."""
    found = []
    for dist, pinned in sorted(output_pins().items()):
        try:
            installed = metadata.version(dist)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            found.append(f"{dist} {installed} (pinned {pinned})")
    return found


def require_pinned_output() -> None:
    """Skip (or, with PLNSITE_REQUIRE_PINNED=1, fail) a byte comparison made for the pinned versions."""
    others = unpinned()
    if others:
        reason = "output bytes are pinned for the [test] extra's versions; installed: " + ", ".join(others)
        if os.environ.get("PLNSITE_REQUIRE_PINNED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def speedup_skip_reason(name: str) -> str | None:
    """Why the installed versions keep speed-up ``name`` off (a test of it then skips), else None."""
    why = speedups.why_stock(name, speedups.installed_versions(), {})
    return None if why is None else f"the {name} speed-up is off here: {why}"
