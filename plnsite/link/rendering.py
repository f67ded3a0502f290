"""Render many Markdown texts: the one place that may cache or parallelise it."""

from __future__ import annotations

from ..markdown import render_markdown
from ..model import MarkdownResult

__all__ = ["render_all"]


def render_all(jobs: list[tuple[str, str, bool]]) -> dict[str, MarkdownResult]:
    """``jobs`` are (key, markdown text, take_title); results by key."""
    return {key: render_markdown(text, take_title=take_title) for key, text, take_title in jobs}
