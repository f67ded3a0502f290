"""Slugs and tag spellings: one place that decides what a name's identity is."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["slugify", "split_tags", "title_case"]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=65536)  # tags repeat across thousands of notes
def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    # Drop combining marks (accents) but keep letters of every script.
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).lower()
    text = _NON_WORD.sub("-", text.replace("_", "-"))
    return text.strip("-")


def slugify(value: object) -> str:
    """A readable, URL-safe slug; Latin accents are folded, other scripts kept.

    ``"Café Culture"`` → ``"cafe-culture"``, ``"学习"`` → ``"学习"``.
    """
    return _slug(str(value))


def split_tags(value: object) -> tuple[str, ...]:
    """Tags from a YAML list, or a string "a, b" / "a b"; every tag a string."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [_tag_text(v) for v in value if v is not None]  # `[pln, ~]`: a null is no tag
    else:
        text = _tag_text(value)
        items = text.split(",") if "," in text else text.split()
    return tuple(t for t in (i.strip() for i in items) if t)


def _tag_text(value: object) -> str:
    if isinstance(value, bool):  # only reachable for true/false: keep what was written
        return "true" if value else "false"
    return str(value)


def title_case(stem: str) -> str:
    """``"2025-my_first-note"`` style file stems → ``"My First Note"``."""
    words = re.split(r"[-_\s]+", stem)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)
