"""Remembered, same_items: the two small pieces every in-memory memo is made of."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Remembered", "same_items"]


class Remembered(NamedTuple):
    """A value and the inputs it was made from."""

    inputs: tuple
    value: object


def same_items(before: tuple, after: tuple, fields) -> bool:
    """Same length, and each item the very same object or equal in ``fields(item)``."""
    return len(before) == len(after) and all(a is b or fields(a) == fields(b) for a, b in zip(before, after))
