"""A note's place in a conversation, from its front matter: its copies elsewhere
(``syndication:``), what it answers (``in_reply_to:``, ``like_of:``, ``repost_of:``,
``bookmark_of:``) and whether ``plnsite webmention send`` may notify the pages it links to
(``webmention: false`` says no).

Each URL must be an absolute http(s) URL; a wrong one is reported at its key's line and left
out, so the rest of the note still builds.
"""

from __future__ import annotations

from ..model import ReplyContext
from ..sources import shape_of
from ..yamlio import YMap
from .fields import INVALID, Report, field_text, flag, http_url, is_http_url, shown

__all__ = ["REPLY_KEYS", "replies_to", "sends_webmentions", "syndication"]

# front-matter key → microformats property, in the order a note shows them
REPLY_KEYS = {"in_reply_to": "in-reply-to", "like_of": "like-of", "repost_of": "repost-of",
              "bookmark_of": "bookmark-of"}


def syndication(meta: YMap, report: Report) -> tuple[str, ...]:
    """``syndication:`` as a tuple of http(s) URLs: one URL, or a list of them (duplicates
    kept once, in their order). Anything else is reported and left out."""
    value = meta.get("syndication")
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        wrong = shape_of(item)
        if wrong is not None:
            held = f"a list holding {wrong}" if isinstance(value, list) else wrong
            report("syndication", f"syndication must be an http(s) URL or a list of them, not {held}")
            continue
        text = field_text(item)
        if not text:
            continue
        if not is_http_url(text):
            report("syndication", f"syndication must be an http(s) URL or a list of them, not '{text}'")
            continue
        if text not in found:
            found.append(text)
    return tuple(found)


def replies_to(meta: YMap, report: Report) -> tuple[ReplyContext, ...]:
    """The pages this note replies to, likes, reposts or bookmarks (one URL per key)."""
    found = []
    for key, kind in REPLY_KEYS.items():
        url = http_url(meta, key, report)
        if url is not None and url is not INVALID:
            found.append(ReplyContext(kind=kind, url=url))
    return tuple(found)


def sends_webmentions(meta: YMap, report: Report) -> bool:
    """``webmention:`` (default true); a list or mapping there is reported, and read as false:
    when in doubt, notify no one."""
    value = meta.get("webmention")
    wrong = shape_of(value)
    if wrong is not None:
        report("webmention", f"webmention must be true or false, not {wrong}")
        return False
    if isinstance(value, str) and value.strip().lower() not in ("true", "yes", "on", "1", "false", "no", "off", "0", ""):
        report("webmention", f"webmention must be true or false, not '{shown(value).strip()}'")
        return False
    return flag(value, True)
