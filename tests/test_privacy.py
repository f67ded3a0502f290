"""Privacy is a guarantee: seed unique secrets into every private field, build, and search
every byte of every output file for them (HTML, XML, JSON, OPML, sitemap, copied files).
Drafts and future notes are held to the same standard: they appear nowhere."""

from __future__ import annotations

import pytest

from plnsite.output import write_outputs

from .conftest import build_site

SECRETS = {
    "contacts/colleagues.yaml": """\
        title: Colleagues
        people:
          - name: Public Person
            id: public-person
            url: https://public.example.org/
            feed: https://public.example.org/feed.xml
            email: EMAIL-SECRET-1@example.org
            phone: "PHONE-SECRET-2"
            address: ADDRESS-SECRET-3, Somewhere
            tags: [pln]
            note: Met at a conference.
          - name: PRIVATE-NAME-SECRET-4
            id: private-id-secret-5
            visibility: private
            url: https://private-url-secret-6.example.org/
            feed: https://private-feed-secret-7.example.org/feed.xml
            email: PRIVATE-EMAIL-SECRET-8@example.org
            role: PRIVATE-ROLE-SECRET-9
            tags: [private-tag-secret-10]
            handles: {github: private-handle-secret-11}
            note: PRIVATE-NOTE-SECRET-12
        """,
    "contacts/bare.yaml": """\
        - name: Bare Person
          email: EMAIL-SECRET-13@example.org
          phone: PHONE-SECRET-14
        - name: PRIVATE-BARE-SECRET-15
          visibility: private
          feed: https://private-bare-secret-16.example.org/rss
        """,
    "notes/2025-01-01-public.md": "---\ntitle: Public\ntags: [pln]\n---\nI learn from [[Public Person]].\n",
    "notes/2025-01-02-draft.md": "---\ntitle: DRAFT-TITLE-SECRET-17\ndraft: true\ntags: [draft-tag-secret-18]\n---\n"
                                 "DRAFT-BODY-SECRET-19 [[public]]\n",
    "notes/2099-01-01-future.md": "---\ntitle: FUTURE-TITLE-SECRET-20\ntags: [future-tag-secret-21]\n---\n"
                                  "FUTURE-BODY-SECRET-22 [[public]]\n",
    "notes/2025-01-03-unpublished.md": "---\ntitle: UNPUBLISHED-SECRET-23\npublished: false\n---\nx\n",
    "reading/2025.yaml": "- title: A Book\n  status: want\n  via: public-person\n",
}
SECRET_WORDS = [f"SECRET-{n}" for n in range(1, 24)] + [f"secret-{n}" for n in range(1, 24)]


@pytest.fixture
def secret_site(site_factory, tmp_path):
    content = site_factory({**SECRETS, "site.yaml": "title: T\nbase_url: https://example.org/sub/\n"
                            "feed: {include: [notes, reading]}\n"})
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    out = tmp_path / "public"
    write_outputs(result, out)
    return out


def test_no_secret_reaches_any_output_file(secret_site):
    files = [p for p in secret_site.rglob("*") if p.is_file()]
    assert len(files) > 15
    leaks = []
    for path in files:
        data = path.read_bytes()
        for word in SECRET_WORDS:
            if word.encode() in data:
                leaks.append((path.relative_to(secret_site).as_posix(), word))
    assert leaks == []


def test_public_contacts_are_still_published(secret_site):
    network = (secret_site / "network" / "index.html").read_text()
    assert "Public Person" in network and "Bare Person" in network
    opml = (secret_site / "network.opml").read_text()
    assert "https://public.example.org/feed.xml" in opml


def test_drafts_and_future_notes_leave_no_trace_even_in_backlinks(secret_site):
    public = (secret_site / "notes" / "public" / "index.html").read_text()
    assert "Linked from" not in public or "DRAFT" not in public
    assert not (secret_site / "notes" / "draft").exists()
    assert not (secret_site / "tags" / "draft-tag-secret-18").exists()
