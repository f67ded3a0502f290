"""What every page has: the site (title, author, menu, feeds, stylesheets) and the page's own
head (title, URLs, description, pager), and the 404 page that has little else."""

from __future__ import annotations

import html as _html

from ...config import DEFAULT_MENU
from ...model import Route, RouteKind
from ..diagrams import page_scripts
from ..theme import THEME_STATIC_PREFIX
from ...urls import BLOGROLL_URL, HOME_URL, NOTES_URL, SEARCH_URL, TAGS_URL, feed_url
from .common import description, plain_data, web_url
from .network import handle_link, mastodon_creator
from .preview import site_image

__all__ = ["not_found_context", "page_view", "search_context", "site_view"]

_FAVICONS = (("favicon.svg", "image/svg+xml"), ("favicon.ico", "image/x-icon"), ("favicon.png", "image/png"))


def site_view(views, page_url: str) -> dict:
    """``site`` of a page's context: shared by every page but the menu, which marks the current one."""
    base = views.once("site", lambda: _site_base(views))
    menu = [_menu_item(item, page_url) for item in views.once("menu", lambda: _menu(views))]
    return dict(base, menu=menu)


def _asset_url(urls, path: str) -> str:
    """A theme's stylesheet or script: site-relative paths under the base path, others as written."""
    if path.startswith(("/", "http://", "https://")):
        return path
    return urls.path(path)


def _site_base(views) -> dict:
    site, urls = views.site, views.urls
    cfg = site.config
    social = [handle_link(name, value) for name, value in cfg.social]
    social = [s for s in social if s["url"]]
    social.sort(key=lambda s: s["name"] != "mastodon")  # stable: mastodon first, rest as written
    creator = None
    for name, value in cfg.social:
        if name.strip().lower() == "mastodon":
            creator = mastodon_creator(value)
            break
    dests = {f.dest: f for f in site.static}
    favicon = None
    for dest, media in _FAVICONS:
        if dest in dests:
            favicon = {"url": urls.path(dest), "type": media}
            break
    return {
        "title": cfg.title,
        "description": cfg.description or "",
        "language": cfg.language or "en",
        "direction": views.words.direction,
        "author": {"name": cfg.author.name, "url": web_url(cfg.author.url)},
        "social": [{"name": s["name"], "label": s["label"], "url": s["url"]} for s in social],
        "mastodon_creator": creator,
        "webmention": ({"endpoint": cfg.webmention.endpoint, "pingback": cfg.webmention.pingback}
                       if cfg.webmention else None),
        "extra": plain_data(cfg.extra or {}),
        "home_url": urls.path(HOME_URL),
        "absolute_home_url": urls.absolute(HOME_URL),
        "feeds": {"rss": urls.path(feed_url(RouteKind.RSS)), "atom": urls.path(feed_url(RouteKind.ATOM)),
                  "json": urls.path(feed_url(RouteKind.JSON_FEED)), "opml": urls.path(BLOGROLL_URL)},
        "stylesheets": [_asset_url(urls, s) for s in views.stylesheets],
        "favicon": favicon,
        "menu": [],
        "search": _search(urls) if cfg.search else None,
    }


def _search(urls) -> dict:
    """The search box's target, and what the search page's script needs: where Pagefind's bundle
    is and the base path its result URLs go under (they are written site-relative)."""
    return {"url": urls.path(SEARCH_URL), "script": urls.path(THEME_STATIC_PREFIX + "js/search.js"),
            "bundle": urls.path("pagefind/"), "base_path": urls.base_path}


def _menu(views) -> list[tuple[str, str, str | None, bool]]:
    urls = views.urls
    home = urls.path(HOME_URL)
    items = []
    menu = views.site.config.menu
    # The menu a site.yaml without one gets is the theme's words; a written menu is the writer's.
    title_of = views.words if menu == DEFAULT_MENU else str
    for item in menu:
        url = urls.site_url(item.url)
        path = url.split("#", 1)[0].split("?", 1)[0]
        # A section is an internal folder other than home: /notes/ is current on /notes/x/.
        section = path.startswith(home) and path.endswith("/") and path != home
        items.append((title_of(item.title), url, path if path.startswith(home) else None, section))
    return items


def _menu_item(item: tuple[str, str, str | None, bool], page_url: str) -> dict:
    title, url, path, is_section = item
    exact = path is not None and path == page_url
    section = not exact and is_section and page_url.startswith(path)
    return {"title": title, "url": url, "current": exact or section,
            "aria_current": "page" if exact else ("true" if section else None)}


def page_view(views, route: Route) -> dict:
    """``page`` of a page's context; each kind's context then sets its title and description."""
    urls = views.urls
    kind = route.kind.value
    return {
        "kind": kind,
        "title": views.site.config.title,
        "url": urls.path(route.url),
        "absolute_url": urls.absolute(route.url),
        "description": views.once("description", lambda: _site_description(views)),
        "og_type": "website",
        "image": site_image(views),  # {url, type, width, height, alt}: og:image (a note's own: items.py)
        "page_no": route.page_no,
        "page_count": route.page_count,
        "prev_url": urls.path(route.prev_url) if route.prev_url is not None else None,
        "next_url": urls.path(route.next_url) if route.next_url is not None else None,
        "article": None,  # {published_iso, modified_iso, tags} on notes (og:article:*)
        "alternates": [],  # extra feeds of this page: [{title, type, url}]
        "noindex": route.kind in (RouteKind.NOT_FOUND, RouteKind.SEARCH),
        # Theme scripts this page loads (Mermaid's where it shows a diagram), deferred.
        "scripts": [_asset_url(urls, THEME_STATIC_PREFIX + s) for s in page_scripts(views.site, route)],
    }


def _site_description(views) -> str:
    """The site's description as a page's: one line, cut (a page with its own says so instead)."""
    return description(_html.escape(views.site.config.description or ""))


def not_found_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = views.words("Page not found")
    ctx["notes_url"] = views.urls.path(NOTES_URL)
    ctx["tags_url"] = views.urls.path(TAGS_URL)


def search_context(views, route: Route, ctx: dict) -> None:
    ctx["page"]["title"] = views.words("Search")
    ctx["tags_url"] = views.urls.path(TAGS_URL)
