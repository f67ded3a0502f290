"""Unknown keys and misspelt values in contact lists and reading logs: a "did you mean" hint.

The hint is difflib's closest known name (as ``config.py`` does for site.yaml), or a synonym
a person is likely to write (``mobile`` → ``phone``). Names are compared case-insensitively,
with ``_`` and spaces read as ``-``.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping

__all__ = ["closest", "normal_key", "unknown_key", "unknown_value"]


def normal_key(key: object) -> str:
    """``E_Mail`` → ``e-mail``: how keys are compared."""
    return "-".join(str(key).strip().lower().replace("_", " ").replace("-", " ").split())


def closest(word: str, known: Collection[str], synonyms: Mapping[str, str] | None = None) -> str | None:
    """The known name ``word`` most likely stands for, else None."""
    normal = normal_key(word)
    if synonyms and normal in synonyms:
        return synonyms[normal]
    lowered = {normal_key(k): k for k in known}
    if normal in lowered:
        return lowered[normal]
    found = difflib.get_close_matches(normal, list(lowered), n=1, cutoff=0.75)
    return lowered[found[0]] if found else None


def unknown_key(key: str, known: Collection[str], what: str, synonyms: Mapping[str, str] | None = None) -> str:
    """The warning for a key that is not one of ``known`` (``what`` says what happens to it)."""
    hint = closest(key, known, synonyms)
    if hint is not None:
        return f"unknown key '{key}' (did you mean '{hint}'?); it is {what}"
    return f"unknown key '{key}'; it is {what} (known keys: {', '.join(known)})"


def unknown_value(key: str, value: str, allowed: Collection[str]) -> str:
    """The error for a value that is not one of ``allowed``: ``status 'finsihed' is not one of: …``."""
    hint = closest(value, allowed)
    message = f"{key} '{value}' is not one of: {', '.join(allowed)}"
    return f"{message} (did you mean '{hint}'?)" if hint is not None else message
