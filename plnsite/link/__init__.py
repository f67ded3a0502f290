"""link: Content → Site. Drop what is not published, index, render Markdown, resolve links."""

from __future__ import annotations

from collections import defaultdict
from itertools import chain, compress, count
from operator import attrgetter, is_, is_not
from types import MappingProxyType

from ..dates import zone
from ..errors import Level, Loc, Problem, Problems
from ..incremental.link_memo import Completed, LinkEntry, LinkMemo, PublishedNotes, Swaps, next_run, swapped_since
from ..incremental.related_cache import related_inputs
from ..incremental.remembered import Remembered, same_items, swapped_positions
from ..markdown import fill_links
from ..model import BuildOptions, Content, LinkRun, Markdown, Rendered, Site
from ..urls import Urls, item_url
from .mentions import mentions_by_note
from .network import public_network
from .order import newest_first
from .private import is_private_wikilink, private_links, via_error, withheld
from .publish import DRAFT, build_time, published_menu, split
from .related import related_notes
from .rendering import render_all
from .resolve import LinkIndex
from .media import IMAGE_KINDS, Media
from .series import collect_series
from .tags import collect_tags

__all__ = ["link", "published_notes"]

_ID = attrgetter("id")
_FILES = attrgetter("files")
_ASSETS = attrgetter("assets")
_DIAGRAMS = attrgetter("diagrams")


def published_notes(content: Content, opts: BuildOptions, memo: LinkMemo | None = None) -> tuple:
    """Notes that exist in this build (link/publish.py), newest first."""
    return _notes(content, opts, build_time(opts), memo)[0]


def _notes(content: Content, opts: BuildOptions, now, memo: LinkMemo | None) -> tuple[tuple, tuple]:
    """(published notes newest first, (note, reason) for each note left out)."""
    last = memo.published if memo is not None else None
    # The same notes, none with a new date, slug or draft flag, and none come of age since:
    # the last order holds, with this run's note objects in it.
    if last is not None and same_items(last.loaded, content.notes, _order_fields) \
            and not (last.due is not None and last.due <= now):
        published, held, due, where = last.published, last.held, last.due, last.where
        fresh = {n.id: n for n in compress(content.notes, map(is_not, last.loaded, content.notes))}
        if fresh:  # swapped in at their places (found once while the order holds)
            where = where if where is not None else dict(zip(map(_ID, published), count()))
            patched = list(published)
            for note_id, note in fresh.items():
                at = where.get(note_id)
                if at is not None:
                    patched[at] = note
            published = tuple(patched)
            held = tuple((fresh.get(n.id, n), why) for n, why in held)
    else:
        published, held = split(content.notes, opts, now)
        published = newest_first(published)
        due = min((n.date for n in content.notes if n.date > now), default=None)
        where = None
    if memo is not None:
        memo.published = PublishedNotes(content.notes, published, held, now, due, where)
    return published, held


def _split_again(items: tuple, opts: BuildOptions, now, memo: LinkMemo | None, name: str) -> tuple[tuple, tuple]:
    """split() of pages or readings; the last run's while they are the very same tuple (the load
    memo hands an unchanged group on as it was) and none of them has come of age since (its
    date, after the last run's time, is still ahead): no pass over 1,000 readings per save."""
    last = memo.splits.get(name) if memo is not None else None
    if last is not None and last.inputs[0] is items and last.inputs[2] == (opts.drafts, opts.future) \
            and not (last.inputs[1] is not None and last.inputs[1] <= now):
        return last.value
    split_now = split(items, opts, now)
    if memo is not None:
        due = min((d for i in items if (d := getattr(i, "date", None)) is not None and d > now), default=None)
        memo.splits[name] = Remembered((items, due, (opts.drafts, opts.future)), split_now)
    return split_now


