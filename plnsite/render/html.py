"""Render one HTML route with Jinja; template errors become Problems at template.html:line."""

from __future__ import annotations

import jinja2

from ..errors import Level, Loc, Problem
from ..paths import display_path

__all__ = ["render_template"]


def render_template(env: jinja2.Environment, name: str, context: dict) -> tuple[bytes | None, Problem | None]:
    try:
        return env.get_template(name).render(context).encode("utf-8"), None
    except jinja2.TemplateSyntaxError as exc:
        return None, Problem(Loc(_shown(exc.filename or name), exc.lineno), Level.ERROR,
                             f"template error: {exc.message}")
    except jinja2.TemplateNotFound as exc:
        return None, Problem(None, Level.ERROR, f"template '{exc.name}' not found in the theme")
    except jinja2.TemplateError as exc:
        where = _template_frame(exc)
        return None, Problem(where, Level.ERROR, f"template error: {exc.message or exc}")


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
