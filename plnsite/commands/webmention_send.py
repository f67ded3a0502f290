"""plnsite webmention send: tell the pages your notes link to that they were mentioned.

The arguments are declared in webmention.py, which imports this module only to run.

Run it after a deploy (the pages must be online: each receiver fetches the note to check the
link). It builds the site in memory, as ``build`` would, to know each published note's public
URL, the pages it answers (``in_reply_to:``, ``like_of:``, ``repost_of:``, ``bookmark_of:``)
and the links of its text that leave the site; then mentions/plan.py decides what to send from
the record in ``.plnsite-cache/webmention/``, and mentions/send.py sends it through the careful
HTTP client (timeouts, a size cap, bounded redirects and concurrency, and an address guard that
refuses loopback, link-local and private addresses unless ``--allow-local``).

Exit status: 0 when nothing failed, 1 when a build error stopped it or a Webmention failed
(failures are tried again on the next run).
"""

from __future__ import annotations

import sys
from urllib.parse import urldefrag

from ..build import build, site_root
from ..errors import BuildFailed, has_errors
from ..load import require_site
from ..mentions.links import outgoing_links
from ..mentions.plan import NoteMentions, digest_of, next_record, plan_sending
from ..mentions.record import read_record, write_record
from ..mentions.send import Page, send_jobs, summary
from ..model import BuildOptions, Site
from ..report import as_build_failure, print_problems
from ..urls import Urls, item_url
from ..web.http import HttpClient, HttpError, Limits, Request, user_agent

__all__ = ["notes_to_mention", "send"]

CONCURRENCY = 4  # requests in flight at once: polite to the many small sites a note links to
_OUTCOME = "nothing was sent"


def send(args) -> int:
    """``plnsite webmention send``: build, plan from the record, send; 1 if any failed."""
    with as_build_failure(what="webmention send", outcome=_OUTCOME):
        require_site(args.source)
        result = build(BuildOptions(source=args.source, base_url=args.base_url))
    print_problems(result.problems)
    if has_errors(result.problems):
        raise BuildFailed(result.problems, what="webmention send", outcome=_OUTCOME)
    root = site_root(args.source)
    notes, quiet = notes_to_mention(result.site)
    record = read_record(root)
    plan = plan_sending(notes, record, quiet)
    if args.dry_run:
        for job in plan.jobs:
            print(f"would send: {job.source} → {job.target}")
        print(f"webmention (dry run): {len(plan.jobs)} to send; {plan.unchanged} "
              f"{'note' if plan.unchanged == 1 else 'notes'} unchanged; nothing sent")
        return 0
    client = HttpClient(user_agent(result.site.config.base_url),
                        limits=Limits(connect=min(10.0, args.timeout), total=args.timeout),
                        allow_private=args.allow_local)
    outcomes = send_jobs(plan.jobs, lambda urls: _get_pages(client, urls), lambda forms: _post_forms(client, forms))
    failed = [o for o in outcomes if o.result == "failed"]
    for outcome in failed:
        print(f"failed: {outcome.job.source} → {outcome.job.target}: {outcome.message}", file=sys.stderr)
    if not write_record(root, next_record(notes, record, [o.job for o in failed], quiet)):
        print("warning: could not write .plnsite-cache/webmention/: the next run sends these again", file=sys.stderr)
    print(summary(outcomes, plan.unchanged))
    return 1 if failed else 0


def notes_to_mention(site: Site) -> tuple[list[NoteMentions], frozenset[str]]:
    """Each published note that may send (its public URL, targets and digest), and the public
    URLs of those that say ``webmention: false``."""
    urls = Urls(site.config.base_url)
    found, quiet = [], set()
    for note in site.notes:
        source = urls.absolute(item_url(note))
        if not note.webmention:
            quiet.add(source)
            continue
        rendered = site.html.get(note.id)
        html = rendered.html if rendered is not None else ""
        answered = tuple(urldefrag(context.url).url for context in note.replies_to)
        targets = tuple(dict.fromkeys((*answered, *outgoing_links(html, urls.base_url))))
        found.append(NoteMentions(source=source, targets=targets, digest=digest_of(html, targets)))
    return found, frozenset(quiet)


def _get_pages(client: HttpClient, urls) -> list[Page | str]:
    answers = client.request_many([Request(url) for url in urls], concurrency=CONCURRENCY)
    return [str(a) if isinstance(a, HttpError) else Page(a.url, a.status, a.headers.items(), a.body) for a in answers]


def _post_forms(client: HttpClient, forms) -> list[int | str]:
    answers = client.request_many([Request(url, "POST", data=form) for url, form in forms], concurrency=CONCURRENCY)
    return [str(a) if isinstance(a, HttpError) else _posted(a) for a in answers]


def _posted(answer) -> int | str:
    """The status of a POST; but a redirect (301, 302, 303) turns a POST into a GET, whose 200 says
    nothing of the Webmention: after a redirect only 201 or 202 counts, else it is tried again."""
    if answer.redirects and answer.status not in (201, 202) and answer.status < 400:
        return (f"the endpoint redirected the POST to {answer.url}, which answered HTTP {answer.status}: "
                "the Webmention may not have arrived")
    return answer.status