def _items(ordered: tuple, swaps: Swaps | None, memo: LinkMemo | None) -> dict:
    """Every item by id: the last run's dict with the swapped items put in, while the ids are
    the same (a copy: the last site still reads the old one)."""
    last = memo.items if memo is not None else None
    if swaps is not None and last is not None:
        items = dict(last)
        items.update((new.id, new) for _, new in swaps.pairs())
    else:
        items = dict(zip(map(_ID, ordered), ordered))  # (as a dict comprehension, without a Python step per item)
    if memo is not None:
        memo.items = items
    return items


def _same_as_last(before: tuple, after: tuple, made_from: tuple, swaps: Swaps | None, kinds: str, fields) -> bool:
    """``same_items(before, after, fields)``: when the value remembered with ``before`` was made
    from the last completed run's items (``made_from``), only the swapped items (of ``kinds``)
    are compared with those they replace."""
    if swaps is not None and made_from is swaps.before:
        return all(fields(old) == fields(new) for old, new in swaps.pairs(kinds))
    return same_items(before, after, fields)


def _run(last: Completed | None, swaps: Swaps | None, rewritten) -> LinkRun:
    """This run's number, and what it swapped since the last completed run, when it only swapped."""
    if swaps is None or rewritten is None:
        return LinkRun(number=next_run())
    swapped = frozenset(swaps.after[i].id for i in swaps.positions).union(rewritten)
    return LinkRun(number=next_run(), after=last.number, swapped=swapped)


def _order_fields(note) -> tuple:
    return (note.id, note.date, note.slug, note.draft)


def _index_fields(item) -> tuple:
    return (item.id, getattr(item, "title", None) or item.name, item.loc.path, getattr(item, "has_page", None),
            getattr(item, "slug", None))


def _held_fields(pair) -> tuple:
    return (*_index_fields(pair[0]), pair[1])


def _link_index(ordered, held, private_people, memo: LinkMemo | None, swaps: Swaps | None = None) -> LinkIndex:
    """The index of link targets (and of the items left out, to say why a link to one is
    broken); the memo's, while no item's id, name or place changed, nor what is left out
    (and the private people and lists are the same)."""
    if memo is None:
        return LinkIndex(ordered, held, private_people)
    last = memo.index
    if last is not None and last.value.private.withheld == private_people \
            and same_items(last.inputs[1], held, _held_fields) \
            and _same_as_last(last.inputs[0], ordered, last.inputs[0], swaps, "npre", _index_fields):
        index = last.value
    else:
        index = LinkIndex(ordered, held, private_people)
    memo.index = Remembered((ordered, held), index)
    return index


def _tags(notes, readings, contacts, problems: Problems, memo: LinkMemo | None, ordered=None,
          swaps: Swaps | None = None):
    """Tag hubs; the memo's while no item's id or tags changed."""
    if memo is None:
        return collect_tags(notes, readings, contacts, problems)
    items = (*notes, *readings, *contacts)
    last = memo.tags
    if last is None or not _same_as_last(last.inputs[0], items, last.inputs[1], swaps, "nre", _tag_fields):
        own = Problems()
        hubs, warnings = collect_tags(notes, readings, contacts, own), own.freeze()
    else:
        hubs, warnings = last.value
    memo.tags = Remembered((items, ordered), (hubs, warnings))
    problems.extend(warnings)
    return hubs


def _related(notes, hubs, backlinks, series, memo: LinkMemo | None, ordered=None, swaps: Swaps | None = None):
    """Related notes; the memo's while the notes, their tags (the very same hubs), the links
    between them (the very same backlinks) and the series are the same."""
    last = memo.related if memo is not None else None
    # The same ids in the same order as the last completed run's: its tuple of note ids holds.
    ids = last.inputs[0] if last is not None and swaps is not None and last.inputs[-1] is swaps.before \
        else tuple(map(_ID, notes))
    inputs = (ids, hubs, backlinks, series, ordered)
    kept = memo.related_cache if memo is not None else None
    if last is not None and (last.inputs[0] is ids or last.inputs[0] == ids) and last.inputs[1] is hubs \
            and last.inputs[2] is backlinks and last.inputs[3] == series:
        related = last.value
    elif kept is not None:  # a warm build: the last build's, while its inputs are the same
        related = kept.get(related_inputs(notes, hubs, backlinks, series),
                           lambda: related_notes(notes, hubs, backlinks, series))
    else:
        related = related_notes(notes, hubs, backlinks, series)
    if memo is not None:
        memo.related = Remembered(inputs, related)
    return related


