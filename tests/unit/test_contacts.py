"""load/contacts.py: contact lists, and the privacy boundary they are."""

from __future__ import annotations

import textwrap

import pytest

from plnsite.errors import Problems
from plnsite.load.contacts import load_contacts
from plnsite.model import Contact, ContactList


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Write ``{relative path: text}`` under tmp_path → (contacts, lists, problem strings)."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, str]):
        paths = []
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
            paths.append(path)
        problems = Problems()
        contacts, lists = load_contacts(paths, problems)
        return contacts, lists, [str(p) for p in problems.freeze()]

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
          handles: {email: careful-secret@example.org, phone: "555", matrix: "@c:matrix.org"}
    """})
    assert problems == ["contacts/h.yaml:2: error: handles.web must be an http(s) URL, not 'java\tscript:alert(1)'"]
    assert [c.handles for c in contacts] == [(("matrix", "@c:matrix.org"),)]


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
