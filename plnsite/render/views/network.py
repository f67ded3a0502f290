"""People: a contact's card, the network page, and the links of handles (a contact's or the author's)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...model import Contact, Route
from ...urls import item_url
from .common import web_url
from .followed import as_of, post_view

__all__ = ["contact_view", "handle_link", "mastodon_creator", "network_context", "network_view"]

_HANDLE_LABEL = {"github": "GitHub", "gitlab": "GitLab", "codeberg": "Codeberg", "mastodon": "Mastodon",
                 "bluesky": "Bluesky", "twitter": "Twitter", "x": "X", "linkedin": "LinkedIn",
                 "youtube": "YouTube", "website": "Website", "blog": "Blog", "orcid": "ORCID",
                 "peertube": "PeerTube", "scholar": "Google Scholar", "researchgate": "ResearchGate",
                 "stackoverflow": "Stack Overflow", "public-email": "Email"}
_HANDLE_BASE = {"github": "https://github.com/", "gitlab": "https://gitlab.com/",
                "codeberg": "https://codeberg.org/", "bluesky": "https://bsky.app/profile/",
                "twitter": "https://twitter.com/", "x": "https://x.com/", "orcid": "https://orcid.org/"}
_USERNAME = re.compile(r"@?[\w.-]+")
_FEDI_HANDLE = re.compile(r"@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)")


def _fedi_url(value: str) -> str | None:
    match = _FEDI_HANDLE.fullmatch(value.strip())
    return f"https://{match[2]}/@{match[1]}" if match else None


def handle_link(name: str, value: str) -> dict:
    """A contact's or the author's handle → ``{name, label, text, url, property}`` (url None if
    unknown; property the microformats class of the link).

    github ``x`` → https://github.com/x; mastodon a URL or ``@user@host``; bluesky
    ``x.bsky.social`` → https://bsky.app/profile/x.bsky.social; ``public-email`` a ``mailto:``
    link (the one way an address is published); others kept when http(s).
    """
    key = name.strip().lower()
    text = str(value).strip()
    url = None
    if key == "public-email":
        mailto = text.lower().startswith("mailto:")
        return {"name": key, "label": "Email", "text": text, "url": text if mailto else None, "property": "u-email"}
    if urlsplit(text).scheme.lower() in ("http", "https"):
        url = text
    elif key == "mastodon":
        url = _fedi_url(text)
    elif key in _HANDLE_BASE and _USERNAME.fullmatch(text):
        url = _HANDLE_BASE[key] + text.lstrip("@")
    label = _HANDLE_LABEL.get(key, name.strip().replace("_", " ").replace("-", " ").title())
    return {"name": key, "label": label, "text": text, "url": url, "property": "u-url"}


def mastodon_creator(value: str | None) -> str | None:
    """``https://host/@user`` (or ``@user@host``) → ``"@user@host"``; else None."""
    if not value:
        return None
    value = value.strip()
    match = _FEDI_HANDLE.fullmatch(value)
    if match:
        return f"@{match[1]}@{match[2]}"
    parts = urlsplit(value)
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme in ("http", "https") and parts.hostname and len(segments) == 1 and segments[0].startswith("@"):
        user = segments[0][1:]
        if user and "@" not in user:
            return f"@{user}@{parts.hostname}"
        if "@" in user:  # https://host/@user@other.host (a remote account)
            return f"@{user}"
    return None


def contact_view(views, contact: Contact) -> dict:
    site = views.site
    rendered = site.html.get(contact.id)
    lists = views.once("list_titles", lambda: {lst.id: lst.title for lst in site.lists})
    handles = [handle_link(name, value) for name, value in contact.handles]
    return {
        "id": contact.id,
        "anchor": contact.id,
        "name": contact.name,
        "url": views.outward(contact.url),
        "feed": views.outward(contact.feed),
        "role": contact.role or None,
        "handles": handles,
        "tags": views.tags(contact.tags),
        "note_html": rendered.html if rendered else None,
        "list_id": contact.list_id,
        "list_title": lists.get(contact.list_id),
        "link_url": views.urls.path(item_url(contact)),
        "recommended": [views.reading(rid) for rid in site.recommended.get(contact.id, ()) if rid in site.items],
        "linked_from": views.backlinks(contact.id),
        "latest_post": _latest_post(views, contact.id),
    }


def _latest_post(views, contact_id: str) -> dict | None:
    """The person's latest post in the network snapshot (when site.yaml's network.per_person)."""
    network = views.site.network
    post = network.people.get(contact_id) if network is not None else None
    return post_view(views, post) if post is not None else None


def network_view(views) -> dict:
    """The contact lists with their people, and counts (the network page, the home page)."""
    site = views.site
    lists = []
    for lst in site.lists:
        people = [views.contact(cid) for cid in lst.people if cid in site.contacts]
        lists.append({"id": lst.id, "anchor": f"list-{lst.id}", "title": lst.title,
                      "description": lst.description or None, "people": people, "count": len(people)})
    with_feed = sum(1 for c in site.contacts.values() if web_url(c.feed))
    return {"lists": lists, "people_count": len(site.contacts), "list_count": len(lists),
            "feed_count": with_feed, "as_of": as_of(views)}


def network_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = views.words("Network")
    ctx["network"] = views.once("network", lambda: network_view(views))
