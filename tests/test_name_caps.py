"""Every name plnsite makes for an output file or folder fits the file system.

A file system takes at most 255 bytes per name (NAME_MAX on Linux and macOS), counted in UTF-8.
A tag of 300 characters, or of 100 emoji (which ``tag_slug`` spells out by their names, so the
slug grows), used to end the build with ``OSError: File name too long``. Every slug is now cut
to at most 200 bytes, after a word where it can be and never inside a character; two names cut
to one slug are one slug, as any two names with one slug are. Whole paths stay far below
PATH_MAX (4096): the longest plnsite makes is ``tags/<slug>/page/<n>/index.html``."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

SITE = "title: T\nbase_url: https://example.org/\n"
LIMIT = 200


def _note(tags: str = "[pln]", extra: str = "") -> str:
    return f"---\ntitle: A note\ndate: 2024-01-01\ntags: {tags}\n{extra}---\nBody.\n"


def _names(public: Path) -> list[str]:
    return [part for path in public.rglob("*") for part in path.relative_to(public).parts]


def _build(site_factory, run_cli, files: dict[str, str]):
    site_factory({"site.yaml": SITE, **files})
    code, out, err = run_cli("build")
    assert "Traceback" not in err
    return code, err


def _one_tag_dir(public: Path) -> str:
    found = [p.name for p in (public / "tags").iterdir() if p.is_dir()]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("tag, expected", [
    ("a" * 300, "a" * LIMIT),
    ("🦄" * 100, None),  # spelled out: unicorn-face-unicorn-face…
    ("学" * 100, "学" * 66),  # three bytes each: 66 fit in 200
    ("word " * 80, "-".join(["word"] * 40)),  # cut after a word (199 bytes), not inside one
], ids=["300 letters", "100 emoji", "100 CJK", "80 words"])
def test_found_a_long_tag_ended_the_build_with_file_name_too_long(site_factory, run_cli, tag, expected):
    code, err = _build(site_factory, run_cli, {"notes/2024-01-01-a.md": _note(f"['{tag}']")})
    assert code == 0, err
    public = Path("public")
    slug = _one_tag_dir(public)
    assert len(slug.encode("utf-8")) <= LIMIT
    if expected is not None:
        assert slug == expected
    else:
        assert slug.startswith("unicorn-face-unicorn-face") and not slug.endswith("-")
    assert (public / "tags" / slug / "index.html").is_file()
    feed = feedparser.parse((public / "tags" / slug / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title == "A note"
    assert max(len(name.encode("utf-8")) for name in _names(public)) <= 255


def test_tags_cut_to_one_slug_are_one_tag_with_a_warning(site_factory, run_cli):
    one, two = "x" * 250 + " one", "x" * 250 + " two"
    code, err = _build(site_factory, run_cli, {
        "notes/2024-01-01-a.md": _note(f"['{one}']"), "notes/2024-01-02-b.md": _note(f"['{two}']")})
    assert code == 0, err
    assert _one_tag_dir(Path("public")) == "x" * LIMIT
    assert "have one slug, 'xxxx" in err and "so they are one tag" in err


def test_found_a_long_slug_or_file_name_of_a_note_page_or_reading_fits(site_factory, run_cli):
    long_stem = "2024-01-02-" + "b" * 241  # with ".md", 255 bytes: as long as a file name can be
    code, err = _build(site_factory, run_cli, {
        "notes/2024-01-01-a.md": _note(extra=f"slug: {'é' * 300}\n"),
        f"notes/{long_stem}.md": _note(),
        "pages/about.md": f"---\ntitle: About\nslug: {'about-me ' * 60}\n---\nHi.\n",
        f"reading/{'c' * 250}.md": "---\ntitle: A paper\nstatus: want\n---\nWhy.\n",
    })
    assert code == 0, err
    public = Path("public")
    assert sorted(p.name for p in (public / "notes").iterdir() if p.is_dir() and p.name != "page") == [
        "b" * LIMIT, "e" * LIMIT]
    assert (public / "-".join(["about-me"] * 22) / "index.html").is_file()  # 22 words: 197 bytes
    assert (public / "reading" / ("c" * LIMIT) / "index.html").is_file()
    assert max(len(name.encode("utf-8")) for name in _names(public)) <= 255


def test_two_notes_cut_to_one_slug_are_the_duplicate_slug_error(site_factory, run_cli):
    code, err = _build(site_factory, run_cli, {
        "notes/2024-01-01-a.md": _note(extra=f"slug: {'n' * 300}-first\n"),
        "notes/2024-01-02-b.md": _note(extra=f"slug: {'n' * 300}-second\n"),
    })
    assert code == 1
    assert err.splitlines()[0] == (f"content/notes/2024-01-02-b.md:1: error: duplicate note slug '{'n' * LIMIT}': "
                                   "also used by content/notes/2024-01-01-a.md")


def test_reading_entries_cut_to_one_slug_are_numbered(site_factory, run_cli):
    title = "Proceedings " * 30
    code, err = _build(site_factory, run_cli, {
        "reading/2024.yaml": f"- title: {title}one\n  status: want\n- title: {title}two\n  status: want\n"})
    assert code == 0, err
    page = Path("public/reading/index.html").read_text(encoding="utf-8")
    base = "-".join(["proceedings"] * 16)  # 191 bytes: the words that fit in 200
    assert f'id="{base}"' in page and f'id="{base}-2"' in page


def test_found_plnsite_new_note_with_a_long_title_writes_a_file_that_fits(site_factory, run_cli):
    site_factory({"site.yaml": SITE})
    code, out, err = run_cli("new", "note", "A very long title " * 30, "--date", "2025-05-01")
    assert code == 0, err
    written = Path(out.strip())
    assert written.is_file() and len(written.name.encode("utf-8")) <= 255
    assert run_cli("build")[0] == 0


@pytest.mark.parametrize("name", ["a" * 250 + ".txt", "é" * 125 + ".txt", "😀" * 62 + ".png"],
                         ids=["ascii", "two-byte", "four-byte"])
def test_a_static_file_or_bundle_file_with_a_name_near_255_bytes_is_published(site_factory, run_cli, name):
    """Its temporary name beside it is shortened (the copy used to fail: 'File name too long')."""
    content = site_factory({"site.yaml": SITE, "notes/b/index.md": _note()})
    (content / "static").mkdir()
    (content / "static" / name).write_bytes(b"static bytes")
    (content / "notes" / "b" / name).write_bytes(b"bundle bytes")
    code, out, err = run_cli("build")
    assert (code, "Traceback" in err) == (0, False), err
    public = content.parent / "public"
    assert (public / name).read_bytes() == b"static bytes"
    assert (public / "notes" / "b" / name).read_bytes() == b"bundle bytes"
    assert not [p for p in public.rglob("*.tmp")]
