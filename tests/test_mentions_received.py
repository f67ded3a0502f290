"""Webmentions received: site.yaml `webmention:`, the snapshot `plnsite fetch` writes, and what the
built notes show of it (checked in the HTML and parsed back with mf2py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import mf2py
import pytest
from lxml import html as lxml_html

from plnsite.snapshots.jf2 import read_jf2
from plnsite.snapshots.mentions import MentionsSnapshot, write_mentions
from plnsite.snapshots.receive import TOKEN_VARIABLE, fetch_mentions
from plnsite.web.http import HttpClient, Limits
from tests.webserver import LocalWeb, answer

FIXTURE = Path(__file__).resolve().parent / "received" / "mentions.jf2"

SITE_YAML = """\
title: Learner
base_url: https://learner.example/portfolio/
webmention:
  endpoint: https://webmention.io/learner.example/webmention
  pingback: https://webmention.io/learner.example/xmlrpc
  block: [spam.example, "https://brid.gy/comment/mastodon/@troll"]
"""
NOTES = {
    "notes/2026-11-30-first-note.md": "---\ntitle: First note\n---\nHello.\n",
    "notes/2026-11-29-second-note.md": "---\ntitle: Second note\n---\nAgain.\n",
    "notes/2026-11-28-quiet-note.md": "---\ntitle: Quiet note\n---\nNobody answered.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
}


def _snapshot(content: Path, data: bytes | None = None) -> None:
    mentions = read_jf2(data if data is not None else FIXTURE.read_bytes()).mentions
    assert write_mentions(content.parent, MentionsSnapshot("2026-12-03T09:00:00Z", "https://webmention.io/api", mentions))


@pytest.fixture
def site(site_factory):
    content = site_factory({"site.yaml": SITE_YAML, **NOTES})
    _snapshot(content)
    return content


def _page(out: Path, slug: str) -> str:
    return (out / "notes" / slug / "index.html").read_text(encoding="utf-8")


def _entry(page: str) -> dict:
    parsed = mf2py.parse(doc=page, url="https://learner.example/portfolio/")
    (entry,) = [i for i in parsed["items"] if "h-entry" in i["type"]]
    return entry


def test_every_page_advertises_the_endpoint(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    for page in (tmp_path / "out").rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath('//head/link[@rel="webmention"]/@href') == ["https://webmention.io/learner.example/webmention"]
        assert tree.xpath('//head/link[@rel="pingback"]/@href') == ["https://webmention.io/learner.example/xmlrpc"]


def test_without_webmention_nothing_is_advertised_or_shown(site_factory, run_cli, tmp_path):
    content = site_factory({"site.yaml": "title: L\nbase_url: https://learner.example/portfolio/\n", **NOTES})
    _snapshot(content)
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "first-note")
    assert 'rel="webmention"' not in page and "responses" not in page


def test_replies_and_counts_under_the_note(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "first-note")
    tree = lxml_html.fromstring(page)
    (section,) = tree.xpath('//section[@id="responses"]')
    text = " ".join(section.text_content().split())
    assert "1 like" not in text and "2 likes" in text and "1 repost" in text and "1 bookmark" in text
    assert "2 replies" in text
    assert "Great post! Tea & cake." in text and "I disagree, here is why." in text
    # Moderation and deletion: the blocked domain, the blocked URL, the deleted and the private reply.
    for gone in ("Spammer", "spam spam", "Troll", "Gone Gary", "deleted", "Hidden Hal", "private reply"):
        assert gone not in page
    # Fetched text is text: no script, no element or attribute of theirs, no remote image.
    assert "<script" not in page.lower() and "alert" not in page and "onerror" not in page
    assert "javascript:" not in page and "<img" not in page and "<style" not in page
    assert tree.xpath('//section[@id="responses"]//a[@class="u-photo photo-link"]/@href') == ["https://ada.example/me.jpg"]
    # Replies oldest first, each with its date and a link to the original.
    assert [li.xpath('.//a[@class="u-url"]/@href')[0]
            for li in section.xpath('.//ol[@class="replies"]/li')] == ["https://ada.example/replies/1",
                                                                      "https://bo.example/post/2"]
    assert section.xpath('.//time/@datetime')[:2] == ["2026-12-01T09:15:00Z", "2026-12-02T08:00:00Z"]


def test_microformats_of_the_responses(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    entry = _entry(_page(tmp_path / "out", "first-note"))
    props = entry["properties"]
    comments = props["comment"]
    assert [c["type"] for c in comments] == [["h-cite"], ["h-cite"]]
    ada = comments[0]["properties"]
    assert ada["author"][0]["properties"]["name"] == ["Ada Lovelace"]
    assert ada["author"][0]["properties"]["url"] == ["https://ada.example/"]
    assert ada["author"][0]["properties"]["photo"] == ["https://ada.example/me.jpg"]
    assert ada["url"] == ["https://ada.example/replies/1"]
    assert ada["published"] == ["2026-12-01T09:15:00Z"]
    assert ada["content"] == ["Great post! Tea & cake."]
    likes = props["like"]
    assert [(like["properties"]["url"], like["properties"]["author"][0]["properties"]["name"]) for like in likes] == [
        (["https://cy.example/likes/9"], ["Cy"]), (["https://dee.example/likes/1"], ["Dee"])]
    assert likes[1]["properties"]["author"][0]["properties"]["url"] == ["https://dee.example/"]
    assert [r["properties"]["url"] for r in props["repost"]] == [["https://eve.example/reposts/3"]]
    assert [b["properties"]["url"] for b in props["bookmark"]] == [["https://fay.example/bookmarks/4"]]
    second = _entry(_page(tmp_path / "out", "second-note"))["properties"]
    assert [m["properties"]["url"] for m in second["mention"]] == [["https://ivy.example/posts/7"]]
    assert "comment" not in second


def test_a_note_with_none_shows_nothing(site, run_cli, tmp_path):
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "quiet-note")
    assert "responses" not in page and "h-cite" not in page
    assert "A reply to a page" not in (tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8")


def test_photos_are_images_only_when_the_site_allows(site, run_cli, tmp_path):
    (site / "site.yaml").write_text(SITE_YAML + "  photos: true\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    tree = lxml_html.fromstring(_page(tmp_path / "out", "first-note"))
    (img,) = tree.xpath('//section[@id="responses"]//img')
    assert img.get("src") == "https://ada.example/me.jpg"
    assert (img.get("referrerpolicy"), img.get("loading"), img.get("alt")) == ("no-referrer", "lazy", "")


# -- plnsite fetch's part: the JF2 API read over real HTTP on 127.0.0.1 ------------------------------

def _config(content: Path):
    from plnsite.config import read_config
    from plnsite.errors import Problems

    problems = Problems()
    config = read_config(content, problems)
    assert not problems.freeze(), problems.freeze()
    return config


def _served_site(site_factory, web: LocalWeb, extra: str = "") -> Path:
    api = web.url("/api/mentions.jf2?domain=learner.example")
    return site_factory({"site.yaml": SITE_YAML + f"  api: {api}\n" + extra, **NOTES})


def _fetch(content: Path, env=None):
    return fetch_mentions(content.parent, _config(content), HttpClient(limits=Limits(connect=5, total=10)),
                          env=env or {}, now=dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.timezone.utc))


def _jf2_without(*ids: int) -> bytes:
    feed = json.loads(FIXTURE.read_bytes())
    feed["children"] = [e for e in feed["children"] if e.get("wm-id") not in ids]
    return json.dumps(feed).encode()


def test_fetched_from_the_api_rendered_and_replaced_wholesale(site_factory, run_cli, tmp_path):
    with LocalWeb() as web:
        web.routes["/api/mentions.jf2"] = answer(body=FIXTURE.read_bytes(), headers={"Content-Type": "application/json"})
        content = _served_site(site_factory, web)
        result = _fetch(content, env={TOKEN_VARIABLE: "s3cret-token"})
        assert result.ok, result.line
        assert result.line.startswith("mentions: 10 from http://127.0.0.1:") and "(5 replies, 2 likes, 1 repost, 1 bookmark, 1 mention); 2 left out" in result.line
        (hit,) = web.hits
        assert "domain=learner.example" in hit.path and "per-page=100" in hit.path and "page=0" in hit.path
        assert "s3cret" not in hit.path  # the token goes to webmention.io only
        code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
        assert code == 0, err
        assert "Great post!" in _page(tmp_path / "out", "first-note")
        # Ada deletes her reply: the next read no longer has it, and the note no longer shows it.
        web.routes["/api/mentions.jf2"] = answer(body=_jf2_without(101))
        assert _fetch(content).ok
        code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
        assert code == 0, err
        page = _page(tmp_path / "out", "first-note")
        assert "Great post!" not in page and "Ada" not in page and "1 reply" in page
        # A failed read keeps the snapshot as it was.
        web.routes["/api/mentions.jf2"] = answer(500, b"oops")
        failed = _fetch(content)
        assert not failed.ok and "HTTP 500" in failed.line and "is kept" in failed.line
        web.routes["/api/mentions.jf2"] = answer(body=b"<html>not json</html>")
        assert "not JSON" in _fetch(content).line
        code, _, err = run_cli("build", "-o", str(tmp_path / "again"))
        assert code == 0, err
        assert _page(tmp_path / "again", "first-note") == page
    for path in (content.parent / ".plnsite-cache").rglob("*"):
        assert not path.is_file() or b"s3cret" not in path.read_bytes()


def test_webmention_io_pages_are_read_until_a_short_one(site_factory):
    entry = json.loads(FIXTURE.read_bytes())["children"][2]  # Cy's like
    pages = {n: [dict(entry, **{"wm-id": n * 1000 + i, "url": f"https://cy.example/likes/{n}-{i}"})
                 for i in range(100 if n < 2 else 7)] for n in range(3)}

    def handle(request, web):
        page = int(dict(parse_qsl(urlsplit(request.path).query))["page"])
        answer(body=json.dumps({"type": "feed", "children": pages[page]}))(request, web)

    with LocalWeb() as web:
        web.routes["/api/mentions.jf2"] = handle
        content = _served_site(site_factory, web)
        result = _fetch(content)
        assert result.ok and result.count == 207, result.line
        assert len(web.hits) == 3


def test_a_token_in_site_yaml_is_refused(site_factory, run_cli):
    site_factory({"site.yaml": SITE_YAML + "  token: abc123\n", **NOTES})
    code, _, err = run_cli("build", "-o", "out")
    assert code == 1
    assert "content/site.yaml:7: error: webmention.token must not be written in site.yaml" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("yaml, message", [
    ("webmention: https://x.example/wm\n", "content/site.yaml:3: error: webmention must be a mapping"),
    ("webmention: {pingback: https://x.example/p}\n", "content/site.yaml:3: error: webmention needs an 'endpoint'"),
    ("webmention:\n  endpoint: /wm\n", "content/site.yaml:4: error: webmention.endpoint must be an http(s) URL, not '/wm'"),
    ("webmention:\n  endpoint: 'http://[::1'\n", "content/site.yaml:4: error: webmention.endpoint must be an http(s) URL"),
    ("webmention:\n  endpoint: https://x.example/wm\n  pingback: [a]\n",
     "content/site.yaml:5: error: webmention.pingback must be an http(s) URL, not a list"),
    ("webmention:\n  endpoint: https://x.example/wm\n  photos: maybe\n",
     "content/site.yaml:5: error: webmention.photos must be true or false"),
    ("webmention:\n  endpoint: https://x.example/wm\n  block: {a: 1}\n",
     "content/site.yaml:5: error: webmention.block must be a list of domains or URLs"),
])
def test_bad_webmention_settings_are_reported_at_their_line(site_factory, run_cli, yaml, message):
    site_factory({"site.yaml": "title: L\nbase_url: https://learner.example/\n" + yaml})
    code, _, err = run_cli("build", "-o", "out")
    assert code == 1 and message in err and "Traceback" not in err


def test_build_never_touches_the_network(site_factory, run_cli, tmp_path):
    """The endpoint, pingback and API all point at a local server: a build (cold and warm) and
    `plnsite check` ask it nothing."""
    with LocalWeb() as web:
        web.routes["/api/mentions.jf2"] = answer(body=FIXTURE.read_bytes())
        content = site_factory({"site.yaml": SITE_YAML.replace("https://webmention.io/learner.example", web.url("/wm"))
                                + f"  api: {web.url('/api/mentions.jf2')}\n", **NOTES})
        _snapshot(content)
        for _ in range(2):
            code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
            assert code == 0, err
        assert "Great post!" in _page(tmp_path / "out", "first-note")
        assert web.hits == []


def test_a_new_snapshot_rerenders_its_notes_and_a_warm_build_equals_a_cold_one(site, run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("build", "-o", str(out))
    assert code == 0, err
    quiet = (out / "notes" / "quiet-note" / "index.html").stat().st_mtime_ns
    _snapshot(site, _jf2_without(101, 103))
    code, _, err = run_cli("build", "-o", str(out))
    assert code == 0, err
    warm = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert "Great post!" not in warm[Path("notes/first-note/index.html")].decode()
    assert (out / "notes" / "quiet-note" / "index.html").stat().st_mtime_ns == quiet  # not written again
    code, _, err = run_cli("build", "--no-cache", "-o", str(tmp_path / "cold"))
    assert code == 0, err
    cold = {p.relative_to(tmp_path / "cold"): p.read_bytes() for p in (tmp_path / "cold").rglob("*") if p.is_file()}
    assert warm == cold


def test_pages_with_responses_pass_the_nu_html_checker(site, run_cli, tmp_path):
    from tests.clients import vnu_check

    code, _, err = run_cli("build", "-o", str(tmp_path / "links"))
    assert code == 0, err
    (site / "site.yaml").write_text(SITE_YAML + "  photos: true\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "photos"))
    assert code == 0, err
    pages = [tmp_path / out / "notes" / slug / "index.html" for out in ("links", "photos")
             for slug in ("first-note", "second-note")]
    assert vnu_check(pages) == []


def test_plnsite_fetch_reads_the_mentions_after_the_feeds(site_factory, run_cli, tmp_path):
    with LocalWeb() as web:
        web.routes["/api/mentions.jf2"] = answer(body=FIXTURE.read_bytes())
        _served_site(site_factory, web)
        code, out, err = run_cli("fetch")
        assert code == 0, err
        lines = out.splitlines()
        assert lines[-1].startswith("mentions: 10 from http://127.0.0.1:"), out
        code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
        assert code == 0, err
        assert "Great post!" in _page(tmp_path / "out", "first-note")
        # A receiver that fails: one warning at site.yaml's webmention line, the snapshot kept, exit 0.
        web.routes["/api/mentions.jf2"] = answer(503, b"down")
        code, out, err = run_cli("fetch")
        assert code == 0
        assert "content/site.yaml:3: warning: mentions: http://127.0.0.1:" in err and "HTTP 503" in err
        assert "the last snapshot (10 of 2026-" in err and "Traceback" not in err
        code, _, err = run_cli("build", "-o", str(tmp_path / "again"))
        assert code == 0, err
        assert "Great post!" in _page(tmp_path / "again", "first-note")


def test_no_email_address_or_phone_number_is_published(site_factory, run_cli, tmp_path):
    content = site_factory({"site.yaml": SITE_YAML, **NOTES})
    reply = {"type": "entry", "wm-property": "in-reply-to", "wm-id": 1,
             "wm-target": "https://learner.example/portfolio/notes/second-note/",
             "url": "https://kim.example/r/1", "author": {"name": "Kim <kim@private.example>"},
             "content": {"text": "Mail me at kim@private.example or call +1 (604) 555-0199, about 2026."}}
    _snapshot(content, json.dumps({"type": "feed", "children": [reply]}).encode())
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = _page(tmp_path / "out", "second-note")
    assert "kim@private.example" not in page and "555-0199" not in page
    assert "Mail me at [contact details removed] or [contact details removed], about 2026." in page
    for path in (tmp_path / "out").rglob("*"):
        assert not path.is_file() or b"private.example" not in path.read_bytes()
