"""Sending planned Webmentions: discover each target's endpoint (one GET per target, however
many notes mention it), then POST ``source`` and ``target`` to it, form-encoded.

The HTTP side is handed in as two functions, so this module knows no HTTP library:
``get_pages(urls)`` → for each URL a ``Page`` or a one-line error message, and
``post_forms([(endpoint, form)])`` → for each an HTTP status or a one-line error message. Each
function runs its requests concurrently, within its own bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .discover import endpoint_of
from .plan import Job

__all__ = ["Outcome", "Page", "send_jobs", "summary"]


@dataclass(frozen=True)
class Page:
    url: str  # the final URL, after redirects
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class Outcome:
    job: Job
    result: str  # "accepted" (201/202), "sent" (another 2xx), "failed", or "skipped" (no endpoint)
    endpoint: str = ""
    message: str = ""  # for "failed": one line; for "skipped": why


GetPages = Callable[[Sequence[str]], Sequence["Page | str"]]
PostForms = Callable[[Sequence[tuple[str, dict[str, str]]]], Sequence["int | str"]]


def send_jobs(jobs: Sequence[Job], get_pages: GetPages, post_forms: PostForms) -> tuple[Outcome, ...]:
    """One ``Outcome`` per job, in the order of ``jobs``."""
    targets = list(dict.fromkeys(job.target for job in jobs))
    endpoints: dict[str, str | None] = {}  # target → its endpoint, or None: it advertises none
    broken: dict[str, str] = {}  # target → why it could not be read
    outcomes: dict[int, Outcome] = {}
    for target, page in zip(targets, get_pages(targets)):
        if isinstance(page, str):
            broken[target] = page
        elif page.status >= 400:
            broken[target] = f"the target answered HTTP {page.status}"
        else:
            endpoints[target] = endpoint_of(page.url, page.headers, page.body)
    posts: list[int] = []
    for index, job in enumerate(jobs):
        if job.target in broken:
            outcomes[index] = Outcome(job, "failed", message=broken[job.target])
        elif endpoints[job.target] is None:
            outcomes[index] = Outcome(job, "skipped", message="the target advertises no Webmention endpoint")
        else:
            posts.append(index)
    forms = [(endpoints[jobs[i].target], {"source": jobs[i].source, "target": jobs[i].target}) for i in posts]
    for index, answer in zip(posts, post_forms(forms) if forms else ()):
        job, endpoint = jobs[index], endpoints[jobs[index].target]
        if isinstance(answer, str):
            outcomes[index] = Outcome(job, "failed", endpoint, answer)
        elif answer in (201, 202):
            outcomes[index] = Outcome(job, "accepted", endpoint)
        elif 200 <= answer < 300:
            outcomes[index] = Outcome(job, "sent", endpoint)
        else:
            outcomes[index] = Outcome(job, "failed", endpoint, f"the endpoint {endpoint} answered HTTP {answer}")
    return tuple(outcomes[i] for i in range(len(jobs)))


def summary(outcomes: Sequence[Outcome], unchanged: int) -> str:
    """``webmention: 5 sent (3 accepted), 1 failed, 2 skipped (no endpoint); 4 notes unchanged``:
    sent counts every POST an endpoint took (2xx), accepted those it answered 201 or 202."""
    count = {kind: sum(1 for o in outcomes if o.result == kind) for kind in ("accepted", "sent", "failed", "skipped")}
    notes = "note" if unchanged == 1 else "notes"
    return (f"webmention: {count['sent'] + count['accepted']} sent ({count['accepted']} accepted), "
            f"{count['failed']} failed, {count['skipped']} skipped (no endpoint); {unchanged} {notes} unchanged")
