"""link/: Content → Site. Links resolved, backlinks, broken links as warnings at path:line,
and drafts and future notes left out of everything."""

from __future__ import annotations

import pytest

from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions
from tests.conftest import NOW, build_site

SUB_SITE = "title: T\nbase_url: https://example.org/sub/\ntimezone: UTC\n"

ALPHA = """\
---
title: Alpha
tags: [pln]
---
Intro line.

By slug [[beta]], by title [[The Beta Note]], shown text [[beta|see this]],
a contact [[hotchin]] and by name [[Jesse Hotchin]], a page [[about]],
a reading [[Net Smart]], a file [b](2025-01-02-beta.md#part), itself [[alpha]].
"""
BETA = "---\ntitle: The Beta Note\n---\nBack to [[alpha]] and again [[Alpha]].\n"
CONTACTS = "people:\n  - name: Jesse Hotchin\n    id: hotchin\n"
ABOUT = "---\ntitle: About\n---\nSee [the note](../notes/2025-01-01-alpha.md).\n"
READING = "- title: Net Smart\n  status: want\n  via: hotchin\n"


@pytest.fixture
def linked(site_factory):
    def run(files: dict[str, str], site: str = SUB_SITE, **opts):
        content = site_factory({"site.yaml": site, **files})
        return link(load_content(content), BuildOptions(source=content, now=NOW, **opts))

    return run


def basic_files() -> dict[str, str]:
    return {
        "notes/2025-01-01-alpha.md": ALPHA,
        "notes/2025-01-02-beta.md": BETA,
        "contacts/friends.yaml": CONTACTS,
        "pages/about.md": ABOUT,
        "reading/2025.yaml": READING,
    }


def test_every_kind_of_link_resolves_under_the_base_path(linked):
    site = linked(basic_files())
    assert [str(p) for p in site.problems] == []
    html = site.html["notes/alpha"].html
    assert 'By slug <a href="/sub/notes/beta/">The Beta Note</a>' in html
    assert 'by title <a href="/sub/notes/beta/">The Beta Note</a>' in html
    assert 'shown text <a href="/sub/notes/beta/">see this</a>' in html
    assert 'a contact <a href="/sub/network/#hotchin">Jesse Hotchin</a>' in html
    assert 'by name <a href="/sub/network/#hotchin">Jesse Hotchin</a>' in html
    assert 'a page <a href="/sub/about/">About</a>' in html
    assert 'a reading <a href="/sub/reading/#net-smart">Net Smart</a>' in html
    assert 'a file <a href="/sub/notes/beta/#part">b</a>' in html
    assert 'itself <a href="/sub/notes/alpha/">Alpha</a>' in html
    assert '<a href="/sub/notes/alpha/">the note</a>' in site.html["pages/about"].html


def test_backlinks_once_per_linking_item_never_to_itself(linked):
    site = linked(basic_files())
    assert dict(site.backlinks) == {
        "hotchin": ("notes/alpha",),
        "notes/alpha": ("notes/beta", "pages/about"),
        "notes/beta": ("notes/alpha",),
        "pages/about": ("notes/alpha",),
        "reading/net-smart": ("notes/alpha",),
    }
    assert site.html["notes/alpha"].links == ("notes/beta", "hotchin", "pages/about", "reading/net-smart")


def test_via_links_a_reading_and_its_recommender(linked):
    site = linked(basic_files())
    assert dict(site.recommended) == {"hotchin": ("reading/net-smart",)}


def test_via_naming_no_contact_is_an_error(linked):
    site = linked({"reading/2025.yaml": "- title: A Book\n  status: want\n  via: nobody\n"})
    assert [str(p) for p in site.problems] == ["content/reading/2025.yaml:1: error: via 'nobody' names no contact"]


def test_backlinks_are_shown_on_the_linked_page(site_factory):
    content = site_factory({
        "notes/2025-01-01-target.md": "---\ntitle: Target\n---\nNo links here.\n",
        "notes/2025-01-02-source.md": "---\ntitle: Source\n---\nSee [[target]].\n",
        "notes/2025-03-01-unrelated.md": "---\ntitle: Unrelated\n---\nNothing.\n",
    })
    result = build_site(content)
    page = result.outputs["notes/target/index.html"].body.decode()
    assert "Linked from" in page
    # Target is the oldest note: the only way Source's URL gets onto its page is as a backlink.
    assert page.count('href="/notes/source/"') >= 1
    assert 'href="/notes/unrelated/"' not in page.split("Linked from", 1)[1].split("</ul>", 1)[0]


