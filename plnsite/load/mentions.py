"""load_mentions: the Webmentions last fetched (snapshots/mentions.py), as the build shows them.

What strangers wrote may hold an email address or a phone number (theirs, or someone else's):
like everything else plnsite publishes, the build never does. Each is replaced by a mark in the
names and words of a mention; the snapshot itself is left as it was read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import SiteConfig
from ..snapshots.mentions import Mention, read_mentions
from .personal import find_personal

__all__ = ["REMOVED", "load_mentions"]

REMOVED = "[contact details removed]"
_MOST = 100  # finds per text; past that, the text is withheld whole


def load_mentions(site_root: Path, config: SiteConfig) -> tuple[Mention, ...]:
    """The mentions of the snapshot, for a site that receives them (``webmention:``); else none."""
    if config.webmention is None:
        return ()
    snapshot = read_mentions(site_root)
    if snapshot is None:
        return ()
    return tuple(_public(m) for m in snapshot.mentions)


def _public(mention: Mention) -> Mention:
    name, text = _without_personal(mention.author_name), _without_personal(mention.text)
    if name is mention.author_name and text is mention.text:
        return mention
    return replace(mention, author_name=name, text=text)


def _without_personal(text: str) -> str:
    """``text`` with each email address and phone number replaced by REMOVED (the very same
    string when it has none)."""
    for _ in range(_MOST):
        found = find_personal(text)
        if found is None:
            return text
        text = text[: found.start] + REMOVED + text[found.start + len(found.text):]
    return REMOVED
