"""mentions_by_note: the Webmentions fetched → the ones each published note shows.

A mention names the page it is about by URL (its target). A target is this site's note when,
with the scheme, a trailing slash or ``index.html``, percent-escapes and the base_url's sub-path
set aside, its path is the note's, on the host of site.yaml's base_url (or of the ``--base-url``
of this build, or of ``cname``). Mentions from a blocked domain (or any of its subdomains) or
URL prefix (site.yaml ``webmention.block``) are never shown; nor is one mention twice.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import unquote, urlsplit

from ..model import Note, SiteConfig
from ..snapshots.mentions import KINDS, Mention
from ..urls import item_url, url_for

__all__ = ["blocked", "mentions_by_note", "target_path"]


def mentions_by_note(notes: tuple[Note, ...], mentions: tuple[Mention, ...],
                     config: SiteConfig) -> dict[str, tuple[Mention, ...]]:
    """Note id → the mentions it shows: replies, likes, reposts, bookmarks, then mentions, each
    kind oldest first. Notes without any are left out."""
    wm = config.webmention
    if wm is None or not mentions:
        return {}
    base = urlsplit(config.base_url)
    hosts = {base.hostname, config.id_authority, (config.cname or "").lower() or None} - {None}
    by_path = {item_url(n).strip("/"): n.id for n in notes}
    found: dict[str, dict[tuple[str, str], Mention]] = defaultdict(dict)
    for mention in mentions:
        target = urlsplit(mention.target)
        if (target.hostname or "") not in hosts or blocked(mention, wm.block):
            continue
        note_id = by_path.get(target_path(mention.target, base.path))
        if note_id is None:
            continue
        same = found[note_id].setdefault((mention.kind, mention.url), mention)
        if same is not mention and (mention.received, mention.id) > (same.received, same.id):
            found[note_id][(mention.kind, mention.url)] = mention  # the latest copy of it
    order = {kind: n for n, kind in enumerate(KINDS)}
    return {note_id: tuple(sorted(kept.values(), key=lambda m: (order.get(m.kind, len(KINDS)),
                                                                  m.published or m.received, m.id, m.url)))
            for note_id, kept in sorted(found.items())}


def target_path(url: str, base_path: str) -> str:
    """``https://ada.example/portfolio/notes/x/index.html`` (base path ``/portfolio/``) → ``notes/x``."""
    path = unquote(urlsplit(url).path)
    if base_path != "/" and (path + "/").startswith(base_path):
        path = path[len(base_path):]
    return url_for(path.strip("/")).strip("/")


def blocked(mention: Mention, block: tuple[str, ...]) -> bool:
    """Whether the post, its source or its author is under a blocked domain or URL prefix."""
    if not block:
        return False
    urls = [u.lower() for u in (mention.url, mention.source, mention.author_url) if u]
    hosts = [urlsplit(u).hostname or "" for u in urls]
    for entry in block:
        if "/" in entry:  # a URL prefix; one without a scheme means either
            prefixes = (entry,) if "://" in entry else (f"https://{entry}", f"http://{entry}")
            if any(u.startswith(prefixes) for u in urls):
                return True
        elif any(h == entry or h.endswith("." + entry) for h in hosts):
            return True
    return False
