"""Mermaid diagrams: which pages load the theme's Mermaid script, and whether a site publishes it.

Markdown turns a ```` ```mermaid ```` block into ``<pre class="mermaid">`` (its source,
escaped); the browser draws it with the theme's own copy of Mermaid, served from the site
(no CDN: a ``script-src 'self'`` policy holds). Its 3.5 MB are published only when some
page has a diagram, and loaded only by those pages.
"""

from __future__ import annotations

from ..markdown import MERMAID_MARK
from ..model import Route, Site, StaticFile

__all__ = ["SCRIPTS", "page_scripts", "theme_files"]

_FOLDER = "js/mermaid/"  # under the theme's static/: mermaid.min.js and its LICENSE
SCRIPTS = (f"{_FOLDER}mermaid.min.js", "js/mermaid-init.js")  # in the order they run


def _has_diagram(site: Site, item_id: str | None, summary: bool) -> bool:
    rendered = site.html.get(item_id) if item_id is not None else None
    if rendered is None or not rendered.diagrams:
        return False
    return not summary or MERMAID_MARK in rendered.summary_html


def page_scripts(site: Site, route: Route) -> tuple[str, ...]:
    """The theme scripts (static paths) ``route``'s page loads: Mermaid's when it shows a diagram,
    in its own text or in the summary of an item it lists."""
    if _has_diagram(site, route.subject, False) or any(_has_diagram(site, i, True) for i in route.items):
        return SCRIPTS
    return ()


def theme_files(static: tuple[StaticFile, ...], site: Site, prefix: str) -> tuple[StaticFile, ...]:
    """The theme's static files this site publishes: Mermaid's only when a text has a diagram."""
    if site.diagrams:
        return static
    skip = (prefix + _FOLDER, prefix + SCRIPTS[1])
    return tuple(f for f in static if not f.dest.startswith(skip))
