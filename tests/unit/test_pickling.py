"""pickling.py gives plnsite's slotted dataclasses quicker __getstate__/__setstate__: the same
state, so the same pickle bytes, as dataclasses' own; tested on every such class of model.py and
errors.py with real values (a built site's notes, pages, readings, contacts, problems)."""

from __future__ import annotations

import dataclasses
import pickle

import plnsite.errors
import plnsite.model
from plnsite.incremental.store import dump_model, load_model
from tests.conftest import build_site

_STOCK_GET = dataclasses._dataclass_getstate  # what dataclasses(slots=True) gives a class
_STOCK_SET = dataclasses._dataclass_setstate


def _slotted(module) -> list[type]:
    return [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == module.__name__
            and dataclasses.is_dataclass(c) and "__slots__" in vars(c)]


def test_every_slotted_dataclass_has_them():
    classes = _slotted(plnsite.model) + _slotted(plnsite.errors)
    assert len(classes) > 20
    for cls in classes:
        assert cls.__getstate__ is not _STOCK_GET and cls.__setstate__ is not _STOCK_SET, cls


def _values(site):
    yield from site.notes
    yield from site.pages
    yield from site.readings
    yield from site.contacts.values()
    yield from site.problems
    yield from site.tags.values()


def test_the_same_state_and_bytes_as_dataclasses_own(basic_source):
    site = build_site(basic_source).site
    seen = set()
    for value in _values(site):
        assert value.__getstate__() == _STOCK_GET(value)
        ours = dump_model(value)
        cls = type(value)
        get, put = cls.__getstate__, cls.__setstate__
        try:
            cls.__getstate__, cls.__setstate__ = _STOCK_GET, _STOCK_SET
            stock = dump_model(value)
            back_stock = pickle.loads(ours)  # ours read by dataclasses' own
        finally:
            cls.__getstate__, cls.__setstate__ = get, put
        assert ours == stock, cls
        assert load_model(stock) == value == back_stock, cls
        seen.add(cls.__name__)
    assert {"Note", "Page", "Reading", "Contact", "TagHub"} <= seen
