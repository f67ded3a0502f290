"""incremental/changes.py: what lists, cards and neighbours show of an item is derived from its
dataclass, so a field added to a model class can never be left out of change detection."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest

from plnsite.incremental import deps
from plnsite.incremental.changes import fingerprints, shown_fields, site_changes
from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions, Contact, Note, Page, Reading, StaticFile
from plnsite.routes import plan_routes
from tests.conftest import NOW


def note(title: str, date: str, tags: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\n{title} body.\n"


FILES = {
    "notes/2024-01-01-alpha.md": note("Alpha", "2024-01-01", "[pln]"),
    "notes/2024-02-01-beta.md": note("Beta", "2024-02-01", "[pln, code]"),
    "notes/2024-03-01-gamma.md": note("Gamma", "2024-03-01", "[code]"),
    "notes/2024-04-01-delta.md": note("Delta", "2024-04-01", "[other]"),
    "notes/2024-05-01-epsilon.md": note("Epsilon", "2024-05-01", "[other]"),
}


@pytest.fixture
def site(site_factory):
    content = site_factory(FILES)
    opts = BuildOptions(source=content, now=NOW)
    return link(load_content(content), opts)


def with_note(site, new_note):
    """``site`` with one note replaced (the way a memo hands on every other item as it was)."""
    notes = tuple(new_note if n.id == new_note.id else n for n in site.notes)
    items = MappingProxyType({**site.items, new_note.id: new_note})
    return dataclasses.replace(site, notes=notes, items=items)


def rerendered(old, new) -> set[str]:
    """The files a rebuild renders again: routes whose deps meet what changed."""
    changed = site_changes(old, new)
    routes, _ = plan_routes(new)
    return {r.file for r in routes if not r.deps.isdisjoint(changed)}


@pytest.mark.parametrize("cls, text", [(Note, "body"), (Page, "body"), (Reading, "notes"), (Contact, "note")])
def test_every_field_but_the_text_is_shown(cls, text):
    names = {f.name for f in dataclasses.fields(cls)}
    assert set(shown_fields(cls)) == names - {text}


def test_a_field_added_to_a_note_rerenders_the_pages_that_show_the_note(site):
    """A model class grows a field (here a subclass of Note with ``mood``): a change of that
    field alone re-renders the lists, cards and neighbours showing the note, not just its page.
    A hand-kept list of shown fields would have missed it and left those pages stale."""
    mood_note = dataclasses.make_dataclass("MoodNote", [("mood", str, dataclasses.field(default=""))],
                                           bases=(Note,), frozen=True, slots=True, kw_only=True)
    beta = site.items["notes/beta"]
    fields = {f.name: getattr(beta, f.name) for f in dataclasses.fields(Note)}
    calm = with_note(site, mood_note(**fields, mood="calm"))
    glad = with_note(calm, mood_note(**fields, mood="glad"))

    assert "mood" in shown_fields(mood_note)
    changed = site_changes(calm, glad)
    assert deps.shown("notes/beta") in changed
    assert fingerprints(calm)[deps.shown("notes/beta")] != fingerprints(glad)[deps.shown("notes/beta")]
    files = rerendered(calm, glad)
    assert {"notes/beta/index.html",  # the note itself
            "notes/index.html", "index.html",  # the archive and the home page list it
            "notes/alpha/index.html", "notes/gamma/index.html",  # its neighbours link to it
            "tags/pln/index.html", "tags/code/index.html"} <= files  # its tags' hubs list it
    assert "notes/epsilon/index.html" not in files and "tags/other/index.html" not in files


def test_the_same_values_in_new_objects_change_nothing_shown(site):
    beta = site.items["notes/beta"]
    again = with_note(site, dataclasses.replace(beta))
    assert site_changes(site, again) == {"notes/beta"}  # a new object: its own page is rendered
    assert fingerprints(site) == fingerprints(again)


@pytest.mark.parametrize("field, value", [("title", "Beta, renamed"), ("updated", None), ("draft", True),
                                          ("assets", (StaticFile(src=Path("x.svg"), dest="notes/beta/x.svg"),))])
def test_each_existing_field_is_shown(site, field, value):
    beta = site.items["notes/beta"]
    if field == "updated":
        value = beta.date
    changed = site_changes(site, with_note(site, dataclasses.replace(beta, **{field: value})))
    assert deps.shown("notes/beta") in changed


def test_a_body_edit_is_the_item_in_full_not_what_lists_show(site):
    beta = site.items["notes/beta"]
    edited = dataclasses.replace(beta, body=dataclasses.replace(beta.body, text="Other words."))
    changed = site_changes(site, with_note(site, edited))
    assert "notes/beta" in changed and deps.shown("notes/beta") not in changed


def test_another_day_rerenders_only_the_pages_that_show_today(site):
    tomorrow = dataclasses.replace(site, today=site.today.fromordinal(site.today.toordinal() + 1))
    assert site_changes(site, tomorrow) == {deps.TODAY}
    assert rerendered(site, tomorrow) == {"index.html", "activity/index.html"}
    assert fingerprints(site)[deps.TODAY] != fingerprints(tomorrow)[deps.TODAY]


CHANGE_FILES = {
    **FILES,
    "notes/2024-06-01-zeta.md": "---\ntitle: Zeta\ndate: 2024-06-01\n---\nZeta links [[Alpha]].\n",
    "pages/about.md": "---\ntitle: About\n---\nAbout [[Beta]].\n",
    "reading/log.yaml": "- title: Book\n  status: finished\n  finished: 2024-01-02\n  notes: Read with [[Gamma]].\n",
}
CHANGE_EDITS = {  # file, old, new
    "a body": ("notes/2024-04-01-delta.md", "Delta body.", "Delta body, edited."),
    "a linked title": ("notes/2024-01-01-alpha.md", "title: Alpha", "title: Alpha Two"),
    "a tag": ("notes/2024-02-01-beta.md", "[pln, code]", "[pln]"),
    "a date": ("notes/2024-03-01-gamma.md", "date: 2024-03-01", "date: 2024-07-01"),
    "a page": ("pages/about.md", "About [[Beta]].", "About me."),
    "a reading": ("reading/log.yaml", "Read with", "Read again with"),
    "a new note": ("notes/2024-08-01-eta.md", None, "---\ntitle: Eta\n---\nEta.\n"),
}


@pytest.mark.parametrize("name", list(CHANGE_EDITS))
def test_what_changed_in_place_is_what_a_look_up_of_every_id_finds(site_factory, monkeypatch, name):
    """changes._touched_in_place (one positional pass) against the look-up of every id."""
    from plnsite.incremental import changes
    from plnsite.incremental.link_memo import LinkMemo
    from plnsite.incremental.load_memo import LoadMemo

    content = site_factory(CHANGE_FILES)
    opts = BuildOptions(source=content, now=NOW)
    loads, links = LoadMemo(), LinkMemo()
    old = link(load_content(content, memo=loads), opts, memo=links)
    file, before, after = CHANGE_EDITS[name]
    path = (content / file).resolve()
    path.write_text(after if before is None else path.read_text().replace(before, after))
    loads.forget([path], rescan=before is None)
    new = link(load_content(content, memo=loads), opts, memo=links)
    in_place = site_changes(old, new)
    swapped = new.run.since(old)
    # Another order or a new id ends the swaps, and so does a new title (every text is filled again).
    assert (swapped is None) is (name in ("a date", "a new note", "a linked title")), swapped
    unrun = dataclasses.replace(new, run=None)  # no word from link(): one positional pass
    assert site_changes(old, unrun) == in_place
    monkeypatch.setattr(changes, "_html_moved", lambda before, after: None)
    assert in_place == site_changes(old, unrun) and in_place


@pytest.mark.parametrize("path, line", [("content/notes/a.md", 3), ("content/it's \"odd\"\\\udcff.md", None)])
def test_a_places_repr_is_the_dataclass_text(path, line):
    """Digests are made from reprs (``_digest``), and a saved build state is compared with
    them: Loc's own ``__repr__`` (quicker) gives the very text the dataclass would."""
    from plnsite.errors import Loc

    twin = dataclasses.make_dataclass("Loc", [("path", str), ("line", "int | None", None)], frozen=True, slots=True)
    assert repr(Loc(path, line)) == repr(twin(path, line))
