"""incremental/link_memo.py: a link with a LinkMemo re-renders and re-fills only what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from plnsite.incremental.link_memo import LinkMemo
from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions
from tests.conftest import NOW

FILES = {
    "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\n---\nAlpha links [[beta]].\n",
    "notes/2024-02-01-beta.md": "---\ntitle: Beta\n---\nBeta.\n",
    "notes/2024-03-01-gamma.md": "---\ntitle: Gamma\n---\nGamma.\n",
}


@pytest.fixture
def content(site_factory):
    return load_content(site_factory(FILES))


def counting_render():
    rendered: list[str] = []

    def render(jobs):
        from plnsite.link.rendering import render_all

        rendered.extend(key for key, _, _ in jobs)
        return render_all(jobs)

    return render, rendered


def with_note(content, slug, **changes):
    notes = tuple(dataclasses.replace(n, **changes) if n.slug == slug else n for n in content.notes)
    return dataclasses.replace(content, notes=notes)


def test_the_same_content_renders_nothing_again(content):
    memo, (render, rendered) = LinkMemo(), counting_render()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    first = link(content, opts, render=render, memo=memo)
    assert sorted(rendered) == ["notes/alpha", "notes/beta", "notes/gamma"]
    rendered.clear()
    again = link(content, opts, render=render, memo=memo)
    assert rendered == []
    assert all(again.html[k] is first.html[k] for k in first.html)
    assert again.notes == first.notes and again.tags is first.tags


def test_an_edited_note_alone_is_rendered_again(content):
    memo, (render, rendered) = LinkMemo(), counting_render()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    first = link(content, opts, render=render, memo=memo)
    rendered.clear()
    gamma = next(n for n in content.notes if n.slug == "gamma")
    edited = with_note(content, "gamma", body=dataclasses.replace(gamma.body, text="Gamma, edited.\n"))
    second = link(edited, opts, render=render, memo=memo)
    assert rendered == ["notes/gamma"]
    assert "edited" in second.html["notes/gamma"].html
    assert second.html["notes/alpha"] is first.html["notes/alpha"]


def test_a_new_title_fills_the_links_to_it_again_without_rendering_them(content):
    memo, (render, rendered) = LinkMemo(), counting_render()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    link(content, opts, render=render, memo=memo)
    rendered.clear()
    second = link(with_note(content, "beta", title="Beta, renamed"), opts, render=render, memo=memo)
    assert rendered == [], "no text changed: alpha's Markdown result was kept, only its links filled again"
    assert "Beta, renamed" in second.html["notes/alpha"].html


def test_the_order_of_published_notes_is_kept_while_no_date_changes(content):
    memo = LinkMemo()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    first = link(content, opts, memo=memo)
    assert [n.slug for n in first.notes] == ["gamma", "beta", "alpha"]
    beta = next(n for n in content.notes if n.slug == "beta")
    later = with_note(content, "beta", date=beta.date.replace(year=2025))
    assert [n.slug for n in link(later, opts, memo=memo).notes] == ["beta", "gamma", "alpha"]


def _shown(site):
    return site.notes, dict(site.html), dict(site.backlinks), site.problems


def test_a_future_note_comes_of_age_in_a_later_run_of_the_session(content):
    """The memo keeps the last order only until the next future note's date (PublishedNotes.due)."""
    memo = LinkMemo()
    gamma = next(n for n in content.notes if n.slug == "gamma")
    future = with_note(content, "gamma", date=NOW + dt.timedelta(days=2))
    for days in (0, 1, 3, 4):
        opts = BuildOptions(source=content.source_dir, now=NOW + dt.timedelta(days=days))
        site = link(with_note(future, "gamma", title=f"Gamma {days}") if days == 3 else future, opts, memo=memo)
        fresh = link(with_note(future, "gamma", title=f"Gamma {days}") if days == 3 else future, opts)
        assert _shown(site) == _shown(fresh)
        assert ("gamma" in [n.slug for n in site.notes]) is (days >= 3), days
    assert gamma.date < NOW


@pytest.mark.parametrize("change", [{"body": "text"}, {"title": "Beta Two"}, {"body": "link"}, {"body": "none"}])
def test_a_run_that_links_only_the_edited_items_links_as_a_fresh_run(content, change):
    """link._edited_items: items that are the very same objects keep their entries."""
    memo = LinkMemo()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    link(content, opts, memo=memo)
    beta = next(n for n in content.notes if n.slug == "beta")
    texts = {"text": "Beta, edited.", "link": "Beta links [[gamma]].", "none": "Beta links [[nowhere]]."}
    if "body" in change:
        change = {"body": dataclasses.replace(beta.body, text=texts[change["body"]])}
    edited = with_note(content, "beta", **change)
    for run in (edited, content, edited):
        assert _shown(link(run, opts, memo=memo)) == _shown(link(run, opts))


