"""A note's conversation on its page: syndication links (``u-syndication``, "Also on Mastodon ·
Bluesky", "Reply on Mastodon") and reply contexts (``u-in-reply-to``, ``u-like-of``…), read back
with mf2py from the built HTML; bad URLs reported at ``path:line``."""

from __future__ import annotations

import json

from tests.clients import require_module
from tests.conftest import build_site

MASTODON = "https://fosstodon.org/@ana/113456789012345678"
BLUESKY = "https://bsky.app/profile/ana.example/post/3kabc"


def _entry(result, slug: str) -> dict:
    mf2py = require_module("mf2py")
    page = result.outputs[f"notes/{slug}/index.html"].body.decode()
    parsed = mf2py.parse(doc=page, url=f"https://example.org/notes/{slug}/")
    entries = [i for i in parsed["items"] if "h-entry" in i["type"]]
    assert len(entries) == 1
    return entries[0]["properties"]


def test_syndication_links_are_u_syndication_named_by_service(site_factory):
    content = site_factory({"notes/2025-01-02-copied.md": f"""\
        ---
        title: Copied
        syndication:
          - {MASTODON}
          - {BLUESKY}
          - https://www.example.net/mirror/copied
        ---
        Body.
        """})
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    props = _entry(result, "copied")
    assert props["syndication"] == [MASTODON, BLUESKY, "https://www.example.net/mirror/copied"]
    page = result.outputs["notes/copied/index.html"].body.decode()
    assert ">Mastodon</a> · <a" in page and ">Bluesky</a>" in page and ">example.net</a>" in page
    assert "Also on" in page
    assert f'<a class="reply-on" href="{MASTODON}">Reply on Mastodon</a>' in page


def test_one_syndication_url_as_text_and_no_reply_link_without_a_mastodon_post(site_factory):
    content = site_factory({"notes/2025-01-02-one.md": f"""\
        ---
        title: One
        syndication: {BLUESKY}
        ---
        Body.
        """})
    result = build_site(content)
    assert _entry(result, "one")["syndication"] == [BLUESKY]
    assert "Reply on Mastodon" not in result.outputs["notes/one/index.html"].body.decode()


def test_a_note_without_syndication_shows_no_line(site_factory):
    content = site_factory({"notes/2025-01-02-plain.md": "---\ntitle: Plain\n---\nBody.\n"})
    page = build_site(content).outputs["notes/plain/index.html"].body.decode()
    assert "Also on" not in page and "u-syndication" not in page and "reply-context" not in page


def test_reply_like_repost_and_bookmark_are_parsed_back_with_their_context_lines(site_factory):
    content = site_factory({
        "notes/2025-01-02-reply.md": "---\ntitle: Reply\nin_reply_to: https://www.example.com/posts/pln/\n---\nYes!\n",
        "notes/2025-01-03-like.md": "---\ntitle: Like\nlike_of: https://example.com/liked\n---\n",
        "notes/2025-01-04-repost.md": "---\ntitle: Repost\nrepost_of: https://example.com/shared?id=4\n---\n",
        "notes/2025-01-05-mark.md": "---\ntitle: Mark\nbookmark_of: https://example.com/later\n---\nRead later.\n",
    })
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    assert _entry(result, "reply")["in-reply-to"] == ["https://www.example.com/posts/pln/"]
    assert _entry(result, "like")["like-of"] == ["https://example.com/liked"]
    assert _entry(result, "repost")["repost-of"] == ["https://example.com/shared?id=4"]
    assert _entry(result, "mark")["bookmark-of"] == ["https://example.com/later"]
    reply = result.outputs["notes/reply/index.html"].body.decode()
    assert ('In reply to <a class="u-in-reply-to" href="https://www.example.com/posts/pln/">'
            "example.com/posts/pln</a>") in reply
    assert "Liked <a" in result.outputs["notes/like/index.html"].body.decode()
    assert "Reposted <a" in result.outputs["notes/repost/index.html"].body.decode()
    assert "Bookmarked <a" in result.outputs["notes/mark/index.html"].body.decode()


def test_urls_are_escaped_in_the_page(site_factory):
    content = site_factory({"notes/2025-01-02-odd.md": """\
        ---
        title: Odd
        in_reply_to: 'https://example.com/a"><script>alert(1)</script>'
        syndication: 'https://example.com/b"onmouseover="x'
        ---
        """})
    page = build_site(content).outputs["notes/odd/index.html"].body.decode()
    assert "<script>alert" not in page and '"onmouseover' not in page


def test_bad_urls_are_reported_at_their_lines_all_at_once(site_factory, run_cli):
    site_factory({"notes/2025-01-02-bad.md": """\
        ---
        title: Bad
        syndication: [https://ok.example/1, mastodon.social/@me/1]
        in_reply_to: example.com/post
        like_of: [https://a.example/]
        webmention: [no]
        ---
        Body.
        """})
    code, out, err = run_cli("build")
    assert code == 1
    assert "Traceback" not in err
    assert ("content/notes/2025-01-02-bad.md:3: error: syndication must be an http(s) URL or a list of them, "
            "not 'mastodon.social/@me/1'") in err
    assert "content/notes/2025-01-02-bad.md:4: error: in_reply_to must be an http(s) URL, not 'example.com/post'" in err
    assert "content/notes/2025-01-02-bad.md:5: error: like_of must be an http(s) URL, not a list" in err
    assert "content/notes/2025-01-02-bad.md:6: error: webmention must be true or false, not a list" in err


def test_the_answered_page_is_the_json_feed_items_external_url(site_factory):
    content = site_factory({
        "notes/2025-01-02-reply.md": "---\ntitle: Reply\nin_reply_to: https://example.com/post\n---\nYes.\n",
        "notes/2025-01-01-plain.md": "---\ntitle: Plain\n---\nText.\n",
    })
    result = build_site(content)
    items = {i["title"]: i for i in json.loads(result.outputs["feed.json"].body)["items"]}
    assert items["Reply"]["external_url"] == "https://example.com/post"
    assert items["Reply"]["url"] == "https://example.org/notes/reply/"
    assert "external_url" not in items["Plain"]