def _series(notes, problems: Problems, memo: LinkMemo | None, ordered=None, swaps: Swaps | None = None):
    """The series; the memo's while no note's id, series, place in it or date changed (what
    collect_series reads): no pass over every note's front matter per save."""
    if memo is None:
        return collect_series(notes, problems)
    last = memo.series
    if last is None or not _same_as_last(last.inputs[0], notes, last.inputs[1], swaps, "n", _series_fields):
        own = Problems()
        found, warnings = collect_series(notes, own), own.freeze()
    else:
        found, warnings = last.value
    memo.series = Remembered((notes, ordered), (found, warnings))
    problems.extend(warnings)
    return found


def _series_fields(note) -> tuple:
    return (note.id, note.series, note.series_order, note.series_loc, note.loc, note.date)


def _tag_fields(item) -> tuple:
    return (item.id, item.tags, item.loc, getattr(item, "tags_loc", None))


def _markdown_of(item) -> tuple[Markdown | None, bool]:
    text = getattr(item, "body", None) or getattr(item, "notes", None) or getattr(item, "note", None)
    return (text if isinstance(text, Markdown) else None), getattr(item, "title_from_heading", False)


def _link_items(ordered, index: LinkIndex, items, urls: Urls, render, memo: LinkMemo, media: Media,
                swaps: Swaps | None = None):
    """Render and fill every item's Markdown, reusing the memo's entries for items that are the
    very same objects as last time (while the index is too). Returns html, backlinks, warnings."""
    before = memo.entries
    edited = _edited_items(memo, ordered, index, swaps)
    # Every item, or (edited_items) only those that are new objects, over the last entries.
    entries: dict[str, LinkEntry] = {} if edited is None else dict(before)
    changed: list[str] = []
    dropped: list[str] = []  # of the edited items, those with no text now
    jobs = []
    for item in ordered if edited is None else edited:
        old = before.get(item.id)
        if old is not None and old.item is item and old.index is index:
            entries[item.id] = old
            continue
        md, take = _markdown_of(item)
        if md is None:
            if entries.pop(item.id, None) is not None:
                dropped.append(item.id)
            continue
        result = old.result if old is not None and old.markdown == md and old.take_title == take else None
        if result is None:
            jobs.append((item.id, md, take))
        entries[item.id] = LinkEntry(item, md, take, result, None, None, None, None)
        changed.append(item.id)
    spill = memo.spill
    keep = memo.keep_results and spill is None  # a build that spills is a one-shot build: nothing links again

    def fill(ids, fresh: dict) -> None:
        # Measure every image these texts show (and make the copies of large photos) at once.
        media.prepare((entries[i].item, fresh.get(i) or entries[i][3]) for i in ids)
        for item_id in ids:
            item, md, take, result = entries[item_id][:4]
            result = fresh.pop(item_id, result)  # let each result go once filled, unless kept
            rendered, linked, warnings = _fill(item_id, md, result, index, items, urls, media)
            if spill is not None:
                rendered = spill.keep(rendered)
            entries[item_id] = LinkEntry(item, md, take, result if keep else None, index, rendered, linked, warnings)

    if jobs and spill is not None and hasattr(render, "in_groups"):
        # A build whose texts wait on disk (spill.py) takes the Markdown group by group, each
        # filled and spilled before the next is rendered: never all of it in memory. A group
        # comes in pieces as they are rendered, and a piece's texts are filled while the rest
        # are still rendered; those that show images wait for the group's end, so that the
        # images are measured (and their copies made, in parallel) all at once, as before.
        filled = set()
        for group in render.in_groups(jobs):
            with_images = {}
            for fresh in group:
                filled.update(fresh)
                showing = [i for i, result in fresh.items() if _shows_images(result)]
                with_images.update((i, fresh.pop(i)) for i in showing)
                fill(list(fresh), fresh)
            fill(list(with_images), with_images)
        fill([i for i in changed if i not in filled], {})
    else:
        fill(changed, render(jobs) if jobs else {})
    if spill is not None:
        # The sources let go once every text is filled, all at once: freed one by one between
        # the fills, glibc gives the heap's top back and takes it again, text after text (~45 ms
        # of a warm 10,000-note build).
        spill.drop_sources(entries[i].markdown for i in changed)
    # Edited items alone: the entries are the last ones but for those (no pass over every key).
    gone = before.keys() - entries.keys() if edited is None else dropped
    if not changed and not gone:
        return memo.html, memo.backlinks, memo.warnings, ()
    patched = len(changed) < len(entries)
    html = dict(memo.html) if patched else {}
    warnings = dict(memo.warnings) if html else {}
    for item_id in gone:
        html.pop(item_id, None)
        warnings.pop(item_id, None)
    relink = bool(gone) or not html
    for item_id in changed:
        entry = entries[item_id]
        html[item_id] = entry.rendered
        if entry.warnings:
            warnings[item_id] = entry.warnings
        else:
            warnings.pop(item_id, None)
        old = before.get(item_id)
        relink = relink or old is None or old.linked != entry.linked
    backlinks = _backlinks(ordered, entries) if relink else memo.backlinks
    memo.entries, memo.html, memo.backlinks, memo.warnings = entries, html, backlinks, warnings
    # The ids whose text is another object than in the last html (None: a new html altogether).
    rewritten = (*changed, *gone) if patched else None
    return html, backlinks, warnings, rewritten


