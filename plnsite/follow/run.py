"""One ``plnsite fetch``: every public contact's feed asked for at once on a bounded pool, then
the new snapshot (which the command writes, once, after the run).

A feed's fate: ok (new entries), unchanged (304: its entries kept), failed (its last good entries
kept), gone (410: skipped from then on until ``feed:`` changes; its entries dropped), wait (429 or
503 with Retry-After: skipped until then, entries kept), moved (a permanent redirect: read, and
the user told to update ``feed:``). A contact with only ``url:`` has its home page read for the
feed it announces, once: the feed found is remembered while ``url:`` stays the same.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..errors import Level, Loc, Problem
from ..model import Contact
from ..parallel import fork_map
from ..snapshots.network import FeedState, NetworkPost, NetworkSnapshot
from ..web.http import HttpClient, HttpError, Request, Response
from .clean import clean_entries, iso_utc
from .discovery import announced_feed
from .feeds import NotAFeed, parse_feed

__all__ = ["FeedReport", "FetchOutcome", "fetch_network", "summary"]

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
_WAIT_MOST = dt.timedelta(days=7)  # a Retry-After further off is taken as a week
_WAIT_429 = dt.timedelta(hours=1)  # a 429 that names no time
_PARALLEL_MIN = 64  # feeds; below this, forking costs more than parsing
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = (".example", ".invalid")


@dataclass(frozen=True)
class FeedReport:
    """What became of one contact's feed in this run."""

    person: str
    name: str
    loc: Loc
    url: str
    status: str  # "ok", "unchanged", "failed", "gone", "moved", "wait", "skipped"
    message: str  # for the user, one line; "" when there is nothing to say

    def problem(self) -> Problem | None:
        if not self.message:
            return None
        return Problem(self.loc, Level.WARNING, f"{self.name}: {self.message}")


@dataclass(frozen=True)
class FetchOutcome:
    snapshot: NetworkSnapshot
    reports: tuple[FeedReport, ...]


@dataclass(frozen=True)
class _Target:
    contact: Contact
    url: str  # the feed to ask for; "" until discovered
    home: str  # the home page it was (or is to be) found on, or ""
    previous: FeedState | None  # what the last run remembered of this feed


def fetch_network(contacts: Sequence[Contact], previous: NetworkSnapshot | None, client: HttpClient,
                  now: dt.datetime, *, concurrency: int = 16,
                  progress: Callable[[str, int, int], None] | None = None) -> FetchOutcome:
    """Ask for the feed of every contact given (the public ones: the caller never hands over a
    private person) and make the snapshot that follows; nothing is written here."""
    states = previous.feeds if previous is not None else ()
    targets = [t for t in (_target(c, states) for c in contacts) if t is not None]
    examples = [t for t in targets if _for_examples(t.url or t.home)]
    targets = [t for t in targets if t not in examples]
    stamp = iso_utc(now)
    done: dict[str, tuple[FeedState, FeedReport, tuple[NetworkPost, ...] | None]] = {}

    waiting = [t for t in targets if _skipped(t, now) is not None]
    for target in waiting:
        done[target.contact.id] = _skip(target, _skipped(target, now))
    asking = [t for t in targets if t.contact.id not in done]

    unknown = [t for t in asking if not t.url]
    pages = _many(client, [Request(t.home, headers=(("Accept", "text/html, */*;q=0.5"),)) for t in unknown],
                  concurrency, progress, "discover")
    for target, page in zip(unknown, pages):
        found = announced_feed(page.body, page.url) if isinstance(page, Response) and page.ok else ""
        if found:
            asking[asking.index(target)] = replace(target, url=found, previous=None)
        else:
            why = str(page) if isinstance(page, HttpError) else (
                f"HTTP {page.status}" if not page.ok else "it announces no feed (<link rel=\"alternate\">); add feed:")
            state = _state(target, stamp, status="failed", message=f"no feed found on {target.home}: {why}")
            done[target.contact.id] = (state, _report(target, state, f"no feed found on {target.home}: {why}"), None)

    feeds = [t for t in asking if t.contact.id not in done]
    answers = _many(client, [Request(t.url, headers=_conditional(t)) for t in feeds], concurrency, progress, "fetch")
    # Parsing is the CPU-bound part (feedparser: ~15 ms for a feed of 20 entries): on all cores
    # when there are many feeds.
    outcomes = fork_map(_outcomes, list(range(len(feeds))), None, _PARALLEL_MIN, shared=(feeds, answers, now))
    for target, outcome in zip(feeds, outcomes):
        done[target.contact.id] = outcome

    return FetchOutcome(snapshot=_snapshot(targets, done, previous, stamp),
                        reports=tuple(done[t.contact.id][1] for t in targets) + tuple(
                            FeedReport(t.contact.id, t.contact.name, t.contact.loc, t.url or t.home, "skipped",
                                       f"{t.url or t.home} is an address for examples: skipped; put the real one there")
                            for t in examples))


