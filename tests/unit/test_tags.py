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


# ---- tags with symbols are distinct; spellings that fold into one slug are reported -----------


def test_c_cpp_and_csharp_are_three_tags(site_factory):
    content = site_factory({
        "notes/2025-01-01-a.md": "---\ntitle: A\ntags: [C]\n---\nA\n",
        "notes/2025-01-02-b.md": "---\ntitle: B\ntags: [C++]\n---\nB\n",
        "notes/2025-01-03-c.md": "---\ntitle: C\ntags: [C#]\n---\nC\n",
    })
    result = build_site(content)
    assert result.ok and result.problems == (), [str(p) for p in result.problems]
    for slug, title, name in (("c", "A", "C"), ("c-plus-plus", "B", "C++"), ("c-sharp", "C", "C#")):
        hub = result.outputs[f"tags/{slug}/index.html"].body.decode()
        assert f'href="/notes/{title.lower()}/"' in hub, slug
        assert all(f'href="/notes/{other}/"' not in hub for other in "abc" if other != title.lower()), slug
        feed = result.outputs[f"tags/{slug}/feed.xml"].body.decode()
        assert f"<title>Test Site: {name}</title>" in feed
    note = result.outputs["notes/b/index.html"].body.decode()
    assert 'href="/tags/c-plus-plus/"' in note


def test_spellings_that_differ_in_more_than_case_and_separators_are_reported_once(site_factory):
    content = site_factory({
        "notes/2025-01-01-a.md": "---\ntitle: A\ntags: [café]\n---\n",
        "notes/2025-01-02-b.md": "---\ntitle: B\ndate: 2025-01-02\ntags: [Café, pln]\n---\n",
        "notes/2025-01-03-c.md": "---\ntitle: C\ntags: [cafe]\n---\n",
        "notes/2025-01-04-d.md": "---\ntitle: D\ntags: [cafe, Machine Learning]\n---\n",
        "notes/2025-01-05-e.md": "---\ntitle: E\ntags: [café, machine_learning, machine-learning]\n---\n",
        "reading/log.yaml": "- title: R\n  status: want\n  tags: [C/C++]\n- title: S\n  status: want\n\n  tags: [C C++]\n",
    })
    result = build_site(content)
    assert result.ok
    assert [str(p) for p in result.problems] == [
        # 'cafe' ×2 against 'café' ×2 (and 'Café' once): a tie, so the alphabetically first is shown.
        "content/notes/2025-01-01-a.md:3: warning: tags 'cafe' (content/notes/2025-01-03-c.md:3) and 'café' "
        "(content/notes/2025-01-01-a.md:3) have one slug, 'cafe', so they are one tag, shown as 'cafe'",
        "content/reading/log.yaml:3: warning: tags 'C C++' (content/reading/log.yaml:7) and 'C/C++' "
        "(content/reading/log.yaml:3) have one slug, 'c-c-plus-plus', so they are one tag, shown as 'C C++'",
    ]
    assert "tags/cafe/index.html" in result.outputs and "tags/c-c-plus-plus/index.html" in result.outputs
    assert not build_site(content, strict=True).ok


def test_the_fold_warning_does_not_depend_on_item_order():
    a = note("a", "café")
    b = note("b", "cafe")
    c = reading("c", "CAFE")
    first = collect([a, b], [c])[1]
    assert collect([b, a], [c])[1] == first
    assert first == ["content/notes/a.md:1: warning: tags 'CAFE' (content/notes/x.md:1) and 'café' "
                     "(content/notes/a.md:1) have one slug, 'cafe', so they are one tag, shown as 'CAFE'"]


def test_spaces_around_a_symbol_are_no_other_spelling():
    hubs, problems = collect([note("a", "R&D"), note("b", "R & D"), note("c", "r&d")])
    assert list(hubs) == ["r-and-d"] and problems == []
    hubs, problems = collect([note("a", "R&D"), note("b", "R & D"), note("c", "R and D"), note("d", "r-and-d")])
    assert problems == ["content/notes/c.md:1: warning: tags 'R & D' (content/notes/b.md:1) and 'R and D' "
                        "(content/notes/c.md:1) have one slug, 'r-and-d', so they are one tag, shown as 'R & D'"]


def test_three_kinds_of_spelling_in_one_warning():
    hubs, problems = collect([note("a", "cafè"), note("b", "café"), note("c", "cafe"), note("d", "Cafe")])
    assert list(hubs) == ["cafe"]
    assert problems == ["content/notes/a.md:1: warning: tags 'Cafe' (content/notes/d.md:1), 'cafè' "
                        "(content/notes/a.md:1) and 'café' (content/notes/b.md:1) have one slug, "
                        "'cafe', so they are one tag, shown as 'Cafe'"]


def test_a_draft_spelling_is_neither_counted_nor_named(site_factory):
    content = site_factory({
        "notes/2025-01-01-a.md": "---\ntitle: A\ntags: [cafe]\n---\n",
        "notes/2025-01-02-b.md": "---\ntitle: B\ndraft: true\ntags: [café]\n---\n",
    })
    assert build_site(content).problems == ()
    assert [str(p) for p in build_site(content, drafts=True).problems] == [
        "content/notes/2025-01-02-b.md:4: warning: tags 'cafe' (content/notes/2025-01-01-a.md:3) and 'café' "
        "(content/notes/2025-01-02-b.md:4) have one slug, 'cafe', so they are one tag, shown as 'cafe'"]
