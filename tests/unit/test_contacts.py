"""load/contacts.py: contact lists, and the privacy boundary they are."""

from __future__ import annotations

import textwrap

import pytest

from plnsite.errors import Problems
from plnsite.load.contacts import load_contacts
from plnsite.model import Contact, ContactList


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Write ``{relative path: text}`` under tmp_path → (contacts, lists, problem strings),
    and with ``withheld=True`` the Withheld records too."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, str], *, withheld: bool = False):
        paths = []
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
            paths.append(path)
        problems = Problems()
        contacts, lists, private = load_contacts(paths, problems)
        found = [str(p) for p in problems.freeze()]
        return (contacts, lists, found, private) if withheld else (contacts, lists, found)

    return run


COLLEAGUES = """
    title: Colleagues
    description: People I work and learn with.
    people:
      - name: Jesse Hotchin
        id: hotchin
        url: https://personalizedlearningnetwork.ca/
        feed: https://personalizedlearningnetwork.ca/feed/
        role: instructor
        handles: {mastodon: "https://mastodon.social/@x", github: "x", bluesky: "x.bsky.social"}
        tags: [edtech, no]
        note: How we met, *what I learn*.
        email: jesse-secret@example.org
        phone: "+1 555 0100 secret"
        address: 12 Secret Lane
        visibility: public
      - name: Secret Sam
        email: sam-secret@example.org
        visibility: private
      - name: Ada Lovelace
"""


def test_mapping_list_with_people(load):
    contacts, lists, problems = load({"contacts/colleagues.yaml": COLLEAGUES})
    assert problems == []
    hotchin, ada = contacts
    assert hotchin == Contact(
        id="hotchin",
        name="Jesse Hotchin",
        url="https://personalizedlearningnetwork.ca/",
        feed="https://personalizedlearningnetwork.ca/feed/",
        role="instructor",
        handles=(("bluesky", "x.bsky.social"), ("github", "x"), ("mastodon", "https://mastodon.social/@x")),
        tags=("edtech", "no"),
        note=hotchin.note,
        list_id="colleagues",
        loc=hotchin.loc,
    )
    assert hotchin.note.text == "How we met, *what I learn*."
    assert str(hotchin.note.loc) == "contacts/colleagues.yaml:11"
    assert str(hotchin.loc) == "contacts/colleagues.yaml:4"
    assert (ada.id, ada.url, ada.handles, ada.note, ada.role) == ("ada-lovelace", None, (), None, None)
    assert lists == (
        ContactList(
            id="colleagues",
            title="Colleagues",
            description="People I work and learn with.",
            people=("hotchin", "ada-lovelace"),
            loc=lists[0].loc,
        ),
    )
    assert str(lists[0].loc) == "contacts/colleagues.yaml:1"


def test_privacy_nothing_secret_leaves_the_loader(load):
    result = load({"contacts/colleagues.yaml": COLLEAGUES})
    text = repr(result)
    for secret in ("secret", "Secret", "Sam", "555", "Lane", "email", "phone", "address", "private"):
        assert secret not in text


def test_private_people_are_dropped_before_any_check(load):
    contacts, lists, problems = load({
        "contacts/a.yaml": """
            - name: Twin
              id: twin
            - id: twin
              visibility: private
              url: javascript:alert('hidden')
            - url: not-a-url
              visibility: PRIVATE
        """,
    })
    assert problems == []
    assert [c.id for c in contacts] == ["twin"] and lists[0].people == ("twin",)


def test_bare_list_file_title_defaults_to_stem(load):
    contacts, lists, problems = load({"contacts/learning-circle.yaml": "- name: Bo\n- name: Cy\n  id: cy\n"})
    assert problems == []
    assert lists[0].title == "Learning Circle"
    assert lists[0].description is None
    assert lists[0].people == ("bo", "cy")
    assert [c.list_id for c in contacts] == ["learning-circle", "learning-circle"]


