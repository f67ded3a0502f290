"""incremental/route_memo.py: a plan with a RouteMemo remakes only the routes of what changed."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from plnsite.incremental.route_memo import RouteMemo
from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions
from plnsite.routes import plan_routes
from tests.conftest import NOW

FILES = {f"notes/2024-0{n}-01-n{n}.md": f"---\ntitle: N{n}\ntags: [t{n % 2}]\n---\nText {n}.\n" for n in range(1, 8)}
FILES["site.yaml"] = "title: T\nbase_url: https://example.org/\npaginate: 3\n"


@pytest.fixture
def site(site_factory):
    content = site_factory(FILES)
    return link(load_content(content), BuildOptions(source=content, now=NOW))


def edited(site, which, **fields):
    note = next(n for n in site.notes if n.slug == which)
    new = dataclasses.replace(note, **(fields or {"summary": "A new summary."}))
    return dataclasses.replace(site, notes=tuple(new if n is note else n for n in site.notes),
                               items=MappingProxyType({**site.items, note.id: new}))


def by_file(routes) -> dict:
    return {r.file: r for r in routes}


def test_the_same_site_gives_the_very_same_routes(site):
    memo = RouteMemo()
    first, _ = plan_routes(site, memo=memo)
    again, _ = plan_routes(site, memo=memo)
    assert [r.file for r in again] == [r.file for r in first]
    same = by_file(first)
    assert all(same[r.file] is r for r in again if r.kind.value in ("note", "notes"))


def test_a_text_edit_gives_the_last_plan_itself(site):
    memo = RouteMemo()
    first = plan_routes(site, memo=memo)
    assert plan_routes(edited(site, "n4"), memo=memo) is first
    assert plan_routes(edited(site, "n4", title="Another title", body=site.notes[0].body), memo=memo) is first


@pytest.mark.parametrize("field", ["tags", "slug", "date"])
def test_an_edit_of_what_routes_show_plans_again(site, field):
    memo = RouteMemo()
    note = next(n for n in site.notes if n.slug == "n4")
    change = {"tags": ("t0", "new"), "slug": "n4-moved", "date": note.date.replace(hour=1)}[field]
    first = plan_routes(site, memo=memo)
    second = plan_routes(edited(site, "n4", **{field: change}), memo=memo)
    assert second is not first
    assert second == plan_routes(edited(site, "n4", **{field: change})), "what a plan without a memo gives"


def test_an_edited_note_remakes_its_own_routes_and_its_archive_page_only(site):
    memo = RouteMemo()
    first = by_file(plan_routes(site, memo=memo)[0])
    # Its place changes (a line added above its front matter): its routes are planned again.
    second = by_file(plan_routes(edited(site, "n4", loc=dataclasses.replace(
        next(n for n in site.notes if n.slug == "n4").loc, line=2)), memo=memo)[0])
    assert second.keys() == first.keys()
    new = {f for f in second if second[f] is not first[f]}
    # notes newest first, three a page: n7 n6 n5 | n4 n3 n2 | n1
    assert "notes/n4/index.html" in new and "notes/page/2/index.html" in new
    assert "notes/n1/index.html" not in new and "notes/index.html" not in new and "notes/page/3/index.html" not in new
    assert all(second[f] == first[f] for f in new if f != "notes/n4/index.html"), "equal, if new objects"


def test_without_a_memo_every_route_is_made_afresh(site):
    first = by_file(plan_routes(site)[0])
    second = by_file(plan_routes(site)[0])
    assert first == second and all(first[f] is not second[f] for f in first if first[f].kind.value == "note")


KINDS = {**FILES, "pages/about.md": "---\ntitle: About\n---\nMe.\n",
         "reading/log.yaml": "- title: A Book\n  status: reading\n  tags: [t0]\n",
         "contacts/people.yaml": "- name: Ada\n  url: https://ada.example/\n  tags: [t1]\n"}


@pytest.mark.parametrize("kind, change, same, swap", [
    ("notes", {"summary": "A new summary."}, True, True), ("notes", {"title": "Another"}, True, False),
    ("notes", {"tags": ("t0", "new")}, False, True), ("notes", {"date_hour": 1}, False, True),
    ("pages", {"title": "About me"}, True, False), ("pages", {"line": 2}, False, True),
    ("pages", {"draft": False}, True, True),
    ("readings", {"rating": 5}, True, True), ("readings", {"tags": ("t1",)}, False, True),
    ("contacts", {"role": "teacher"}, True, True), ("contacts", {"tags": ("t0",)}, False, True),
])
def test_a_save_that_swapped_items_compares_only_those_with_the_last_plan(site_factory, monkeypatch, kind, change, same,
                                                                          swap):
    """plan_reuse: a site linked from the last one by swapping items in place (Site.run) is
    compared with the last plan's site on those items alone, and decides as a full comparison does."""
    from plnsite.incremental.link_memo import LinkMemo
    from plnsite.incremental import plan_reuse
    from plnsite.incremental.plan_reuse import LastPlan, plan_inputs_unchanged

    content = load_content(site_factory(KINDS))
    opts, memo = BuildOptions(source=content.source_dir, now=NOW), LinkMemo()
    first = link(content, opts, memo=memo)
    items = getattr(content, kind)
    old = items[0]
    if "date_hour" in change:
        change = {"date": old.date.replace(hour=1)}
    elif "line" in change:
        change = {"loc": dataclasses.replace(old.loc, line=2)}
    swapped = dataclasses.replace(content, **{kind: (dataclasses.replace(old, **change), *items[1:])})
    second = link(swapped, opts, memo=memo)
    since = second.run.since(first)
    assert since == ({old.id} if swap else None)  # what the comparison is given: the one swapped item, or all
    last = LastPlan(first, (), None)
    full = plan_inputs_unchanged(last, dataclasses.replace(second, run=None), ())  # every collection compared
    if swap:  # no identity pass over every collection
        monkeypatch.setattr(plan_reuse, "same_items", lambda *args: pytest.fail("a pass over every item"))
    assert plan_inputs_unchanged(last, second, ()) is full is same