# ---- broken links -----------------------------------------------------------------------


def test_broken_links_are_warnings_at_the_file_line_and_plain_text(linked):
    site = linked({"notes/2025-01-01-a.md": (
        "---\n"                        # 1
        "title: A\n"                   # 2
        "---\n"                        # 3
        "First line.\n"                # 4
        "\n"                           # 5
        "A [[missing note]] here,\n"   # 6
        "and [[gone|shown text]].\n"   # 7
        "\n"                           # 8
        "- item [x](nowhere.md)\n"     # 9
        "\n"                           # 10
        "| t |\n|---|\n| [[in table]] |\n"  # 11-13
    )})
    assert [str(p) for p in site.problems] == [
        "content/notes/2025-01-01-a.md:6: warning: no note named 'missing note'",
        "content/notes/2025-01-01-a.md:7: warning: no note named 'gone'",
        "content/notes/2025-01-01-a.md:9: warning: no note at 'nowhere.md'",
        "content/notes/2025-01-01-a.md:13: warning: no note named 'in table'",
    ]
    html = site.html["notes/a"].html
    assert 'A <span class="broken-link">missing note</span> here,' in html
    assert 'and <span class="broken-link">shown text</span>.' in html
    assert '<span class="broken-link">x</span>' in html
    assert '<span class="broken-link">in table</span>' in html
    assert "nowhere.md" not in html
    assert dict(site.backlinks) == {}


def test_broken_links_in_pages_readings_and_contacts_too(linked):
    site = linked({
        "pages/about.md": "# About\n\n[[nope]]\n",
        "reading/deep-book.md": "---\ntitle: Deep\nstatus: want\n---\nBody [[nada]]\n",
        "reading/2025.yaml": "- title: Log\n  status: want\n  notes: |\n    first\n    [[zilch]]\n",
        "contacts/friends.yaml": "people:\n  - name: X\n    note: Met via [[nobody]]\n",
    })
    assert sorted(str(p) for p in site.problems) == [
        "content/contacts/friends.yaml:3: warning: no note named 'nobody'",
        "content/pages/about.md:3: warning: no note named 'nope'",
        "content/reading/2025.yaml:5: warning: no note named 'zilch'",
        "content/reading/deep-book.md:5: warning: no note named 'nada'",
    ]


def test_broken_link_warnings_fail_only_with_strict(site_factory):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[missing]]\n"})
    assert build_site(content).ok
    strict = build_site(content, strict=True)
    assert not strict.ok
    assert [str(p) for p in strict.problems] == ["content/notes/2025-01-01-a.md:4: error: no note named 'missing'"]


# ---- drafts and future notes appear NOWHERE ---------------------------------------------

HIDDEN = {
    "notes/2025-01-01-public.md": "---\ntitle: Public Note\ntags: [pln]\n---\nPublic body.\n",
    "notes/2025-02-01-secret-draft.md": (
        "---\ntitle: Zebra Draft Title\ndraft: true\ntags: [pln, zebratag]\n---\n"
        "Zebra draft body links [[public]].\n"
    ),
    "notes/2025-02-02-secret-unpublished.md": (
        "---\ntitle: Yak Unpublished Title\npublished: false\ntags: [yaktag]\n---\nYak body [[public]].\n"
    ),
    "notes/2025-12-24-secret-future.md": (
        "---\ntitle: Xerus Future Title\ntags: [pln, xerustag]\n---\nXerus future body [[public]].\n"
    ),
    "notes/2025-03-01-bundle-draft/index.md": "---\ntitle: Wombat Bundle\ndraft: true\n---\n![](wombat.svg)\n",
    "notes/2025-03-01-bundle-draft/wombat.svg": "<svg/>",
}
MARKERS = ["zebra", "yak", "xerus", "wombat", "secret", "bundle-draft", "2025-12-24", "2025-02-0"]


def all_bytes(result) -> dict[str, bytes]:
    return {
        file: (out.body if out.body is not None else out.src.read_bytes()).lower()
        for file, out in result.outputs.items()
    }


