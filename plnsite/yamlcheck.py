"""check_document: refuse a composed YAML document that says one key twice, or that would cost
far more than its bytes.

PyYAML keeps the last of two equal keys without a word (a second ``people:`` drops the
first list's people). It builds an alias (``*name``) as the very object its anchor
(``&name``) made, so nine levels of ``b: &b [*a, *a, …]`` load in a millisecond; what hangs
is whoever walks the result (a tag list flattened, a title printed): 9⁹ values from 342
bytes. And it constructs recursively, so a list nested a thousand deep ends in a
``RecursionError``.

This looks at the composed nodes, before anything is constructed, each distinct node once,
and counts what the document would be with every alias written out. Refused, at the line
where it happens:

- a key written twice in one mapping (a key that ``<<: *defaults`` brings in may be set
  again: that is what a merge is for);
- nesting deeper than ``MAX_DEPTH`` lists and mappings (content needs five or six);
- aliases that add more than ``ALIAS_BUDGET`` values, or ``ALIAS_FACTOR`` times what the
  document writes out when that is more (``<<: *defaults`` in each entry of a long reading
  log stays fine): what a document costs stays in proportion to its size;
- an alias inside the collection it names (``&a [*a]``), which never ends.

Nodes are PyYAML's (``ScalarNode``, ``SequenceNode``, ``MappingNode``), told apart by their
``id``, so this module needs no import of PyYAML (yamlio.py is its home).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ALIAS_BUDGET", "ALIAS_FACTOR", "MAX_DEPTH", "Refusal", "check_document"]

MAX_DEPTH = 100
ALIAS_BUDGET = 10_000  # values
ALIAS_FACTOR = 10

_MERGE = "tag:yaml.org,2002:merge"
_LEAVE = object()  # a stack marker: the node below it has had all its children walked


@dataclass(frozen=True, slots=True)
class Refusal:
    line: int  # 0-based, in the YAML text
    message: str


def check_document(root, first_line: int = 1, *, may_alias: bool = True) -> Refusal | None:
    """Why the document rooted at ``root`` (a composed node) is refused, or None; ``first_line``
    is the file's line number of the YAML text's first line (for a line named in a message).
    ``may_alias=False`` says the text has no ``*`` (so no alias): then no node is reached
    twice, and a lighter walk finds the same refusals (most front matter is like that)."""
    if not may_alias:
        return _check_tree(root, first_line)
    done: dict[int, tuple[int, int]] = {}  # id(node) → (values with aliases written out, depth below)
    open_: set[int] = set()  # the collections being walked (the path from the root)
    written = 0
    reused: list[tuple[int, int]] = []  # (line of the alias, values it adds), in document order
    stack: list = [(root, 1, _line(root))]
    while stack:
        item = stack.pop()
        if item[0] is _LEAVE:
            node = item[1]
            children = _children(node)
            values = 1 + sum(done[id(child)][0] for child, _ in children)
            below = 1 + max((done[id(child)][1] for child, _ in children), default=0)
            done[id(node)] = (values, below)
            open_.discard(id(node))
            continue
        node, depth, used_at = item
        key = id(node)
        if key in open_:
            return Refusal(used_at, "an alias here names a list or mapping that holds the alias itself, "
                                    "which would repeat without end")
        if key in done:  # an alias: the node again, with all it holds
            values, below = done[key]
            reused.append((used_at, values))
            if depth + below - 1 > MAX_DEPTH:
                return _too_deep(used_at)
            continue
        written += 1
        if depth > MAX_DEPTH:
            return _too_deep(_line(node))
        if node.id == "mapping":
            twice = _key_twice(node, first_line)
            if twice is not None:
                return twice
        children = _children(node)
        if children:
            open_.add(key)
        stack.append((_LEAVE, node))
        stack.extend((child, depth + 1, line) for child, line in reversed(children))
    return _expansion(reused, max(ALIAS_BUDGET, ALIAS_FACTOR * written))


def _check_tree(root, first_line: int) -> Refusal | None:
    """check_document for a document without aliases: the same walk (depth first, in document
    order) without the bookkeeping that aliases need; a scalar is never pushed, since it holds
    nothing (one below the deepest collection allowed is refused where it would be visited)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _too_deep(_line(node))
        kind = node.id
        if kind == "mapping":
            twice = _key_twice(node, first_line)
            if twice is not None:
                return twice
            below = depth + 1
            for key, value in reversed(node.value):
                if value.id != "scalar" or below > MAX_DEPTH:
                    stack.append((value, below))
                if key.id != "scalar" or below > MAX_DEPTH:
                    stack.append((key, below))
        elif kind == "sequence":
            below = depth + 1
            stack.extend((child, below) for child in reversed(node.value)
                         if child.id != "scalar" or below > MAX_DEPTH)
    return None


def _children(node) -> list[tuple[object, int]]:
    """(child node, the line it is used on): a mapping value is used on its key's line, since an
    alias carries no place of its own; a list item on the line of the list when it is an alias."""
    if node.id == "sequence":
        return [(child, max(_line(child), _line(node))) for child in node.value]
    if node.id == "mapping":
        found = []
        for key, value in node.value:
            found += [(key, _line(key)), (value, _line(key))]
        return found
    return []


def _key_twice(node, first_line: int) -> Refusal | None:
    """The second of two keys written alike in this mapping (``1`` and ``'1'`` are one key too:
    every key is read as text)."""
    first: dict[str, int] = {}
    for key, _ in node.value:
        if key.id != "scalar" or key.tag == _MERGE:
            continue
        if key.value in first:
            return Refusal(_line(key), f"duplicate key '{key.value}': it is already set on line "
                                       f"{first[key.value] + first_line}, and only one of the two would be used: "
                                       f"keep one (for a list, put all its items under one '{key.value}:')")
        first[key.value] = _line(key)
    return None


def _line(node) -> int:
    return node.start_mark.line


def _too_deep(line: int) -> Refusal:
    return Refusal(line, f"lists and mappings are nested more than {MAX_DEPTH} deep here")


def _expansion(reused: list[tuple[int, int]], limit: int) -> Refusal | None:
    added = 0
    for line, values in reused:
        added += values
        if added > limit:
            return Refusal(line, f"the aliases (*name) up to this line add {added:,} values to the document, "
                                 f"past the limit of {limit:,}: write the values out, or keep anchors (&name) "
                                 f"for small repeated parts")
    return None
