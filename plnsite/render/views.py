"""Site → the plain values templates see: the privacy and URL boundary of every theme.

Templates get dicts, lists, strings, ints, bools and None built here, never model
objects, so a theme can show only what this module hands it (Zola's ``ser.rs``).
Every URL comes from :class:`~plnsite.urls.Urls`; rendered HTML arrives as ``str``
for ``|safe``, everything else is auto-escaped.

Use one :class:`SiteViews` per ``(site, urls)``: it builds each item's view once
and shares it between the pages that show it (10,000 notes, 10,000+ pages)::

    views = SiteViews(site, urls, stylesheets=("css/site.css",))
    ctx = views.context(route)

``context(route, site, urls, stylesheets)`` does the same with a one-entry memo.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..model import Contact, Note, Page, Reading, ReadingKind, ReadingStatus, Route, RouteKind, Site
from ..text import tag_slug
from ..urls import (BLOGROLL_URL, HOME_URL, NETWORK_URL, NOTES_URL, READING_URL, TAGS_URL, Urls, feed_url,
                    item_url, reading_entry_url, tag_feed_url, tag_url)

__all__ = ["SiteViews", "context", "date_display", "handle_link", "mastodon_creator", "read_status"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

_READ_STATUS = {ReadingStatus.WANT: "to-read", ReadingStatus.READING: "reading",
                ReadingStatus.FINISHED: "finished", ReadingStatus.ABANDONED: "abandoned"}
_STATUS_LABEL = {ReadingStatus.WANT: "Want to read", ReadingStatus.READING: "Reading",
                 ReadingStatus.FINISHED: "Finished", ReadingStatus.ABANDONED: "Abandoned"}
_KIND_LABEL = {ReadingKind.BOOK: ("Book", "Books"), ReadingKind.ARTICLE: ("Article", "Articles"),
               ReadingKind.PAPER: ("Paper", "Papers"), ReadingKind.VIDEO: ("Video", "Videos"),
               ReadingKind.PODCAST: ("Podcast", "Podcasts"), ReadingKind.COURSE: ("Course", "Courses"),
               ReadingKind.TALK: ("Talk", "Talks"), ReadingKind.OTHER: ("Other", "Other")}

_HANDLE_LABEL = {"github": "GitHub", "gitlab": "GitLab", "codeberg": "Codeberg", "mastodon": "Mastodon",
                 "bluesky": "Bluesky", "twitter": "Twitter", "x": "X", "linkedin": "LinkedIn",
                 "youtube": "YouTube", "website": "Website", "blog": "Blog", "orcid": "ORCID",
                 "peertube": "PeerTube", "scholar": "Google Scholar", "researchgate": "ResearchGate",
                 "stackoverflow": "Stack Overflow", "public-email": "Email"}
_HANDLE_BASE = {"github": "https://github.com/", "gitlab": "https://gitlab.com/",
                "codeberg": "https://codeberg.org/", "bluesky": "https://bsky.app/profile/",
                "twitter": "https://twitter.com/", "x": "https://x.com/", "orcid": "https://orcid.org/"}
_USERNAME = re.compile(r"@?[\w.-]+")
_FEDI_HANDLE = re.compile(r"@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_DESCRIPTION_LIMIT = 200
_RECENTLY_FINISHED = 5
_ACTIVITY_MONTHS = 12


# -- small pure helpers (public for tests and feeds) -------------------------------------------

def date_display(when: dt.date | None) -> str | None:
    """``date(2025, 3, 4)`` → ``"4 March 2025"``."""
    if when is None:
        return None
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def _iso(when: dt.date | None) -> str | None:
    if when is None:
        return None
    if isinstance(when, dt.datetime):
        return when.isoformat(timespec="seconds")
    return when.isoformat()


def _web_url(value: str | None) -> str | None:
    """An http(s) URL as given, ``example.org/x`` made https, anything else None."""
    if not value:
        return None
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if scheme in ("http", "https"):
        return value
    if not scheme and "." in value.split("/", 1)[0] and " " not in value and not value.startswith(("/", "@")):
        return "https://" + value
    return None


def _fedi_url(value: str) -> str | None:
    match = _FEDI_HANDLE.fullmatch(value.strip())
    return f"https://{match[2]}/@{match[1]}" if match else None


def handle_link(name: str, value: str) -> dict:
    """A contact's or the author's handle → ``{name, label, text, url, property}`` (url None if
    unknown; property the microformats class of the link).

    github ``x`` → https://github.com/x; mastodon a URL or ``@user@host``; bluesky
    ``x.bsky.social`` → https://bsky.app/profile/x.bsky.social; ``public-email`` a ``mailto:``
    link (the one way an address is published); others kept when http(s).
    """
    key = name.strip().lower()
    text = str(value).strip()
    url = None
    if key == "public-email":
        mailto = text.lower().startswith("mailto:")
        return {"name": key, "label": "Email", "text": text, "url": text if mailto else None, "property": "u-email"}
    if urlsplit(text).scheme.lower() in ("http", "https"):
        url = text
    elif key == "mastodon":
        url = _fedi_url(text)
    elif key in _HANDLE_BASE and _USERNAME.fullmatch(text):
        url = _HANDLE_BASE[key] + text.lstrip("@")
    label = _HANDLE_LABEL.get(key, name.strip().replace("_", " ").replace("-", " ").title())
    return {"name": key, "label": label, "text": text, "url": url, "property": "u-url"}


def mastodon_creator(value: str | None) -> str | None:
    """``https://host/@user`` (or ``@user@host``) → ``"@user@host"``; else None."""
    if not value:
        return None
    value = value.strip()
    match = _FEDI_HANDLE.fullmatch(value)
    if match:
        return f"@{match[1]}@{match[2]}"
    parts = urlsplit(value)
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme in ("http", "https") and parts.hostname and len(segments) == 1 and segments[0].startswith("@"):
        user = segments[0][1:]
        if user and "@" not in user:
            return f"@{user}@{parts.hostname}"
        if "@" in user:  # https://host/@user@other.host (a remote account)
            return f"@{user}"
    return None


