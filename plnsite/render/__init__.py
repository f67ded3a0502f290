"""render_routes: Routes + Site → every output file, in memory."""

from __future__ import annotations

from ..errors import Problem
from ..model import Bytes, Copied, Route, RouteKind, Site
from ..urls import Urls
from .cards import render_card
from .feeds import render_feed, render_network_feed
from .html import render_template
from .opml import render_opml
from .sitemap import render_robots, render_sitemap
from .theme import Theme, load_theme
from .views import SiteViews
from ..parallel import fork_map, stage_progress

__all__ = ["MEDIA_TYPES", "Theme", "load_theme", "render_route", "render_routes"]

MEDIA_TYPES = {
    RouteKind.RSS: "application/rss+xml",
    RouteKind.ATOM: "application/atom+xml",
    RouteKind.NETWORK_RSS: "application/rss+xml",
    RouteKind.NETWORK_ATOM: "application/atom+xml",
    RouteKind.JSON_FEED: "application/feed+json",
    RouteKind.OPML: "text/x-opml",
    RouteKind.SITEMAP: "application/xml",
    RouteKind.ROBOTS: "text/plain",
    RouteKind.NOJEKYLL: "text/plain",
    RouteKind.CNAME: "text/plain",
}


_PARALLEL_MIN = 400  # below this many routes' work, forking costs more than it saves
# A card (an image drawn and compressed, ~18 ms) costs about as much as this many pages: a small
# site with cards is worth a second process, and its cards are shared out between the two.
_CARD_WEIGHT = 30


def render_routes(routes: tuple[Route, ...], site: Site, theme: Theme, urls: Urls, progress=None,
                  all_routes=None, jobs: int | None = 1, finish=None, cards=None):
    """Outputs of ``routes`` by file, and the problems met (each distinct problem once).

    ``all_routes`` is the whole site when only some routes are rendered (the sitemap lists all);
    ``jobs`` > 1 renders across that many forked processes; ``finish(output)``, if given, is
    applied to each rendered output where it is made (plnsite build stages pages on disk);
    ``progress(stage, done, total)``, if given, hears of each finished chunk of routes;
    ``cards``: the build's ``images.cards.CardMaker`` (cards drawn before are taken from its cache).
    """
    all_routes = routes if all_routes is None else all_routes
    shared = (site, theme, urls, SiteViews(site, urls, theme.stylesheets, theme.words), all_routes, finish, cards)
    results = fork_map(_render_chunk, list(routes), jobs, _PARALLEL_MIN,
                       stage_progress(progress, "render", len(routes)), shared=shared, weight=_weight)
    outputs: dict = {}
    problems: dict[Problem, None] = {}
    for output, problem in results:
        if problem is not None:
            problems[problem] = None
        if output is not None:
            outputs[output.file] = output
    return outputs, tuple(problems)


def _weight(route: Route) -> int:
    return _CARD_WEIGHT if route.kind is RouteKind.CARD else 1


def _render_chunk(shared: tuple, routes: list[Route]) -> list[tuple]:
    site, theme, urls, views, all_routes, finish, cards = shared
    results = []
    for route in routes:
        output, problem = render_route(route, site, theme, urls, views, all_routes, cards)
        if finish is not None and isinstance(output, Bytes):
            output = finish(output)
        results.append((output, problem))
    return results


def render_route(route: Route, site: Site, theme: Theme, urls: Urls, views, routes=(), cards=None):
    kind = route.kind
    if kind is RouteKind.STATIC:
        return Copied(file=route.file, src=route.static_src, url=route.url), None
    if kind is RouteKind.CARD:
        return render_card(route, site, cards, theme.words), None
    if route.template is not None:
        body, problem = render_template(theme.env, route.template, views.context(route))
    elif kind in (RouteKind.RSS, RouteKind.ATOM, RouteKind.JSON_FEED):
        body, problem = render_feed(route, site, urls, theme.words), None
    elif kind in (RouteKind.NETWORK_RSS, RouteKind.NETWORK_ATOM):
        body, problem = render_network_feed(route, site, urls), None
    elif kind is RouteKind.OPML:
        body, problem = render_opml(site, urls), None
    elif kind is RouteKind.SITEMAP:
        body, problem = render_sitemap(routes, site, urls), None
    elif kind is RouteKind.ROBOTS:
        body, problem = render_robots(urls), None
    elif kind is RouteKind.CNAME:
        body, problem = f"{site.config.cname}\n".encode(), None
    else:  # .nojekyll
        body, problem = b"", None
    if body is None:
        return None, problem
    media = MEDIA_TYPES.get(kind, "text/html")
    return Bytes(file=route.file, body=body, media_type=media, url=route.url), problem
