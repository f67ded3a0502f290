"""plnsite fetch against real servers on 127.0.0.1: every feed format, the polite paths (304,
Retry-After, 410, redirects), the hostile ones (timeouts, endless bodies, garbage, script), privacy
and the snapshot that a failed run leaves alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import json
from pathlib import Path

import pytest

from plnsite import __version__
from plnsite.snapshots.network import read_snapshot, snapshot_dir
from tests.webserver import LocalWeb, answer, hang, stream_forever

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
RECENT = NOW - dt.timedelta(days=2)
RFC822 = RECENT.strftime("%a, %d %b %Y %H:%M:%S +0000")
ISO = RECENT.strftime("%Y-%m-%dT%H:%M:%SZ")


def rss2(title: str = "A post", link: str = "https://ada.example/posts/1", extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ada</title><link>https://ada.example/</link><description>d</description>
<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{RFC822}</pubDate>
<author>ada@ada.example (Ada L)</author><category>python</category><category>learning</category>
<description>&lt;p&gt;Some &lt;em&gt;text&lt;/em&gt;.&lt;/p&gt;</description></item>{extra}
</channel></rss>"""


FEEDS = {
    "rss091": ("application/rss+xml", """<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old</title><link>https://old.example/</link><description>d</description>
<language>en</language>
<item><title>Ninety-one</title><link>https://old.example/091</link><description>An old format</description></item>
</channel></rss>"""),
    "rss2": ("application/rss+xml", rss2("Two point oh", "https://two.example/p")),
    "atom03": ("application/atom+xml", f"""<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom 0.3</title>
<link rel="alternate" type="text/html" href="https://a03.example/"/><modified>{ISO}</modified>
<author><name>Zed</name></author>
<entry><title>Point three</title><link rel="alternate" type="text/html" href="https://a03.example/e"/>
<id>tag:a03.example,2024:e</id><issued>{ISO}</issued><modified>{ISO}</modified><summary>Old Atom</summary></entry>
</feed>"""),
    "atom1": ("application/atom+xml", f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:atom</id><updated>{ISO}</updated>
<author><name>Bea</name></author><link href="https://atom.example/"/>
<entry><title type="html">&lt;i&gt;Atom&lt;/i&gt; one</title><link href="/relative/post"/><id>urn:atom:1</id>
<updated>{ISO}</updated><category term="xml"/><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>"""),
    "rdf": ("application/rdf+xml", """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>d</description>
<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/1"><title>Resource</title><link>https://rdf.example/1</link>
<dc:date>2024-05-01T08:00:00Z</dc:date><dc:creator>Rita</dc:creator><dc:subject>rdf</dc:subject>
<description>RDF text</description></item>
</rdf:RDF>"""),
    "json": ("application/feed+json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON", "authors": [{"name": "Jay"}],
        "items": [{"id": "j1", "url": "https://json.example/j1", "title": "Jason",
                   "content_html": "<p>Hi &amp; bye</p>", "date_published": ISO, "tags": ["json"]}]})),
}


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


def people(*entries: dict) -> str:
    lines = ["title: Friends", "people:"]
    for entry in entries:
        first = True
        for key, value in entry.items():
            lines.append(f"  {'- ' if first else '  '}{key}: {json.dumps(value)}")
            first = False
    return "\n".join(lines) + "\n"


@pytest.fixture
def site(site_factory):
    def make(*entries: dict, more: dict | None = None) -> Path:
        return site_factory({"contacts/friends.yaml": people(*entries), **(more or {})})
    return make


def snapshot(content: Path):
    found = read_snapshot(content.parent)
    assert found is not None
    return found


def posts_of(content: Path, person: str):
    return [p for p in snapshot(content).posts if p.person == person]


def state_of(content: Path, person: str):
    return next(f for f in snapshot(content).feeds if f.person == person)


def test_every_format_is_read(web, site, run_cli):
    for name, (kind, body) in FEEDS.items():
        web.routes[f"/{name}"] = answer(body=body, headers={"Content-Type": kind})
    content = site(*({"name": name, "feed": web.url(f"/{name}")} for name in FEEDS))
    code, out, err = run_cli("fetch")
    assert (code, err) == (0, "")
    assert out == "fetched 6 feeds: 6 ok, 0 unchanged, 0 failed\n"
    got = {p.person: p for p in snapshot(content).posts}
    assert sorted(got) == sorted(FEEDS)
    assert (got["rss091"].title, got["rss091"].link, got["rss091"].summary) == ("Ninety-one", "https://old.example/091", "An old format")
    rss = got["rss2"]
    assert (rss.title, rss.link, rss.published, rss.categories, rss.summary) == (
        "Two point oh", "https://two.example/p", ISO, ("python", "learning"), "Some text.")
    assert (got["atom03"].title, got["atom03"].link, got["atom03"].author, got["atom03"].published) == (
        "Point three", "https://a03.example/e", "Zed", ISO)
    atom = got["atom1"]
    assert (atom.title, atom.link, atom.author, atom.categories, atom.summary) == (
        "Atom one", web.url("/relative/post"), "Bea", ("xml",), "Body")  # relative: against the feed's URL
    assert (got["rdf"].title, got["rdf"].published, got["rdf"].author, got["rdf"].categories) == (
        "Resource", "2024-05-01T08:00:00Z", "Rita", ("rdf",))
    jf = got["json"]
    assert (jf.title, jf.link, jf.author, jf.summary, jf.published, jf.categories, jf.id) == (
        "Jason", "https://json.example/j1", "Jay", "Hi & bye", ISO, ("json",), "j1")
    assert {f.status for f in snapshot(content).feeds} == {"ok"}


def test_user_agent_names_plnsite_and_the_site(web, site, run_cli):
    web.routes["/f"] = answer(body=rss2())
    site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    assert web.requested("/f")[0].headers["user-agent"] == f"plnsite/{__version__} (+https://example.org/)"


def conditional(body: str, etag: str = '"v1"', modified: str = "Mon, 30 Nov 2026 10:00:00 GMT"):
    def handle(request, server):
        if request.headers.get("If-None-Match") == etag:
            answer(304, headers={"ETag": etag})(request, server)
        else:
            answer(200, body, {"ETag": etag, "Last-Modified": modified, "Content-Type": "application/rss+xml"})(request, server)
    return handle


def test_an_unchanged_feed_costs_a_304_and_keeps_its_entries(web, site, run_cli):
    web.routes["/f"] = conditional(rss2())
    content = site({"name": "Ada", "feed": web.url("/f")})
    assert run_cli("fetch")[1] == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed\n"
    first = posts_of(content, "ada")
    code, out, _ = run_cli("fetch")
    assert out == "fetched 1 feed: 0 ok, 1 unchanged, 0 failed\n"
    second = web.requested("/f")[1].headers
    assert second["if-none-match"] == '"v1"' and second["if-modified-since"] == "Mon, 30 Nov 2026 10:00:00 GMT"
    assert posts_of(content, "ada") == first and len(first) == 1
    assert state_of(content, "ada").status == "unchanged"


def test_gzip_feeds_are_read(web, site, run_cli):
    web.routes["/z"] = answer(body=rss2("Zipped"), gzipped=True, headers={"Content-Type": "application/rss+xml"})
    content = site({"name": "Ada", "feed": web.url("/z")})
    run_cli("fetch")
    assert "gzip" in web.requested("/z")[0].headers["accept-encoding"]
    assert [p.title for p in posts_of(content, "ada")] == ["Zipped"]


def test_a_permanent_redirect_is_followed_and_reported(web, site, run_cli):
    web.routes["/old"] = answer(301, headers={"Location": "/older"})
    web.routes["/older"] = answer(308, headers={"Location": "/new"})
    web.routes["/new"] = answer(body=rss2("Moved"))
    content = site({"name": "Ada", "feed": web.url("/old")})
    code, out, err = run_cli("fetch")
    assert code == 0 and out == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed\n"
    assert err == (f"content/contacts/friends.yaml:3: warning: Ada: {web.url('/old')} has moved permanently: "
                   f"update feed: to {web.url('/new')}\n")
    assert [p.title for p in posts_of(content, "ada")] == ["Moved"]
    assert state_of(content, "ada").moved_to == web.url("/new")


def test_a_redirect_loop_fails_that_feed_only(web, site, run_cli):
    web.routes["/a"] = answer(302, headers={"Location": "/b"})
    web.routes["/b"] = answer(302, headers={"Location": "/a"})
    web.routes["/fine"] = answer(body=rss2("Fine"))
    content = site({"name": "Ada", "feed": web.url("/a")}, {"name": "Bob", "feed": web.url("/fine")})
    code, out, err = run_cli("fetch")
    assert code == 0 and out == "fetched 2 feeds: 1 ok, 0 unchanged, 1 failed\n"
    assert err.count("\n") == 1 and "redirect loop" in err and err.startswith("content/contacts/friends.yaml:3: warning: Ada:")
    assert [p.title for p in posts_of(content, "bob")] == ["Fine"]


def test_slow_endless_and_garbage_feeds_fail_alone(web, site, run_cli):
    web.routes["/hang"] = hang
    web.routes["/endless"] = stream_forever
    web.routes["/garbage"] = answer(body=b"\x00\xff this is no feed <<<", headers={"Content-Type": "application/rss+xml"})
    web.routes["/html"] = answer(body="<html><body>Just a page</body></html>", headers={"Content-Type": "text/html"})
    web.routes["/json"] = answer(body='{"not": "a feed"}', headers={"Content-Type": "application/json"})
    web.routes["/ok"] = answer(body=rss2("Still here"))
    names = ["hang", "endless", "garbage", "html", "json", "ok"]
    content = site(*({"name": n, "feed": web.url(f"/{n}")} for n in names))
    code, out, err = run_cli("fetch", "--timeout", "1")
    assert code == 0 and out == "fetched 6 feeds: 1 ok, 0 unchanged, 5 failed\n"
    lines = err.splitlines()
    assert len(lines) == 5 and all(": warning: " in line and "Traceback" not in line for line in lines)
    assert "timed out" in lines[0] and "larger than" in lines[1]
    assert all("not a feed" in line for line in lines[2:])
    assert [p.title for p in posts_of(content, "ok")] == ["Still here"]


def test_a_failed_fetch_keeps_the_last_good_entries(web, site, run_cli):
    web.routes["/f"] = answer(body=rss2("Good"))
    content = site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    web.routes["/f"] = answer(500, "oops")
    code, out, err = run_cli("fetch")
    assert code == 0 and out == "fetched 1 feed: 0 ok, 0 unchanged, 1 failed\n" and "HTTP 500" in err
    assert [p.title for p in posts_of(content, "ada")] == ["Good"]
    web.routes["/f"] = hang
    run_cli("fetch", "--timeout", "0.5")
    assert [p.title for p in posts_of(content, "ada")] == ["Good"]
    assert state_of(content, "ada").status == "failed"


def test_gone_is_reported_then_skipped_until_feed_changes(web, site, run_cli):
    web.routes["/gone"] = answer(410, "gone")
    content = site({"name": "Ada", "feed": web.url("/gone")})
    code, out, err = run_cli("fetch")
    assert out == "fetched 1 feed: 0 ok, 0 unchanged, 1 failed\n" and "410 Gone" in err
    code, out, err = run_cli("fetch")
    assert out == "fetched 0 feeds: 0 ok, 0 unchanged, 0 failed; 1 skipped\n" and "is gone" in err
    assert len(web.requested("/gone")) == 1
    web.routes["/new"] = answer(body=rss2("Back"))
    (content / "contacts/friends.yaml").write_text(people({"name": "Ada", "feed": web.url("/new")}), encoding="utf-8")
    assert run_cli("fetch")[1] == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed\n"


def test_429_with_retry_after_is_honoured_on_the_next_run(web, site, run_cli):
    web.routes["/f"] = answer(body=rss2("Before"))
    content = site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    web.routes["/f"] = answer(429, "slow down", {"Retry-After": "3600"})
    code, out, err = run_cli("fetch")
    assert code == 0 and "HTTP 429" in err and "not asked again before" in err
    state = state_of(content, "ada")
    assert state.status == "wait" and state.retry_after > NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    code, out, err = run_cli("fetch")
    assert out.endswith("; 1 skipped\n") and "asked to wait until" in err
    assert len(web.requested("/f")) == 2
    assert [p.title for p in posts_of(content, "ada")] == ["Before"]


def test_503_with_an_http_date_retry_after(web, site, run_cli):
    later = (NOW + dt.timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    web.routes["/f"] = answer(503, "busy", {"Retry-After": later})
    content = site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    assert state_of(content, "ada").retry_after == (NOW + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_home_page_announcing_its_feed_is_discovered_once(web, site, run_cli):
    web.routes["/home/"] = answer(body='<!doctype html><html><head><title>Bob</title>'
                                       '<link rel="stylesheet" href="/s.css">'
                                       '<link rel="alternate" type="application/atom+xml" href="feed.atom" title="Bob">'
                                       '</head><body>hi</body></html>', headers={"Content-Type": "text/html"})
    web.routes["/home/feed.atom"] = answer(body=FEEDS["atom1"][1])
    content = site({"name": "Bob", "url": web.url("/home/")})
    assert run_cli("fetch")[1] == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed\n"
    state = state_of(content, "bob")
    assert (state.url, state.discovered_from) == (web.url("/home/feed.atom"), web.url("/home/"))
    assert [p.title for p in posts_of(content, "bob")] == ["Atom one"]
    run_cli("fetch")
    assert len(web.requested("/home/")) == 1 and len(web.requested("/home/feed.atom")) == 2


def test_a_home_page_without_a_feed_is_reported(web, site, run_cli):
    web.routes["/"] = answer(body="<html><head></head></html>")
    site({"name": "Bob", "url": web.url("/")})
    code, out, err = run_cli("fetch")
    assert code == 0 and "no feed found on" in err and "add feed:" in err


HOSTILE = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>x</title><link>https://h.example/</link><description>d</description>
<item><title>&lt;script&gt;alert("t")&lt;/script&gt;Safe &lt;img src=x onerror=alert(1)&gt;title</title>
<link>javascript:alert(document.cookie)</link><guid isPermaLink="false">h1</guid><pubDate>{RFC822}</pubDate>
<description><![CDATA[<script>alert("s")</script><p onclick="x()">Click &#27;[31mred&#27;[0m <a href="javascript:x()">me</a></p>]]></description></item>
<item><title>Data</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link><guid isPermaLink="false">h2</guid>
<pubDate>Tue, 01 Dec 2999 10:00:00 GMT</pubDate></item>
<item><title>Ancient</title><link>https://h.example/old</link><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></item>
<item><title>Nonsense date</title><link>https://h.example/n</link><pubDate>yesterday-ish</pubDate></item>
<item><title>Offset</title><link>https://h.example/o</link><pubDate>Sat, 01 Jun 2024 23:30:00 -0500</pubDate></item>
</channel></rss>"""


def test_hostile_entries_become_plain_text_with_safe_links(web, site, run_cli):
    web.routes["/h"] = answer(body=HOSTILE)
    content = site({"name": "Eve", "feed": web.url("/h")})
    run_cli("fetch")
    posts = {p.id: p for p in posts_of(content, "eve")}
    first = posts["h1"]
    assert "<" not in first.title and "alert" not in first.title and first.title.endswith("title")
    assert "alert" not in first.summary  # a script's code is no text to read
    assert first.link == "" and posts["h2"].link == ""
    assert "\x1b" not in first.summary and "Click" in first.summary and "<" not in first.summary
    assert posts["h2"].published == ""  # year 2999: no date rather than first for ever
    by_title = {p.title: p for p in posts.values()}
    assert by_title["Ancient"].published == "" and by_title["Nonsense date"].published == ""
    assert by_title["Offset"].published == "2024-06-02T04:30:00Z"
    for post in posts.values():
        for text in (post.title, post.summary, post.author, *post.categories):
            assert "<" not in text and ">" not in text and not any(ord(c) < 32 for c in text)
        assert post.link == "" or post.link.startswith(("http://", "https://"))


def test_nothing_of_a_private_person_is_requested(web, site, run_cli):
    paths = [f"/private-{n}" for n in range(8)]
    for path in [*paths, "/public"]:
        web.routes[path] = answer(body=rss2("x"))
    more = {
        "contacts/club.yaml": f"visibility: private\npeople:\n  - name: Club\n    feed: {web.url(paths[4])}\n",
        "contacts/circle.yaml": f"private: true\npeople:\n  - name: Circle\n    url: {web.url(paths[5])}\n",
        "contacts/friends.private.yaml": f"- name: File\n  feed: {web.url(paths[6])}\n",
        "contacts/bare.yaml": f"- name: Bare\n  visibility: Private\n  feed: {web.url(paths[7])}\n",
    }
    content = site({"name": "Public", "feed": web.url("/public")},
                   {"name": "P0", "visibility": "private", "feed": web.url(paths[0]), "url": web.url(paths[0])},
                   {"name": "P1", "private": True, "feed": web.url(paths[1])},
                   {"name": "P2", "Private": "yes", "url": web.url(paths[2])},
                   {"name": "P3", "hidden": True, "feed": web.url(paths[3])}, more=more)
    code, out, _ = run_cli("fetch")
    assert code == 0 and out == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed\n"
    assert [hit.path for hit in web.hits] == ["/public"]
    assert {f.person for f in snapshot(content).feeds} == {"public"}


def test_a_person_made_private_leaves_the_snapshot(web, site, run_cli):
    web.routes["/f"] = answer(body=rss2("Was public"))
    content = site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    (content / "contacts/friends.yaml").write_text(
        people({"name": "Ada", "feed": web.url("/f"), "visibility": "private"}), encoding="utf-8")
    assert run_cli("fetch")[1] == "fetched 0 feeds: 0 ok, 0 unchanged, 0 failed\n"
    assert snapshot(content).posts == () and snapshot(content).feeds == ()
    assert len(web.requested("/f")) == 1


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_nothing_is_written_into_content_and_a_built_site_runs_no_fetched_script(web, site, run_cli):
    web.routes["/h"] = answer(body=HOSTILE)
    content = site({"name": "Eve", "feed": web.url("/h"), "url": "https://eve.example/"})
    before = tree(content)
    assert run_cli("fetch")[0] == 0
    assert tree(content) == before
    assert snapshot_dir(content.parent).is_dir() and snapshot_dir(content.parent).parent.parent == content.parent
    assert run_cli("build")[0] == 0
    for path in (content.parent / "public").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".opml"):
            text = path.read_text(encoding="utf-8")
            assert 'alert("t")' not in text and "alert(document.cookie)" not in text and 'alert("s")' not in text


def test_bad_contacts_stop_fetch_like_build(site_factory, run_cli):
    site_factory({"contacts/friends.yaml": "people:\n  - name: Ada\n    feed: [unclosed\n"})
    code, out, err = run_cli("fetch")
    assert code == 1 and out == ""
    assert err.startswith("content/contacts/friends.yaml:") and ": error: " in err
    assert err.rstrip().endswith("fetch failed: 1 error; nothing was fetched") and "Traceback" not in err


def test_no_site_is_exit_1(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("fetch")
    assert code == 1 and "no content folder" in err


@pytest.mark.parametrize("argv", [["--since", "yesterday"], ["--jobs", "0"], ["--timeout", "-1"], ["--bogus"]])
def test_usage_errors_are_exit_2(site_factory, run_cli, argv):
    site_factory({})
    code, _, err = run_cli("fetch", *argv)
    assert code == 2 and err


def test_since_prints_what_is_new(web, site, run_cli):
    web.routes["/a"] = answer(body=rss2("Ada's news", "https://ada.example/news"))
    web.routes["/b"] = answer(body=FEEDS["rdf"][1])  # 2024: not within a week
    site({"name": "Ada Lovelace", "feed": web.url("/a")}, {"name": "Rita", "feed": web.url("/b")})
    code, out, err = run_cli("fetch", "--since", "7d")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "fetched 2 feeds: 2 ok, 0 unchanged, 0 failed",
        "1 new since 7d:",
        f"{ISO[:10]}  Ada Lovelace: Ada's news",
        "            https://ada.example/news",
    ]
    assert "Resource" in run_cli("fetch", "--since", "2024-04-30")[1]


def test_since_the_last_fetch_shows_only_what_this_run_brought(web, site, run_cli):
    web.routes["/a"] = answer(body=rss2("One", "https://ada.example/1"))
    site({"name": "Ada", "feed": web.url("/a")})
    assert "1 new since the last fetch" in run_cli("fetch", "--since")[1]
    assert run_cli("fetch", "--since")[1].endswith("nothing new since the last fetch\n")
    later = f"<item><title>Two</title><link>https://ada.example/2</link><pubDate>{RFC822}</pubDate></item>"
    web.routes["/a"] = answer(body=rss2("One", "https://ada.example/1", later))
    out = run_cli("fetch", "--since")[1]
    assert "1 new since the last fetch:" in out and "Ada: Two" in out and "Ada: One" not in out


def test_no_progress_bar_when_not_a_terminal(web, site, run_cli):
    web.routes["/a"] = answer(body=rss2())
    site({"name": "Ada", "feed": web.url("/a")})
    assert "\r" not in run_cli("fetch")[2]


def test_newest_entries_are_kept(web, site, run_cli):
    items = "".join(f"<item><title>N{n}</title><link>https://ada.example/{n}</link>"
                    f"<pubDate>{(RECENT - dt.timedelta(hours=n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
                    for n in range(30, 0, -1))
    web.routes["/a"] = answer(body=rss2("N0", "https://ada.example/0", items))
    content = site({"name": "Ada", "feed": web.url("/a")})
    run_cli("fetch")
    assert [p.title for p in posts_of(content, "ada")] == [f"N{n}" for n in range(20)]



def test_keep_carries_the_snapshot_where_the_cache_is_not_kept(web, site, run_cli, tmp_path):
    """Netlify keeps $NETLIFY_CACHE_DIR between builds, not the site's .plnsite-cache/."""
    web.routes["/f"] = conditional(rss2("Kept"))
    content = site({"name": "Ada", "feed": web.url("/f")})
    keep = tmp_path / "netlify-cache"
    assert run_cli("fetch", "--keep", str(keep))[0] == 0
    shutil.rmtree(content.parent / ".plnsite-cache")  # a fresh checkout
    code, out, _ = run_cli("fetch", "--keep", str(keep))
    assert out == "fetched 1 feed: 0 ok, 1 unchanged, 0 failed\n"  # its ETag came back from the kept copy
    assert [p.title for p in posts_of(content, "ada")] == ["Kept"]
    assert run_cli("fetch", "--keep", "")[0] == 0  # outside Netlify the variable is empty


def test_a_run_stopped_by_bad_contacts_leaves_the_snapshot_as_it_was(web, site, run_cli):
    web.routes["/f"] = answer(body=rss2("Good"))
    content = site({"name": "Ada", "feed": web.url("/f")})
    run_cli("fetch")
    before = tree(snapshot_dir(content.parent))
    (content / "contacts/friends.yaml").write_text("people:\n  - name: [broken\n", encoding="utf-8")
    assert run_cli("fetch")[0] == 1
    assert tree(snapshot_dir(content.parent)) == before and len(web.requested("/f")) == 1


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal(web, site):
    from tests.test_progress import frames, plnsite
    for n in range(12):
        web.routes[f"/f{n}"] = answer(body=rss2(f"Post {n}", f"https://p{n}.example/"))
    web.routes["/home/"] = answer(body='<link rel="alternate" type="application/rss+xml" href="/f0">')
    site(*({"name": f"P{n}", "feed": web.url(f"/f{n}")} for n in range(12)), {"name": "Home", "url": web.url("/home/")})
    code, out, err = plnsite("fetch")
    assert code == 0 and out == "fetched 13 feeds: 13 ok, 0 unchanged, 0 failed\n"
    drawn = frames(err)
    assert ("discover", 1, 1) in drawn and ("fetch", 13, 13) in drawn
    assert err.endswith("\r\x1b[K")  # cleared before the summary


def test_addresses_for_examples_are_not_asked_for(web, site, run_cli):
    """plnsite init's starter lists a mentor at mentor.example.org: a new site's first fetch says
    so in a line instead of failing on a name that cannot exist (RFC 2606)."""
    web.routes["/f"] = answer(body=FEEDS["rss2"][1])
    site({"name": "Ada", "feed": web.url("/f")}, {"name": "Mentor", "feed": "https://mentor.example.org/feed.xml"},
         {"name": "Bo", "url": "https://bo.example/"}, {"name": "Cy", "feed": "http://cy.invalid/feed"})
    code, out, err = run_cli("fetch")
    assert code == 0
    assert out == "fetched 1 feed: 1 ok, 0 unchanged, 0 failed; 3 skipped\n"
    assert "mentor.example.org/feed.xml is an address for examples: skipped" in err
    assert "could not connect" not in err
