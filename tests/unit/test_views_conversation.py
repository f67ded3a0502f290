"""How a note page names its copies and shows what it answers (render/views/conversation.py)."""

from __future__ import annotations

import pytest

from plnsite.render.views.conversation import reply_on, service_name, shown_url, syndication_links


@pytest.mark.parametrize(("url", "name"), [
    ("https://mastodon.social/@ana/113456789012345678", "Mastodon"),
    ("https://fosstodon.org/@ana/1", "Mastodon"),
    ("https://social.example.net/users/ana/statuses/1134567", "Mastodon"),
    ("https://hachyderm.io/@ana@elsewhere.example/1134567/", "Mastodon"),
    ("https://bsky.app/profile/ana.example/post/3kabc", "Bluesky"),
    ("https://github.com/ana/notes/issues/4", "GitHub"),
    ("https://www.linkedin.com/posts/ana-123", "LinkedIn"),
    ("https://mastodon.social/@ana", "mastodon.social"),  # a profile, not a post
    ("https://www.example.net/copy/", "example.net"),
])
def test_service_name(url, name):
    assert service_name(url) == name


def test_two_copies_on_one_service_are_told_apart_by_host():
    links = syndication_links(("https://a.example/@x/1", "https://b.example/@x/2", "https://bsky.app/profile/x/post/1"))
    assert [link["name"] for link in links] == ["Mastodon (a.example)", "Mastodon (b.example)", "Bluesky"]


def test_reply_on_is_the_first_mastodon_post():
    assert reply_on(("https://bsky.app/profile/x/post/1", "https://a.example/@x/1")) == "https://a.example/@x/1"
    assert reply_on(("https://bsky.app/profile/x/post/1",)) is None


def test_shown_url_is_short():
    assert shown_url("https://www.example.org/posts/pln/?utm=1") == "example.org/posts/pln"
    long = shown_url("https://example.org/" + "a" * 100)
    assert len(long) == 60 and long.endswith("…")
