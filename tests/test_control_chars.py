"""Control characters, wherever a person's text can hold them, reach no output file.

A terminal's colour codes pasted into a note (``ESC[32mPASSED``), a BEL, a NUL, a C1 control or
a noncharacter — raw in a file, written by a YAML escape in double quotes (``"\\e[31m"``), or
in a file name — used to end the build with a traceback from the feed writer. Now each file
that had one gets one warning at the first line that had one, and the site builds: every
output file is searched byte by byte, and read back with the parsers other people use
(feedparser, listparser, lxml, json, the Nu HTML Checker)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree, html

from plnsite.cli import main
from tests.clients import require_module, vnu_check

from .conftest import MINIMAL_SITE

# What XML 1.0 or HTML cannot hold, written out here rather than taken from plnsite.
_NONCHARACTERS = "".join(chr(p + 0xFFFE) + chr(p + 0xFFFF) for p in range(0, 0x110000, 0x10000))
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
ESC, BEL = "\x1b", "\x07"
RAW = f"\x00\x0b\x0c\x7f\x85\x9b\ufffe\ufdd0{chr(0x1FFFF)}"  # one of each other kind

SITE = {
    "site.yaml": (
        'title: "\\e[1mMy Site"\n'
        "base_url: https://example.org/sub/\n"
        f"description: Notes{BEL} and more\n"
        'author: {name: "Ada\\x07 Lovelace", url: https://ada.example/}\n'
        "menu:\n"
        f"  - {{title: {ESC}[35mNotes, url: /notes/}}\n"
        '  - {title: "Tags\\x85", url: /tags/}\n'
        "feed: {include: [notes, reading]}\n"
        'extra_words: "shown\\a in templates"\n'
    ),
    "notes/2024-01-01-c.md": (
        "---\n"
        f"title: {ESC}[1mBold{ESC}[0m title\n"
        "date: 2024-01-01\n"
        f'tags: [ta{BEL}g, "\\e[31mred", "\\x07"]\n'
        f"summary: A{RAW}summary\n"
        "---\n"
        f"{ESC}[32mPASSED{ESC}[0m in {RAW} 3 s\n"
        "\n"
        "```\n"
        f"$ pytest{ESC}(B{ESC}[m\n"
        "```\n"
    ),
    f"notes/2024-01-02-bad{BEL}name.md": "---\ndate: 2024-01-02\n---\nNo title here.\n",
    "pages/about.md": f'---\ntitle: "\\aAbout\\u0085 me"\n---\nHello {ESC}]0;window title{BEL}there.\n',
    "reading/2024.yaml": (
        f"- title: {ESC}[33mA Book{ESC}[0m\n"
        "  status: finished\n"
        "  finished: 2024-02-01\n"
        '  notes: "Good\\x1b[0m read."\n'
        f"  author: Jo{RAW}Writer\n"
        "  tags: [books]\n"
    ),
    "reading/a-paper.md": f"---\ntitle: A Paper\nfinished: 2024-03-01\n---\nWhy{RAW} it matters.\n",
    "contacts/friends.yaml": (
        'title: "\\e[1mFriends"\n'
        f"description: People{BEL} I know\n"
        "people:\n"
        f"  - name: Jo{ESC}[4m Doe\n"
        '    role: "teacher\\x9b"\n'
        "    url: https://jo.example/\n"
        "    feed: https://jo.example/feed.xml\n"
        f"    note: Met{RAW} at school.\n"
        f'    handles: {{github: "jo\\a"}}\n'
        "    tags: [books]\n"
    ),
    f"contacts/odd{BEL}list.yaml": "people:\n  - name: Sam Roe\n    feed: https://sam.example/feed.xml\n",
}

WARNINGS = [
    "content/contacts/friends.yaml:1: warning: a terminal colour code 'ESC[1m', written by an escape in 'title', "
    "dropped: web pages and feeds cannot hold control characters",
    "content/contacts/friends.yaml:2: warning: the control character U+0007 dropped: web pages and feeds cannot "
    "hold control characters (2 more lines of this file had such characters)",
    "content/notes/2024-01-01-c.md:2: warning: a terminal colour code 'ESC[1m' dropped: web pages and feeds cannot "
    "hold control characters (4 more lines of this file had such characters)",
    "content/notes/2024-01-01-c.md:4: warning: a terminal colour code 'ESC[31m', written by an escape in 'tags', "
    "dropped: web pages and feeds cannot hold control characters",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site above built by ``plnsite build``: (exit code, stderr lines, output folder)."""
    root = tmp_path_factory.mktemp("controls")
    content = root / "content"
    for rel, text in SITE.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(text.encode("utf-8"))
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        mp.chdir(root)
        code = main(["build"])
    return code, err.getvalue().splitlines(), root / "public"


