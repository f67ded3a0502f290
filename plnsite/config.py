"""read_config: site.yaml → SiteConfig, with typo hints and unknown keys kept as extra.

A list or mapping where a setting needs text (``title: [a, b]``, a menu item's ``title``) is
an error at its line, never printed as ``['a', 'b']``.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from urllib.parse import urlsplit

from .dates import BadDate, zone
from .errors import Loc, Problems
from .i18n import known_language, read_strings
from .model import Author, FeedConfig, MenuItem, NetworkConfig, SiteConfig, WebmentionConfig
from .paths import display_path
from .sources import drop_controls, drop_yaml_controls, read_source, shape_of
from .urls import normalize_base_url
from .yamlio import YamlError, YMap, load_yaml

__all__ = ["DEFAULT_MENU", "KNOWN_KEYS", "NETWORK_KEYS", "NO_SITE_YAML", "read_config"]

KNOWN_KEYS = (
    "title", "description", "base_url", "author", "language", "timezone", "theme",
    "paginate", "menu", "feed", "social", "cname", "network", "webmention",
    "activity", "cards",
    "strings", "search",
    "images",
)
FEED_INCLUDES = ("notes", "reading")
NO_SITE_YAML = "site.yaml is missing: every site needs one (run `plnsite init` for a start)"
DEFAULT_MENU = (
    MenuItem(title="Notes", url="/notes/"), MenuItem(title="Reading", url="/reading/"),
    MenuItem(title="Network", url="/network/"), MenuItem(title="Tags", url="/tags/"),
)


def read_config(content_dir: Path, problems: Problems, base_url: str | None = None) -> SiteConfig | None:
    """Read ``content_dir/site.yaml``; None (with problems) when it is unusable."""
    path = content_dir / "site.yaml"
    shown = display_path(path)
    if not path.is_file():
        problems.error(Loc(shown), NO_SITE_YAML)
        return None
    text = read_source(path, shown, problems)
    if text is None:
        return None
    try:
        data = load_yaml(text, shown)
    except YamlError as exc:
        problems.extend([exc.problem])
        return None
    if not isinstance(data, YMap):
        problems.error(Loc(shown, 1), "site.yaml must be a mapping of `key: value` lines")
        return None
    return _config(drop_yaml_controls(data, text, shown, problems), shown, problems, base_url)


def _config(data: YMap, shown: str, problems: Problems, base_url_override: str | None) -> SiteConfig | None:
    def loc(key: str) -> Loc:
        return Loc(shown, data.line_of(key))

    extra = {}
    for key in data:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
        if close:
            problems.warning(loc(key), f"unknown key '{key}' (did you mean '{close[0]}'?)")
        extra[key] = data[key]

    def text(key: str) -> str | None:
        return _text(data.get(key), key, loc(key), problems)

    title = data.get("title")
    if shape_of(title) is not None:
        title = text("title")
    elif not isinstance(title, str) or not title.strip():
        problems.error(loc("title") if "title" in data else Loc(shown, 1), "site.yaml needs a 'title'")
    raw_base = base_url_override or data.get("base_url")
    base_url = "http://localhost/"
    if shape_of(raw_base) is not None:
        problems.error(loc("base_url"), f"base_url must be an http(s) URL, not {shape_of(raw_base)}")
    elif not raw_base:
        problems.error(Loc(shown, 1), "site.yaml needs a 'base_url' (the address the site is published at)")
    elif drop_controls(str(raw_base))[1] is not None:  # only --base-url can: site.yaml's text has none left
        problems.error(None, f"base_url must be an absolute http(s) URL without control characters, not {raw_base!r}")
    else:
        try:
            base_url = normalize_base_url(str(raw_base))
        except ValueError as exc:
            problems.error(loc("base_url") if not base_url_override else None, str(exc))
    timezone = text("timezone") or "UTC"
    try:
        zone(timezone)
    except BadDate as exc:
        problems.error(loc("timezone"), str(exc))
        timezone = "UTC"
    paginate = data.get("paginate", 20)
    if isinstance(paginate, bool) or not isinstance(paginate, int) or paginate < 1:
        problems.error(loc("paginate"),
                       f"paginate must be a whole number of at least 1, not {shape_of(paginate) or repr(paginate)}")
        paginate = 20
    cname = text("cname")
    search = data.get("search", True)
    if not isinstance(search, bool):
        problems.error(loc("search"), f"search must be true or false, not {shape_of(search) or repr(search)}")
        search = True
    language = (text("language") or "en").strip() or "en"
    if not known_language(language):
        problems.warning(loc("language"), f"language '{language}' is not a language tag CLDR knows (such as 'en', "
                                          "'fr', 'pt-BR'): dates and the theme's words are shown in English")
    written = str(data.get("base_url") if isinstance(data.get("base_url"), str) else base_url)
    authority = urlsplit(written).hostname or urlsplit(base_url).hostname or "localhost"
    return SiteConfig(
        title=str(title or "").strip() or "Untitled",
        description=text("description") or "",
        base_url=base_url,
        author=_author(data.get("author"), str(title or ""), loc("author"), problems),
        language=language,
        timezone=timezone,
        theme=text("theme") or "default",
        paginate=paginate,
        menu=_menu(data.get("menu"), loc("menu"), problems),
        feed=_feed(data.get("feed"), loc("feed"), problems),
        social=_social(data.get("social"), loc("social"), problems),
        cname=cname.strip() if cname else None,
        extra=extra,
        loc=Loc(shown, 1),
        id_authority=authority,
        theme_loc=loc("theme") if "theme" in data else None,
        webmention=_webmention(data.get("webmention"), loc("webmention"), problems),
        search=search,
        network=_network(data.get("network"), loc("network"), problems),
        strings=_strings(data.get("strings"), loc("strings"), problems),
        language_loc=loc("language") if "language" in data else None,
        keep_image_metadata=_keep_metadata(data.get("images"), loc("images"), problems),
        activity=_switch(data.get("activity", True), "activity", loc("activity"), problems),
        cards=_switch(data.get("cards", True), "cards", loc("cards"), problems),
    )


_SWITCH = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _switch(value, name: str, at: Loc, problems: Problems) -> bool:
    """``true``/``false`` (``yes``/``no``, ``on``/``off`` too, as YAML 1.1 wrote them); anything
    else is an error, read as on."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _SWITCH:
        return _SWITCH[value.strip().lower()]
    problems.error(at, f"{name} must be true or false, not {shape_of(value) or repr(value)}")
    return True