def test_lists_sorted_by_id_people_in_file_order(load):
    contacts, lists, problems = load({
        "contacts/zeta.yaml": "- name: Zed\n- name: Amy\n",
        "contacts/alpha.yaml": "people:\n  - name: Yan\n  - name: Bea\n",
        "contacts/empty.yaml": "",
    })
    assert problems == []
    assert [ls.id for ls in lists] == ["alpha", "empty", "zeta"]
    assert [c.id for c in contacts] == ["yan", "bea", "zed", "amy"]


def test_duplicate_ids_across_lists_name_both_places(load):
    contacts, _, problems = load({
        "contacts/a.yaml": "- name: One\n- name: Two\n- name: Jesse\n  id: hotchin\n",
        "contacts/b.yaml": "people:\n  - name: Jesse Hotchin\n    id: hotchin\n  - name: Two\n",
    })
    assert problems == [
        "contacts/b.yaml:3: error: contact id 'hotchin' is already used at contacts/a.yaml:4",
        "contacts/b.yaml:4: error: contact id 'two' is already used at contacts/a.yaml:2",
    ]
    assert [c.id for c in contacts] == ["one", "two", "hotchin"]


def test_problems_are_collected_and_bad_people_skipped(load):
    contacts, lists, problems = load({"contacts/c.yaml": """
        people:
          - role: nameless
          - name: Bad url
            url: javascript:alert(1)
          - name: Bad feed
            feed: ftp://example.org/feed
          - name: Bad handle
            handles:
              github: fine
              mastodon: "javascript:alert(1)"
          - name: Bad visibility
            visibility: friends
          - name: Bad id
            id: Not A Slug
          - just a name
          - name: Fine
    """})
    assert problems == [
        "contacts/c.yaml:2: error: contact has no name",
        "contacts/c.yaml:4: error: url must be an http(s) URL, not 'javascript:alert(1)'",
        "contacts/c.yaml:6: error: feed must be an http(s) URL, not 'ftp://example.org/feed'",
        "contacts/c.yaml:10: error: handles.mastodon must be an http(s) URL, not 'javascript:alert(1)'",
        "contacts/c.yaml:12: error: visibility 'friends' is not one of: public, private",
        "contacts/c.yaml:14: error: contact id 'Not A Slug' must be a slug such as 'not-a-slug'",
        "contacts/c.yaml:15: error: a contact must be a mapping of `key: value` lines",
    ]
    assert [c.name for c in contacts] == ["Fine"]
    assert lists[0].people == ("fine",)


def test_handles_with_hidden_scheme_or_secret_names(load):
    contacts, _, problems = load({"contacts/h.yaml": """
        - name: Tricky
          handles: {web: "java\\tscript:alert(1)"}
        - name: Careful
          handles: {email: careful-secret@example.org, phone: "555", Address: Here, GitHub: careful}
    """})
    assert problems == ["contacts/h.yaml:2: error: handles.web must be an http(s) URL, not 'java\tscript:alert(1)'"]
    assert [c.handles for c in contacts] == [(("github", "careful"),)]


@pytest.mark.parametrize("text, line", [
    ("title: Only a title\n", 1),
    ("people: just text\n", 1),
    ("just text\n", 1),
])
def test_file_must_be_people(load, text, line):
    contacts, lists, problems = load({"contacts/x.yaml": text})
    assert (contacts, lists) == ((), ())
    assert problems == [f"contacts/x.yaml:{line}: error: a contact list must be a list of people or a mapping with 'people'"]


def test_yaml_syntax_error_is_a_problem_and_other_lists_load(load):
    contacts, lists, problems = load({
        "contacts/a.yaml": "- name: [unclosed\n",
        "contacts/b.yaml": "- name: Fine\n",
    })
    assert [ls.id for ls in lists] == ["b"] and [c.id for c in contacts] == ["fine"]
    assert len(problems) == 1 and problems[0].startswith("contacts/a.yaml:")
    assert "invalid YAML" in problems[0]


def test_block_scalar_note_starts_on_the_next_line(load):
    contacts, _, problems = load({"contacts/n.yaml": """
        - name: Noted
          note: |
            Met at a conference.
    """})
    assert problems == []
    assert contacts[0].note.text == "Met at a conference.\n"
    assert str(contacts[0].note.loc) == "contacts/n.yaml:3"


