"""link: Content → Site. Drop what is not published, index, render Markdown, resolve links."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from types import MappingProxyType

from ..errors import Level, Loc, Problem, Problems
from ..markdown import fill_links
from ..model import BuildOptions, Content, Markdown, Rendered, Site
from ..urls import Urls, item_url
from .order import newest_first
from .rendering import render_all
from .resolve import LinkIndex
from .tags import collect_tags

__all__ = ["link", "published_notes", "LinkMemo"]


def published_notes(content: Content, opts: BuildOptions) -> tuple:
    """Notes that exist in this build: drafts only with --drafts, future only with --future."""
    now = opts.now or dt.datetime.now(dt.timezone.utc)
    return newest_first(
        n for n in content.notes if (opts.drafts or not n.draft) and (opts.future or n.date <= now)
    )


class LinkMemo:
    """What one link() hands the next (the preview server keeps one): Markdown
    results by item, the link index, and filled HTML by item."""

    def __init__(self) -> None:
        self.results: dict[str, tuple[Markdown, bool, object]] = {}
        self.filled: dict[str, tuple] = {}
        self.index_key: tuple | None = None
        self.index: LinkIndex | None = None
        self.tags: tuple | None = None  # (key, hubs, warnings)


def _link_index(ordered, memo: LinkMemo | None) -> LinkIndex:
    """The index of link targets; the memo's, while no item's id, name or place changed."""
    if memo is None:
        return LinkIndex(ordered)
    key = tuple((i.id, getattr(i, "title", None) or i.name, i.loc.path, getattr(i, "has_page", None),
                 getattr(i, "slug", None)) for i in ordered)
    if memo.index is None or memo.index_key != key:
        memo.index_key, memo.index = key, LinkIndex(ordered)
    return memo.index


def _tags(notes, readings, contacts, problems: Problems, memo: LinkMemo | None):
    """Tag hubs; the memo's while no item's id or tags changed."""
    if memo is None:
        return collect_tags(notes, readings, contacts, problems)
    key = tuple((i.id, i.tags) for group in (notes, readings, contacts) for i in group)
    if memo.tags is None or memo.tags[0] != key:
        own = Problems()
        memo.tags = (key, collect_tags(notes, readings, contacts, own), own.freeze())
    problems.extend(memo.tags[2])
    return memo.tags[1]


def _fill(item_id: str, source: Markdown, result, index: LinkIndex, items, urls: Urls):
    """Resolve one text's links: its final HTML, the ids it links to, and its warnings."""
    targets, linked, warnings = [], [], []
    for ref in result.links:
        target_id = index.wiki(ref.target) if ref.kind == "wiki" else index.markdown_file(ref.target, source.loc.path)
        if target_id is None:
            what = "no note named" if ref.kind == "wiki" else "no note at"
            warnings.append(Problem(Loc(source.loc.path, source.loc.line + ref.line), Level.WARNING,
                                    f"{what} '{ref.target}'"))
            targets.append(None)
            continue
        target = items[target_id]
        href = urls.path(item_url(target)) + (f"#{ref.fragment}" if ref.fragment else "")
        targets.append((href, getattr(target, "title", None) or target.name))
        if target_id != item_id and target_id not in linked:
            linked.append(target_id)
    raw = [ref.target for ref in result.links]
    rendered = Rendered(
        # Rebase the author's root-relative links first: filled links are already under the base.
        html=fill_links(urls.rebase_html(result.html), targets, raw),
        summary_html=fill_links(urls.rebase_html(result.summary_html), targets, raw),
        toc=result.toc,
        links=tuple(linked),
    )
    return rendered, tuple(linked), tuple(warnings)


def _render_markdown(ordered, render, memo: LinkMemo | None) -> dict[str, tuple[Markdown, object]]:
    """Every item's Markdown rendered, by id; only texts the memo has not seen go to ``render``."""
    sources: dict[str, tuple[Markdown, bool]] = {}
    for item in ordered:
        text = getattr(item, "body", None) or getattr(item, "notes", None) or getattr(item, "note", None)
        if isinstance(text, Markdown):
            sources[item.id] = (text, getattr(item, "title_from_heading", False))
    known = memo.results if memo is not None else {}
    jobs = [(i, md.text, take) for i, (md, take) in sources.items()
            if not ((seen := known.get(i)) and seen[0] == md and seen[1] == take)]
    fresh = render(jobs) if jobs else {}
    results = {}
    for item_id, (md, take) in sources.items():
        result = fresh[item_id] if item_id in fresh else known[item_id][2]
        results[item_id] = (md, take, result)
    if memo is not None:
        memo.results = results
    return {i: (md, result) for i, (md, _take, result) in results.items()}


def link(content: Content, opts: BuildOptions, render=render_all, memo: LinkMemo | None = None) -> Site:
    problems = Problems()
    problems.extend(content.problems)
    urls = Urls(content.config.base_url)
    notes = published_notes(content, opts)
    contacts = {c.id: c for c in content.contacts}
    for reading in content.readings:
        if reading.via and reading.via not in contacts:
            problems.error(reading.loc, f"via '{reading.via}' names no contact")
    ordered = (*notes, *content.pages, *content.readings, *content.contacts)
    items = {item.id: item for item in ordered}
    index = _link_index(ordered, memo)

    results = _render_markdown(ordered, render, memo)
    html: dict[str, Rendered] = {}
    filled: dict[str, tuple] = {}
    backlinks: dict[str, list[str]] = defaultdict(list)
    known = memo.filled if memo is not None else {}
    for item_id, (source, result) in results.items():
        before = known.get(item_id)
        if before is not None and before[0] is result and before[1] is index:
            # Same text, same link targets: the filled HTML and its warnings still hold.
            _, _, rendered, linked, warnings = before
        else:
            rendered, linked, warnings = _fill(item_id, source, result, index, items, urls)
        problems.extend(warnings)
        html[item_id] = rendered
        filled[item_id] = (result, index, rendered, linked, warnings)
        for target_id in linked:
            backlinks[target_id].append(item_id)
    if memo is not None:
        memo.filled = filled

    recommended: dict[str, list[str]] = defaultdict(list)
    for reading in content.readings:
        if reading.via in contacts:
            recommended[reading.via].append(reading.id)
    return Site(
        config=content.config,
        notes=notes,
        pages=content.pages,
        readings=content.readings,
        contacts=MappingProxyType(contacts),
        lists=content.lists,
        static=content.static,
        tags=_tags(notes, content.readings, content.contacts, problems, memo),
        backlinks=MappingProxyType({k: tuple(v) for k, v in sorted(backlinks.items())}),
        recommended=MappingProxyType({k: tuple(v) for k, v in sorted(recommended.items())}),
        html=MappingProxyType(html),
        problems=problems.freeze(),
        source_dir=content.source_dir,
        items=MappingProxyType(items),
    )
