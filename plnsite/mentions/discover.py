"""Webmention endpoint discovery, W3C Recommendation §3.1.2, as a function of what a GET of
the target gave: its final URL (after redirects), its headers and its body. No I/O here.

1. The first HTTP ``Link`` header link whose ``rel`` holds ``webmention`` (headers in any
   case, several ``Link`` headers, several links per header, ``rel`` quoted or not, a list of
   rel values; RFC 8288).
2. Else, in an HTML document, the first ``<link>`` or ``<a>`` element with an ``href`` and a
   ``rel`` holding ``webmention``, in document order; elements inside comments are not
   elements (a real HTML parser reads the page).
3. The endpoint is resolved against the final URL, so a relative one works after a redirect,
   an empty one is the page itself, and a query string is kept. Only an http(s) endpoint is
   one.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

__all__ = ["endpoint_of", "link_header_links"]

_REL = "webmention"


def endpoint_of(url: str, headers: Iterable[tuple[str, str]], body: bytes | str) -> str | None:
    """The Webmention endpoint the page at ``url`` advertises, absolute; None if it has none.

    ``headers``: (name, value) pairs as received, a name repeated for each header."""
    headers = list(headers)
    for name, value in headers:
        if name.strip().lower() == "link":
            for target, params in link_header_links(value):
                if _REL in _rels(params.get("rel", "")):
                    return _absolute(url, target)
    if not _is_html(headers):
        return None
    finder = _EndpointFinder()
    finder.feed(_text(body, headers))
    finder.close()
    return _absolute(url, finder.found) if finder.found is not None else None


def link_header_links(value: str) -> list[tuple[str, dict[str, str]]]:
    """The links of one ``Link`` header value: ``<uri>; name=value; name="quoted, value"``,
    separated by commas (a comma inside ``<…>`` or quotes separates nothing). Parameter names
    are lowercased; the first of a repeated parameter counts (RFC 8288 §3)."""
    links: list[tuple[str, dict[str, str]]] = []
    pos, end = 0, len(value)
    while pos < end:
        start = value.find("<", pos)
        if start < 0:
            break
        close = value.find(">", start + 1)
        if close < 0:
            break
        target = value[start + 1 : close].strip()
        params: dict[str, str] = {}
        pos = close + 1
        while pos < end:
            while pos < end and value[pos] in " \t":
                pos += 1
            if pos >= end or value[pos] == ",":
                pos += 1
                break
            if value[pos] != ";":  # junk between links: skip to the next one
                nxt = value.find(",", pos)
                pos = end if nxt < 0 else nxt + 1
                break
            pos += 1
            name_start = pos
            while pos < end and value[pos] not in "=;,":
                pos += 1
            name = value[name_start:pos].strip().lower().rstrip("*")
            text = ""
            if pos < end and value[pos] == "=":
                pos += 1
                while pos < end and value[pos] in " \t":
                    pos += 1
                if pos < end and value[pos] == '"':
                    text, pos = _quoted(value, pos)
                else:
                    text_start = pos
                    while pos < end and value[pos] not in ";,":
                        pos += 1
                    text = value[text_start:pos].strip()
            if name and name not in params:
                params[name] = text
        links.append((target, params))
    return links


def _quoted(value: str, pos: int) -> tuple[str, int]:
    """A quoted-string starting at ``value[pos] == '"'`` → (its text, the index after it)."""
    out: list[str] = []
    pos += 1
    while pos < len(value):
        char = value[pos]
        if char == "\\" and pos + 1 < len(value):
            out.append(value[pos + 1])
            pos += 2
            continue
        if char == '"':
            return "".join(out), pos + 1
        out.append(char)
        pos += 1
    return "".join(out), pos


def _rels(text: str) -> set[str]:
    return {rel.lower() for rel in text.split()}


def _absolute(base: str, href: str) -> str | None:
    resolved = urldefrag(urljoin(base, href.strip())).url if href.strip() else urldefrag(base).url
    return resolved if urlsplit(resolved).scheme in ("http", "https") and urlsplit(resolved).hostname else None


def _content_type(headers: list[tuple[str, str]]) -> str:
    return next((value for name, value in headers if name.strip().lower() == "content-type"), "")


def _is_html(headers: list[tuple[str, str]]) -> bool:
    kind = _content_type(headers).split(";")[0].strip().lower()
    return kind in ("", "text/html", "application/xhtml+xml")


def _text(body: bytes | str, headers: list[tuple[str, str]]) -> str:
    if isinstance(body, str):
        return body
    charset = "utf-8"
    for part in _content_type(headers).split(";")[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip('"\'')
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


class _EndpointFinder(HTMLParser):
    """The href of the first ``<link>``/``<a>`` whose rel holds webmention (comments skipped:
    HTMLParser reports them apart, never as tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.found is not None or tag not in ("link", "a"):
            return
        values = dict(reversed(attrs))  # the first of a repeated attribute counts, as in browsers
        href = values.get("href")
        if href is not None and _REL in _rels(values.get("rel") or ""):
            self.found = href

    handle_startendtag = handle_starttag
