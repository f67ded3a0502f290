"""Privacy is a guarantee: seed unique secrets into every private person, every private field
under every key spelling people use, a private list and a git-ignored ``.private.yaml`` file;
build, and search every byte of every output file for them (HTML, XML, JSON, OPML, sitemap,
copied files), and parse the pages back with mf2py. Links of each kind to private people are a
second site, whose build must fail with located errors and still render and serve nothing of
theirs. Drafts and future notes are held to the same standard: they appear nowhere."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from plnsite.output import write_outputs
from tests import photos
from tests.clients import require_module
from tests.server.conftest import Preview, edit, fetch, running

from .conftest import build_site

SITE = "title: T\nbase_url: https://example.org/sub/\nfeed: {include: [notes, reading]}\n"

SECRETS = {
    "contacts/colleagues.yaml": """\
        title: Colleagues
        people:
          - name: Public Person
            id: public-person
            url: https://public.example.org/
            feed: https://public.example.org/feed.xml
            role: colleague
            email: EMAIL-SECRET-1@example.org
            phone: "+1 (604) 555-0142"
            address: ADDRESS-SECRET-3, Somewhere
            Email: EMAIL-SECRET-24@example.org
            E-Mail: EMAIL-SECRET-25
            mail: MAIL-SECRET-26
            Mobile: MOBILE-SECRET-27
            tel: TEL-SECRET-28
            whatsapp: WHATSAPP-SECRET-29
            Telephone: TELEPHONE-SECRET-30
            cell: CELL-SECRET-31
            street: STREET-SECRET-32
            handles:
              github: public-gh
              public-email: "mailto:open-address@example.org"
              email: HANDLE-EMAIL-SECRET-33@example.org
              Phone: "+44 20 7946 0143"
              Mobile: HANDLE-MOBILE-SECRET-34
              mail: HANDLE-MAIL-SECRET-35
              whatsapp: HANDLE-WHATSAPP-SECRET-36
              tel: HANDLE-TEL-SECRET-37
              matrix: "@handle-matrix-secret-38:matrix.org"
              address: HANDLE-ADDRESS-SECRET-39
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
            note: PRIVATE-NOTE-SECRET-12, call 604 555 0144
          - name: PRIVATE-TRUE-SECRET-40
            private: true
            feed: https://private-true-secret-41.example.org/rss
            tags: [private-true-tag-secret-42]
          - name: PRIVATE-YES-SECRET-43
            Private: "yes"
            url: https://private-yes-secret-44.example.org/
          - name: PRIVATE-HIDDEN-SECRET-45
            hidden: true
            role: PRIVATE-HIDDEN-ROLE-SECRET-46
        """,
    "contacts/bare.yaml": """\
        - name: Bare Person
          email: EMAIL-SECRET-13@example.org
          phone: PHONE-SECRET-14
        - name: PRIVATE-BARE-SECRET-15
          visibility: Private
          feed: https://private-bare-secret-16.example.org/rss
        """,
    "contacts/club.yaml": """\
        title: CLUB-TITLE-SECRET-47
        description: CLUB-DESCRIPTION-SECRET-48
        visibility: private
        people:
          - name: CLUB-PERSON-SECRET-49
            feed: https://club-feed-secret-50.example.org/feed.xml
            tags: [club-tag-secret-51]
        """,
    "contacts/circle.yaml": """\
        title: CIRCLE-TITLE-SECRET-52
        private: true
        people:
          - name: CIRCLE-PERSON-SECRET-53
            url: https://circle-url-secret-54.example.org/
        """,
    "contacts/colleagues.private.yaml": """\
        - name: FILE-PERSON-SECRET-55
          mail: file-mail-secret-56@example.org
          mobile: "+1 604 555 0145"
          feed: https://file-feed-secret-57.example.org/feed.xml
          tags: [pln, file-tag-secret-58]
          note: FILE-NOTE-SECRET-59
        - id: public-person
          email: FILE-DETAIL-SECRET-60@example.org
          phone: "020 7946 0146"
        """,
    "notes/2025-01-01-public.md": "---\ntitle: Public\ntags: [pln]\n---\nI learn from [[Public Person]].\n",
    "notes/2025-01-02-draft.md": "---\ntitle: DRAFT-TITLE-SECRET-17\ndraft: true\ntags: [draft-tag-secret-18]\n---\n"
                                 "DRAFT-BODY-SECRET-19 [[public]]\n",
    "notes/2099-01-01-future.md": "---\ntitle: FUTURE-TITLE-SECRET-20\ntags: [future-tag-secret-21]\n---\n"
                                  "FUTURE-BODY-SECRET-22 [[public]]\n",
    "notes/2025-01-03-unpublished.md": "---\ntitle: UNPUBLISHED-SECRET-23\npublished: false\n---\nx\n",
    "reading/2025.yaml": "- title: A Book\n  status: want\n  via: public-person\n",
}
SECRETS.update({  # photos whose metadata holds a place, a camera serial, an artist, XMP, a thumbnail…
    "notes/2025-01-04-photos/index.md": "---\ntitle: Photos\n---\n![A tent](tent.jpg) ![A map](/img/map.png)\n"
                                        "![A lake](/img/lake.webp) ![A wave](/img/wave.gif)\n",
    "notes/2025-01-04-photos/tent.jpg": photos.jpeg(),
    "static/img/map.png": photos.png(),
    "static/img/lake.webp": photos.webp(),
    "static/img/wave.gif": photos.gif(),
})
PHONES = ["555-0142", "555 0142", "5550142", "7946 0143", "79460143", "555 0144", "555 0145", "7946 0146"]
SECRET_WORDS = [f"secret-{n}" for n in range(1, 61)] + PHONES + [s.decode() for s in photos.SECRETS]


def leaks(data: bytes, words=SECRET_WORDS) -> list[str]:
    """The secrets in ``data``, also when escaped (&#64;, %40) or in another case."""
    text = data.decode("utf-8", "replace")
    text = unquote(html.unescape(text)).lower()
    return [word for word in words if word.lower() in text]


def output_leaks(files: dict[str, bytes], words=SECRET_WORDS) -> list[tuple[str, str]]:
    return [(name, word) for name, data in sorted(files.items()) for word in leaks(data, words)]


@pytest.fixture
def secret_result(site_factory):
    content = site_factory({**SECRETS, "site.yaml": SITE})
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    return content, result


@pytest.fixture
def secret_site(secret_result, tmp_path):
    out = tmp_path / "public"
    write_outputs(secret_result[1], out)
    return out


def written(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_no_secret_reaches_any_output_file(secret_site):
    files = written(secret_site)
    assert len(files) > 15
    assert {"sitemap.xml", "network.opml", "feed.xml", "atom.xml", "feed.json", "network/index.html"} <= set(files)
    assert output_leaks(files) == []


def test_the_sweep_would_see_a_secret(secret_site):
    """Guard the guard: the search finds secrets however a page spells them."""
    assert leaks(b"<p>EMAIL-SECRET-1&#64;example.org</p>") == ["secret-1"]
    assert "secret-56" in leaks(b"https://x.example/?a=file-mail-secret-56%40example.org")
    assert leaks(b"call +1 (604) 555-0142") == ["555-0142"]


def test_what_each_private_field_spelling_does(secret_result):
    """email/phone/address (any case) are private and silent; other spellings are warnings,
    never published; none is an error, since none holds an address or number of that shape."""
    problems = secret_result[1].problems
    assert all(p.level.value == "warning" for p in problems)
    assert sorted(p.message.split("'")[1] for p in problems) == sorted([
        "E-Mail", "mail", "Mobile", "tel", "whatsapp", "Telephone", "cell", "street",  # keys
        "Mobile", "mail", "whatsapp", "tel", "matrix",  # handle kinds
    ])


def test_public_contacts_are_still_published(secret_site):
    network = (secret_site / "network" / "index.html").read_text()
    assert "Public Person" in network and "Bare Person" in network
    assert 'class="u-email" href="mailto:open-address@example.org"' in network  # the one published address
    assert "Colleagues" in network and "Bare" in network
    opml = (secret_site / "network.opml").read_text()
    assert "https://public.example.org/feed.xml" in opml


def test_pages_parsed_back_hold_no_secret(secret_site):
    mf2py = require_module("mf2py")
    cards = []
    for path in sorted(secret_site.rglob("*.html")):
        parsed = mf2py.parse(doc=path.read_text(encoding="utf-8"), url="https://example.org/sub/")
        dumped = json.dumps(parsed, ensure_ascii=False).encode()
        assert leaks(dumped) == [], path
        cards += [item for item in _all_items(parsed["items"]) if "h-card" in item["type"]]
    names = {name for card in cards for name in card["properties"].get("name", [])}
    assert {"Public Person", "Bare Person"} <= names
    public = next(c for c in cards if c["properties"].get("name") == ["Public Person"] and "email" in c["properties"])
    assert public["properties"]["email"] == ["mailto:open-address@example.org"]


def _all_items(items):
    for item in items:
        yield item
        yield from _all_items(item.get("children", []))
        for values in item.get("properties", {}).values():
            yield from _all_items(v for v in values if isinstance(v, dict) and "type" in v)


def test_the_site_is_the_same_without_its_private_files(secret_result, site_factory):
    content, with_private = secret_result
    (content / "contacts" / "colleagues.private.yaml").unlink()
    without = build_site(content)
    assert without.ok
    assert {f: o.plain() for f, o in without.outputs.items()} == {f: o.plain() for f, o in with_private.outputs.items()}


def test_drafts_and_future_notes_leave_no_trace_even_in_backlinks(secret_site):
    public = (secret_site / "notes" / "public" / "index.html").read_text()
    assert "Linked from" not in public or "DRAFT" not in public
    assert not (secret_site / "notes" / "draft").exists()
    assert not (secret_site / "tags" / "draft-tag-secret-18").exists()


# ---- the bugs of issue 12, each on its own ---------------------------------------------------

FOUND_PUBLIC = "- name: Pat Quill\n  id: pat\n  tags: [pln]\n"
FOUND_NOTE = "---\ntitle: A\ntags: [pln]\n---\nHello.\n"


@pytest.mark.parametrize("handles", [
    "{mail: pat.mail@example.org}", "{e-mail: 'mailto:pat.mail@example.org'}", "{mobile: '+1 604 555 0199'}",
    "{telephone: 604.555.0199}",
])
def test_found_other_handle_names_published_an_address_or_number(site_factory, handles):
    content = site_factory({"contacts/c.yaml": FOUND_PUBLIC + f"  handles: {handles}\n",
                            "notes/2025-01-01-a.md": FOUND_NOTE})
    result = build_site(content)
    files = {f: o.plain() for f, o in result.outputs.items() if o.body is not None}
    assert output_leaks(files, ["pat.mail", "555 0199", "555.0199"]) == []
    errors = [str(p) for p in result.problems if p.level.value == "error"]
    assert len(errors) == 1 and errors[0].startswith("content/contacts/c.yaml:4: error: handles.")


@pytest.mark.parametrize("marker", ["private: true", "Private: yes", "visibility: Private"])
def test_found_private_true_was_ignored(site_factory, marker):
    content = site_factory({"contacts/c.yaml": FOUND_PUBLIC + "- name: Zelda Quixote\n  feed: https://zq.example.org/feed"
                            f"\n  tags: [pln]\n  {marker}\n", "notes/2025-01-01-a.md": FOUND_NOTE})
    result = build_site(content)
    assert result.ok
    assert output_leaks({f: o.plain() for f, o in result.outputs.items() if o.body}, ["zelda", "zq.example"]) == []


@pytest.mark.parametrize("marker", ["visibility: private", "private: true"])
def test_found_a_private_list_reached_the_blogroll(site_factory, marker):
    content = site_factory({"contacts/c.yaml": "- name: Pat Quill\n",
                            "contacts/club.yaml": f"title: Book Club\n{marker}\npeople:\n  - name: Zelda Quixote\n"
                                                  "    feed: https://zq.example.org/feed\n"})
    result = build_site(content)
    assert result.ok
    assert output_leaks({f: o.plain() for f, o in result.outputs.items() if o.body}, ["zelda", "zq.example", "book club"]) == []


def test_found_a_wikilink_to_a_private_person_printed_their_name(site_factory):
    content = site_factory({"contacts/c.yaml": FOUND_PUBLIC + "- name: Zelda Quixote\n  visibility: private\n",
                            "notes/2025-01-01-a.md": "---\ntitle: A\n---\nCoffee with [[zelda-quixote]].\n"})
    result = build_site(content)
    assert [str(p) for p in result.problems] == [
        "content/notes/2025-01-01-a.md:4: error: a link to a private person (content/contacts/c.yaml:4): private "
        "people cannot be linked to; remove the link, or make them public"]
    assert output_leaks({f: o.plain() for f, o in result.outputs.items() if o.body}, ["zelda"]) == []


# ---- links to private people, and contact data under other keys: a build that must fail ------

LINKED = {
    "contacts/friends.yaml": """\
        people:
          - name: Alice Public
            id: alice
          - name: ZELDA-NAME-SECRET-61
            id: zelda-secret-62
            visibility: private
            email: zelda-secret-63@example.org
        """,
    "contacts/circle.private.yaml": "- name: YVES-NAME-SECRET-64\n  id: yves-secret-65\n",
    "contacts/club.yaml": "title: Club\nprivate: true\npeople:\n  - name: XENA-NAME-SECRET-66\n    id: xena-secret-67\n",
    "contacts/refused.yaml": """\
        - name: REFUSED-NAME-SECRET-68
          mail: refused-secret-69@example.org
        - name: REFUSED-NAME-SECRET-70
          E-Mail: "Pat <refused-secret-71@example.org>"
        - name: REFUSED-NAME-SECRET-72
          Mobile: +1 (604) 555-0173
        - name: REFUSED-NAME-SECRET-74
          handles: {tel: "tel:+442079460175"}
        - name: REFUSED-NAME-SECRET-76
          handles: {whatsapp: "https://wa.me/16045550177"}
        - name: REFUSED-NAME-SECRET-78
          Telephone: "604.555.0179"
        - name: REFUSED-NAME-SECRET-80
          note: Lovely person, call 020 7946 0181 after six.
        - name: REFUSED-NAME-SECRET-82
          handles: {mail: "mailto:refused-secret-83@example.org"}
        """,
    "notes/2025-01-01-links.md": """\
        ---
        title: Links
        ---
        Public [[alice]].

        By id [[zelda-secret-62]].
        By name [[ZELDA-NAME-SECRET-61]].
        Shown text [[zelda-secret-62|SHOWN-TEXT-SECRET-84]].
        Entry [ENTRY-TEXT-SECRET-85](/network/#zelda-secret-62).
        List file [LIST-TEXT-SECRET-86](../contacts/circle.private.yaml).
        Raw <a href="/sub/network/#yves-secret-65">RAW-TEXT-SECRET-87</a> and [[XENA-NAME-SECRET-66]].
        """,
    "reading/2025.yaml": "- title: A Book\n  status: want\n  via: xena-secret-67\n",
}
LINK_WORDS = [f"secret-{n}" for n in range(61, 88)] + ["555-0173", "460175", "5550177", "555.0179", "7946 0181"]
TAIL = "private people cannot be linked to; remove the link, or make them public"


def _refused(line: int, key: str, what: str) -> str:
    field = "email" if what == "an email address" else "phone"
    message = (f"content/contacts/refused.yaml:{line}: error: {key} holds {what}, and contact details are never "
               f"published: keep it under '{field}:' or in content/contacts/refused.private.yaml, which git ignores")
    if field == "email":
        message += ' (to publish an address on purpose, write handles: {public-email: "mailto:…"})'
    return message


EXPECTED_ERRORS = [
    _refused(2, "mail", "an email address"),
    _refused(4, "E-Mail", "an email address"),
    _refused(6, "Mobile", "a phone number"),
    _refused(8, "handles.tel", "a phone number"),
    _refused(10, "handles.whatsapp", "a phone number"),
    _refused(12, "Telephone", "a phone number"),
    _refused(14, "note", "a phone number"),
    _refused(16, "handles.mail", "an email address"),
    f"content/notes/2025-01-01-links.md:6: error: a link to a private person (content/contacts/friends.yaml:4): {TAIL}",
    f"content/notes/2025-01-01-links.md:7: error: a link to a private person (content/contacts/friends.yaml:4): {TAIL}",
    f"content/notes/2025-01-01-links.md:8: error: a link to a private person (content/contacts/friends.yaml:4): {TAIL}",
    f"content/notes/2025-01-01-links.md:9: error: a link to a private person (content/contacts/friends.yaml:4): {TAIL}",
    "content/notes/2025-01-01-links.md:10: error: a link to a private contact list "
    f"(content/contacts/circle.private.yaml:1): {TAIL}",
    "content/notes/2025-01-01-links.md:11: error: a link to a private person "
    f"(content/contacts/circle.private.yaml:1): {TAIL}",
    f"content/notes/2025-01-01-links.md:11: error: a link to a private person (content/contacts/club.yaml:4): {TAIL}",
    "content/reading/2025.yaml:1: error: via names a private person (content/contacts/club.yaml:4): a private "
    "person cannot be credited on the site; remove the via, or make them public",
]


@pytest.fixture
def linked_site(site_factory):
    return site_factory({**LINKED, "site.yaml": SITE})


def test_links_to_private_people_fail_the_build_at_each_link(linked_site, run_cli):
    code, out, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors == EXPECTED_ERRORS
    assert leaks((out + err).encode(), LINK_WORDS) == []  # build logs of a public repository are public
    assert not (linked_site.parent / "public").exists()


def test_a_failed_build_renders_nothing_of_private_people(linked_site):
    result = build_site(linked_site)
    assert not result.ok
    files = {f: o.plain() for f, o in result.outputs.items() if o.body is not None}
    assert "notes/links/index.html" in files and "network/index.html" in files
    assert output_leaks(files, LINK_WORDS) == []
    assert "Alice Public" in files["network/index.html"].decode()


def test_the_preview_server_serves_nothing_of_private_people(linked_site):
    with running(linked_site) as server:
        parts = urlsplit(server.url)
        base = f"{parts.scheme}://{parts.netloc}/sub/"
        for path in ("", "notes/links/", "network/", "feed.xml", "network.opml", "sitemap.xml"):
            status, body = fetch(base + path)
            assert status == 503, path  # the first build failed: its problems page
            assert leaks(body, LINK_WORDS) == [], path
            assert b"a link to a private person (content/contacts/friends.yaml:4)" in body


def test_a_save_that_links_a_private_person_keeps_the_last_good_page(site_factory):
    content = site_factory({**LINKED, "site.yaml": SITE, "contacts/refused.yaml": "- name: Fine\n",
                            "notes/2025-01-01-links.md": "---\ntitle: Links\n---\nPublic [[alice]].\n",
                            "reading/2025.yaml": "- title: A Book\n  status: want\n"})
    preview = Preview(content)
    assert preview.get("/sub/notes/links/").status == 200
    note = content / "notes" / "2025-01-01-links.md"
    change = preview.save(edit(note, "Public [[alice]].", "Public [[alice]]. Met [[ZELDA-NAME-SECRET-61|Z]]."))
    assert [p.message.split(":")[0] for p in change.problems] == ["a link to a private person (content/contacts/friends.yaml"]
    page = preview.get("/sub/notes/links/")
    assert page.status == 200 and "Public" in page.text and leaks(page.body, LINK_WORDS) == []
    assert leaks(re.sub(rb"\s+", b" ", json.dumps([str(p) for p in change.problems]).encode()), LINK_WORDS) == []