def _edited_items(memo: LinkMemo, ordered: tuple, index: LinkIndex, swaps: Swaps | None = None) -> list | None:
    """The items that are new objects since the last run, when they are all that can differ
    from it: the same items in the same order, linked against the very same index. Every other
    item's entry is then the last run's as it is (it was made from that very object against
    that very index), so the loop over 10,000 entries is skipped. None: loop over every item."""
    last = memo.linked
    if last is None or last.inputs[1] is not index:
        return None
    if swaps is not None and last.inputs[0] is swaps.before:  # found once for the whole run
        positions = swaps.positions
    else:
        positions = swapped_positions(last.inputs[0], ordered)
    return None if positions is None else [ordered[i] for i in positions]


def _shows_images(result) -> bool:
    return any(ref.kind in IMAGE_KINDS for ref in result.links)


def _backlinks(ordered, entries) -> dict[str, tuple[str, ...]]:
    """Target id → the ids linking to it, in site order."""
    found: dict[str, list[str]] = defaultdict(list)
    for item in ordered:
        entry = entries.get(item.id)
        if entry is not None:
            for target_id in entry.linked:
                found[target_id].append(item.id)
    return {k: tuple(v) for k, v in sorted(found.items())}


def _unchanged(html: str) -> str:
    return html


def _fill(item_id: str, source: Markdown, result, index: LinkIndex, items, urls: Urls, media: Media):
    """Resolve one text's links and images: its final HTML, the ids it links to, and its warnings."""
    targets, linked, warnings, resolved = [], [], [], []
    for ref in result.links:
        if ref.kind in IMAGE_KINDS:  # see media.py
            targets.append(None)
            resolved.append(None)
            continue
        target_id = index.wiki(ref.target) if ref.kind == "wiki" else index.markdown_file(ref.target, source.loc.path)
        resolved.append(target_id)
        if target_id is None and is_private_wikilink(ref, index.private):
            targets.append(None)
            continue  # an error below
        if target_id is None or target_id in index.held:
            warnings.append(Problem(Loc(source.loc.path, source.loc.line + ref.line), Level.WARNING,
                                    _broken(ref, index.held.get(target_id))))
            targets.append(None)
            continue
        target = items[target_id]
        href = urls.path(item_url(target)) + (f"#{ref.fragment}" if ref.fragment else "")
        targets.append((href, getattr(target, "title", None) or target.name))
        if target_id != item_id and target_id not in linked:
            linked.append(target_id)
    for line, message in result.warnings:  # formulas shown as code (markdown/math.py)
        warnings.append(Problem(Loc(source.loc.path, source.loc.line + line), Level.WARNING, message))
    private = private_links(source, result, resolved, index.private)
    if private:  # nothing of this text is shown, not even the words of the link
        return withheld(linked), tuple(linked), (*warnings, *private)
    raw = [ref.target for ref in result.links]
    images, summary_images, image_problems, files = media.fill(items[item_id], source, result.links)
    warnings += image_problems
    rebase = urls.rebase_html if result.may_rebase else _unchanged
    rendered = Rendered(
        # Rebase the author's root-relative links first: filled links are already under the base.
        html=fill_links(rebase(result.html), targets, raw, images),
        summary_html=fill_links(rebase(result.summary_html), targets, raw, summary_images),
        toc=result.toc,
        links=tuple(linked),
        files=tuple(files),
        diagrams=result.diagrams,
    )
    return rendered, tuple(linked), tuple(warnings)