# ---- the allow-list: what is published, what is refused, what is warned about -----------------


def test_what_is_kept_of_private_people_and_fields_is_where_they_are(load):
    *_, problems, withheld = load({"contacts/colleagues.yaml": COLLEAGUES}, withheld=True)
    assert problems == []
    assert [(w.kind, w.key, w.name, str(w.loc)) for w in withheld] == [
        ("field", "email", None, "contacts/colleagues.yaml:12"),
        ("field", "phone", None, "contacts/colleagues.yaml:13"),
        ("field", "address", None, "contacts/colleagues.yaml:14"),
        ("person", "secret-sam", "Secret Sam", "contacts/colleagues.yaml:16"),
    ]
    for secret in ("sam-secret@example.org", "555", "Lane", "jesse-secret"):
        assert secret not in repr(withheld)


def test_handle_kinds_are_an_allow_list(load):
    contacts, _, problems = load({"contacts/h.yaml": """
        - name: Handy
          handles:
            GitHub: handy
            Mastodon: "@handy@mastodon.social"
            researchgate: https://www.researchgate.net/profile/Handy
            matrix: "@handy:matrix.org"
            githb: https://github.com/handy
            e-mail: nothing-to-see
            Email: kept-private
            phone: kept-private
            address: kept-private
    """})
    assert problems == [
        "contacts/h.yaml:6: warning: handle kind 'matrix' is not published: give an http(s) address, or use one of: "
        "mastodon, bluesky, github, gitlab, codeberg, twitter, x, threads, instagram, pixelfed, peertube, youtube, "
        "linkedin, orcid, scholar, researchgate, stackoverflow, substack, medium, website, blog, public-email",
        "contacts/h.yaml:7: warning: handle kind 'githb' (did you mean 'github'?) is published as a link named 'githb'",
        "contacts/h.yaml:8: warning: handle kind 'e-mail' is not published: give an http(s) address, or use one of: "
        "mastodon, bluesky, github, gitlab, codeberg, twitter, x, threads, instagram, pixelfed, peertube, youtube, "
        "linkedin, orcid, scholar, researchgate, stackoverflow, substack, medium, website, blog, public-email",
    ]
    assert contacts[0].handles == (
        ("githb", "https://github.com/handy"), ("github", "handy"), ("mastodon", "@handy@mastodon.social"),
        ("researchgate", "https://www.researchgate.net/profile/Handy"),
    )
    assert "kept-private" not in repr(contacts)


@pytest.mark.parametrize(("field", "line", "what", "key"), [
    ("mail: pat.mail@example.org", 3, "an email address", "mail"),
    ("E-Mail: Pat Quill <pat@example.org>", 3, "an email address", "E-Mail"),
    ("handles: {mail: 'mailto:pat@example.org'}", 3, "an email address", "handles.mail"),
    ("handles:\n    github: pat\n    e-mail: pat [at] example [dot] org", 5, "an email address", "handles.e-mail"),
    ("Mobile: +1 (604) 555-0199", 3, "a phone number", "Mobile"),
    ("telephone: '604.555.0199'", 3, "a phone number", "telephone"),
    ("handles: {whatsapp: 'https://wa.me/16045550199'}", 3, "a phone number", "handles.whatsapp"),
    ("handles: {tel: 'tel:+442079460958'}", 3, "a phone number", "handles.tel"),
    ("role: call me on 555 0199", 3, "a phone number", "role"),
    ("note: |\n    Met at a conference.\n    Her number is 020 7946 0958.", 5, "a phone number", "note"),
    ("tags: [pln, pat@example.org]", 3, "an email address", "tags"),
    ("url: https://example.org/contact?from=pat@example.org", 3, "an email address", "url"),
    ("website: Pat <pat@example.org>", 3, "an email address", "website"),
])
def test_contact_data_under_any_other_key_is_refused(load, field, line, what, key):
    contacts, lists, problems = load({"contacts/c.yaml": f"- name: Pat Quill\n  id: pat\n  {field}\n- name: Other\n"})
    errors = [p for p in problems if ": error: " in p]
    assert errors == [
        f"contacts/c.yaml:{line}: error: {key} holds {what}, and contact details are never published: keep it "
        f"under '{'email' if 'email' in what else 'phone'}:' or in contacts/c.private.yaml, which git ignores"
        + (' (to publish an address on purpose, write handles: {public-email: "mailto:…"})' if "email" in what else "")
    ]
    assert [c.id for c in contacts] == ["other"] and lists[0].people == ("other",)  # nothing of Pat
    for secret in ("pat@", "pat.mail", "555", "0199", "7946", "Pat", "[at]"):
        assert not any(secret in p for p in problems), "a message repeats the value"
        assert secret not in repr((contacts, lists))


