"""link/resolve.py: what a wikilink or a .md link points at."""

from __future__ import annotations

import datetime as dt

from plnsite.errors import Loc
from plnsite.link.resolve import LinkIndex
from plnsite.model import Contact, Markdown, Note, Page, Reading, ReadingKind, ReadingStatus

WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def note(slug: str, title: str, path: str | None = None) -> Note:
    loc = Loc(path or f"content/notes/{slug}.md", 1)
    return Note(id=f"notes/{slug}", slug=slug, title=title, date=WHEN, updated=None, tags=(), summary=None,
                draft=False, body=Markdown(text="", loc=loc), assets=(), loc=loc)


def page(slug: str, title: str) -> Page:
    loc = Loc(f"content/pages/{slug}.md", 1)
    return Page(id=f"pages/{slug}", slug=slug, title=title, body=Markdown(text="", loc=loc), loc=loc)


def reading(slug: str, title: str, has_page: bool = False) -> Reading:
    loc = Loc(f"content/reading/{slug}.md" if has_page else "content/reading/2025.yaml", 1)
    return Reading(id=f"reading/{slug}", slug=slug, title=title, authors=(), url=None, kind=ReadingKind.BOOK,
                   status=ReadingStatus.WANT, started=None, finished=None, rating=None, tags=(), via=None,
                   notes=None, has_page=has_page, loc=loc)


def contact(cid: str, name: str) -> Contact:
    return Contact(id=cid, name=name, url=None, feed=None, role=None, handles=(), tags=(), note=None,
                   list_id="friends", loc=Loc("content/contacts/friends.yaml", 2))


ITEMS = (
    note("two-accounts", "Why my PLN needs two accounts", "content/notes/2025-03-04-two-accounts.md"),
    note("bundle", "A Bundle", "content/notes/2025-05-01-bundle/index.md"),
    page("about", "About me"),
    reading("net-smart", "Net Smart", has_page=True),
    reading("log-entry", "Only In A Log"),
    contact("hotchin", "Jesse Hotchin"),
)
INDEX = LinkIndex(ITEMS)


def test_by_slug_title_contact_id_and_name_case_insensitive():
    assert INDEX.wiki("two-accounts") == "notes/two-accounts"
    assert INDEX.wiki("Why my PLN needs two accounts") == "notes/two-accounts"
    assert INDEX.wiki("why my pln NEEDS two accounts") == "notes/two-accounts"
    assert INDEX.wiki("  Two-Accounts ") == "notes/two-accounts"
    assert INDEX.wiki("about") == "pages/about"
    assert INDEX.wiki("About Me") == "pages/about"
    assert INDEX.wiki("net-smart") == "reading/net-smart"
    assert INDEX.wiki("Only in a log") == "reading/log-entry"
    assert INDEX.wiki("hotchin") == "hotchin", "a contact's id is its item id"
    assert INDEX.wiki("Jesse Hotchin") == INDEX.wiki("hotchin")
    assert INDEX.wiki("jesse hotchin") == INDEX.wiki("hotchin")


def test_a_slugified_form_of_the_target_also_matches():
    assert INDEX.wiki("Two Accounts") == "notes/two-accounts"
    assert INDEX.wiki("Net_Smart") == "reading/net-smart"


def test_unknown_targets():
    assert INDEX.wiki("nothing") is None
    assert INDEX.wiki("") is None


def test_first_registered_item_keeps_a_key_notes_before_pages_before_readings_before_contacts():
    index = LinkIndex((
        note("pln", "Note about PLN"),
        page("pln", "Page about PLN"),
        reading("pln-book", "pln"),
        contact("pln", "PLN Person"),
    ))
    assert index.wiki("pln") == "notes/pln"
    assert index.wiki("Page about PLN") == "pages/pln"
    assert index.wiki("PLN Person") == "pln"


def test_markdown_file_links_resolve_relative_to_the_linking_file():
    here = "content/notes/2025-01-01-x.md"
    assert INDEX.markdown_file("2025-03-04-two-accounts.md", here) == "notes/two-accounts"
    assert INDEX.markdown_file("./2025-03-04-two-accounts.md", here) == "notes/two-accounts"
    assert INDEX.markdown_file("../pages/about.md", here) == "pages/about"
    assert INDEX.markdown_file("../reading/net-smart.md", here) == "reading/net-smart"
    assert INDEX.markdown_file("2025-05-01-bundle/index.md", here) == "notes/bundle"
    assert INDEX.markdown_file("../notes/2025-03-04-two-accounts.md", "content/pages/about.md") == "notes/two-accounts"
    assert INDEX.markdown_file("../2025-03-04-two-accounts.md", "content/notes/sub/y.md") == "notes/two-accounts"
    assert INDEX.markdown_file("../../2025-03-04-two-accounts.md", "content/notes/sub/y.md") is None


def test_markdown_file_links_are_percent_decoded():
    index = LinkIndex((note("my-note", "My Note", "content/notes/my note.md"),))
    assert index.markdown_file("my%20note.md", "content/notes/other.md") == "notes/my-note"


def test_only_files_with_a_page_are_markdown_targets():
    assert INDEX.markdown_file("2025.yaml", "content/reading/x.md") is None
    assert INDEX.markdown_file("missing.md", "content/notes/x.md") is None