def _people(content: Content, readings: tuple, index: LinkIndex, memo: LinkMemo | None) -> tuple:
    """(contacts by id, the errors of readings whose ``via:`` names no public contact, the readings
    each contact recommended): the last run's while the readings, the published ones and the
    contacts are the very same tuples (the load memo hands an unchanged group on as it was) and
    the private people the same index: no pass over 10,000 readings per save."""
    inputs = (content.readings, readings, content.contacts, index.private)
    last = memo.people if memo is not None else None
    if last is not None and all(map(is_, last.inputs, inputs)):
        return last.value
    contacts = {c.id: c for c in content.contacts}
    # Drafts too: a private person stays private in any draft.
    problems = tuple(via_error(r.loc, r.via, index.private) for r in content.readings if r.via and r.via not in contacts)
    recommended: dict[str, list[str]] = defaultdict(list)
    for reading in readings:
        if reading.via in contacts:
            recommended[reading.via].append(reading.id)
    value = (contacts, problems, {k: tuple(v) for k, v in sorted(recommended.items())})
    if memo is not None:
        memo.people = Remembered(inputs, value)
    return value


def _published(static: tuple, notes: tuple, ordered: tuple, memo: LinkMemo | None, swaps: Swaps | None) -> dict:
    """Every file published as it is (static/ and the notes' own files), by output path. The last
    run's when the static files are the same and each note has the same files of its own (of a
    save's swaps, only the swapped notes compared): a preview save at 100,000 notes goes over
    the notes' files no more (~20 ms)."""
    last = memo.published_files if memo is not None else None
    if last is not None and last.inputs[0] == static \
            and _same_as_last(last.inputs[1], notes, last.inputs[2], swaps, "n", _ASSETS):
        memo.published_files = Remembered((static, notes, ordered), last.value)
        return last.value
    published = {f.dest: f.src for f in static}
    published.update((a.dest, a.src) for a in chain.from_iterable(map(_ASSETS, notes)))  # most notes have none
    if memo is not None:
        memo.published_files = Remembered((static, notes, ordered), published)
    return published


def _text_facts(memo: LinkMemo | None, before, html: dict, rewritten) -> tuple[tuple, bool]:
    """The resized copies of photos the texts show, and whether a text holds a diagram. The last
    run's when its html was ``before`` and the texts rewritten since had and have neither (most
    saves): a preview save at 100,000 notes goes over every text no more (~20 ms for each)."""
    last = memo.text_facts if memo is not None else None
    if last is not None and rewritten is not None and last[0] is before and not any(
            _shows_more(texts.get(i)) for i in rewritten for texts in (before, html)):
        facts = last[1:]
    else:
        facts = (_copies(html), any(map(_DIAGRAMS, html.values())))  # (no Python step per text)
    if memo is not None:
        memo.text_facts = (html, *facts)
    return facts