def test_a_future_reading_comes_of_age_in_a_later_run_of_the_session(site_factory):
    """link._split_again keeps the last split of the readings only until one is due."""
    content = load_content(site_factory({
        "reading/log.yaml": "- title: Soon\n  status: finished\n  finished: 2099-01-05\n"
                            "- title: Now\n  status: finished\n  finished: 2024-01-05\n"}))
    memo = LinkMemo()
    reading = max(content.readings, key=lambda r: r.date)
    for delta in (-2, -1, 1, 2):
        opts = BuildOptions(source=content.source_dir, now=reading.date + dt.timedelta(days=delta))
        site = link(content, opts, memo=memo)
        assert [r.slug for r in site.readings] == [r.slug for r in link(content, opts).readings]
        assert (reading.id in site.items) is (delta > 0), delta


def _everything(site):
    return (site.notes, dict(site.html), dict(site.backlinks), site.problems, dict(site.items), dict(site.tags),
            dict(site.series), dict(site.related), site.static)


SWAPS = [
    {"tags": ("learning",)},  # tag hubs made again
    {"series": "Basics", "series_order": 1},  # the series made again
    {"title": "Beta Two"},  # the link index made again, alpha's link filled again
    {"slug": "beta-two"},  # a new id: no swaps, everything compared
]


@pytest.mark.parametrize("change", SWAPS)
def test_a_run_of_swapped_items_links_as_a_fresh_run(content, change):
    """link's Swaps: the same ids in the same order as the last completed run, another object at
    a place; each value the memo holds is the last one, or made again when its fields differ."""
    memo = LinkMemo()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    link(content, opts, memo=memo)
    edited = dataclasses.replace(content, notes=tuple(
        dataclasses.replace(n, **change, **({"id": f"notes/{change['slug']}"} if "slug" in change else {}))
        if n.slug == "beta" else n for n in content.notes))
    for run in (edited, content, edited, edited):
        assert _everything(link(run, opts, memo=memo)) == _everything(link(run, opts))


def test_a_run_that_failed_part_way_is_not_trusted_by_the_next(content, monkeypatch):
    """A link() that raised left some of the memo's values new and some old: the run after it
    compares items in full instead of patching the last completed run's values."""
    import plnsite.link as linking

    memo = LinkMemo()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    link(content, opts, memo=memo)
    tagged = with_note(content, "beta", tags=("learning",))
    real = linking.collect_series

    def failing(*args, **kwargs):
        raise RuntimeError("series failed")

    monkeypatch.setattr(linking, "collect_series", failing)
    with pytest.raises(RuntimeError):
        link(with_note(content, "beta", series="Basics"), opts, memo=memo)  # tags made, series not
    monkeypatch.setattr(linking, "collect_series", real)
    assert memo.completed is None
    assert _everything(link(tagged, opts, memo=memo)) == _everything(link(tagged, opts))
    assert memo.completed is not None


def test_swapped_since_finds_the_places_of_other_objects_with_the_same_ids():
    from types import SimpleNamespace as Item

    from plnsite.incremental.link_memo import Completed, swapped_since

    a, b, c, d = (Item(id=i) for i in "abcd")
    last = Completed((a, b, c, d), (2, 0, 1, 1))
    b2, d2 = Item(id="b"), Item(id="d")
    swaps = swapped_since(last, (a, b2, c, d2), (2, 0, 1, 1))
    assert swaps.positions == [1, 3]
    assert swaps.pairs() == [(b, b2), (d, d2)] and swaps.pairs("n") == [(b, b2)] and swaps.pairs("e") == [(d, d2)]
    assert swapped_since(last, (a, b, c, d), (2, 0, 1, 1)).positions == []
    assert swapped_since(last, (b, a, c, d), (2, 0, 1, 1)) is None  # another order
    assert swapped_since(last, (a, Item(id="x"), c, d), (2, 0, 1, 1)) is None  # another id
    assert swapped_since(last, (a, b, c, d), (1, 1, 1, 1)) is None  # a note became a page
    assert swapped_since(None, (a, b, c, d), (2, 0, 1, 1)) is None


