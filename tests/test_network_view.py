"""The network's voice on the site, rendered from the snapshot `plnsite fetch` writes: network/latest/
and its feeds, each person's latest post on network/, posts on topic hubs, the home page's list.
Built through the real CLI, read back with feedparser, mf2py and lxml."""

from __future__ import annotations

import gzip

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, write_snapshot
from tests.clients import require_module

SITE = """\
title: Ada's Portfolio
base_url: https://ada.example.org/sub/
timezone: America/Vancouver
author: Ada
"""

FILES = {
    "site.yaml": SITE,
    "contacts/friends.yaml": """\
        title: Friends
        people:
          - name: Bo Builder
            id: bo
            url: https://bo.example/
            feed: https://bo.example/feed.xml
          - name: Cy Cole
            id: cy
            feed: https://cy.example/atom.xml
          - name: Dee Dormant
            id: dee
            feed: https://dee.example/feed.xml
          - name: Secret Sam
            id: sam
            visibility: private
            feed: https://sam.example/feed.xml
        """,
    "notes/2026-11-30-loops.md": "---\ntitle: Loops\ntags: [python]\n---\nBody.\n",
    "notes/2026-11-29-tea.md": "---\ntitle: Tea\ntags: [tea]\n---\nBody.\n",
}

TAKEN = "2026-12-02T09:30:00Z"  # 01:30 on 2 December in Vancouver


def post(person, title, link, published, categories=(), summary="A summary.", entry=None):
    return NetworkPost(person, f"https://{person}.example/feed.xml", entry or f"id-{title}", title, link, published,
                       "", tuple(categories), summary)


POSTS = (
    post("bo", "On loops", "https://bo.example/loops", "2026-12-02T05:00:00Z", ("Python",)),  # 1 Dec, 21:00 local
    post("cy", "<script>alert('x')</script>Escaped", "javascript:alert(1)", "2026-12-01T20:00:00Z",
         summary='<img src=x onerror="alert(1)"> & more'),
    post("sam", "SAM-SECRET-TITLE", "https://sam.example/SAM-SECRET-LINK", "2026-12-01T10:00:00Z", ("python",)),
    post("gone", "GONE-SECRET-TITLE", "https://gone.example/GONE-SECRET-LINK", "2026-12-01T10:00:00Z", ("python",)),
    post("bo", "", "https://bo.example/untitled", "2026-11-20T10:00:00Z", (), "word " * 400),
    post("cy", "Undated", "https://cy.example/undated", ""),
    post("cy", "Far future", "https://cy.example/future", "2027-06-01T00:00:00Z"),
    post("cy", "Odd date", "https://cy.example/odd", "last Tuesday"),
    post("bo", "Old news", "https://bo.example/old", "2026-09-01T00:00:00Z", ("python",)),
    post("dee", "Dee's only post", "https://dee.example/one", "2025-01-05T00:00:00Z", ("python",)),
)


def snapshot(posts=POSTS, taken=TAKEN) -> NetworkSnapshot:
    return NetworkSnapshot(taken=taken, posts=tuple(posts), feeds=())


@pytest.fixture
def site(site_factory):
    content = site_factory(FILES)
    assert write_snapshot(content.parent, snapshot())
    return content


def build(run_cli, *args) -> Path:
    code, _, err = run_cli("build", *args)
    assert code == 0, err
    assert "Traceback" not in err
    return Path("public")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".plnsite")}


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_latest_page_lists_posts_newest_first_grouped_by_day_in_the_sites_time_zone(site, run_cli):
    public = build(run_cli)
    page = main_of(text_of(public / "network" / "latest" / "index.html"))
    days = re.findall(r"<h2>(.*?)</h2>", page)
    # 05:00 UTC on 2 December is 21:00 on 1 December in Vancouver; the undated come last.
    assert days == ['<time datetime="2026-12-01">December 1, 2026</time>',
                    '<time datetime="2026-11-20">November 20, 2026</time>', "Date unknown"]
    titles = re.findall(r'<h3 class="p-name card-title post-title">(.*?)</h3>', page)
    starts = ["On loops", "&lt;script&gt;", "word word", "Far future", "Odd date", "Undated"]
    assert len(titles) == len(starts)
    assert all(re.sub(r"<[^>]+>", "", t).startswith(s) for t, s in zip(titles, starts)), titles
    assert '<a class="u-url" href="https://bo.example/loops">On loops</a>' in page
    assert '<a class="p-author h-card" href="/sub/network/#bo">Bo Builder</a>' in page
    assert '<time class="dt-published" datetime="2026-12-01T21:00:00-08:00">December 1, 2026</time>' in page
    assert 'As of <time datetime="2026-12-02T01:30:00-08:00">December 2, 2026</time>' in page
    # Older than network.days (30) before the snapshot: not on the page.
    assert "Old news" not in page and "Dee&#39;s only post" not in page