def _text(value, name: str, at: Loc, problems: Problems) -> str | None:
    """A scalar as text (None for a null); a list or mapping is reported as ``<name> must be
    text, not a list`` and read as None."""
    wrong = shape_of(value)
    if wrong is not None:
        problems.error(at, f"{name} must be text, not {wrong}")
        return None
    return None if value is None else str(value)


def _author(value, fallback: str, loc: Loc, problems: Problems) -> Author:
    if isinstance(value, dict):
        def at(key: str) -> Loc:
            return Loc(loc.path, value.line_of(key))

        url = _text(value.get("url"), "author.url", at("url"), problems)
        return Author(name=_text(value.get("name"), "author.name", at("name"), problems) or fallback,
                      url=url or None)
    if isinstance(value, list):
        problems.error(loc, "author must be a name, or a mapping with 'name' and 'url'; not a list")
        return Author(name=fallback)
    return Author(name=_text(value, "author", loc, problems) or fallback)


def _menu(value, loc: Loc, problems: Problems) -> tuple[MenuItem, ...]:
    if value is None:
        return DEFAULT_MENU
    items = []
    for entry in value if isinstance(value, list) else [value]:
        if not isinstance(entry, dict) or not entry.get("title") or not entry.get("url"):
            problems.error(Loc(loc.path, getattr(entry, "line", loc.line)), "each menu item needs a 'title' and a 'url'")
            continue
        title = _text(entry["title"], "a menu item's title", Loc(loc.path, entry.line_of("title")), problems)
        url = _text(entry["url"], "a menu item's url", Loc(loc.path, entry.line_of("url")), problems)
        if title is not None and url is not None:
            items.append(MenuItem(title=title, url=url))
    return tuple(items)