@pytest.mark.parametrize("field", [
    "role: teacher since 2019, room 204",
    "note: 'ISBN 978-0-262-01668-2, read 2025-03-04 at 10:15; see https://example.org/2024/03/15/post-6045550199'",
    "handles: {mastodon: '@pat@mastodon.social', github: pat-2024, orcid: 0000-0002-1825-0097}",
    "tags: [2025, python-3.12]",
    "note: 'Scores went from 3.5 to 4.25 (+1 point) over 1999-2004.'",
])
def test_numbers_that_are_not_phone_numbers_are_published(load, field):
    contacts, _, problems = load({"contacts/c.yaml": f"- name: Pat Quill\n  {field}\n"})
    assert problems == [] and [c.name for c in contacts] == ["Pat Quill"]


def test_public_email_is_published_only_as_a_mailto_link(load):
    contacts, _, problems = load({"contacts/c.yaml": """
        - name: Open Pat
          handles: {public-email: "mailto:pat@example.org", github: pat}
        - name: Bare Address
          handles: {public_email: bare@example.org}
        - name: Wrong Key
          handles: {website: "mailto:wrong@example.org"}
    """})
    assert [c.handles for c in contacts] == [(("github", "pat"), ("public-email", "mailto:pat@example.org"))]
    assert problems[0] == ("contacts/c.yaml:4: error: handles.public_email holds an email address, and contact details "
                           "are never published: keep it under 'email:' or in contacts/c.private.yaml, which git "
                           'ignores (to publish an address on purpose, write handles: {public-email: "mailto:…"})')
    assert problems[1].startswith("contacts/c.yaml:6: error: handles.website holds an email address")
    assert len(problems) == 2


def test_unknown_keys_are_warnings_with_a_hint_and_not_published(load):
    contacts, _, problems = load({"contacts/c.yaml": """
        - name: Pat Quill
          nmae: typo
          Mobile: ask-me
          e_mail: ask-me-too
          street: Somewhere
          favourite-colour: green
    """})
    assert problems == [
        "contacts/c.yaml:2: warning: unknown key 'nmae' (did you mean 'name'?); it is not published",
        "contacts/c.yaml:3: warning: unknown key 'Mobile' (did you mean 'phone'?); it is not published",
        "contacts/c.yaml:4: warning: unknown key 'e_mail' (did you mean 'email'?); it is not published",
        "contacts/c.yaml:5: warning: unknown key 'street' (did you mean 'address'?); it is not published",
        "contacts/c.yaml:6: warning: unknown key 'favourite-colour'; it is not published (known keys: name, id, url, "
        "feed, role, handles, tags, note, visibility, private, email, phone, address)",
    ]
    assert [c.name for c in contacts] == ["Pat Quill"]
    for value in ("typo", "ask-me", "Somewhere", "green"):
        assert value not in repr(contacts)