def test_a_long_summary_is_cut_and_a_post_without_title_is_named_by_its_summary(site, run_cli):
    page = main_of(text_of(build(run_cli) / "network" / "latest" / "index.html"))
    summary = re.search(r'href="https://bo.example/untitled">(word[^<]*)</a>', page)[1]
    assert summary.endswith("…") and len(summary) <= 80
    shown = re.findall(r'<p class="p-summary summary">(word[^<]*)</p>', page)
    assert len(shown) == 1 and len(shown[0]) <= 200 and shown[0].endswith("…")


def test_nothing_fetched_can_run_script_or_link_anywhere_but_http(site, run_cli):
    public = build(run_cli)
    files = tree(public)
    for name, data in files.items():
        if name.startswith("pagefind/") and name.endswith((".js", ".css", ".wasm")) or "/wasm." in name:
            continue  # Pagefind's own code, the same for every site (the index's files are read unpacked)
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        # The theme's own scripts (search, diagrams) are <script src=…>; the feeds' markup never is.
        assert "<script>" not in text and "<img src=x" not in text, name
        assert "javascript:" not in text.replace("&lt;script&gt;alert", ""), name
        if name.startswith("pagefind/"):  # other people's words are never in the search index
            assert "only post" not in text and "Escaped" not in text, name
    page = text_of(public / "network" / "latest" / "index.html")
    # The javascript: link is dropped: the title is text, not a link; the markup in it is escaped.
    assert "<h3 class=\"p-name card-title post-title\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;Escaped</h3>" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; more" in page
    lxml = require_module("lxml.html")
    for href in lxml.fromstring(page).xpath("//main//a/@href"):
        assert href.startswith(("/sub/", "https://")), href


def test_private_people_and_people_no_longer_in_contacts_never_appear(site, run_cli):
    public = build(run_cli)
    for name, data in tree(public).items():
        for secret in (b"SAM-SECRET", b"GONE-SECRET", b"Secret Sam", b"sam.example"):
            assert secret not in data, (name, secret)


