"""What a feed shows of one note or finished reading, the same in RSS, Atom and JSON Feed.

Links and HTML are absolute (a feed is read away from the site); ids are tag URIs that
survive ``--base-url`` and title edits.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ...model import Note, Site
from ...text import tag_slug
from ...urls import Urls, item_url

__all__ = ["EPOCH", "FeedEntry", "entry_id"]

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # the date of what has none


def entry_id(site: Site, item) -> str:
    """``tag:host,YYYY-MM-DD:notes/slug``: independent of base_url path and title."""
    day = (item.date or EPOCH).strftime("%Y-%m-%d")
    return f"tag:{site.config.id_authority},{day}:{item.id}"


class FeedEntry:
    """What every feed format needs from one note or finished reading."""

    __slots__ = ("_content", "_full_text", "external", "id", "link", "published", "summary", "tags", "title",
                 "updated")

    def __init__(self, site: Site, urls: Urls, item, words) -> None:
        rendered = site.html.get(item.id)
        page_url = item_url(item)
        absolutize = lambda html: _absolute_html(urls.base_url, page_url.split("#")[0], html)
        self._content: str | None = None
        self._full_text = None  # (absolutize, html): the note's text, made absolute when first asked for
        self.id = entry_id(site, item)
        self.external = None  # the page a note answers (in_reply_to…): JSON Feed's external_url
        if isinstance(item, Note):
            self.external = item.replies_to[0].url if item.replies_to else None
            self.title = item.title
            self.link = urls.absolute(page_url)
            self.published = item.date
            self.updated = item.updated or item.date
            self._full_text = (absolutize, rendered.html) if rendered else None
            self.summary = _summary(item, rendered, absolutize)
            self.tags = [site.tags[t].tag.name for t in _slugs(site, item)]
        else:
            self.title = words("Finished reading: {title}", title=item.title)
            self.link = item.url or urls.absolute(page_url)
            self.published = self.updated = item.date
            by = " " + words("by {authors}", authors=words.names(list(item.authors))) if item.authors else ""
            notes = absolutize(rendered.html) if rendered else ""
            self._content = f"<p><a href=\"{_attr(self.link)}\">{_text(item.title)}</a>{_text(by)}</p>{notes}"
            self.summary = self._content
            self.tags = [site.tags[t].tag.name for t in _slugs(site, item)]

    @property
    def content(self) -> str:
        """The whole text as absolute HTML. Made on first use: only the JSON Feed and, with
        ``full_content``, RSS and Atom show it, and rewriting every URL of a note's text was
        most of a feed's time (a note is in its tags' feeds too)."""
        if self._content is None:
            absolutize, html = self._full_text or (None, "")
            self._content = absolutize(html) if absolutize is not None else ""
        return self._content


@lru_cache(maxsize=512)
def _absolute_html(base_url: str, page_url: str, html: str) -> str:
    """``html`` with every URL absolute; kept a while, as one note is in several feeds (the
    site's RSS, Atom and JSON Feed, and its tags' feeds)."""
    return Urls(base_url).absolutize_html(html, page_url)


def _slugs(site: Site, item) -> list[str]:
    seen = []
    for tag in item.tags:
        slug = tag_slug(tag)
        if slug in site.tags and slug not in seen:
            seen.append(slug)
    return seen


def _summary(note: Note, rendered, absolutize) -> str:
    if note.summary:
        return f"<p>{_text(note.summary)}</p>"
    return absolutize(rendered.summary_html) if rendered else ""


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
