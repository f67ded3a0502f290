"""Remembered, same_items, swapped_positions: the small pieces every in-memory memo is made of."""

from __future__ import annotations

from itertools import compress, count
from operator import is_not
from typing import NamedTuple

__all__ = ["Remembered", "same_items", "swapped_positions"]


class Remembered(NamedTuple):
    """A value and the inputs it was made from."""

    inputs: tuple
    value: object


def same_items(before: tuple, after: tuple, fields) -> bool:
    """Same length, and each item the very same object or equal in ``fields(item)``."""
    if len(before) != len(after):
        return False
    # The positions holding another object, found without a Python step per item (a preview
    # save replaces one item of 10,000): only those are compared field by field.
    moved = compress(range(len(before)), map(is_not, before, after))
    return all(fields(before[i]) == fields(after[i]) for i in moved)


def swapped_positions(before: tuple, after: tuple) -> list[int] | None:
    """The positions where ``after`` holds another object than ``before``, when both hold the
    same ids in the same order (a save that replaced items in place); None otherwise. Found
    without a Python step per item: only the swapped positions are looked at."""
    if len(before) != len(after):
        return None
    positions = list(compress(count(), map(is_not, before, after)))
    if any(before[i].id != after[i].id for i in positions):
        return None
    return positions