def test_the_feeds_of_the_latest_page_are_what_my_network_is_writing(site, run_cli):
    feedparser = require_module("feedparser")
    public = build(run_cli)
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((public / "network" / "latest" / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.title == "Ada's Portfolio: what my network is writing"
        assert parsed.feed.link == "https://ada.example.org/sub/network/latest/"
        # Dated posts only, newest first; a post without an http(s) link links to the person's card.
        assert [e.link for e in parsed.entries] == [
            "https://bo.example/loops", "https://ada.example.org/sub/network/#cy", "https://bo.example/untitled"]
        assert [e.author for e in parsed.entries] == ["Bo Builder", "Cy Cole", "Bo Builder"]
        assert parsed.entries[0].tags[0].term == "Python"
        assert all(e.id.startswith("tag:ada.example.org,2000:network/") for e in parsed.entries)
    html = text_of(public / "network" / "latest" / "index.html")
    assert 'type="application/rss+xml" title="Ada&#39;s Portfolio: what my network is writing (RSS)" ' \
           'href="/sub/network/latest/feed.xml"' in html
    site_feed = (public / "feed.xml").read_text()
    assert "On loops" not in site_feed and "bo.example" not in site_feed  # never in the site's own feeds


def test_each_card_on_the_network_page_shows_the_latest_post(site, run_cli):
    page = main_of(text_of(build(run_cli) / "network" / "index.html"))
    bo = page.split('id="bo"', 1)[1].split("</article>", 1)[0]
    assert '<a class="p-name u-url" href="https://bo.example/loops">On loops</a>' in bo
    assert '<time class="dt-published" datetime="2026-12-01T21:00:00-08:00">December 1, 2026</time>' in bo
    dee = page.split('id="dee"', 1)[1].split("</article>", 1)[0]
    assert "Dee&#39;s only post" in dee and "January 5, 2025" in dee.replace("January 4", "January 5")
    assert '<a href="/sub/network/latest/">What they are writing</a> · As of' in page


def test_a_topic_hub_shows_recent_network_posts_of_its_tag(site, run_cli):
    public = build(run_cli)
    hub = main_of(text_of(public / "tags" / "python" / "index.html"))
    network = hub.split('<section class="hub-network">', 1)[1].split("</section>", 1)[0]
    assert "On loops" in network and "As of" in network
    assert "Old news" not in network and "Dee" not in network  # older than 30 days
    assert "hub-network" not in text_of(public / "tags" / "tea" / "index.html")
    assert not (public / "tags" / "teaching").exists()  # a category is no tag of the site


def test_the_home_page_has_a_short_list_from_my_network(site, run_cli):
    home = main_of(text_of(build(run_cli) / "index.html"))
    section = home.split('<section class="from-network">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'class="p-name card-title post-title">(.*?)</h3>', section)[0] == \
        '<a class="u-url" href="https://bo.example/loops">On loops</a>'
    assert len(re.findall("<article", section)) == 3  # the dated posts of the last 30 days
    assert '<a href="/sub/network/latest/">More from my network' in section


def test_the_latest_page_is_in_the_sitemap_and_the_microformats_read_back(site, run_cli):
    public = build(run_cli)
    assert "<loc>https://ada.example.org/sub/network/latest/</loc>" in (public / "sitemap.xml").read_text()
    mf2py = require_module("mf2py")
    parsed = mf2py.parse(doc=text_of(public / "network" / "latest" / "index.html"),
                         url="https://ada.example.org/sub/network/latest/")
    feed = next(i for i in parsed["items"] if "h-feed" in i["type"])
    entries = feed["children"]
    assert [e["type"] for e in entries] == [["h-entry"]] * 6
    first = entries[0]["properties"]
    assert first["url"] == ["https://bo.example/loops"] and first["name"] == ["On loops"]
    author = first["author"][0]
    assert author["type"] == ["h-card"] and author["properties"]["url"] == ["https://ada.example.org/sub/network/#bo"]


def test_the_same_content_and_snapshot_give_the_same_bytes(site, run_cli, tmp_path):
    first = tree(build(run_cli, "--no-cache"))
    shutil.rmtree("public")
    second = tree(build(run_cli, "--no-cache"))
    assert first == second
    assert "network/latest/index.html" in first


def test_without_a_snapshot_the_site_builds_as_before(site_factory, run_cli):
    site_factory(FILES)
    public = build(run_cli)
    assert not (public / "network" / "latest").exists()
    for name in ("index.html", "network/index.html", "tags/python/index.html"):
        html = text_of(public / name)
        assert "From my network" not in html and "latest-post" not in html and "As of" not in html


def test_the_build_never_writes_into_content(site, run_cli):
    def digest():
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path("content").rglob("*"))
                if p.is_file()}

    before = digest()
    build(run_cli)
    assert digest() == before


@pytest.mark.parametrize("setting, absent", [
    ("network: false", ["network/latest/index.html"]),
    ("network: {latest: false}", ["network/latest/index.html", "network/latest/feed.xml"]),
])
def test_site_yaml_turns_parts_off(site_factory, run_cli, setting, absent):
    content = site_factory({**FILES, "site.yaml": SITE + setting + "\n"})
    write_snapshot(content.parent, snapshot())
    public = build(run_cli)
    for name in absent:
        assert not (public / name).exists()
    if setting == "network: false":
        assert "latest-post" not in text_of(public / "network" / "index.html")
        assert "From my network" not in text_of(public / "index.html")
        assert "From my network" not in text_of(public / "tags" / "python" / "index.html")
    else:  # the other parts stay, without a link to a page that is not there
        assert "latest-post" in text_of(public / "network" / "index.html")
        assert "network/latest/" not in text_of(public / "index.html")


def test_site_yaml_counts_and_windows(site_factory, run_cli):
    content = site_factory({**FILES, "site.yaml": SITE + "network: {home: 1, hubs: false, days: 1000, max: 2, "
                                                          "per_person: false}\n"})
    write_snapshot(content.parent, snapshot())
    public = build(run_cli)
    latest = main_of(text_of(public / "network" / "latest" / "index.html"))
    assert len(re.findall("<article", latest)) == 2
    home = text_of(public / "index.html").split('<section class="from-network">', 1)[1].split("</section>")[0]
    assert len(re.findall("<article", home)) == 1
    assert "hub-network" not in text_of(public / "tags" / "python" / "index.html")
    assert "latest-post" not in text_of(public / "network" / "index.html")


def test_bad_network_settings_are_located_errors(site_factory, run_cli):
    site_factory({**FILES, "site.yaml": SITE + "network:\n  latest: maybe\n  home: -1\n  days: 0\n  lates: true\n"})
    code, _, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("content/site.yaml")]
    assert lines == [
        "content/site.yaml:6: error: network.latest must be true or false, not 'maybe'",
        "content/site.yaml:7: error: network.home must be a number of posts (0 for none) or true/false, not -1",
        "content/site.yaml:8: error: network.days must be a whole number of at least 1, not 0",
        "content/site.yaml:9: warning: unknown key 'network.lates' (did you mean 'latest'?)",
    ]
    site_factory({**FILES, "site.yaml": SITE + "network: [a]\n"})
    code, _, err = run_cli("build")
    assert code == 1 and "content/site.yaml:5: error: network must be true, false or a mapping" in err


