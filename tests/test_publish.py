"""One publish rule everywhere: a draft or future page, reading entry or note appears in no
output file (pages, lists, menu, tag hubs, feeds, sitemap, backlinks) unless --drafts or
--future, and then it appears everywhere a published one does. Built through the real CLI
(its clock is the real one: "future" here is 2099), read back with real parsers."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.clients import require_module

SITE = """\
title: Publish Test
base_url: https://example.org/sub/
feed: {include: [notes, reading]}
menu:
  - {title: Notes, url: /notes/}
  - {title: Hidden Page, url: /hidden/}
  - {title: Later Page, url: "https://example.org/sub/later/"}
  - {title: About, url: /about/}
"""

FILES = {
    "site.yaml": SITE,
    "contacts/friends.yaml": "people:\n  - name: Ruth Recommender\n    id: ruth\n",
    "notes/2024-01-01-public.md": "---\ntitle: Public Note\ntags: [pln]\n---\nPublic body.\n",
    "pages/about.md": "---\ntitle: About\n---\nAbout me.\n",
    # Drafts, both spellings, and future-dated items of every kind: their markers must not leak.
    "pages/hidden.md": "---\ntitle: Okapi Hidden Page\ndraft: true\n---\nOkapi body links [[Public Note]].\n",
    "pages/unpublished.md": "---\ntitle: Quokka Page\npublished: false\n---\nQuokka body.\n",
    "pages/later.md": "---\ntitle: Narwhal Later Page\ndate: 2099-01-01\n---\nNarwhal body [[Public Note]].\n",
    "reading/log.yaml": """\
        - title: Public Article
          url: https://example.org/a/
          finished: 2024-02-01
          tags: [pln]
        - title: Axolotl Future Article
          url: https://axolotl.example.org/
          finished: 2099-05-01
          tags: [pln, axolotltag]
          via: ruth
        - title: Ibex Started Later
          status: reading
          started: 2099-03-01
          tags: [pln]
        - title: Gecko Draft Article
          finished: 2024-03-01
          draft: true
          tags: [pln]
        - title: Someday Book
          status: want
          tags: [pln]
        """,
    "reading/2099-01-02-tapir-review.md": "---\ntitle: Tapir Review\ntags: [pln]\n---\nTapir body [[Public Note]].\n",
}
MARKERS = ["okapi", "quokka", "narwhal", "axolotl", "ibex", "gecko", "tapir", "2099", "/hidden/", "/later/",
           "/unpublished/"]


@pytest.fixture
def site(site_factory, run_cli, tmp_path):
    site_factory(FILES)

    def build(*flags: str) -> Path:
        out = tmp_path / ("public" + "".join(flags))
        code, _, err = run_cli("build", "--no-cache", "-o", str(out), *flags)
        assert code == 0, err
        return out

    return build


def read_all(out: Path) -> dict[str, str]:
    """Every output file's text; the search index's files unpacked, and Pagefind's own code (its
    scripts, styles and WebAssembly, the same for every site) left out."""
    files = {}
    for p in out.rglob("*"):
        name = p.relative_to(out).as_posix()
        if not p.is_file() or (name.startswith("pagefind/") and re.search(r"\.(js|css)$|/wasm\.", name)):
            continue
        data = p.read_bytes()
        files[name] = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", errors="replace")
    return files


def feed_titles(out: Path, name: str) -> list[str]:
    feedparser = require_module("feedparser")
    parsed = feedparser.parse((out / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [entry.title for entry in parsed.entries]


def test_unpublished_pages_and_readings_leave_no_trace(site):
    out = site()
    files = read_all(out)
    leaks = sorted({(name, marker) for name, text in files.items() for marker in MARKERS
                    if marker in text.lower() or marker in name.lower()})
    assert leaks == []
    assert not (out / "hidden").exists() and not (out / "unpublished").exists() and not (out / "later").exists()
    assert not (out / "reading" / "tapir-review").exists()
    assert not (out / "tags" / "axolotltag").exists()


def test_a_draft_page_is_out_of_the_sitemap_and_the_menu(site):
    out = site()
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://example.org/sub/about/" in sitemap
    home = (out / "index.html").read_text()
    assert 'href="/sub/about/"' in home and ">Notes<" in home
    assert "Hidden Page" not in home and "Later Page" not in home


def test_a_future_reading_is_in_no_feed_list_or_hub(site):
    out = site()
    for name in ("feed.xml", "atom.xml", "tags/pln/feed.xml"):
        assert feed_titles(out, name) == ["Finished reading: Public Article", "Public Note"], name
    assert [item["title"] for item in json.loads((out / "feed.json").read_text())["items"]] == [
        "Finished reading: Public Article", "Public Note"]
    reading = (out / "reading" / "index.html").read_text()
    assert "Public Article" in reading and "Someday Book" in reading  # a "want" entry has no date: always in
    hub = (out / "tags" / "pln" / "index.html").read_text()
    assert "Public Article" in hub and "Someday Book" in hub
    network = (out / "network" / "index.html").read_text()
    assert "Ruth Recommender" in network


def test_a_link_to_an_unpublished_item_is_plain_text_with_a_warning(site_factory, run_cli):
    site_factory({**FILES, "notes/2024-01-02-linker.md": (
        "---\ntitle: Linker\n---\nSee [[hidden]], [[Narwhal Later Page]], [[axolotl-future-article]] "
        "and [the review](../reading/2099-01-02-tapir-review.md).\n")})
    code, out, err = run_cli("build", "--no-cache", "-o", "public")
    assert code == 0
    assert err.splitlines()[:4] == [
        "content/notes/2024-01-02-linker.md:4: warning: '../reading/2099-01-02-tapir-review.md' is dated in the "
        "future, left out of this build (--future includes it): the link is plain text",
        "content/notes/2024-01-02-linker.md:4: warning: 'Narwhal Later Page' is dated in the future, left out of "
        "this build (--future includes it): the link is plain text",
        "content/notes/2024-01-02-linker.md:4: warning: 'axolotl-future-article' is dated in the future, left out "
        "of this build (--future includes it): the link is plain text",
        "content/notes/2024-01-02-linker.md:4: warning: 'hidden' is a draft, left out of this build "
        "(--drafts includes it): the link is plain text",
    ]
    page = Path("public/notes/linker/index.html").read_text()
    assert '<span class="broken-link">hidden</span>' in page
    assert '<span class="broken-link">the review</span>' in page
    assert "Okapi" not in page and "/sub/hidden/" not in page


def test_with_drafts_and_future_they_are_published_everywhere(site):
    out = site("--drafts", "--future")
    for name in ("hidden", "unpublished", "later", "reading/tapir-review"):
        assert (out / name / "index.html").is_file(), name
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://example.org/sub/hidden/" in sitemap and "https://example.org/sub/reading/tapir-review/" in sitemap
    home = (out / "index.html").read_text()
    assert "Hidden Page" in home and "Later Page" in home
    assert feed_titles(out, "feed.xml")[:2] == ["Finished reading: Axolotl Future Article", "Finished reading: Tapir Review"]
    assert "Gecko Draft Article" in (out / "reading" / "index.html").read_text()
    assert "Ibex Started Later" in (out / "tags" / "pln" / "index.html").read_text()
    assert (out / "tags" / "axolotltag" / "index.html").is_file()
    assert "Axolotl Future Article" in (out / "network" / "index.html").read_text()  # Ruth recommended it
    # Their links count as backlinks once they are published.
    note = (out / "notes" / "public" / "index.html").read_text()
    assert "Okapi Hidden Page" in note and "Narwhal Later Page" in note and "Tapir Review" in note


def test_each_flag_publishes_only_its_own_kind(site):
    drafts = site("--drafts")
    assert (drafts / "hidden").is_dir() and (drafts / "unpublished").is_dir() and not (drafts / "later").exists()
    assert "Gecko Draft Article" in (drafts / "reading" / "index.html").read_text()
    assert "Axolotl" not in (drafts / "feed.xml").read_text()
    future = site("--future")
    assert (future / "later").is_dir() and not (future / "hidden").exists()
    assert feed_titles(future, "feed.xml")[0] == "Finished reading: Axolotl Future Article"
    assert "Gecko" not in (future / "reading" / "index.html").read_text()


def test_backlinks_come_only_from_published_items(site):
    note = (site() / "notes" / "public" / "index.html").read_text()
    assert "Linked from" not in note


def test_check_finds_nothing_wrong_with_a_site_that_has_drafts(site_factory, run_cli):
    site_factory(FILES)
    code, out, err = run_cli("check")
    assert "Traceback" not in err
    assert out.splitlines()[-1].startswith("check: no problems found"), out
    assert code == 0


def test_the_sample_sites_drafts_and_future_items_reach_no_output_file(basic_public):
    """tests/sites/basic holds a draft and a future item of every kind, each marked 'secret'."""
    found = [p.relative_to(basic_public).as_posix() for p in basic_public.rglob("*")
             if "secret" in p.name.lower() or (p.is_file() and b"secret" in p.read_bytes().lower())]
    assert found == []


def test_check_follows_the_rule_and_checks_drafts_with_drafts(site_factory, run_cli):
    site_factory({**FILES, "pages/hidden.md": "---\ntitle: Hidden\ndraft: true\n---\nSee [[nowhere]].\n"})
    code, out, _ = run_cli("check")
    assert code == 0, out
    code, out, _ = run_cli("check", "--drafts")
    assert code == 1
    assert "content/pages/hidden.md:5: warning: no note named 'nowhere'" in out.splitlines()


def test_a_bad_page_date_is_an_error_at_its_line(site_factory, run_cli):
    site_factory({"pages/now.md": "---\ntitle: Now\ndate: someday\n---\nNow.\n"})
    code, _, err = run_cli("build", "-o", "public")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [
        "content/pages/now.md:3: error: 'date' is not a date: 'someday' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)",
        "build failed: 1 error; nothing was written"]
    assert not Path("public").exists()
