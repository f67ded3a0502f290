"""A public contact's ``handles:``, read through the allow-list of ``allowlist.py``.

A public kind is published as written (its key lower-cased: ``GitHub`` → ``github``); an
``email``, ``phone`` or ``address`` handle never is; another kind is published only when its
value is an http(s) address, else it is a warning. The caller has already refused any value
that holds an email address or a phone number.
"""

from __future__ import annotations

import re

from ..errors import Loc, Problems
from ..sources import shape_of
from ..yamlio import YMap
from .allowlist import PRIVATE_KEYS, PUBLIC_EMAIL, PUBLIC_HANDLES
from .fields import Report, field_text, is_http_url
from .keys import closest, normal_key
from .personal import is_public_mailto

__all__ = ["read_handles"]

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def read_handles(
    raw: object, where: str, report: Report, problems: Problems
) -> tuple[tuple[str, str], ...]:
    """``(kind, value)`` pairs to publish, sorted."""
    if not isinstance(raw, YMap):
        report("handles", "handles must be a mapping of `name: value` lines")
        return ()
    pairs = []
    for name, value in raw.items():
        kind, text = normal_key(name), field_text(value)
        at = Loc(where, raw.line_of(name))
        if kind not in PRIVATE_KEYS and shape_of(value) is not None:
            problems.error(at, f"handles.{name} must be text, not {shape_of(value)}")
            continue
        if not text or kind in PRIVATE_KEYS:
            continue
        if kind == PUBLIC_EMAIL:
            if is_public_mailto(text):
                pairs.append((kind, text))
            else:
                problems.error(at, f"handles.{name} must be a mailto: link such as 'mailto:name@example.org'")
            continue
        # A handle that looks like a URL must be a web one (browsers ignore these characters
        # in a scheme, so "java\nscript:" is "javascript:").
        if _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", text)) and not is_http_url(text):
            problems.error(at, f"handles.{name} must be an http(s) URL, not '{text}'")
            continue
        if kind not in PUBLIC_HANDLES:
            hint = closest(name, PUBLIC_HANDLES)
            guess = f" (did you mean '{hint}'?)" if hint else ""
            if not is_http_url(text):
                problems.warning(at, f"handle kind '{name}'{guess} is not published: give an http(s) address, "
                                     f"or use one of: {', '.join(PUBLIC_HANDLES)}")
                continue
            if hint:
                problems.warning(at, f"handle kind '{name}'{guess} is published as a link named '{name}'")
        pairs.append((kind, text))
    return tuple(sorted(pairs))
