"""fetch_mentions: read the Webmentions this site received into the mentions snapshot.

Where from: site.yaml's ``webmention.api`` (any URL that serves a JF2 feed), else, for an
endpoint on webmention.io, its API for the site's domain
(``https://webmention.io/api/mentions.jf2?domain=…``). webmention.io's API (any URL whose path
ends in ``mentions.jf2``) is read page by page. A token is never written in site.yaml: it is
taken from the environment variable ``WEBMENTION_IO_TOKEN`` and sent to webmention.io only; it
never reaches the snapshot, a message or an output file.

Every successful read replaces the whole snapshot, so a mention deleted at its source (gone from
the API, or marked deleted) goes away; a failed read keeps the last snapshot as it was. Only
``plnsite fetch`` calls this: ``build`` and ``serve`` read the snapshot and never the network.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import SiteConfig
from ..web.http import HttpClient, HttpError
from .jf2 import NotJf2, read_jf2
from .mentions import KINDS, MentionsSnapshot, read_mentions, write_mentions

__all__ = ["TOKEN_VARIABLE", "MentionsFetch", "fetch_mentions", "mentions_api"]

TOKEN_VARIABLE = "WEBMENTION_IO_TOKEN"
_WEBMENTION_IO = "webmention.io"
_PER_PAGE = 100
_PLURAL = {"reply": "replies"}
_MAX_PAGES = 200  # 20,000 mentions: a loop that never ends is a receiver's bug, not ours to follow


@dataclass(frozen=True)
class MentionsFetch:
    """What one read did: ``line`` is its summary for the user; ``ok`` False when it failed."""

    ok: bool
    line: str
    count: int = 0  # mentions in the snapshot now


def mentions_api(config: SiteConfig) -> str | None:
    """The JF2 feed to read (without any token), or None when site.yaml gives none to use."""
    wm = config.webmention
    if wm is None:
        return None
    if wm.api:
        return wm.api
    if (urlsplit(wm.endpoint).hostname or "").lower() == _WEBMENTION_IO:
        domain = urlsplit(config.base_url).hostname or config.id_authority
        return f"https://{_WEBMENTION_IO}/api/mentions.jf2?{urlencode({'domain': domain})}"
    return None


def fetch_mentions(site_root: Path, config: SiteConfig, client: HttpClient, *,
                   env: Mapping[str, str] | None = None, now: dt.datetime | None = None) -> MentionsFetch:
    """Read every mention from the API into the snapshot of the site at ``site_root``."""
    if config.webmention is None:
        return MentionsFetch(True, "mentions: not received (no `webmention:` in site.yaml)")
    api = mentions_api(config)
    if api is None:
        return MentionsFetch(False, "mentions: nowhere to read them from: set webmention.api in site.yaml "
                                    "(the URL of a JF2 feed of the mentions received)")
    env = os.environ if env is None else env
    token = env.get(TOKEN_VARIABLE, "").strip()
    paged = urlsplit(api).path.endswith("mentions.jf2")
    mentions, left_out = [], 0
    for page in range(_MAX_PAGES if paged else 1):
        query = {"per-page": str(_PER_PAGE), "page": str(page)} if paged else {}
        url = _with_query(api, {**query, **({"token": token} if token and _to_webmention_io(api) else {})})
        try:
            response = client.get(url, headers={"Accept": "application/jf2feed+json, application/json"})
        except HttpError as exc:
            return _failed(site_root, api, _hide(str(exc), token))
        if response.status != 200:
            why = "the token was refused (WEBMENTION_IO_TOKEN)" if response.status in (401, 403) else ""
            return _failed(site_root, api, f"HTTP {response.status}" + (f": {why}" if why else ""))
        try:
            feed = read_jf2(response.body)
        except NotJf2 as exc:
            return _failed(site_root, api, _hide(str(exc), token))
        mentions += feed.mentions
        left_out += feed.left_out
        if feed.entries < _PER_PAGE:
            break
    kept = tuple(sorted(dict.fromkeys(mentions), key=lambda m: (m.target, m.kind, m.published, m.id, m.url)))
    taken = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not write_mentions(site_root, MentionsSnapshot(taken, api, kept)):
        return MentionsFetch(False, "mentions: read, but the snapshot could not be written (.plnsite-cache/mentions/)")
    counts = [f"{n} {kind if n == 1 else _PLURAL.get(kind, kind + 's')}" for kind in KINDS
              if (n := sum(1 for m in kept if m.kind == kind))]
    detail = f" ({', '.join(counts)})" if counts else ""
    dropped = f"; {left_out} left out (deleted, private or not a mention)" if left_out else ""
    return MentionsFetch(True, f"mentions: {len(kept)} from {_short(api)}{detail}{dropped}", len(kept))


def _failed(site_root: Path, api: str, why: str) -> MentionsFetch:
    last = read_mentions(site_root)
    kept = f"the last snapshot ({len(last.mentions)} of {last.taken}) is kept" if last else "none kept"
    return MentionsFetch(False, f"mentions: {_short(api)}: {why}; {kept}", len(last.mentions) if last else 0)


def _to_webmention_io(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == _WEBMENTION_IO or host.endswith("." + _WEBMENTION_IO)


def _with_query(url: str, extra: dict[str, str]) -> str:
    if not extra:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in extra]
    return urlunsplit(parts._replace(query=urlencode([*query, *extra.items()])))


def _hide(text: str, token: str) -> str:
    """A message that may quote a URL: never with the token in it."""
    return text.replace(token, "…") if token else text


def _short(url: str) -> str:
    return url if len(url) <= 100 else url[:99] + "…"