def test_published_files_photo_copies_and_diagrams_follow_each_swap(site_factory, tmp_path):
    """link._published and link._text_facts: the files published as they are, the photos' copies
    and whether a text holds a diagram are the last run's while the items swapped since show none
    of them (no pass over every note and text), and made again when one does or did."""
    from plnsite.images import Images
    from plnsite.model import StaticFile
    from tests.photos import jpeg

    content = load_content(site_factory({**FILES, "static/img/big.jpg": jpeg((1200, 800))}))
    photo = (content.source_dir / "static" / "img" / "big.jpg").resolve()
    opts = BuildOptions(source=content.source_dir, now=NOW)
    memo, images = LinkMemo(), Images(tmp_path / "cache", jobs=1)

    def note(slug, text, **changes):
        old = next(n for n in content.notes if n.slug == slug)
        return dataclasses.replace(old, body=dataclasses.replace(old.body, text=text), **changes)

    def run(*notes):
        swapped = {n.slug: n for n in notes}
        return dataclasses.replace(content, notes=tuple(swapped.get(n.slug, n) for n in content.notes))

    shows_photo = note("beta", "Beta ![A photo](/img/big.jpg).")
    own_file = note("beta", "Beta ![Its own](pic.jpg).", assets=(StaticFile(src=photo, dest="notes/beta/pic.jpg"),))
    diagram = note("gamma", "Gamma.\n\n```mermaid\ngraph TD; A-->B\n```\n")
    edited = note("alpha", "Alpha, edited, links [[beta]].")
    runs = [content, run(shows_photo), run(shows_photo, edited), run(own_file), run(own_file, diagram),
            run(diagram), run(edited), content]
    seen = []
    for this in runs:
        site = link(this, opts, memo=memo, images=images)
        fresh = link(this, opts, images=Images(tmp_path / "cache", jobs=1))
        assert _everything(site) == _everything(fresh) and site.diagrams == fresh.diagrams
        seen.append((site, memo.published_files.value, memo.text_facts[1]))
    copies = [len(site.static) - len(content.static) for site, _, _ in seen]
    assert [n > 0 for n in copies] == [False] + [True] * 4 + [False] * 3  # smaller copies while beta shows a photo
    assert [site.diagrams for site, _, _ in seen] == [False] * 4 + [True, True, False, False]
    assert not any("missing image" in p.message for p in seen[3][0].problems)  # its own file is published
    # Reused, not made again, where the swapped notes show no photo, no diagram, no file of their own.
    assert seen[2][2] is seen[1][2] and seen[2][1] is seen[1][1]  # alpha edited beside the photo
    assert seen[6][1] is seen[5][1]  # gamma's diagram gone, alpha edited: the files published are the same
    assert seen[3][1] is not seen[2][1]  # beta's own file: made again


def test_contacts_and_what_they_recommended_are_the_last_runs_while_readings_and_contacts_are(site_factory):
    """link._people: the contacts by id, the errors of a `via:` that names no public contact and
    each contact's recommended readings are kept while the load hands the same readings and
    contacts on (a note edit), and made again when either changes."""
    content = load_content(site_factory({
        **FILES,
        "contacts/people.yaml": "- name: Ada\n  url: https://ada.example/\n",
        "reading/log.yaml": "- title: Book A\n  status: reading\n  via: ada\n"
                            "- title: Book B\n  status: reading\n  via: nobody\n",
    }))
    opts, memo = BuildOptions(source=content.source_dir, now=NOW), LinkMemo()

    def shown(site):
        return dict(site.contacts), dict(site.recommended), sorted(p.message for p in site.problems)

    first = link(content, opts, memo=memo)
    assert dict(first.recommended) == {"ada": ("reading/book-a",)}
    assert any("nobody" in p.message for p in first.problems)
    kept = memo.people.value
    edited = with_note(content, "beta", summary="Edited.")  # the same readings and contacts tuples
    for run in (edited, edited):
        site = link(run, opts, memo=memo)
        assert memo.people.value is kept
        assert shown(site) == shown(link(run, opts)) == shown(first)
    book_b = content.readings[1]
    fixed = dataclasses.replace(content, readings=(content.readings[0], dataclasses.replace(book_b, via="ada")))
    fourth = link(fixed, opts, memo=memo)
    assert memo.people.value is not kept
    assert shown(fourth) == shown(link(fixed, opts))
    assert dict(fourth.recommended) == {"ada": ("reading/book-a", "reading/book-b")}
    assert not any("nobody" in p.message for p in fourth.problems)
