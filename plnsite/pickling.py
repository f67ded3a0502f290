"""Quicker pickling of plnsite's slotted dataclasses, with the same bytes.

A dataclass with ``slots=True`` pickles through ``dataclasses``' own ``__getstate__`` and
``__setstate__``, which call ``dataclasses.fields()`` for every object: a warm build of
10,000 notes reads some 50,000 such objects back from its cache, and those calls were most
of the time it took. ``by_field_names`` gives each class the same two methods with its field
names found once: the state is the same list of field values in the same order, so a pickle
is the same bytes and reads back the same (tests/unit/test_pickling.py compares them with
``dataclasses``' on every model class). Nothing else of the classes changes.
"""

from __future__ import annotations

import dataclasses
import types

__all__ = ["by_field_names"]


def by_field_names(namespace: dict, module: str) -> None:
    """Give every slotted dataclass defined in ``module`` (its ``namespace``) the quicker methods."""
    for cls in list(namespace.values()):
        if isinstance(cls, type) and cls.__module__ == module and dataclasses.is_dataclass(cls) \
                and "__slots__" in vars(cls):
            _give(cls, tuple(f.name for f in dataclasses.fields(cls)))


def _give(cls: type, names: tuple[str, ...]) -> None:
    # Each field's slot, set through its own descriptor: what ``object.__setattr__`` ends in,
    # without looking the name up on the class for every value (a third of the time).
    setters = tuple(_slot(cls, name).__set__ for name in names)

    def __getstate__(self):
        return [getattr(self, name) for name in names]

    def __setstate__(self, state):
        for set_slot, value in zip(setters, state):
            set_slot(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__


def _slot(cls: type, name: str):
    """The member descriptor of ``cls``'s slot ``name`` (its own or a base class's)."""
    for owner in cls.__mro__:
        found = vars(owner).get(name)
        if found is not None:
            if not isinstance(found, types.MemberDescriptorType):
                raise TypeError(f"{cls.__name__}.{name} is not a slot")
            return found
    raise TypeError(f"{cls.__name__} has no slot {name}")
