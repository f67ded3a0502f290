"""Split a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Level, Loc, Problem, Problems
from ..sources import drop_yaml_controls, read_source
from ..yamlio import YamlError, YMap, load_yaml

__all__ = ["FrontMatter", "read_front_matter", "split_front_matter"]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    meta: YMap  # key_lines are file lines
    body: str
    body_line: int  # file line (1-based) of the body's first line


def split_front_matter(text: str, path: str) -> tuple[FrontMatter, Problem | None]:
    """``---``-delimited YAML at the top of ``text``; a file without it has empty meta."""
    text = text.removeprefix("\ufeff")
    first_nl = text.find("\n")
    first = text[: first_nl if first_nl >= 0 else len(text)].rstrip()
    if first != "---":
        return FrontMatter(YMap(line=1), text, 1), None
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            try:
                meta = load_yaml(yaml_text, path, line_offset=1) if yaml_text.strip() else None
            except YamlError as exc:
                return FrontMatter(YMap(line=1), body, index + 2), exc.problem
            if meta is None:
                meta = YMap(line=2)
            if not isinstance(meta, YMap):
                problem = Problem(Loc(path, 2), Level.ERROR, "front matter must be a mapping of `key: value` lines")
                return FrontMatter(YMap(line=1), body, index + 2), problem
            return FrontMatter(meta, body, index + 2), None
    return FrontMatter(YMap(line=1), text, 1), Problem(
        Loc(path, 1), Level.ERROR, "front matter starts with '---' but has no closing '---' line"
    )


def read_front_matter(path: Path, where: str, problems: Problems) -> FrontMatter | None:
    """The front matter and body of the Markdown file ``path`` (``where`` is how the user sees
    its path), or None with the problem (not readable, not UTF-8, bad front matter) collected.
    Control characters are dropped, from the text and from the strings YAML escapes make."""
    text = read_source(path, where, problems)
    if text is None:
        return None
    front, problem = split_front_matter(text, where)
    if problem is not None:
        problems.extend([problem])
        return None
    meta = drop_yaml_controls(front.meta, text, where, problems)
    return front if meta is front.meta else FrontMatter(meta, front.body, front.body_line)
