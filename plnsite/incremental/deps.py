"""Dependency ids: the names of what a route is made from, the one vocabulary of
``Route.deps`` (routes.py makes routes with them) and of change detection (changes.py
says which of them differ between two sites). A route is rendered again when one of
its ids changed.

- an item id (``notes/x``): the item in full — its fields, its rendered text, who links to it;
- ``meta:<id>`` (``shown``): what lists, cards and neighbours show of it (everything but its text);
- ``tag:<slug>`` (``tag_members``): which items a tag hub lists; ``tagname:<slug>`` (``tag_name``): its name;
- ``static:<dest>`` (``static``): a copied file;
- ``network:…`` (the ``NETWORK_*`` ids, ``network_tag``): what each page shows of the network
  snapshot (link/network.py), with the snapshot's date;
- the ``ALL_*`` sets and ``CONFIG``: a whole collection, and site.yaml;
- ``TODAY``: the build's day (the activity heatmaps and streaks): a build on another day renders
  again only the pages that name it.
"""

from __future__ import annotations

__all__ = [
    "ALL_CONTACTS", "ALL_NOTES", "ALL_PAGES", "ALL_READINGS", "ALL_SERIES", "ALL_TAGS", "CONFIG", "NETWORK_EXISTS",
    "NETWORK_HOME", "NETWORK_LATEST", "NETWORK_PEOPLE", "NOTE_DATES", "TODAY", "network_tag", "shown", "static",
    "tag_members", "tag_name",
]

ALL_NOTES = "all:notes"  # which notes there are, in which order
ALL_PAGES = "all:pages"
ALL_READINGS = "all:readings"  # every field of every reading (reading/ shows them all)
ALL_CONTACTS = "all:contacts"  # every field of every contact and list (network/ shows them all)
ALL_TAGS = "all:tags"  # the tag index: every tag's name and counts
ALL_SERIES = "all:series"  # which series there are, and their parts in order
NOTE_DATES = "all:note-dates"  # any note's date or updated (the sitemap's lastmod)
CONFIG = "config"
TODAY = "today"
NETWORK_EXISTS = "network:exists"  # whether there is a snapshot (the sitemap lists network/latest/)
NETWORK_LATEST = "network:latest"  # network/latest/ and its feeds
NETWORK_PEOPLE = "network:people"  # each person's latest post (network/)
NETWORK_HOME = "network:home"  # the home page's "From my network"

_SHOWN, _TAG, _TAG_NAME, _STATIC, _NETWORK_TAG = "meta:", "tag:", "tagname:", "static:", "network:tag:"


def shown(item_id: str) -> str:
    return _SHOWN + item_id


def tag_members(slug: str) -> str:
    return _TAG + slug


def tag_name(slug: str) -> str:
    return _TAG_NAME + slug


def static(dest: str) -> str:
    return _STATIC + dest


def network_tag(slug: str) -> str:
    """The network posts a tag's hub shows."""
    return _NETWORK_TAG + slug