def test_drafts_and_future_notes_appear_nowhere(site_factory):
    content = site_factory(HIDDEN)
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    leaks = {(file, marker) for file, body in all_bytes(result).items() for marker in MARKERS
             if marker.encode() in body or marker.encode() in file.encode()}
    assert leaks == set()
    assert not any(f.startswith(("notes/secret", "notes/bundle-draft", "tags/zebratag", "tags/yaktag", "tags/xerustag"))
                   for f in result.outputs)
    # The public note is the only note: in the lists, the tag hub, the feeds and the sitemap.
    assert [f for f in result.outputs if f.startswith("notes/") and f.endswith("index.html")] == [
        "notes/index.html", "notes/public/index.html",
    ]


def test_drafts_and_future_notes_make_no_backlinks_or_tags(linked):
    site = linked(HIDDEN)
    assert [n.id for n in site.notes] == ["notes/public"]
    assert dict(site.backlinks) == {}
    assert list(site.tags) == ["pln"]
    assert site.tags["pln"].notes == ("notes/public",)
    assert set(site.html) == {"notes/public"}
    assert not any(i.startswith("notes/secret") for i in site.items)


def test_drafts_with_the_drafts_flag_and_future_with_the_future_flag(linked):
    with_drafts = linked(HIDDEN, drafts=True)
    assert [n.slug for n in with_drafts.notes] == ["bundle-draft", "secret-unpublished", "secret-draft", "public"]
    assert with_drafts.backlinks["notes/public"] == ("notes/secret-unpublished", "notes/secret-draft")
    with_future = linked(HIDDEN, future=True)
    assert [n.slug for n in with_future.notes] == ["secret-future", "public"]
    assert sorted(with_future.tags) == ["pln", "xerustag"]


def test_future_means_after_the_build_clock(linked):
    files = {"notes/2025-06-01-today.md": "---\ntitle: T\ndate: 2025-06-01T11:59:00Z\n---\n",
             "notes/later.md": "---\ntitle: L\ndate: 2025-06-01T12:01:00Z\n---\n"}
    assert [n.slug for n in linked(files).notes] == ["today"]  # NOW is 2025-06-01 12:00 UTC


def test_a_link_to_a_draft_is_a_broken_link_that_names_only_what_the_author_wrote(linked):
    site = linked({**HIDDEN, "notes/2025-01-05-linker.md": "---\ntitle: Linker\n---\nSee [[secret-draft]].\n"})
    assert [str(p) for p in site.problems] == [
        "content/notes/2025-01-05-linker.md:4: warning: 'secret-draft' is a draft, left out of this build "
        "(--drafts includes it): the link is plain text"
    ]
    html = site.html["notes/linker"].html
    assert '<span class="broken-link">secret-draft</span>' in html
    assert "Zebra" not in html


def test_root_relative_links_in_content_are_rebased(linked):
    site = linked({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[x](/about/) ![i](/img/p.png) <a href=\"/raw/\">r</a>\n"})
    html = site.html["notes/a"].html
    assert 'href="/sub/about/"' in html and 'src="/sub/img/p.png"' in html and 'href="/sub/raw/"' in html


def test_notes_are_newest_first_and_ties_by_slug(linked):
    site = linked({
        "notes/2025-01-02-b.md": "---\ntitle: B\n---\n",
        "notes/2025-01-02-a.md": "---\ntitle: A\n---\n",
        "notes/2025-01-03-c.md": "---\ntitle: C\n---\n",
        "notes/2025-01-01-d.md": "---\ntitle: D\ndate: 2025-01-02T12:00:00Z\n---\n",
    })
    assert [n.slug for n in site.notes] == ["c", "d", "a", "b"]


def test_summary_fallbacks(linked):
    site = linked({
        "notes/2025-01-01-given.md": "---\ntitle: G\nsummary: Given.\n---\nFirst para.\n",
        "notes/2025-01-01-more.md": "---\ntitle: M\n---\nOne.\n\nTwo.\n\n<!--more-->\n\nThree.\n",
        "notes/2025-01-01-first.md": "---\ntitle: F\n---\n# F\n\nFirst [[more]] para.\n\nSecond.\n",
    })
    assert site.items["notes/given"].summary == "Given."
    assert site.html["notes/more"].summary_html == "<p>One.</p>\n<p>Two.</p>\n"
    assert site.html["notes/first"].summary_html == '<p>First <a href="/sub/notes/more/">M</a> para.</p>\n'
