"""What to send: from the notes as they are now and the record of what was sent, the
(source, target) pairs to notify, and the record to keep once they were tried.

- a new note: each of its targets;
- a changed note (its digest differs): each current target, and each target it no longer
  links to, so that receiver fetches the source again and drops the mention;
- an unchanged note: only the targets whose sending failed last time;
- a note that is gone (deleted, or now a draft): each target it had, so receivers learn the
  source is gone; then it is forgotten;
- a note that says ``webmention: false``: nothing, ever (it is forgotten too).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .record import Sent

__all__ = ["Job", "NoteMentions", "Plan", "digest_of", "next_record", "plan_sending"]


@dataclass(frozen=True)
class NoteMentions:
    source: str  # the note's public URL
    targets: tuple[str, ...]  # what it answers (in_reply_to…), then the links in its text
    digest: str


@dataclass(frozen=True)
class Job:
    source: str
    target: str


@dataclass(frozen=True)
class Plan:
    jobs: tuple[Job, ...]
    unchanged: int  # notes with nothing to send


def digest_of(html: str, targets: Iterable[str]) -> str:
    """What a note's record compares: its rendered text and its targets."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(html.encode("utf-8", "surrogatepass"))
    for target in targets:
        digest.update(b"\0" + target.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def plan_sending(notes: Iterable[NoteMentions], record: Mapping[str, Sent], quiet: frozenset[str] = frozenset()) -> Plan:
    """``quiet``: the sources of notes that say ``webmention: false``."""
    jobs: list[Job] = []
    unchanged = 0
    current = {}
    for note in notes:
        current[note.source] = note
        old = record.get(note.source)
        if old is not None and old.digest == note.digest:
            targets = old.failed
            unchanged += not targets
        elif old is not None:
            targets = _union(note.targets, old.targets, old.failed)
        else:
            targets = note.targets
        jobs += (Job(note.source, t) for t in targets)
    for source in sorted(set(record) - set(current) - quiet):
        old = record[source]
        jobs += (Job(source, t) for t in _union(old.targets, old.failed))
    return Plan(jobs=tuple(jobs), unchanged=unchanged)


def next_record(notes: Iterable[NoteMentions], record: Mapping[str, Sent], failed: Iterable[Job],
                quiet: frozenset[str] = frozenset()) -> dict[str, Sent]:
    """The record after a run: every current note as it is now, with the targets that failed
    (to try again); a gone note only while some of its targets still failed."""
    failures: dict[str, list[str]] = {}
    for job in failed:
        failures.setdefault(job.source, []).append(job.target)
    out = {n.source: Sent(n.source, n.digest, n.targets, tuple(failures.get(n.source, ()))) for n in notes}
    for source in set(record) - set(out) - quiet:
        if failures.get(source):
            out[source] = Sent(source, "", (), tuple(failures[source]))
    return out


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for group in groups for t in group))
