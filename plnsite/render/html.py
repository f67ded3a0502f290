"""Render one HTML route with Jinja; template errors become Problems at template.html:line.

Each is marked ``in_theme``, so it is printed before the content's problems: a broken
template explains more than any one content file does. A misspelt variable gets a "did you
mean" from the names the page's context has (a misspelt key, from the view: see theme.py).
"""

from __future__ import annotations

import re

import jinja2

from ..errors import Level, Loc, Problem
from ..paths import display_path
from .theme import close_name

__all__ = ["render_template"]

_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")


def render_template(env: jinja2.Environment, name: str, context: dict) -> tuple[bytes | None, Problem | None]:
    try:
        return env.get_template(name).render(context).encode("utf-8"), None
    except jinja2.TemplateSyntaxError as exc:
        return None, _problem(Loc(_shown(exc.filename or name), exc.lineno), f"template error: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        return None, _problem(None, f"template '{exc.name}' not found in the theme")
    except jinja2.TemplateError as exc:
        message = exc.message or str(exc)
        if isinstance(exc, jinja2.UndefinedError):
            message = _with_meant_name(message, [*context, *env.globals])
        return None, _problem(_template_frame(exc), f"template error: {message}")


def _problem(loc: Loc | None, message: str) -> Problem:
    return Problem(loc, Level.ERROR, message, in_theme=True)


def _with_meant_name(message: str, names: list[str]) -> str:
    """"'pgae' is undefined" → "… (did you mean 'page'?)" when the context has a close name."""
    found = _UNDEFINED_NAME.match(message)
    meant = close_name(found[1], names) if found else None
    return f"{message} (did you mean '{meant}'?)" if meant else message


def _template_frame(exc: BaseException) -> Loc | None:
    """The innermost traceback frame inside a template (Jinja maps those to template lines)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = Loc(_shown(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(filename: str) -> str:
    return display_path(filename)
