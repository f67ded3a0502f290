"""YAML with line numbers and without YAML 1.1 surprises. The one home of PyYAML.

Mappings load as ``YMap`` (a dict that knows the line it starts on and the line
of each key), so loaders can report ``path:line`` for any entry or field.
``yes``/``no``/``on``/``off`` stay strings; only ``true``/``false`` are booleans;
a number stays a number only if it reads back as written (``3.10``, ``1:20``, ``010`` stay text).
A key given twice in one mapping (PyYAML keeps the last one without a word), nesting past
100 levels and aliases that blow a document up are refused at their line before anything is
built (see yamlcheck.py).
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache

import yaml

from .errors import Level, Loc, Problem
from .yamlcheck import check_document
from .yamlhints import yaml_hint

__all__ = ["YMap", "YamlError", "dump_yaml", "load_yaml"]

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
    if not isinstance(node, yaml.MappingNode):  # `!!map [1, 2]`
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a mapping node, but found {node.id}", node.start_mark
        )
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
    loader that reads it can say which field is wrong, at its line; so does a value
    tagged ``!!timestamp`` that is no date at all."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):  # AttributeError: PyYAML's pattern did not match
        return loader.construct_scalar(node)


def _construct_bool(loader: _Loader, node: yaml.ScalarNode):
    """``true``/``false``; a value tagged ``!!bool`` that is neither (``!!bool maybe``) stays text."""
    text = loader.construct_scalar(node)
    return loader.bool_values.get(text.lower(), text)


def _construct_number(loader: _Loader, node: yaml.ScalarNode):
    """A number only when it reads back as written: YAML 1.1's ``1:20`` (base 60 → 80),
    ``010`` (octal → 8), ``1_000``, ``0x1F`` and ``3.10`` (→ 3.1) stay the text they look like."""
    text = loader.construct_scalar(node)
    construct = (
        yaml.constructor.SafeConstructor.construct_yaml_int
        if node.tag == "tag:yaml.org,2002:int"
        else yaml.constructor.SafeConstructor.construct_yaml_float
    )
    try:
        value = construct(loader, node)
    except ValueError:  # tagged `!!int five`: no number at all
        return text
    return value if str(value) == text else text


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _last_line_mark(text: str) -> yaml.Mark:
    content = text.rstrip()
    return yaml.Mark("", len(content), content.count("\n"), 0, None, None)


def load_yaml(text: str, path: str, line_offset: int = 0):
    """Parse ``text``; raise YamlError carrying ``path:line`` when it is not YAML, PyYAML's
    wording followed by a plain hint where one fits (see yamlhints.py).

    ``line_offset`` is added to every line (front matter starts below ``---``).
    """
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        refused = check_document(node, first_line=line_offset + 1, may_alias="*" in text)
        if refused is not None:
            raise YamlError(Problem(Loc(path, refused.line + 1 + line_offset), Level.ERROR, refused.message))
        return loader.construct_document(node)
    except RecursionError:  # PyYAML's pure-Python composer, where libyaml is missing, recurses
        raise YamlError(Problem(Loc(path, line_offset + 1), Level.ERROR,
                                "lists and mappings are nested too deep to read")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        end = len(text.rstrip())
        if mark is not None and mark.index >= end:
            # The text ran out (an unclosed bracket or quote): the end of the stream is below
            # the last line; say where the unclosed thing opened, else the last line.
            context = exc.context_mark
            mark = context if context is not None and context.index < end else _last_line_mark(text)
        line = (mark.line + 1 + line_offset) if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        opened = exc.context_mark.line if exc.context_mark is not None else None
        hint = yaml_hint(what, text.split("\n"), mark.line, mark.column, opened, line_offset) if mark else None
        what += f"; {hint}" if hint else ""
        raise YamlError(Problem(Loc(path, line), Level.ERROR, f"invalid YAML: {what}")) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML refuses: PyYAML's message spans two lines and gives a character
        # offset; say it on one line, at the line holding the character.
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        raise YamlError(Problem(Loc(path, line), Level.ERROR,
                                f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(Loc(path, line_offset + 1), Level.ERROR, f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()


class _HandDumper(yaml.SafeDumper):
    """Block YAML as a person writes it: nested lists indented, short lists inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: _HandDumper, text: str):
    if "\n" in text.strip("\n"):  # a multi-line text reads best as a `|` block
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_str(text)


def _represent_list(dumper: _HandDumper, items: list):
    inline = all(not isinstance(item, (list, tuple, dict)) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=inline)


def _represent_datetime(dumper: _HandDumper, when):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", when.isoformat())


_HandDumper.add_representer(str, _represent_str)
_HandDumper.add_representer(list, _represent_list)
_HandDumper.add_representer(tuple, _represent_list)
_HandDumper.add_representer(_dt.datetime, _represent_datetime)
_HandDumper.add_multi_representer(dict, yaml.SafeDumper.represent_dict)  # YMap and friends


def dump_yaml(data) -> str:
    """``data`` (plain dicts, lists, strings, numbers, dates) as YAML that reads like
    hand-written content: block style, keys in the given order, quotes only where YAML
    needs them (``'no'``, ``'2024'``, ``'a: b'``), unicode as it is, no line wrapping."""
    return yaml.dump(data, Dumper=_HandDumper, sort_keys=False, default_flow_style=False,
                     allow_unicode=True, width=1 << 20)


# ---- one scalar as YAML text, for commands that add lines to a user's file (`plnsite new`) ----

__all__ += ["yaml_quoted", "yaml_scalar"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


@cache
def _literal() -> re.Pattern:
    """What YAML lets stand as itself inside double quotes (its printable set, minus line breaks
    and BOM). Compiled at first use: ~10 ms of character ranges that only `plnsite new` needs."""
    return re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def yaml_quoted(text: str) -> str:
    """``text`` as a one-line double-quoted YAML scalar that loads back as exactly ``text``:
    quotes, backslashes, line breaks and unprintable characters escaped, other unicode as it is."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _literal().match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as YAML for ``key: <here>`` (or, with ``flow``, an item of ``[a, b]``): plain
    when it loads back as the same string (``https://x.org/#a``, ``pln``), else
    :func:`yaml_quoted` (``"no"``, ``"2024"``, ``"3.10"``, ``"a: b"``, ``"# x"``, ``"- x"``, ``""``)."""
    plain = (text and text == text.strip() and all(_literal().match(ch) for ch in text)
             and "\ufeff" not in text and not text.startswith(('"', "'")))
    if plain:
        probe = f"k: [{text}]\n" if flow else f"k: {text}\n"
        want = {"k": [text] if flow else text}
        try:  # the same for plnsite and for YAML 1.1 tools (which read `no` and `3.10` otherwise)
            plain = load_yaml(probe, "<scalar>") == want and yaml.safe_load(probe) == want
        except (YamlError, yaml.YAMLError):
            plain = False
    return text if plain else yaml_quoted(text)
