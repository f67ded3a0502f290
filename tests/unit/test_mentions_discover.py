"""Endpoint discovery as a pure function (W3C Webmention §3.1.2); the same rules over real HTTP
are in tests/test_webmention_send.py."""

from __future__ import annotations

import pytest

from plnsite.mentions.discover import endpoint_of, link_header_links

PAGE = "https://target.example/posts/1?x=1"
HTML = [("Content-Type", "text/html; charset=utf-8")]


@pytest.mark.parametrize(("headers", "body", "expected"), [
    ([("Link", "<https://e.example/wm>; rel=webmention")], "", "https://e.example/wm"),
    ([("Link", '<https://e.example/wm>; rel="webmention"')], "", "https://e.example/wm"),
    ([("LinK", "</wm>; REL=webmention")], "", "https://target.example/wm"),
    ([("link", '<wm>; rel="other webmention"')], "", "https://target.example/posts/wm"),
    ([("Link", '<https://a.example/>; rel="me", <https://e.example/second>; rel=webmention')], "",
     "https://e.example/second"),
    ([("Link", '<https://a.example/>; rel=me'), ("Link", "<https://e.example/wm2>; rel=webmention")], "",
     "https://e.example/wm2"),
    ([("Link", '<https://e.example/a,b>; title="x, y; z"; rel=webmention')], "", "https://e.example/a,b"),
    ([("Link", "<https://e.example/wm?q=1&r=2>; rel=webmention")], "", "https://e.example/wm?q=1&r=2"),
    ([("Link", "<https://e.example/not>; rel=webmentions")], "", None),
    ([("Link", "<https://e.example/hdr>; rel=webmention"), *HTML], '<link rel="webmention" href="/html">',
     "https://e.example/hdr"),
    (HTML, '<link rel="webmention" href="/e">', "https://target.example/e"),
    (HTML, "<a rel=webmention href=https://e.example/a>x</a>", "https://e.example/a"),
    (HTML, '<a href="/first" rel="webmention">a</a><link rel="webmention" href="/second">', "https://target.example/first"),
    (HTML, '<link rel="webmention" href="/first"><a href="/second" rel="webmention">a</a>', "https://target.example/first"),
    (HTML, '<link rel="Webmention Other" href="/list">', "https://target.example/list"),
    (HTML, '<link rel="webmention" href="">', PAGE),
    (HTML, '<link rel="webmention">', None),
    (HTML, '<!-- <link rel="webmention" href="/hidden"> --><a rel="webmention" href="/shown">s</a>',
     "https://target.example/shown"),
    (HTML, '<link rel="not-webmention" href="/no"><link rel="webmention" href="/yes">', "https://target.example/yes"),
    (HTML, '<link rel="webmention" href="javascript:alert(1)">', None),
    (HTML, '<p>nothing here</p>', None),
    ([("Content-Type", "application/json")], '<link rel="webmention" href="/e">', None),
])
def test_discovery(headers, body, expected):
    assert endpoint_of(PAGE, headers, body.encode()) == expected


def test_link_header_parsing_keeps_quoted_commas_and_lowercases_names():
    assert link_header_links('<a>; REL="x, y"; title=t, <b>;rel=z') == [("a", {"rel": "x, y", "title": "t"}),
                                                                        ("b", {"rel": "z"})]


def test_a_body_in_another_charset_is_read_in_it():
    body = '<a rel="webmention" href="/é">x</a>'.encode("latin-1")
    assert endpoint_of(PAGE, [("Content-Type", "text/html; charset=latin-1")], body) == "https://target.example/é"