@pytest.mark.parametrize("marker", [
    "visibility: private", "visibility: Private", "Visibility: PRIVATE", "private: true", "private: yes",
    "Private: 'on'", "hidden: true", "public: false", "published: no",
])
def test_every_private_marker_is_honoured(load, marker):
    contacts, lists, problems, withheld = load(
        {"contacts/c.yaml": f"- name: Public\n- name: Zelda Quixote\n  mail: zq@example.org\n  {marker}\n"},
        withheld=True)
    assert problems == []  # a private person's fields are not checked: nothing of them is published
    assert [c.id for c in contacts] == ["public"] and lists[0].people == ("public",)
    assert [(w.kind, w.key, w.name, str(w.loc)) for w in withheld] == [
        ("person", "zelda-quixote", "Zelda Quixote", "contacts/c.yaml:2")]


@pytest.mark.parametrize(("marker", "message"), [
    ("private: maybe", "private must be true or false, not 'maybe'"),
    ("visibility: friends", "visibility 'friends' is not one of: public, private"),
    ("visibility: privat", "visibility 'privat' is not one of: public, private (did you mean 'private'?)"),
])
def test_an_unclear_marker_is_an_error_and_publishes_nothing(load, marker, message):
    contacts, _, problems = load({"contacts/c.yaml": f"- name: Zelda\n  {marker}\n"})
    assert contacts == () and problems == [f"contacts/c.yaml:2: error: {message}"]


def test_public_markers_keep_a_person_public(load):
    contacts, _, problems = load({"contacts/c.yaml": """
        - {name: A, visibility: public}
        - {name: B, private: false}
        - {name: C, public: true, published: yes, hidden: no}
    """})
    assert problems == [] and [c.id for c in contacts] == ["a", "b", "c"]


@pytest.mark.parametrize("marker", ["visibility: private", "private: true", "Private: yes"])
def test_a_private_list_is_not_published_at_all(load, marker):
    contacts, lists, problems, withheld = load({
        "contacts/circle.yaml": f"""
            title: Study circle
            {marker}
            people:
              - name: Zelda Quixote
                mobile: 604 555 0199
                visibility: public
              - name: Yann
                whatever: goes
        """,
        "contacts/open.yaml": "- name: Open\n",
    }, withheld=True)
    assert problems == []
    assert [c.id for c in contacts] == ["open"] and [ls.id for ls in lists] == ["open"]
    assert [(w.kind, w.key, str(w.loc)) for w in withheld] == [
        ("list", "circle", "contacts/circle.yaml:1"),
        ("person", "zelda-quixote", "contacts/circle.yaml:4"),
        ("person", "yann", "contacts/circle.yaml:7"),
    ]


def test_a_private_file_holds_anything_and_publishes_nothing(load):
    contacts, lists, problems, withheld = load({
        "contacts/colleagues.yaml": "- name: Leah Tran\n  id: leah\n",
        "contacts/colleagues.private.yaml": """
            # git ignores this file
            - name: Zelda Quixote
              mail: zq@example.org
              mobile: +1 604 555 0199
              anything: at all
            - id: leah
              email: leah@example.org
        """,
    }, withheld=True)
    assert problems == []  # not even the id Leah's private details share with her public entry
    assert [c.id for c in contacts] == ["leah"] and [ls.id for ls in lists] == ["colleagues"]
    assert contacts[0].handles == () and "example.org" not in repr((contacts, lists))
    assert [(w.kind, w.key, str(w.loc)) for w in withheld] == [
        ("list", "colleagues.private", "contacts/colleagues.private.yaml:1"),
        ("person", "zelda-quixote", "contacts/colleagues.private.yaml:2"),
        ("person", "leah", "contacts/colleagues.private.yaml:6"),
    ]


def test_list_keys_are_an_allow_list_too(load):
    contacts, lists, problems = load({"contacts/c.yaml": """
        titel: Typo
        description: "Call the group: +1 604 555 0199"
        people:
          - name: Pat
    """})
    assert problems == [
        "contacts/c.yaml:1: warning: unknown key 'titel' (did you mean 'title'?); it is not published",
        "contacts/c.yaml:2: error: description holds a phone number, and contact details are never published: "
        "remove it, or keep it in contacts/c.private.yaml, which git ignores",
    ]
    assert lists[0].title == "C" and lists[0].description is None
    assert "555" not in repr(lists) and "Typo" not in repr(lists)
