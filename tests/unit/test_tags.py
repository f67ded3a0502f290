"""link/tags.py: a tag is its slug; its name is the most frequent spelling (ties: alphabetical)."""

from __future__ import annotations

import datetime as dt

from plnsite.errors import Loc, Problems
from plnsite.link.tags import collect_tags
from plnsite.model import Contact, Markdown, Note, Reading, ReadingKind, ReadingStatus, Tag

from tests.conftest import build_site

LOC = Loc("content/notes/x.md", 1)
WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def note(slug: str, *tags: str) -> Note:
    return Note(id=f"notes/{slug}", slug=slug, title=slug, date=WHEN, updated=None, tags=tags, summary=None,
                draft=False, body=Markdown(text="", loc=LOC), assets=(), loc=Loc(f"content/notes/{slug}.md", 1))


def reading(slug: str, *tags: str) -> Reading:
    return Reading(id=f"reading/{slug}", slug=slug, title=slug, authors=(), url=None, kind=ReadingKind.BOOK,
                   status=ReadingStatus.WANT, started=None, finished=None, rating=None, tags=tags, via=None,
                   notes=None, has_page=False, loc=LOC)


def contact(cid: str, *tags: str) -> Contact:
    return Contact(id=cid, name=cid, url=None, feed=None, role=None, handles=(), tags=tags, note=None,
                   list_id="friends", loc=LOC)


def collect(notes=(), readings=(), contacts=()):
    problems = Problems()
    hubs = collect_tags(notes, readings, contacts, problems)
    return hubs, [str(p) for p in problems.freeze()]


def test_spellings_of_one_slug_are_one_tag():
    hubs, problems = collect([
        note("a", "Machine Learning"), note("b", "machine-learning"), note("c", "machine learning"),
        note("d", "Machine Learning"), note("e", "machine_learning"),
    ])
    assert problems == []
    assert list(hubs) == ["machine-learning"]
    hub = hubs["machine-learning"]
    assert hub.tag == Tag(slug="machine-learning", name="Machine Learning")
    assert hub.notes == ("notes/a", "notes/b", "notes/c", "notes/d", "notes/e")
    assert hub.count == 5


def test_most_frequent_spelling_counts_readings_and_contacts_too():
    hubs, _ = collect([note("a", "PLN")], [reading("r", "pln"), reading("s", "pln")])
    assert hubs["pln"].tag.name == "pln"
    hubs, _ = collect([note("a", "PLN")], [reading("r", "pln"), reading("s", "pln")], [contact("c", "PLN"), contact("d", "PLN")])
    assert hubs["pln"].tag.name == "PLN"


def test_ties_go_to_the_alphabetically_first_spelling():
    hubs, _ = collect([note("a", "pln"), note("b", "PLN"), note("c", "Pln")])
    assert hubs["pln"].tag.name == "PLN", "'PLN' < 'Pln' < 'pln' in code point order"
    hubs, _ = collect([note("a", "machine learning"), note("b", "Machine-Learning")])
    assert hubs["machine-learning"].tag.name == "Machine-Learning"


def test_the_name_does_not_depend_on_the_order_of_items():
    items = [note("a", "pln"), note("b", "PLN"), note("c", "PLN"), note("d", "pln"), note("e", "Pln")]
    names = {collect(order)[0]["pln"].tag.name for order in (items, items[::-1], items[2:] + items[:2])}
    assert names == {"PLN"}


def test_hubs_are_sorted_by_slug_and_list_members_by_kind_in_given_order():
    hubs, _ = collect(
        [note("z", "b-tag", "a-tag"), note("y", "a-tag")],
        [reading("r", "a-tag")],
        [contact("hotchin", "A Tag"), contact("ada", "a-tag")],
    )
    assert list(hubs) == ["a-tag", "b-tag"]
    hub = hubs["a-tag"]
    assert (hub.notes, hub.readings, hub.contacts) == (("notes/z", "notes/y"), ("reading/r",), ("hotchin", "ada"))
    assert hub.count == 5


def test_an_item_with_two_spellings_of_one_tag_is_listed_once():
    hubs, _ = collect([note("a", "PLN", "pln", "P.L.N")])
    assert hubs["pln"].notes == ("notes/a",)
    assert "p-l-n" in hubs, "punctuation makes a different slug"


def test_unicode_tags_get_readable_slugs():
    hubs, _ = collect([note("a", "学习"), note("b", "Café"), note("c", "cafe"), note("d", "Учёба")])
    assert sorted(hubs) == ["cafe", "учеба", "学习"]
    assert hubs["学习"].tag.name == "学习"
    assert hubs["cafe"].tag.name == "Café"
    assert hubs["cafe"].notes == ("notes/b", "notes/c")


def test_tags_without_letters_or_digits_are_left_out_with_a_warning():
    hubs, problems = collect([note("a", "!!!", "pln")])
    assert list(hubs) == ["pln"]
    assert problems == ["content/notes/a.md:1: warning: tag '!!!' has no letters or digits and is left out"]


def test_no_tags():
    assert collect([note("a")])[0] == {}


def test_tag_pages_in_a_build(site_factory):
    content = site_factory({
        "notes/2025-01-01-a.md": "---\ntitle: A\ntags: [Machine Learning, 学习]\n---\nA\n",
        "notes/2025-01-02-b.md": "---\ntitle: B\ntags: machine-learning, pln\n---\nB\n",
        "notes/2025-01-03-c.md": "---\ntitle: C\ntags: [machine learning]\n---\nC\n",
        "notes/2025-01-04-d.md": "---\ntitle: D\ntags: machine learning\n---\nD\n",  # no comma: two tags
        "notes/2025-01-05-e.md": "---\ntitle: E\ntags: [machine learning]\n---\nE\n",
    })
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    tag_files = sorted(f for f in result.outputs if f.startswith("tags/"))
    assert tag_files == sorted([
        "tags/index.html",
        "tags/learning/feed.xml", "tags/learning/index.html",
        "tags/machine/feed.xml", "tags/machine/index.html",
        "tags/machine-learning/feed.xml", "tags/machine-learning/index.html",
        "tags/pln/feed.xml", "tags/pln/index.html",
        "tags/学习/feed.xml", "tags/学习/index.html",
    ])
    index = result.outputs["tags/index.html"].body.decode()
    assert "/tags/%E5%AD%A6%E4%B9%A0/" in index
    # "machine learning" ×2 vs "Machine Learning" ×1 and "machine-learning" ×1: the spelling used most is shown.
    feed = result.outputs["tags/machine-learning/feed.xml"].body.decode()
    assert "<title>Test Site: machine learning</title>" in feed
    assert "<link>https://example.org/tags/machine-learning/</link>" in feed
    assert "<title>Test Site: 学习</title>" in result.outputs["tags/学习/feed.xml"].body.decode()