def read_status(status: ReadingStatus) -> str:
    """The microformats ``p-read-status`` value: to-read, reading, finished (or abandoned)."""
    return _READ_STATUS[status]


def _plain(html: str | None, limit: int = _DESCRIPTION_LIMIT) -> str:
    """Rendered HTML → one line of text (for meta descriptions), cut at a word."""
    if not html:
        return ""
    text = _SPACE.sub(" ", _html.unescape(_TAG.sub(" ", html))).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def _plain_data(value):
    """site.extra (YAML) → plain dicts/lists/scalars, dates as ISO strings."""
    if isinstance(value, Mapping):
        return {str(k): _plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _join_names(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _stars(rating: int | None) -> str | None:
    if rating is None:
        return None
    rating = max(0, min(5, rating))
    return "★" * rating + "☆" * (5 - rating)


# -- the views ---------------------------------------------------------------------------------

class SiteViews:
    """Views of one Site, each item's built once and shared by every page that shows it."""

    def __init__(self, site: Site, urls: Urls, stylesheets: tuple[str, ...] = ()) -> None:
        self.site = site
        self.urls = urls
        self.stylesheets = tuple(stylesheets)
        self._note_pos = {note.id: i for i, note in enumerate(site.notes)}
        self._notes: dict[str, dict] = {}
        self._readings: dict[str, dict] = {}
        self._contacts: dict[str, dict] = {}
        self._tag_cache: dict[str, dict | None] = {}
        self._links: dict[str, dict | None] = {}
        self._shared: dict[str, object] = {}

    # -- public ------------------------------------------------------------------------------

    def context(self, route: Route, stylesheets: tuple[str, ...] | None = None) -> dict:
        """The whole Jinja context of an HTML route."""
        kind = route.template[:-5] if route.template and route.template.endswith(".html") else route.kind.value
        page = self._page(route, kind)
        ctx = {"site": self._site_view(page["url"], stylesheets), "page": page}
        build = getattr(self, f"_ctx_{kind}", None)
        if build is not None:
            build(route, ctx)
        return ctx

    def note(self, note_id: str) -> dict:
        view = self._notes.get(note_id)
        if view is None:
            view = self._notes[note_id] = self._note_view(self.site.items[note_id])
        return view

    def reading(self, reading_id: str) -> dict:
        view = self._readings.get(reading_id)
        if view is None:
            view = self._readings[reading_id] = self._reading_view(self.site.items[reading_id])
        return view

    def contact(self, contact_id: str) -> dict:
        view = self._contacts.get(contact_id)
        if view is None:
            view = self._contacts[contact_id] = self._contact_view(self.site.contacts[contact_id])
        return view

    def tag(self, spelling: str) -> dict | None:
        """``{name, slug, url}`` of the tag a spelling belongs to (None if the site has none)."""
        slug = tag_slug(spelling)
        if slug not in self._tag_cache:
            hub = self.site.tags.get(slug)
            self._tag_cache[slug] = None if hub is None else {
                "name": hub.tag.name, "slug": slug, "url": self.urls.path(tag_url(slug))}
        return self._tag_cache[slug]

    def link(self, item_id: str) -> dict | None:
        """``{title, url}`` for any item id (note, page, reading, contact)."""
        if item_id not in self._links:
            item = self.site.items.get(item_id) or self.site.contacts.get(item_id)
            if item is None:
                self._links[item_id] = None
            else:
                title = item.name if isinstance(item, Contact) else item.title
                self._links[item_id] = {"title": title, "url": self.urls.path(item_url(item))}
        return self._links[item_id]

    # -- common parts ------------------------------------------------------------------------

    def _once(self, key: str, make):
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def _site_view(self, page_url: str, stylesheets: tuple[str, ...] | None) -> dict:
        base = self._once("site", self._site_base)
        menu = [self._menu_item(item, page_url) for item in self._once("menu", self._menu)]
        view = dict(base, menu=menu)
        if stylesheets is not None and tuple(stylesheets) != self.stylesheets:
            view["stylesheets"] = [self._asset(s) for s in stylesheets]
        return view

    def _outward(self, value: str | None) -> str | None:
        """A URL written in content: http(s) kept, ``/x`` under the base path, others dropped."""
        if value and value.startswith("/") and not value.startswith("//"):
            return self.urls.site_url(value)
        return _web_url(value)

    def _asset(self, path: str) -> str:
        if path.startswith(("/", "http://", "https://")):
            return path
        return self.urls.path(path)

    def _site_base(self) -> dict:
        cfg, urls = self.site.config, self.urls
        social = [handle_link(name, value) for name, value in cfg.social]
        social = [s for s in social if s["url"]]
        social.sort(key=lambda s: s["name"] != "mastodon")  # stable: mastodon first, rest as written
        creator = None
        for name, value in cfg.social:
            if name.strip().lower() == "mastodon":
                creator = mastodon_creator(value)
                break
        dests = {f.dest: f for f in self.site.static}
        favicon = None
        for dest, media in (("favicon.svg", "image/svg+xml"), ("favicon.ico", "image/x-icon"),
                            ("favicon.png", "image/png")):
            if dest in dests:
                favicon = {"url": urls.path(dest), "type": media}
                break
        return {
            "title": cfg.title,
            "description": cfg.description or "",
            "language": cfg.language or "en",
            "author": {"name": cfg.author.name, "url": _web_url(cfg.author.url)},
            "social": [{"name": s["name"], "label": s["label"], "url": s["url"]} for s in social],
            "mastodon_creator": creator,
            "extra": _plain_data(cfg.extra or {}),
            "home_url": urls.path(HOME_URL),
            "absolute_home_url": urls.absolute(HOME_URL),
            "feeds": {"rss": urls.path(feed_url(RouteKind.RSS)), "atom": urls.path(feed_url(RouteKind.ATOM)),
                      "json": urls.path(feed_url(RouteKind.JSON_FEED)), "opml": urls.path(BLOGROLL_URL)},
            "stylesheets": [self._asset(s) for s in self.stylesheets],
            "favicon": favicon,
            "menu": [],
        }

    def _menu(self) -> list[tuple[str, str, str | None, bool]]:
        home = self.urls.path(HOME_URL)
        items = []
        for item in self.site.config.menu:
            url = self.urls.site_url(item.url)
            path = url.split("#", 1)[0].split("?", 1)[0]
            # A section is an internal folder other than home: /notes/ is current on /notes/x/.
            section = path.startswith(home) and path.endswith("/") and path != home
            items.append((item.title, url, path if path.startswith(home) else None, section))
        return items

    @staticmethod
    def _menu_item(item: tuple[str, str, str | None, bool], page_url: str) -> dict:
        title, url, path, is_section = item
        exact = path is not None and path == page_url
        section = not exact and is_section and page_url.startswith(path)
        return {"title": title, "url": url, "current": exact or section,
                "aria_current": "page" if exact else ("true" if section else None)}

    def _page(self, route: Route, kind: str) -> dict:
        urls = self.urls
        return {
            "kind": kind,
            "title": self.site.config.title,
            "url": urls.path(route.url),
            "absolute_url": urls.absolute(route.url),
            "description": _plain(_html.escape(self.site.config.description or "")),  # one line, cut
            "og_type": "website",
            "page_no": route.page_no,
            "page_count": route.page_count,
            "prev_url": urls.path(route.prev_url) if route.prev_url is not None else None,
            "next_url": urls.path(route.next_url) if route.next_url is not None else None,
            "article": None,  # {published_iso, modified_iso, tags} on notes (og:article:*)
            "alternates": [],  # extra feeds of this page: [{title, type, url}]
            "noindex": kind == "404",
        }

    # -- item views --------------------------------------------------------------------------

    def _tags(self, spellings: tuple[str, ...]) -> list[dict]:
        seen, out = set(), []
        for spelling in spellings:
            view = self.tag(spelling)
            if view is not None and view["slug"] not in seen:
                seen.add(view["slug"])
                out.append(view)
        return out

    def _backlinks(self, item_id: str) -> list[dict]:
        return [link for link in map(self.link, self.site.backlinks.get(item_id, ())) if link]

    def _note_view(self, note: Note) -> dict:
        rendered = self.site.html.get(note.id)
        rel = item_url(note)
        if note.summary:
            summary_html = f"<p>{_html.escape(note.summary.strip())}</p>"
        else:
            summary_html = rendered.summary_html if rendered else ""
        pos = self._note_pos.get(note.id)
        notes = self.site.notes
        older = notes[pos + 1] if pos is not None and pos + 1 < len(notes) else None
        newer = notes[pos - 1] if pos else None
        updated = note.updated if note.updated and note.updated != note.date else None
        return {
            "id": note.id,
            "slug": note.slug,
            "title": note.title,
            "url": self.urls.path(rel),
            "absolute_url": self.urls.absolute(rel),
            "date_iso": _iso(note.date),
            "date_display": date_display(note.date),
            "updated_iso": _iso(updated),
            "updated_display": date_display(updated),
            "tags": self._tags(note.tags),
            "summary_html": summary_html,
            "summary_text": _plain(summary_html),
            "content_html": rendered.html if rendered else "",
            "backlinks": self._backlinks(note.id),
            "prev": self.link(older.id) if older else None,  # older neighbour
            "next": self.link(newer.id) if newer else None,  # newer neighbour
        }

    def _reading_view(self, reading: Reading) -> dict:
        rendered = self.site.html.get(reading.id)
        page_rel = reading_entry_url(reading.slug) if reading.has_page else None
        via = None
        if reading.via and reading.via in self.site.contacts:
            via_link = self.link(reading.via)
            via = {"name": via_link["title"], "url": via_link["url"]}
        when = reading.finished or reading.started
        singular, _plural = _KIND_LABEL[reading.kind]
        notes_html = rendered.html if rendered else None
        return {
            "id": reading.id,
            "slug": reading.slug,
            "anchor": reading.slug,
            "title": reading.title,
            "authors": list(reading.authors),
            "authors_text": _join_names(reading.authors),
            "url": self._outward(reading.url),
            "kind": reading.kind.value,
            "kind_label": singular,
            "status": reading.status.value,
            "status_label": _STATUS_LABEL[reading.status],
            "read_status": _READ_STATUS[reading.status],
            "started_iso": _iso(reading.started),
            "started_display": date_display(reading.started),
            "finished_iso": _iso(reading.finished),
            "finished_display": date_display(reading.finished),
            "year": when.year if when else None,
            "rating": reading.rating,
            "stars": _stars(reading.rating),
            "tags": self._tags(reading.tags),
            "via": via,
            "notes_html": notes_html,
            "summary_text": _plain(rendered.summary_html if rendered else None),
            "page_url": self.urls.path(page_rel) if page_rel else None,
            "absolute_url": self.urls.absolute(page_rel) if page_rel else None,
            "link_url": self.urls.path(item_url(reading)),
            "backlinks": self._backlinks(reading.id),
        }

    def _contact_view(self, contact: Contact) -> dict:
        rendered = self.site.html.get(contact.id)
        lists = self._once("list_titles", lambda: {lst.id: lst.title for lst in self.site.lists})
        handles = [handle_link(name, value) for name, value in contact.handles]
        return {
            "id": contact.id,
            "anchor": contact.id,
            "name": contact.name,
            "url": self._outward(contact.url),
            "feed": self._outward(contact.feed),
            "role": contact.role or None,
            "handles": handles,
            "tags": self._tags(contact.tags),
            "note_html": rendered.html if rendered else None,
            "list_id": contact.list_id,
            "list_title": lists.get(contact.list_id),
            "link_url": self.urls.path(item_url(contact)),
            "recommended": [self.reading(rid) for rid in self.site.recommended.get(contact.id, ())
                            if rid in self.site.items],
            "linked_from": self._backlinks(contact.id),
        }

    # -- shared collections ------------------------------------------------------------------

    def _reading_groups(self) -> dict:
        site = self.site
        by_status: dict[ReadingStatus, list[Reading]] = {s: [] for s in ReadingStatus}
        for reading in site.readings:
            by_status[reading.status].append(reading)
        current = sorted(by_status[ReadingStatus.READING],
                         key=lambda r: (r.started or dt.date.min, r.slug), reverse=True)
        finished = sorted(by_status[ReadingStatus.FINISHED],
                          key=lambda r: (r.finished or r.started or dt.date.min, r.slug), reverse=True)
        years: list[dict] = []
        for reading in finished:
            view = self.reading(reading.id)
            if not years or years[-1]["year"] != view["year"]:
                years.append({"year": view["year"], "label": str(view["year"] or "Undated"),
                              "anchor": f"finished-{view['year'] or 'undated'}", "count": 0, "entries": []})
            years[-1]["entries"].append(view)
            years[-1]["count"] += 1
        kinds: dict[ReadingKind, int] = {}
        for reading in site.readings:
            kinds[reading.kind] = kinds.get(reading.kind, 0) + 1
        return {
            "current": [self.reading(r.id) for r in current],
            "finished_years": years,
            "recently_finished": [self.reading(r.id) for r in finished[:_RECENTLY_FINISHED]],
            "want": [self.reading(r.id) for r in by_status[ReadingStatus.WANT]],
            "abandoned": [self.reading(r.id) for r in by_status[ReadingStatus.ABANDONED]],
            "counts": {"total": len(site.readings), "reading": len(current), "finished": len(finished),
                       "want": len(by_status[ReadingStatus.WANT]),
                       "abandoned": len(by_status[ReadingStatus.ABANDONED])},
            "kinds": [{"kind": k.value, "label": _KIND_LABEL[k][1], "count": n}
                      for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0].value))],
        }

    def _network(self) -> dict:
        lists = []
        for lst in self.site.lists:
            people = [self.contact(cid) for cid in lst.people if cid in self.site.contacts]
            lists.append({"id": lst.id, "anchor": f"list-{lst.id}", "title": lst.title,
                          "description": lst.description or None, "people": people, "count": len(people)})
        with_feed = sum(1 for c in self.site.contacts.values() if _web_url(c.feed))
        return {"lists": lists, "people_count": len(self.site.contacts), "list_count": len(lists),
                "feed_count": with_feed}

    def _activity(self) -> dict:
        months: list[dict] = []
        for note in self.site.notes:
            key = f"{note.date.year:04d}-{note.date.month:02d}"
            if not months or months[-1]["key"] != key:
                if len(months) == _ACTIVITY_MONTHS:
                    break
                months.append({"key": key, "label": f"{_MONTHS[note.date.month - 1]} {note.date.year}",
                               "count": 0})
            months[-1]["count"] += 1
        top = max((m["count"] for m in months), default=0)
        for month in months:
            month["max"] = top
        return {"months": months, "notes": len(self.site.notes), "readings": len(self.site.readings),
                "tags": len(self.site.tags)}

    def _tag_index(self) -> list[dict]:
        out = []
        for slug, hub in self.site.tags.items():
            out.append({"name": hub.tag.name, "slug": slug, "url": self.urls.path(tag_url(slug)),
                        "notes": len(hub.notes), "readings": len(hub.readings), "people": len(hub.contacts),
                        "total": len(hub.notes) + len(hub.readings) + len(hub.contacts)})
        return out

    # -- per kind ----------------------------------------------------------------------------

    def _ctx_home(self, route: Route, ctx: dict) -> None:
        groups = self._once("reading", self._reading_groups)
        network = self._once("network", self._network)
        ctx["home"] = {
            "intro": self.site.config.description or "",
            "latest": [self.note(i) for i in route.items],
            "notes_url": self.urls.path(NOTES_URL),
            "more_notes": len(self.site.notes) > len(route.items),
            "reading_url": self.urls.path(READING_URL),
            "network_url": self.urls.path(NETWORK_URL),
            "currently_reading": groups["current"],
            "recently_finished": groups["recently_finished"],
            "network": {"people": network["people_count"], "lists": network["list_count"],
                        "feeds": network["feed_count"]},
            "activity": self._once("activity", self._activity),
        }

    def _ctx_notes(self, route: Route, ctx: dict) -> None:
        ctx["page"]["title"] = "Notes" if route.page_no in (None, 1) else f"Notes, page {route.page_no}"
        ctx["notes"] = [self.note(i) for i in route.items]
        ctx["total"] = len(self.site.notes)

    def _ctx_note(self, route: Route, ctx: dict) -> None:
        note = self.note(route.subject)
        page = ctx["page"]
        page.update(title=note["title"], description=note["summary_text"] or page["description"],
                    og_type="article",
                    article={"published_iso": note["date_iso"], "modified_iso": note["updated_iso"],
                             "tags": [t["name"] for t in note["tags"]]})
        ctx["note"] = note

    def _ctx_page(self, route: Route, ctx: dict) -> None:
        item: Page = self.site.items[route.subject]
        rendered = self.site.html.get(item.id)
        ctx["page"].update(title=item.title,
                           description=_plain(rendered.summary_html if rendered else None)
                           or ctx["page"]["description"])
        ctx["content_html"] = rendered.html if rendered else ""
        ctx["backlinks"] = self._backlinks(item.id)

    def _ctx_reading(self, route: Route, ctx: dict) -> None:
        ctx["page"]["title"] = "Reading"
        ctx["reading"] = self._once("reading", self._reading_groups)

    def _ctx_reading_entry(self, route: Route, ctx: dict) -> None:
        entry = self.reading(route.subject)
        ctx["page"].update(title=entry["title"], description=entry["summary_text"] or (
            f"{entry['title']} by {entry['authors_text']}" if entry["authors"] else entry["title"]))
        ctx["entry"] = entry
        ctx["reading_url"] = self.urls.path(READING_URL)

    def _ctx_network(self, route: Route, ctx: dict) -> None:
        ctx["page"]["title"] = "Network"
        ctx["network"] = self._once("network", self._network)

    def _ctx_tags(self, route: Route, ctx: dict) -> None:
        ctx["page"]["title"] = "Tags"
        ctx["tags"] = self._once("tags", self._tag_index)

    def _ctx_tag(self, route: Route, ctx: dict) -> None:
        hub = self.site.tags[route.subject]
        first = route.page_no in (None, 1)
        feed = self.urls.path(tag_feed_url(hub.tag.slug))
        page = ctx["page"]
        page["title"] = f"Tagged “{hub.tag.name}”" + ("" if first else f", page {route.page_no}")
        page["description"] = f"Notes, reading and people tagged “{hub.tag.name}” on {self.site.config.title}."
        page["alternates"] = [{"title": f"{self.site.config.title}: {hub.tag.name}",
                               "type": "application/rss+xml", "url": feed}]
        ctx["tag"] = {
            "name": hub.tag.name,
            "slug": hub.tag.slug,
            "url": self.urls.path(tag_url(hub.tag.slug)),
            "feed_url": feed,
            "tags_url": self.urls.path(TAGS_URL),
            "counts": {"notes": len(hub.notes), "readings": len(hub.readings), "people": len(hub.contacts)},
            "notes": [self.note(i) for i in route.items],
            "readings": [self.reading(i) for i in hub.readings if i in self.site.items] if first else [],
            "people": [self.contact(i) for i in hub.contacts if i in self.site.contacts] if first else [],
        }

    def _ctx_404(self, route: Route, ctx: dict) -> None:
        ctx["page"]["title"] = "Page not found"
        ctx["notes_url"] = self.urls.path(NOTES_URL)
        ctx["tags_url"] = self.urls.path(TAGS_URL)


_memo: list[SiteViews] = []


def context(route: Route, site: Site, urls: Urls, stylesheets: tuple[str, ...] = ()) -> dict:
    """The Jinja context of ``route``; views are reused while ``site`` and ``urls`` stay the same objects."""
    views = _memo[0] if _memo else None
    if views is None or views.site is not site or views.urls is not urls \
            or views.stylesheets != tuple(stylesheets):
        views = SiteViews(site, urls, stylesheets)
        _memo[:] = [views]
    return views.context(route)
