"""link/series.py and link/related.py: which notes form a series and in what order, and which
notes are related to which (shared tags and links, deterministic)."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from plnsite.errors import Loc, Problems
from plnsite.link.related import related_notes
from plnsite.link.series import collect_series
from plnsite.link.tags import collect_tags
from plnsite.model import Markdown, Note

UTC = dt.timezone.utc


def note(slug: str, day: int, tags=(), series=None, order=None) -> Note:
    return Note(id=f"notes/{slug}", slug=slug, title=slug.title(), date=dt.datetime(2025, 1, day, tzinfo=UTC),
                updated=None, tags=tuple(tags), summary=None, draft=False,
                body=Markdown(text="", loc=Loc(f"content/notes/{slug}.md", 3)), assets=(),
                loc=Loc(f"content/notes/{slug}.md", 1), series=series, series_order=order,
                series_loc=Loc(f"content/notes/{slug}.md", 2) if series else None)


def newest_first(*notes: Note) -> tuple[Note, ...]:
    return tuple(sorted(notes, key=lambda n: (-n.date.timestamp(), n.slug)))


# -- series ------------------------------------------------------------------------------------

def test_a_series_is_its_notes_oldest_first():
    notes = newest_first(note("c", 9, series="Learning Rust"), note("a", 1, series="Learning Rust"),
                         note("b", 5, series="learning-rust"), note("x", 3))
    problems = Problems()
    found = collect_series(notes, problems)
    assert list(found) == ["learning-rust"]
    series = found["learning-rust"]
    assert series.notes == ("notes/a", "notes/b", "notes/c")
    assert series.name == "Learning Rust"  # as its first part spells it
    assert problems.freeze() == ()


def test_series_order_comes_before_dates():
    notes = newest_first(note("intro", 1, series="S"), note("two", 2, series="S", order=2),
                         note("one", 3, series="S", order=1), note("extra", 4, series="S"))
    assert collect_series(notes, Problems())["s"].notes == ("notes/one", "notes/two", "notes/intro", "notes/extra")


def test_one_series_order_given_twice_is_a_warning_at_the_second():
    notes = newest_first(note("a", 1, series="S", order=1), note("b", 2, series="S", order=1))
    problems = Problems()
    assert collect_series(notes, problems)["s"].notes == ("notes/a", "notes/b")
    [warning] = problems.freeze()
    assert str(warning.loc) == "content/notes/b.md:2" and "series_order 1 is given to content/notes/a.md too" in warning.message


def test_a_series_name_without_letters_is_a_warning():
    problems = Problems()
    assert collect_series((note("a", 1, series="!!!"),), problems) == {}
    assert "no letters or digits" in problems.freeze()[0].message


# -- related -----------------------------------------------------------------------------------

def related(notes, backlinks=None, series=None):
    notes = newest_first(*notes)
    hubs = collect_tags(notes, (), (), Problems())
    found = related_notes(notes, hubs, MappingProxyType(backlinks or {}), series or {})
    return {k.removeprefix("notes/"): [i.removeprefix("notes/") for i in v] for k, v in found.items()}


def test_more_shared_tags_rank_higher():
    found = related([note("a", 1, ["x", "y", "z"]), note("b", 2, ["x"]), note("c", 3, ["x", "y"]),
                     note("d", 4, ["x", "y", "z"]), note("e", 5, ["w"])])
    assert found["a"] == ["d", "c", "b"]
    assert "e" not in found  # nothing shared: no related notes


def test_at_most_three_ties_to_the_newer_then_by_id():
    found = related([note("a", 1, ["x"]), note("b", 2, ["x"]), note("c", 3, ["x"]), note("d", 3, ["x"]),
                     note("e", 4, ["x"])])
    assert found["a"] == ["e", "c", "d"]  # e is newest; c and d share a date: by id


def test_a_link_either_way_counts_more_than_a_tag():
    found = related([note("a", 1, ["x"]), note("b", 2, ["x"]), note("c", 3, [])],
                    backlinks={"notes/c": ("notes/a",)})  # a links to c
    assert found["a"] == ["c", "b"]
    assert found["c"] == ["a"]  # and c is related to a, which links to it


def test_notes_of_the_same_series_are_left_out():
    notes = [note("a", 1, ["x"], series="S"), note("b", 2, ["x"], series="S"), note("c", 3, ["x"])]
    series = collect_series(newest_first(*notes), Problems())
    assert related(notes, series=series)["a"] == ["c"]


def test_the_same_input_in_any_order_gives_the_same_answer():
    notes = [note(f"n{i}", 1 + i % 9, [f"t{i % 3}", f"u{i % 4}"]) for i in range(30)]
    assert related(notes) == related(list(reversed(notes)))


def test_a_tag_on_many_notes_reads_the_notes_near_in_date():
    notes = [note(f"n{i:03}", 1 + i % 28, ["common"]) for i in range(300)]
    found = related(notes)
    assert all(len(v) == 3 for v in found.values())