def _for_examples(url: str) -> bool:
    """Whether ``url``'s host is one reserved for examples (RFC 2606): the starter's contact has
    one, and asking for it only costs a failed name lookup."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return False
    return host.endswith(_EXAMPLE_TLDS) or any(host == d or host.endswith("." + d) for d in _EXAMPLE_DOMAINS)


def summary(reports: Sequence[FeedReport]) -> str:
    """``fetched 42 feeds: 39 ok, 2 unchanged, 1 failed`` (``; 3 skipped`` when some were not asked)."""
    count = {s: sum(r.status == s for r in reports) for s in ("ok", "moved", "unchanged", "skipped")}
    fetched = len(reports) - count["skipped"]
    ok = count["ok"] + count["moved"]
    failed = fetched - ok - count["unchanged"]
    line = f"fetched {fetched} feed{'s' * (fetched != 1)}: {ok} ok, {count['unchanged']} unchanged, {failed} failed"
    return line + (f"; {count['skipped']} skipped" if count["skipped"] else "")


def _target(contact: Contact, states: Sequence[FeedState]) -> _Target | None:
    mine = [s for s in states if s.person == contact.id]
    if contact.feed:
        return _Target(contact, contact.feed, "", next((s for s in mine if s.url == contact.feed and not s.discovered_from), None))
    if contact.url:
        known = next((s for s in mine if s.discovered_from == contact.url and s.url), None)
        return _Target(contact, known.url if known else "", contact.url, known)
    return None


def _skipped(target: _Target, now: dt.datetime) -> str | None:
    """Why this feed is not asked for in this run, or None."""
    state = target.previous
    if state is None or state.url != target.url or not target.url:
        return None
    if state.status == "gone":
        return f"{state.url} is gone (410 since {state.checked[:10]}): skipped; remove or change its feed:"
    if state.retry_after and state.retry_after > iso_utc(now):
        return f"{state.url} asked to wait until {state.retry_after}: skipped"
    return None


def _skip(target: _Target, why: str):
    state = target.previous
    return state, FeedReport(target.contact.id, target.contact.name, target.contact.loc, target.url, "skipped", why), (
        () if state.status == "gone" else None)


def _many(client, requests, concurrency, progress, stage):
    if not requests:
        return []
    finished = [0]

    def tick(index, result) -> None:
        finished[0] += 1
        progress(stage, finished[0], len(requests))

    return client.request_many(requests, concurrency=concurrency, on_done=tick if progress else None)


def _conditional(target: _Target) -> tuple[tuple[str, str], ...]:
    headers = [("Accept", ACCEPT)]
    state = target.previous
    if state is not None and state.url == target.url and state.status in ("ok", "unchanged", "moved"):
        if state.etag:
            headers.append(("If-None-Match", state.etag))
        if state.last_modified:
            headers.append(("If-Modified-Since", state.last_modified))
    return tuple(headers)


def _outcomes(shared, chunk: list[int]) -> list:
    feeds, answers, now = shared
    return [_outcome(feeds[i], answers[i], now) for i in chunk]


def _outcome(target: _Target, answer: Response | HttpError, now: dt.datetime):
    stamp = iso_utc(now)
    if isinstance(answer, HttpError):
        state = _state(target, stamp, status="failed", message=str(answer))
        return state, _report(target, state, f"{target.url}: {answer}; its last entries are kept"), None
    moved = answer.moved_to if target.home == "" else ""  # a discovered feed that moved is simply followed
    url = target.url if target.home == "" or not answer.moved_to else answer.moved_to
    target = replace(target, url=url)
    if answer.status == 304:
        state = _state(target, stamp, status="moved" if moved else "unchanged", moved_to=moved,
                       etag=_header(answer, "etag") or _old(target, "etag"),
                       last_modified=_header(answer, "last-modified") or _old(target, "last_modified"),
                       ok=_old(target, "ok"))
        return state, _report(target, state, _moved_line(target, moved), "unchanged"), None
    if answer.status == 410:
        state = _state(target, stamp, status="gone", message="410 Gone")
        return state, _report(target, state, f"{target.url} is gone (410 Gone): it will not be asked for again "
                                             f"until its feed: changes"), ()
    if answer.status in (429, 503):
        wait = _retry_after(answer.headers.get("retry-after"), now)
        if wait is None and answer.status == 429:
            wait = now + _WAIT_429
        if wait is not None:
            until = iso_utc(wait)
            state = _state(target, stamp, status="wait", message=f"HTTP {answer.status}", retry_after=until)
            return state, _report(target, state, f"{target.url}: HTTP {answer.status} (too many requests): "
                                                 f"not asked again before {until}; its last entries are kept"), None
    if not answer.ok:
        state = _state(target, stamp, status="failed", message=f"HTTP {answer.status}")
        return state, _report(target, state, f"{target.url}: HTTP {answer.status}; its last entries are kept"), None
    try:
        parsed = parse_feed(answer.body, answer.url, answer.headers.get("content-type") or "")
    except NotAFeed as error:
        state = _state(target, stamp, status="failed", message=str(error))
        return state, _report(target, state, f"{target.url}: {error}; its last entries are kept"), None
    posts = clean_entries(parsed.entries, target.contact.id, target.url, answer.url, now)
    state = _state(target, stamp, status="moved" if moved else "ok", moved_to=moved, ok=stamp,
                   etag=_header(answer, "etag"), last_modified=_header(answer, "last-modified"))
    return state, _report(target, state, _moved_line(target, moved), "ok"), posts


def _moved_line(target: _Target, moved: str) -> str:
    return f"{target.url} has moved permanently: update feed: to {moved}" if moved else ""


def _state(target: _Target, stamp: str, *, status: str, message: str = "", etag: str = "", last_modified: str = "",
           ok: str | None = None, retry_after: str = "", moved_to: str = "") -> FeedState:
    return FeedState(person=target.contact.id, url=target.url, discovered_from=target.home, etag=etag,
                     last_modified=last_modified, checked=stamp, ok=_old(target, "ok") if ok is None else ok,
                     status=status, message=message, retry_after=retry_after, moved_to=moved_to)


def _old(target: _Target, field: str) -> str:
    state = target.previous
    return getattr(state, field) if state is not None and state.url == target.url else ""


def _report(target: _Target, state: FeedState, message: str, status: str | None = None) -> FeedReport:
    c = target.contact
    return FeedReport(c.id, c.name, c.loc, target.url or target.home, status or state.status, message)


def _header(answer: Response, name: str) -> str:
    """A validator to send back: kept only if it is one short line of printable ASCII."""
    value = (answer.headers.get(name) or "").strip()
    return value if len(value) <= 256 and value.isascii() and value.isprintable() else ""


def _retry_after(value: str | None, now: dt.datetime) -> dt.datetime | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        wait = now + dt.timedelta(seconds=min(int(value[:9]), int(_WAIT_MOST.total_seconds())))
    else:
        try:
            wait = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if wait.tzinfo is None:
            wait = wait.replace(tzinfo=dt.timezone.utc)
    return min(max(wait, now), now + _WAIT_MOST)


def _snapshot(targets, done, previous: NetworkSnapshot | None, stamp: str) -> NetworkSnapshot:
    """The new snapshot: fresh posts where a feed gave them, the last ones where it did not, nothing
    of anyone who is no longer a public contact with a feed."""
    old = previous.posts if previous is not None else ()
    posts: list[NetworkPost] = []
    feeds: list[FeedState] = []
    for target in targets:
        state, _, fresh = done[target.contact.id]
        feeds.append(state)
        # None: unchanged, failed or waiting, so the last good entries stay.
        posts.extend(fresh if fresh is not None else (p for p in old if p.person == target.contact.id))
    posts.sort(key=lambda p: (p.published == "", _newest_first(p.published), p.person, p.link, p.id))
    feeds.sort(key=lambda f: (f.person, f.url))
    return NetworkSnapshot(taken=stamp, posts=tuple(posts), feeds=tuple(feeds))


def _newest_first(iso: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in iso)
