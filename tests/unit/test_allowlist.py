"""load/allowlist.py and load/keys.py: the private file convention, the markers, the hints."""

from __future__ import annotations

import pytest

from plnsite.errors import Problems
from plnsite.load.allowlist import is_private_file, private_file_for, private_marker
from plnsite.load.keys import closest, normal_key, unknown_value
from plnsite.yamlio import load_yaml


@pytest.mark.parametrize(("name", "private"), [
    ("friends.private.yaml", True), ("Friends.PRIVATE.yml", True), ("friends.yaml", False),
    ("private.yaml", False), ("friends-private.yaml", False),
])
def test_private_files(name, private):
    assert is_private_file(name) is private


@pytest.mark.parametrize(("where", "target"), [
    ("content/contacts/friends.yaml", "content/contacts/friends.private.yaml"),
    ("content/contacts/a.b.yml", "content/contacts/a.b.private.yml"),
    ("content/contacts/x.private.yaml", "content/contacts/x.private.yaml"),
])
def test_the_private_file_beside_a_list(where, target):
    assert private_file_for(where) == target


@pytest.mark.parametrize(("text", "private", "errors"), [
    ("name: A\n", False, []),
    ("visibility: public\nprivate: no\nhidden: false\npublic: yes\npublished: true\n", False, []),
    ("visibility: PRIVATE\n", True, []),
    ("private: 1\n", True, []),
    ("Hidden: on\n", True, []),
    ("published: 'off'\n", True, []),
    ("visibility: public\nprivate: true\n", True, []),  # any marker that says private wins
    ("private:\n", True, ["x.yaml:1: error: private must be true or false, not ''"]),
    ("public: [a]\n", True, ["x.yaml:1: error: public must be true or false, not a list"]),  # named, not printed
])
def test_markers(text, private, errors):
    problems = Problems()
    assert private_marker(load_yaml(text, "x.yaml"), "x.yaml", problems) is private
    assert [str(p) for p in problems.freeze()] == errors


def test_keys_compare_without_case_or_separators():
    assert normal_key("E_Mail") == normal_key("e-mail") == normal_key(" E mail ") == "e-mail"
    assert closest("Nmae", ["name", "id"]) == "name"
    assert closest("mobile", ["phone"], {"mobile": "phone"}) == "phone"
    assert closest("zzz", ["name"]) is None
    assert unknown_value("kind", "boook", ["book", "article"]) == "kind 'boook' is not one of: book, article (did you mean 'book'?)"
