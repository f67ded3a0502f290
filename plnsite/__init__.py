"""plnsite: publish a learning portfolio (notes, reading, network) as a static site.

The names below are imported when first used (PEP 562), so that a command that needs none of
them (``plnsite --version``, ``plnsite new``) does not load the whole build.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a few ms at every start

__version__ = "0.1.0"

__all__ = ["BuildOptions", "BuildResult", "Problem", "__version__", "build", "load_content"]

_HOMES = {"build": ".build", "Problem": ".errors", "load_content": ".load", "BuildOptions": ".model",
          "BuildResult": ".model"}

if TYPE_CHECKING:
    from .build import build
    from .errors import Problem
    from .load import load_content
    from .model import BuildOptions, BuildResult


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'plnsite' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
