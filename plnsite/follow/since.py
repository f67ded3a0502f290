"""``fetch --since``: what is new from the network, for the terminal reader."""

from __future__ import annotations

import datetime as dt
import re

from ..snapshots.network import NetworkPost, NetworkSnapshot
from .clean import iso_utc

__all__ = ["new_posts", "parse_since"]

_PERIOD = re.compile(r"(\d{1,5})\s*([hdw])")
_UNITS = {"h": dt.timedelta(hours=1), "d": dt.timedelta(days=1), "w": dt.timedelta(weeks=1)}


def parse_since(value: str, now: dt.datetime) -> dt.datetime:
    """``7d``, ``24h``, ``2w`` (before ``now``) or a date ``2026-12-01`` (its start, UTC) → the
    moment after which posts are new; ValueError with a message for anything else."""
    text = value.strip().lower()
    period = _PERIOD.fullmatch(text)
    if period:
        return now - int(period[1]) * _UNITS[period[2]]
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since takes a period such as 7d, 24h or 2w, or a date such as 2026-12-01; "
                         f"not {value!r}") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def new_posts(current: NetworkSnapshot, previous: NetworkSnapshot | None,
              since: dt.datetime | None) -> tuple[NetworkPost, ...]:
    """Posts of ``current`` (newest first) published after ``since``; with no ``since``, the
    ones the previous snapshot did not hold (what this run brought)."""
    if since is not None:
        cutoff = iso_utc(since)
        return tuple(post for post in current.posts if post.published and post.published > cutoff)
    known = {(post.person, post.id) for post in previous.posts} if previous is not None else set()
    return tuple(post for post in current.posts if (post.person, post.id) not in known)
