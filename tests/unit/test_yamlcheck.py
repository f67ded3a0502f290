"""check_document's light walk for documents without aliases refuses exactly what the full walk
refuses, at the same line, with the same words (load_yaml takes it when the text has no ``*``)."""

from __future__ import annotations

import pytest
import yaml

from plnsite.yamlcheck import MAX_DEPTH, check_document


def _nested_lists(depth: int, leaf: str = "x") -> str:
    return "[" * depth + leaf + "]" * depth


def _nested_maps(depth: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + f"{'  ' * depth}leaf: 1\n"


DOCUMENTS = {
    "front matter": "title: A\ndate: 2024-01-01\ntags: [a, b]\nsummary: '*not* an alias'\n",
    "duplicate key": "title: A\ntags: [a]\ntitle: B\n",
    "duplicate key nested": "people:\n  - name: A\n    role: x\n    role: y\n",
    "duplicate after deep": "a:\n  b:\n    c: 1\n    c: 2\nd: 1\nd: 2\n",
    "numbers alike": "1: a\n'1': b\n",
    "lists at the limit": _nested_lists(MAX_DEPTH - 1),
    "lists past the limit by a scalar": _nested_lists(MAX_DEPTH),
    "empty list at the limit": _nested_lists(MAX_DEPTH - 1, ""),
    "lists past the limit": _nested_lists(MAX_DEPTH + 5),
    "maps at the limit": _nested_maps(MAX_DEPTH - 2),
    "maps past the limit": _nested_maps(MAX_DEPTH + 1),
    "key that is a list": "? [a, b]\n: 1\n? [a, b]\n: 2\n",
}


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_the_light_walk_refuses_what_the_full_walk_refuses(text):
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    full = check_document(node, first_line=3)
    assert check_document(node, first_line=3, may_alias=False) == full


def test_the_documents_cover_both_answers():
    answers = {name: check_document(yaml.compose(t, Loader=yaml.SafeLoader)) is None for name, t in DOCUMENTS.items()}
    assert answers["front matter"] and answers["lists at the limit"] and answers["maps at the limit"]
    assert not answers["lists past the limit by a scalar"] and not answers["duplicate key nested"]
