"""The installed version of a distribution, read from its ``.dist-info`` folder's name.

Every build asks for a few versions (speedups.py: is each speed-up's library a tested release?
incremental/markdown_cache.py: which releases made the cached HTML?). ``importlib.metadata``
answers by parsing each distribution's METADATA file as an email message, and importing it
(email, zipfile, csv, socket…) costs a build ~20 ms. An installer writes
``<name>-<version>.dist-info`` beside the package (the installed-distribution format of the
packaging specifications, with the name's runs of ``-_.`` as ``_``): the version is in the
folder's name. The folders are looked for in ``sys.path`` order, as importlib.metadata does, so
the first one found is the one it would read. A distribution installed some other way (an
``.egg-info`` first, or none at all) is asked of importlib.metadata: the answer is always its own.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

__all__ = ["version"]

_SUFFIX = ".dist-info"


def version(distribution: str) -> str | None:
    """The installed version of ``distribution`` (``"markdown-it-py"``), None if it is not installed."""
    found = _dist_infos().get(_normal(distribution))
    if found:
        return found
    from importlib import metadata  # no .dist-info folder on sys.path: ask the full reader

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _dist_infos() -> dict[str, str | None]:
    """Normal name → version of each ``.dist-info`` folder on sys.path (the first of a name wins;
    None where the first is an ``.egg-info``, whose name may not hold the version)."""
    found: dict[str, str | None] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")  # in the order importlib.metadata meets them
        except OSError:  # not a folder (a zip of the standard library), or gone
            continue
        for name in names:
            if name.endswith(_SUFFIX):
                distribution, _, release = name[: -len(_SUFFIX)].partition("-")
                found.setdefault(_normal(distribution), release or None)
            elif name.endswith(".egg-info"):
                found.setdefault(_normal(name.partition("-")[0].removesuffix(".egg-info")), None)
    return found
