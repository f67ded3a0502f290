"""The one switch between plnsite's speed-ups and stock markdown-it-py, Pygments and Jinja.

Three speed-ups take shortcuts around libraries and give the bytes the library gives on
its own: ``markdown`` (markdown/shortcuts.py and markdown/prose.py, around markdown-it-py
and mdit-py-plugins), ``pygments`` (markdown/scanner.py, around Pygments' RegexLexer) and
``jinja`` (render/theme.py's escaping, around Jinja and markupsafe). Each leans on how the
library works inside, which tests check on the versions in ``TESTED`` only. So a speed-up
runs when, and only when,

- the environment variable ``PLNSITE_STOCK`` is not set to 1/true/yes/on (the switch back
  to stock behaviour, for a suspected speed-up bug or a comparison), and
- every library it leans on is installed at a release inside the range it was tested
  with. Outside it (an older release, a new major, a pre-release) plnsite uses the library
  as it comes: slower, never broken.

Decided once per process, before the speed-ups are set up (``enabled``); ``why_stock``
is the decision itself, a function of version strings, for tests and for messages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache

from . import installed

__all__ = ["STOCK_VARIABLE", "TESTED", "enabled", "installed_versions", "stock_requested", "why_stock"]

STOCK_VARIABLE = "PLNSITE_STOCK"

# Speed-up → {distribution: (lowest release tested, first release not tested)}. Each low is
# a release a CI run tests the speed-up with: the floor (.ci/constraints-floor.txt) where
# the speed-up works there, else the [test] extra's pin. Each high is the next major (the
# next minor for 0.x), which nobody has tested yet.
TESTED: Mapping[str, Mapping[str, tuple[str, str]]] = {
    # shortcuts.py copies markdown-it-py 4.3's block loop and paragraph rule (mdTrim is new
    # in 4.3) and names mdit-py-plugins' footnote rules.
    "markdown": {"markdown-it-py": ("4.3", "5"), "mdit-py-plugins": ("0.7", "0.8")},
    "pygments": {"pygments": ("2.15", "3")},
    "jinja": {"jinja2": ("3.1", "4"), "markupsafe": ("2.1", "4")},
}

_TRUE = {"1", "true", "yes", "on"}
# A final release (2.1.5, 6.0.post1, 1.0+local); pre-releases (4.3.0rc1, 3.0.dev0) are not tested ones.
_RELEASE = re.compile(r"(\d+(?:\.\d+)*)(?:\.?post\d*)?(?:\+[A-Za-z0-9.]+)?")


def why_stock(name: str, versions: Mapping[str, str | None], environ: Mapping[str, str]) -> str | None:
    """None when speed-up ``name`` runs, else why not (one line).

    ``versions`` maps each distribution to its installed version (None: not installed).
    """
    if stock_requested(environ):
        return f"{STOCK_VARIABLE} is set"
    for dist, (low, high) in TESTED[name].items():
        version = versions.get(dist)
        release = _release(version) if version else None
        if release is None or not _release(low) <= release < _release(high):
            shown = "not installed" if version is None else version
            return f"{dist} {shown} is outside the range the {name} speed-up is tested with ({low} <= v < {high})"
    return None


def stock_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``PLNSITE_STOCK`` asks for every library as it comes (render/precompiled.py asks
    too: its precompiled templates check the Jinja release themselves)."""
    return environ.get(STOCK_VARIABLE, "").strip().lower() in _TRUE


def _release(version: str) -> tuple[int, ...] | None:
    match = _RELEASE.fullmatch(version.strip())
    if match is None:
        return None
    numbers = tuple(int(part) for part in match[1].split("."))
    while len(numbers) > 1 and numbers[-1] == 0:  # 4.3.0 == 4.3
        numbers = numbers[:-1]
    return numbers


def installed_versions() -> dict[str, str | None]:
    """The installed version of every distribution a speed-up leans on."""
    return {dist: installed.version(dist) for dists in TESTED.values() for dist in dists}


@cache
def enabled(name: str) -> bool:
    """Whether speed-up ``name`` runs in this process."""
    return why_stock(name, installed_versions(), os.environ) is None