def _outputs(public: Path) -> list[Path]:
    """The output's text files (not the search index, which is binary: tests/test_search.py; nor
    the link-preview cards, card.png, which are images)."""
    return sorted(p for p in public.rglob("*") if p.is_file() and p.name != ".plnsite-manifest.json"
                  and p.suffix != ".png" and not p.relative_to(public).as_posix().startswith("pagefind/"))


def test_found_a_control_character_crashed_the_build_now_it_builds_with_a_warning_per_file(built):
    code, err, _ = built
    assert code == 0, err
    assert not any("Traceback" in line for line in err)
    warnings = [line for line in err if ": warning: " in line]
    # One per file (and one more where a YAML escape wrote one), at the first line that had one.
    assert sorted(w.split(": warning:")[0] for w in warnings) == sorted([
        "content/contacts/friends.yaml:1", "content/contacts/friends.yaml:2",
        "content/notes/2024-01-01-c.md:2", "content/notes/2024-01-01-c.md:4",
        "content/notes/2024-01-02-bad\\x07name.md:1",  # "no title": made from the file name (shown escaped)
        "content/pages/about.md:2", "content/pages/about.md:4",
        "content/reading/2024.yaml:1", "content/reading/2024.yaml:4",
        "content/reading/a-paper.md:5",
        "content/site.yaml:1", "content/site.yaml:3",
    ])
    for expected in WARNINGS:
        assert expected in err
    assert ("content/pages/about.md:4: warning: a terminal escape code 'ESC]0;window titleBEL' dropped: web pages "
            "and feeds cannot hold control characters") in err
    assert not any(ESC in line for line in err), "a warning printed a raw escape code to the terminal"


def test_found_no_output_file_holds_a_control_character(built):
    _, _, public = built
    files = _outputs(public)
    assert len(files) > 20
    for path in files:
        text = path.read_bytes().decode("utf-8")
        found = FORBIDDEN.search(text)
        assert found is None, f"{path.relative_to(public)}: U+{ord(found.group()):04X} at {found.start()}"


def test_found_the_colour_code_is_dropped_whole_not_left_as_text(built):
    _, _, public = built
    note = html.fromstring((public / "notes" / "c" / "index.html").read_bytes())
    body = note.text_content()
    assert "PASSED in" in body and "Bold title" in body
    assert "[32m" not in body and "[0m" not in body and "[1m" not in body and "(B" not in body
    page = (public / "about" / "index.html").read_text(encoding="utf-8")
    assert "Hello there." in page and "window title" not in page  # a terminal title: no text of its own
    assert "About me" in page


def test_found_every_feed_parses_with_feedparser(built):
    _, _, public = built
    feeds = [public / "feed.xml", public / "atom.xml", *sorted((public / "tags").glob("*/feed.xml"))]
    assert len(feeds) >= 5
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title.startswith("My Site")
    rss = feedparser.parse((public / "feed.xml").read_bytes())
    titles = {e.title for e in rss.entries}
    assert {"Bold title", "Finished reading: A Book"} <= titles
    tags = sorted({t.term for e in rss.entries for t in e.get("tags", [])})
    assert tags == ["books", "red", "tag"]
    # The tag that was nothing but a BEL is no tag at all.
    assert sorted(p.name for p in (public / "tags").iterdir() if p.is_dir()) == ["books", "red", "tag"]


def test_found_the_json_feed_opml_and_sitemap_parse(built):
    _, _, public = built
    feed = json.loads((public / "feed.json").read_text(encoding="utf-8"))
    assert feed["title"] == "My Site"
    assert feed["authors"] == [{"name": "Ada Lovelace", "url": "https://ada.example/"}]
    note = next(item for item in feed["items"] if item["title"] == "Bold title")
    assert note["summary"] == "Asummary"
    for name in ("network.opml", ".well-known/recommendations.opml", "sitemap.xml"):
        etree.fromstring((public / name).read_bytes())  # raises on anything XML cannot hold
    listparser = require_module("listparser")
    blogroll = listparser.parse((public / "network.opml").read_text(encoding="utf-8"))
    assert not blogroll.bozo
    assert sorted(f.title for f in blogroll.feeds) == ["Jo Doe", "Sam Roe"]


def test_found_the_pages_pass_the_nu_html_checker(built):
    _, _, public = built
    pages = [p for p in _outputs(public) if p.suffix == ".html"]
    assert len(pages) > 10
    assert vnu_check(pages) == []


