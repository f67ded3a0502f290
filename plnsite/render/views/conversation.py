"""What a note page shows of its conversation: "Also on Mastodon · Bluesky" (its copies,
``u-syndication``), "Reply on Mastodon", and the context line of a reply, like, repost or
bookmark ("In reply to example.org/post", ``u-in-reply-to``…).

The name of a service comes from the URL alone (no request is made): a few well-known hosts by
name, and any host whose path looks like a Mastodon post (``/@user/123`` or
``/users/user/statuses/123``) is Mastodon, since Mastodon runs on thousands of hosts.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...model import ReplyContext

__all__ = ["is_mastodon_post", "reply_contexts", "reply_on", "service_name", "shown_url", "syndication_links"]

_SERVICES = {
    "bsky.app": "Bluesky", "twitter.com": "Twitter", "x.com": "X", "threads.net": "Threads",
    "www.threads.net": "Threads", "linkedin.com": "LinkedIn", "www.linkedin.com": "LinkedIn",
    "github.com": "GitHub", "dev.to": "DEV", "medium.com": "Medium", "news.ycombinator.com": "Hacker News",
    "reddit.com": "Reddit", "www.reddit.com": "Reddit", "youtube.com": "YouTube", "www.youtube.com": "YouTube",
}
_MASTODON_POST = re.compile(r"^/(?:@[^/@]+(?:@[^/]+)?|users/[^/]+/statuses)/\d+/?$")
_LABELS = {"in-reply-to": "In reply to", "like-of": "Liked", "repost-of": "Reposted",
           "bookmark-of": "Bookmarked"}
_SHOWN_MAX = 60  # characters of a URL shown in a context line


def is_mastodon_post(url: str) -> bool:
    return bool(_MASTODON_POST.match(urlsplit(url).path))


def service_name(url: str) -> str:
    """"Mastodon", "Bluesky"… for a copy's URL; else its host without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    if host in _SERVICES:
        return _SERVICES[host]
    if is_mastodon_post(url):
        return "Mastodon"
    return host.removeprefix("www.") or url


def shown_url(url: str) -> str:
    """A URL as a context line shows it: host and path, no scheme, ``www.`` or trailing slash;
    cut with an ellipsis when long."""
    parts = urlsplit(url)
    text = (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def syndication_links(urls: tuple[str, ...]) -> list[dict]:
    """One link per copy, named by its service (with its host when two copies share a name)."""
    names = [service_name(url) for url in urls]
    return [{"url": url, "name": f"{name} ({urlsplit(url).hostname})" if names.count(name) > 1 else name}
            for url, name in zip(urls, names)]


def reply_on(urls: tuple[str, ...]) -> str | None:
    """The first copy that is a Mastodon post: where a reader can answer."""
    return next((url for url in urls if is_mastodon_post(url)), None)


def reply_contexts(contexts: tuple[ReplyContext, ...]) -> list[dict]:
    return [{"kind": c.kind, "class": f"u-{c.kind}", "label": _LABELS[c.kind], "url": c.url,
             "shown": shown_url(c.url)} for c in contexts]