def test_a_damaged_snapshot_is_no_snapshot(site, run_cli):
    (shard,) = (site.parent / ".plnsite-cache" / "network").glob("*.bin")
    shard.write_bytes(shard.read_bytes()[:-10])
    public = build(run_cli)
    assert not (public / "network" / "latest").exists()


def test_a_warm_build_after_a_new_snapshot_equals_a_cold_build(site, run_cli):
    out = build(run_cli)
    newer = (post("cy", "Fresh thoughts", "https://cy.example/fresh", "2026-12-03T08:00:00Z", ("tea",)), *POSTS)
    write_snapshot(site.parent, snapshot(newer, taken="2026-12-03T09:00:00Z"))
    code, stdout, err = run_cli("build")
    assert code == 0, err
    assert "Fresh thoughts" in text_of(out / "tags" / "tea" / "index.html")
    assert "December 3, 2026" in text_of(out / "network" / "index.html")
    code, _, err = run_cli("build", "--no-cache", "-o", "fresh")
    assert code == 0, err
    assert tree(out) == tree(Path("fresh"))


def test_a_new_snapshot_renders_again_exactly_the_pages_that_show_the_network(site):
    import datetime as dt

    from plnsite import BuildOptions, build as build_site
    from plnsite.incremental import BuildMemo

    opts = BuildOptions(source=site, now=dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc), cache=False)
    memo = BuildMemo(opts)
    first = build_site(opts, memo=memo)
    assert first.ok
    newer = (post("bo", "Fresh thoughts", "https://bo.example/fresh", "2026-12-03T08:00:00Z", ("python",)), *POSTS)
    write_snapshot(site.parent, snapshot(newer, taken="2026-12-03T09:00:00Z"))
    again = build_site(opts, memo=memo)
    assert again.ok
    assert again.rendered == {"index.html", "network/index.html", "network/latest/index.html",
                              "network/latest/feed.xml", "network/latest/atom.xml", "tags/python/index.html"}
    assert build_site(opts, memo=memo).rendered == frozenset()  # the same snapshot: nothing again
    cold = build_site(opts)
    assert {f: o.plain() for f, o in again.outputs.items() if o.plain() is not None} == \
        {f: o.plain() for f, o in cold.outputs.items() if o.plain() is not None}


def test_plnsite_check_finds_the_network_pages_and_feeds_sound(site, run_cli):
    code, out, err = run_cli("check")
    assert code == 0, err
    assert "no problems found" in out + err
