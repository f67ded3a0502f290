"""What of a contact list may be published: an allow-list, and the ways to say "private".

- ``PERSON_KEYS`` are the keys of SPEC §2 that reach the site (``visibility`` and ``private``
  only decide whether the person does); ``PRIVATE_KEYS`` are accepted and never published.
  Any other key is a warning, and is not published either.
- ``PUBLIC_HANDLES`` are the handle kinds published as they are. Another kind is published
  only when its value is an http(s) address (a profile page); ``email``, ``phone`` and
  ``address`` are private under ``handles:`` too. ``public-email`` is the one place where an
  email address is published, and only as a ``mailto:`` link, so it is never there by accident.
- A person (or a whole list, at the top of its file) is private with ``visibility: private``
  or ``private: true``; ``hidden: true``, ``public: false`` and ``published: false`` are
  honoured too, since a person who writes them means it. A file named
  ``<list>.private.yaml`` is private as a whole.
"""

from __future__ import annotations

from ..errors import Loc, Problems
from ..sources import shape_of
from ..yamlio import YMap
from .fields import field_text, shown
from .keys import normal_key, unknown_value

__all__ = [
    "KEY_SYNONYMS",
    "LIST_KEYS",
    "PERSON_KEYS",
    "PRIVATE_KEYS",
    "PUBLIC_EMAIL",
    "PUBLIC_HANDLES",
    "is_marker",
    "is_private_file",
    "private_file_for",
    "private_marker",
]

PERSON_KEYS = ("name", "id", "url", "feed", "role", "handles", "tags", "note", "visibility", "private")
PRIVATE_KEYS = ("email", "phone", "address")
LIST_KEYS = ("title", "description", "people", "visibility", "private")
PUBLIC_EMAIL = "public-email"
PUBLIC_HANDLES = (
    "mastodon", "bluesky", "github", "gitlab", "codeberg", "twitter", "x", "threads", "instagram", "pixelfed",
    "peertube", "youtube", "linkedin", "orcid", "scholar", "researchgate", "stackoverflow", "substack",
    "medium", "website", "blog", PUBLIC_EMAIL,
)
# What people write for the private keys: a hint for the warning (the value is checked anyway).
KEY_SYNONYMS = {
    **dict.fromkeys(("mail", "e-mail", "email-address", "mail-address", "emails"), "email"),
    **dict.fromkeys(("mobile", "cell", "cellphone", "cell-phone", "mobile-phone", "tel", "telephone",
                     "phone-number", "phones", "whatsapp", "signal", "sms", "fax"), "phone"),
    **dict.fromkeys(("street", "postal", "postal-address", "home-address", "home", "addr"), "address"),
}

_SUFFIXES = (".private.yaml", ".private.yml")
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
# marker key → the word (true/false) that makes the person or list private
_MARKERS = {"private": "true", "hidden": "true", "public": "false", "published": "false"}


def is_private_file(name: str) -> bool:
    """``friends.private.yaml``: everything in it is private."""
    return name.lower().endswith(_SUFFIXES)


def private_file_for(where: str) -> str:
    """The git-ignored file beside the list at ``where`` (``x.yaml`` → ``x.private.yaml``)."""
    if is_private_file(where):
        return where
    stem, dot, suffix = where.rpartition(".")
    return f"{stem}.private.{suffix}" if dot else f"{where}.private.yaml"


def is_marker(key: str) -> bool:
    return normal_key(key) in ("visibility", *_MARKERS)


def private_marker(data: YMap, where: str, problems: Problems) -> bool:
    """True when ``data`` says it is private. A marker that says neither (``visibility: friends``,
    ``private: maybe``) is an error, and counts as private: when in doubt, publish nothing."""
    private = False
    for key, value in data.items():
        normal = normal_key(key)
        if normal != "visibility" and normal not in _MARKERS:
            continue
        word = _word(value)
        wrong = shape_of(value)
        if normal == "visibility":
            if word not in ("public", "private"):
                message = (f"{key} must be public or private, not {wrong}" if wrong is not None
                           else unknown_value(key, shown(value), ("public", "private")))
                problems.error(Loc(where, data.line_of(key)), message)
                return True
            private = private or word == "private"
            continue
        if word not in _TRUE and word not in _FALSE:
            not_this = wrong or f"'{shown(value)}'"
            problems.error(Loc(where, data.line_of(key)), f"{key} must be true or false, not {not_this}")
            return True
        private = private or (word in _TRUE) == (_MARKERS[normal] == "true")
    return private


def _word(value: object) -> str:
    return (field_text(value) or "").lower()