def _keep_metadata(value, loc: Loc, problems: Problems) -> bool:
    """``images: {keep_metadata: true}``: publish photos with their EXIF, XMP and IPTC (place, camera)."""
    if value is None:
        return False
    if not isinstance(value, dict):
        problems.error(loc, "images must be a mapping (keep_metadata)")
        return False
    for key in value:
        if key != "keep_metadata":
            problems.warning(Loc(loc.path, value.line_of(key)), f"unknown key 'images.{key}' (known: keep_metadata)")
    keep = value.get("keep_metadata", False)
    if not isinstance(keep, bool):
        problems.error(Loc(loc.path, value.line_of("keep_metadata")),
                       f"images.keep_metadata must be true or false, not {shape_of(keep) or repr(keep)}")
        return False
    return keep


def _feed(value, loc: Loc, problems: Problems) -> FeedConfig:
    if value is None:
        return FeedConfig()
    if not isinstance(value, dict):
        problems.error(loc, "feed must be a mapping (limit, full_content, include)")
        return FeedConfig()
    written = value.get("include", ["notes"])
    written = written if isinstance(written, list) else [written]
    include = tuple(str(i) for i in written if shape_of(i) is None)
    if len(include) < len(written):  # `include: {a: 1}`, `include: [[notes]]`
        problems.error(Loc(loc.path, value.line_of("include")),
                       f"feed.include must be a list of: {', '.join(FEED_INCLUDES)}")
    for name in include:
        if name not in FEED_INCLUDES:
            problems.error(Loc(loc.path, value.line_of("include")), f"feed.include '{name}' is not one of: {', '.join(FEED_INCLUDES)}")
    limit = value.get("limit", 20)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        problems.error(Loc(loc.path, value.line_of("limit")),
                       f"feed.limit must be a whole number of at least 1, not {shape_of(limit) or repr(limit)}")
        limit = 20
    full = value.get("full_content", True)
    if shape_of(full) is not None:
        problems.error(Loc(loc.path, value.line_of("full_content")),
                       f"feed.full_content must be true or false, not {shape_of(full)}")
    return FeedConfig(limit=limit, full_content=bool(full), include=include)


def _strings(value, loc: Loc, problems: Problems) -> tuple:
    """``strings:``: words of the theme said otherwise (``Notes: Carnet``), over its catalogue."""
    if value is None:
        return ()
    if not isinstance(value, YMap):
        problems.error(loc, "strings must be a mapping of `English text: your words` lines")
        return ()
    return tuple(read_strings(value, loc.path, problems).items())


def _social(value, loc: Loc, problems: Problems) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.error(loc, "social must be a mapping of network: profile URL")
        return ()
    pairs = []
    for name, url in value.items():
        wrong = shape_of(url)
        url = str(url)
        if wrong is not None or not url.startswith(("https://", "http://")):
            problems.error(Loc(loc.path, value.line_of(name)),
                           f"social.{name} must be an http(s) URL, not " + (wrong or f"'{url}'"))
            continue
        pairs.append((str(name), url))
    return tuple(pairs)


NETWORK_KEYS = ("latest", "per_person", "hubs", "home", "days", "max")
_NETWORK_OFF = NetworkConfig(latest=False, per_person=False, hubs=0, home=0)


