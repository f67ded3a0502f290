"""Email addresses and phone numbers in free text: the contact data that is never published.

``find_personal(text)`` looks for what people actually write — ``pat.mail@example.org``,
``Pat <pat@x.org>``, ``mailto:…``, ``pat [at] example [dot] org``, ``+1 (604) 555-0199``,
``604.555.0199``, ``020 7946 0958``, ``tel:+44…``, ``wa.me/…``, ``phone: 555-0199`` — and
leaves alone what merely has digits in it: years, dates, ISBNs, times, version numbers, and
the numbers inside a web address. A fediverse handle (``@pat@mastodon.social``) is not an
email address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EMAIL", "PHONE", "Found", "find_personal", "is_public_mailto"]

EMAIL = "an email address"
PHONE = "a phone number"

_EMAIL = re.compile(
    # Not after "@" (the middle of @user@host) and not a scp-style "git@host:path".
    r"(?<![\w.%+@-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-]|:\S)"
)
_OPEN, _CLOSE = r"\s*[\[({<]\s*", r"\s*[\])}>]\s*"
_EMAIL_SPELLED = re.compile(  # pat [at] example [dot] org, pat(at)example.org
    # Only from the start of a name: tried at every character of a long word, the search
    # took time growing with the square of its length (20,000 letters: 6 s).
    rf"(?<![\w.+-])[\w.+-]+{_OPEN}at{_CLOSE}[\w-]+(?:(?:{_OPEN}dot{_CLOSE}|\.)[\w-]+)+", re.IGNORECASE
)
_PHONE_LINK = re.compile(
    r"\b(?:tel|sms|callto|facetime|whatsapp|signal)\s*:\s*\S|\bwa\.me/\+?\d|whatsapp\.com/send\?phone=",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.IGNORECASE)
_SEP = r"[ \t.\-]"
_PHONE_SHAPES = (
    # +1 (604) 555-0199, +44 20 7946 0958, +33612345678
    re.compile(r"(?<![\w+])\+\d{1,3}(?:[ \t.\-]?\(?\d{1,5}\)?){2,6}(?![\w-])"),
    # (604) 555-0199, 604-555-0199, 604.555.0199, 604 555 0199
    re.compile(rf"(?<![\w.+\-])(?:\(\d{{3}}\)\s?|\d{{3}}{_SEP})\d{{3}}{_SEP}\d{{4}}(?![\w-]|\.\d)"),
    # 020 7946 0958, 06 12 34 56 78, 030 1234567: a leading 0 and groups
    re.compile(rf"(?<![\w.+\-/])0\d{{1,4}}(?:{_SEP}\d{{2,8}}){{1,4}}(?![\w-]|\.\d)"),
    # phone: 555-0199, call me on 555 0199, tel. 0199 555
    re.compile(
        r"\b(?:phone|tel|telephone|mobile|cell|call(?:\s+me)?|text(?:\s+me)?|whatsapp|fax|sms)\b"
        r"[.:]?\s*(?:(?:at|on)\s+)?\+?\(?\d[\d \t().\-]{4,}\d",
        re.IGNORECASE,
    ),
)
# Digits per shape above: at least (a year range is no number) and at most (E.164 has 15; an
# ORCID iD, 0000-0002-1825-0097, has 16).
_DIGITS = {0: (8, 15), 1: (10, 10), 2: (9, 12), 3: (6, 15)}


@dataclass(frozen=True, slots=True)
class Found:
    what: str  # EMAIL or PHONE
    start: int  # where in the text (to find its line)
    text: str  # the matched text: for locating only, never to be printed


def find_personal(text: str) -> Found | None:
    """The first email address or phone number in ``text``, else None."""
    hits: list[Found] = []
    for pattern in (_EMAIL, _EMAIL_SPELLED):
        match = pattern.search(text)
        if match:
            hits.append(Found(EMAIL, match.start(), match.group()))
    match = _PHONE_LINK.search(text)
    if match:
        hits.append(Found(PHONE, match.start(), match.group()))
    # Numbers in a web address (dates, ids) are no phone numbers: blank the addresses out,
    # keeping every other character where it was.
    plain = _URL.sub(lambda m: " " * len(m.group()), text) if "/" in text or "www." in text.lower() else text
    for index, pattern in enumerate(_PHONE_SHAPES):
        least, most = _DIGITS[index]
        for match in pattern.finditer(plain):
            if least <= sum(ch.isdigit() for ch in match.group()) <= most:
                hits.append(Found(PHONE, match.start(), match.group()))
                break
    return min(hits, key=lambda f: f.start) if hits else None


_MAILTO = re.compile(r"mailto:([\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})", re.IGNORECASE)


def is_public_mailto(text: str) -> bool:
    """``mailto:name@host`` and nothing else (no second address, no query)."""
    return _MAILTO.fullmatch(text.strip()) is not None
