"""Where Pagefind's binary is, found as ``pagefind.service.get_executable`` finds it, without
importing ``pagefind.service`` unless needed.

That module is Pagefind's asyncio client; plnsite runs the binary as a command and wants only
its path, and importing the client (asyncio, ssl, logging…) costs every build ~20 ms. So the
places it looks first are looked at here, in its order: ``$PAGEFIND_BINARY_PATH``, then (when
the ``pagefind_bin_extended`` package, which it prefers, is not installed) the binary of the
``pagefind_bin`` package installed with plnsite. In every other case ``pagefind.service`` is
asked: so the answer is always the one it would give.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

__all__ = ["BINARY_VARIABLE", "pagefind_binary"]

BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"  # Pagefind's own setting: the binary to run


def pagefind_binary() -> Path | None:
    """The binary to run, or None when there is none (it may also raise, as Pagefind's lookup
    does for a package whose binary is missing)."""
    given = os.getenv(BINARY_VARIABLE)
    if given is not None:
        return Path(given)
    if importlib.util.find_spec("pagefind_bin_extended") is None:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            from pagefind.service import get_executable  # it then searches PATH
    else:  # Pagefind's extended binary, which pagefind.service prefers: let it find that
        from pagefind.service import get_executable
    return get_executable()