def _network(value, loc: Loc, problems: Problems) -> NetworkConfig:
    """``network:`` — ``false`` (nothing of the network shown), ``true``, or a mapping of
    NETWORK_KEYS: ``latest``/``per_person`` true or false, ``hubs``/``home`` a count (true: the
    default, false: 0), ``days``/``max`` a whole number of at least 1."""
    if value is None or value is True:
        return NetworkConfig()
    if value is False:
        return _NETWORK_OFF
    if not isinstance(value, dict):
        problems.error(loc, f"network must be true, false or a mapping ({', '.join(NETWORK_KEYS)}), "
                            f"not {shape_of(value) or repr(value)}")
        return NetworkConfig()
    default = NetworkConfig()
    settings = {}
    for key in value:
        at = Loc(loc.path, value.line_of(key))
        if key not in NETWORK_KEYS:
            close = difflib.get_close_matches(str(key), NETWORK_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(NETWORK_KEYS)}"
            problems.warning(at, f"unknown key 'network.{key}' ({hint})")
            continue
        given = value[key]
        if key in ("latest", "per_person"):
            if isinstance(given, bool):
                settings[key] = given
            else:
                problems.error(at, f"network.{key} must be true or false, not {shape_of(given) or repr(given)}")
        elif key in ("hubs", "home"):
            if isinstance(given, bool):
                settings[key] = getattr(default, key) if given else 0
            elif isinstance(given, int) and given >= 0:
                settings[key] = given
            else:
                problems.error(at, f"network.{key} must be a number of posts (0 for none) or true/false, "
                                   f"not {shape_of(given) or repr(given)}")
        elif isinstance(given, bool) or not isinstance(given, int) or given < 1:
            problems.error(at, f"network.{key} must be a whole number of at least 1, "
                               f"not {shape_of(given) or repr(given)}")
        else:
            settings[key] = given
    return NetworkConfig(**settings)


WEBMENTION_KEYS = ("endpoint", "pingback", "api", "block", "photos")


def _webmention(value, loc: Loc, problems: Problems) -> WebmentionConfig | None:
    """``webmention: {endpoint, pingback, api, block, photos}``; a token is refused here (site.yaml is
    published with the site's repository): it is read from WEBMENTION_IO_TOKEN."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.error(loc, "webmention must be a mapping with at least 'endpoint: URL'")
        return None

    def at(key: str) -> Loc:
        return Loc(loc.path, value.line_of(key))

    def url(key: str) -> str | None:
        found = value.get(key)
        if found is None:
            return None
        if shape_of(found) is not None or not str(found).startswith(("https://", "http://")) \
                or not _host(str(found)):
            problems.error(at(key), f"webmention.{key} must be an http(s) URL, not "
                                    + (shape_of(found) or f"'{found}'"))
            return None
        return str(found)

    for key in value:
        if key == "token":
            problems.error(at(key), "webmention.token must not be written in site.yaml (it would be published "
                                    "with the site's source): set the environment variable WEBMENTION_IO_TOKEN")
        elif key not in WEBMENTION_KEYS:
            problems.warning(at(key), f"unknown key 'webmention.{key}' (known: {', '.join(WEBMENTION_KEYS)})")
    endpoint = url("endpoint")
    if endpoint is None:
        if "endpoint" not in value:
            problems.error(loc, "webmention needs an 'endpoint' (the URL that receives your Webmentions)")
        return None
    block = value.get("block") or []
    block = block if isinstance(block, list) else [block]
    kept = tuple(str(b).strip().lower() for b in block if shape_of(b) is None and str(b).strip())
    if len(kept) < len(block):
        problems.error(at("block"), "webmention.block must be a list of domains or URLs")
    photos = value.get("photos", False)
    if not isinstance(photos, bool):
        problems.error(at("photos"), f"webmention.photos must be true or false, not {shape_of(photos) or repr(photos)}")
        photos = False
    return WebmentionConfig(endpoint=endpoint, pingback=url("pingback"), api=url("api"), block=kept, photos=photos,
                            loc=loc)


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # "http://[::1" and the like
        return None