def test_found_site_yaml_and_contact_texts_are_shown_clean(built):
    _, _, public = built
    home = html.fromstring((public / "index.html").read_bytes())
    assert home.findtext(".//title").startswith("My Site")
    assert [a.text_content().strip() for a in home.xpath("//nav//a")][:2] == ["Notes", "Tags"]
    network = (public / "network" / "index.html").read_text(encoding="utf-8")
    for shown in ("Friends", "People I know", "Jo Doe", "teacher", "Met at school.", "Odd"):
        assert shown in network
    reading = (public / "reading" / "index.html").read_text(encoding="utf-8")
    assert "A Book" in reading and "JoWriter" in reading and "Good read." in reading


def test_the_issue_s_example_builds_and_shows_passed(site_factory, run_cli):
    site_factory({"site.yaml": MINIMAL_SITE,
                  "notes/c.md": "---\ntitle: C\ndate: 2024-01-01\n---\n\x1b[32mPASSED\n"})
    code, _, err = run_cli("build")
    assert code == 0, err
    assert err.splitlines()[0] == ("content/notes/c.md:5: warning: a terminal colour code 'ESC[32m' dropped: "
                                   "web pages and feeds cannot hold control characters")
    assert "<p>PASSED</p>" in Path("public/notes/c/index.html").read_text(encoding="utf-8")
    assert not feedparser.parse(Path("public/feed.xml").read_bytes()).bozo


def test_strict_fails_on_the_warning(site_factory, run_cli):
    site_factory({"notes/c.md": "---\ntitle: C\ndate: 2024-01-01\n---\nA bell\x07.\n"})
    code, _, err = run_cli("build", "--strict")
    assert code == 1
    assert "content/notes/c.md:5: error: the control character U+0007 dropped" in err  # --strict: warnings fail


@pytest.mark.parametrize("escape", ["\\uD800", "\\U0010FFFF", "\\uFDD0", "\\x00", "\\0", "\\N", "\\b"])
def test_yaml_escapes_of_every_kind_are_dropped(site_factory, run_cli, escape):
    site_factory({"notes/c.md": f'---\ntitle: "A{escape}B"\ndate: 2024-01-01\n---\nx\n'})
    code, _, err = run_cli("build")
    assert "Traceback" not in err
    if code == 1:  # libyaml refuses a lone surrogate itself: a located YAML error is fine too
        assert err.startswith("content/notes/c.md:2: error: invalid YAML"), err
        return
    assert "content/notes/c.md:2: warning: " in err and "written by an escape in 'title'" in err
    assert "<h1" in (page := Path("public/notes/c/index.html").read_text(encoding="utf-8"))
    assert ">AB<" in page
    assert FORBIDDEN.search(Path("public/feed.xml").read_text(encoding="utf-8")) is None


def test_found_a_control_character_in_base_url_crashed_the_feed_writer(site_factory, run_cli):
    site_factory({"notes/c.md": "---\ntitle: C\ndate: 2024-01-01\n---\nx\n"})
    code, _, err = run_cli("build", "--base-url", "https://example.org/a\x1b[1m/")
    assert code == 1
    assert err.splitlines() == [
        "error: base_url must be an absolute http(s) URL without control characters, "
        "not 'https://example.org/a\\x1b[1m/'",
        "build failed: 1 error; nothing was written",
    ]


def test_a_warm_build_says_the_same_and_writes_the_same(site_factory, run_cli):
    site_factory({"notes/c.md": "---\ntitle: \"\\e[1mC\"\ndate: 2024-01-01\n---\n\x1b[32mPASSED\n"})
    first = run_cli("build")
    before = {p: p.read_bytes() for p in Path("public").rglob("*") if p.is_file()}
    second = run_cli("build")
    assert first[0] == second[0] == 0
    assert [line for line in first[2].splitlines() if "warning" in line] == \
        [line for line in second[2].splitlines() if "warning" in line]
    assert len([line for line in second[2].splitlines() if "warning" in line]) == 2
    assert {p: p.read_bytes() for p in Path("public").rglob("*") if p.is_file()} == before


def test_a_file_name_holding_a_control_character_is_escaped_in_the_manifest(tmp_path, monkeypatch, run_cli):
    """The output folder's manifest lists every file it wrote as JSON: with escapes, so that a
    static file named with DEL does not put DEL in the manifest's bytes (found by the fuzzer)."""
    content = tmp_path / "site" / "content"
    (content / "static").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n")
    (content / "static" / "\x7f.md").write_bytes(b"")
    (content / "static" / "café.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path / "site")
    code, _, err = run_cli("build")
    assert code == 0 and "Traceback" not in err
    manifest = (tmp_path / "site" / "public" / ".plnsite-manifest.json").read_bytes()
    assert manifest.isascii() and b"\x7f" not in manifest
    listed = set(json.loads(manifest))
    assert {"\x7f.md", "café.txt"} <= listed
    assert run_cli("build")[0] == 0  # read back: nothing to write again
