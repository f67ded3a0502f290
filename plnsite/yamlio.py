"""YAML with line numbers and without YAML 1.1 surprises. The one home of PyYAML.

Mappings load as ``YMap`` (a dict that knows the line it starts on and the line
of each key), so loaders can report ``path:line`` for any entry or field.
``yes``/``no``/``on``/``off`` stay strings; only ``true``/``false`` are booleans.
"""

from __future__ import annotations

import re

import yaml

from .errors import Level, Loc, Problem

__all__ = ["YMap", "YamlError", "load_yaml"]

try:  # libyaml's parser is ~10x faster; the constructor stays ours either way
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class YMap(dict):
    """A mapping from YAML; ``line`` and ``key_lines`` are 1-based file lines."""

    __slots__ = ("key_lines", "line")

    def __init__(self, *args, line: int = 0, key_lines: dict | None = None) -> None:
        super().__init__(*args)
        self.line = line
        self.key_lines = key_lines or {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(_Base):
    line_offset = 0


# A private copy of the resolver table, so the global PyYAML loaders are untouched.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> YMap:
    loader.flatten_mapping(node)
    result = YMap(line=node.start_mark.line + 1 + loader.line_offset)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            )
        key = str(key) if not isinstance(key, str) else key
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date-shaped value that is no real date (2025-02-30) stays text, so the
    loader that reads it can say which field is wrong, at its line."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(text: str, path: str, line_offset: int = 0):
    """Parse ``text``; raise YamlError carrying ``path:line`` when it is not YAML.

    ``line_offset`` is added to every line (front matter starts below ``---``).
    """
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise YamlError(Problem(Loc(path, line), Level.ERROR, f"invalid YAML: {what}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(Loc(path, line_offset + 1), Level.ERROR, f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()