def _shows_more(rendered) -> bool:
    return rendered is not None and bool(rendered.files or rendered.diagrams)


def _copies(html) -> tuple:
    """The resized copies of photos the texts show (link/media.py), each once, by output path."""
    found = {f.dest: f for f in chain.from_iterable(map(_FILES, html.values()))}  # most texts show none
    return tuple(found[dest] for dest in sorted(found))


def _broken(ref, reason: str | None) -> str:
    """Why a link goes nowhere. Of an item left out, only the reason: the target as written."""
    if reason is None:
        return f"{'no note named' if ref.kind == 'wiki' else 'no note at'} '{ref.target}'"
    what, flag = ("a draft", "--drafts") if reason == DRAFT else ("dated in the future", "--future")
    return f"'{ref.target}' is {what}, left out of this build ({flag} includes it): the link is plain text"


def link(content: Content, opts: BuildOptions, render=render_all, memo: LinkMemo | None = None,
         images=None) -> Site:
    """``images``: a plnsite.images.Images to measure images and make copies of large photos
    (the build's, with its cache); None: images are checked, not measured."""
    problems = Problems()
    problems.extend(content.problems)
    urls = Urls(content.config.base_url)
    now = build_time(opts)
    last = memo.completed if memo is not None else None
    if memo is not None:
        memo.completed = None  # until this run has made every value the memo holds
    notes, held_notes = _notes(content, opts, now, memo)
    pages, held_pages = _split_again(content.pages, opts, now, memo, "pages")
    readings, held_readings = _split_again(content.readings, opts, now, memo, "readings")
    held = (*held_notes, *held_pages, *held_readings)
    ordered = (*notes, *pages, *readings, *content.contacts)
    layout = (len(notes), len(pages), len(readings), len(content.contacts))
    swaps = swapped_since(last, ordered, layout)
    items = _items(ordered, swaps, memo)
    index = _link_index(ordered, held, content.withheld, memo, swaps)
    contacts, via_problems, recommended = _people(content, readings, index, memo)
    problems.extend(via_problems)
    media = Media(_published(content.static, notes, ordered, memo, swaps), images, urls)
    before = memo.html if memo is not None else None
    html, backlinks, warnings, rewritten = _link_items(ordered, index, items, urls, render, memo or LinkMemo(False),
                                                       media, swaps)
    copies, diagrams = _text_facts(memo, before, html, rewritten)
    if memo is not None and memo.spill is not None:
        memo.spill.give_back_memory()  # the sources and parts let go above
    if memo is not None:
        memo.linked = Remembered((ordered, index), None)
    for found in warnings.values():
        problems.extend(found)

    hubs = _tags(notes, readings, content.contacts, problems, memo, ordered, swaps)
    series = _series(notes, problems, memo, ordered, swaps)
    site = Site(
        config=published_menu(content.config, held, urls),
        notes=notes,
        pages=pages,
        readings=readings,
        contacts=MappingProxyType(contacts),
        lists=content.lists,
        static=content.static + copies,
        tags=hubs,
        backlinks=MappingProxyType(backlinks),
        recommended=MappingProxyType(recommended),
        html=MappingProxyType(html),
        diagrams=diagrams,
        problems=problems.freeze(),
        source_dir=content.source_dir,
        items=MappingProxyType(items),
        mentions=MappingProxyType(mentions_by_note(notes, content.mentions, content.config)),
        series=series,
        related=_related(notes, hubs, backlinks, series, memo, ordered, swaps),
        today=now.astimezone(zone(content.config.timezone)).date(),
        network=public_network(content.network, contacts, hubs, content.config.network, memo),
        run=None if memo is None else _run(last, swaps, rewritten),
    )
    if memo is not None:
        memo.completed = Completed(ordered, layout, site.run.number)
    return site
