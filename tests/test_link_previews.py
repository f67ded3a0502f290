"""Link previews: every page's Open Graph and Twitter card meta, and the card images plnsite
draws (1200×630 PNG, the same bytes every build, drawn once and then taken from the cache)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
from PIL import Image

from plnsite.images.cards import Card, CardMaker, draw_card

SITE_YAML = """\
title: Learner
base_url: https://learner.example/portfolio/
"""


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def site(site_factory):
    return site_factory({
        "site.yaml": SITE_YAML,
        "notes/2026-11-30-first-note.md": "---\ntitle: First note on <learning> & “things”\n---\nHello.\n",
        "notes/2026-11-29-photo/index.md": "---\ntitle: A photo\n---\n![x](diagram.svg) ![y](photo.jpg)\n",
        "notes/2026-11-29-photo/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        "notes/2026-11-29-photo/photo.jpg": _jpeg(800, 500),
        "pages/about.md": "---\ntitle: About\n---\nMe.\n",
    })


def _meta(page: Path) -> dict[str, str]:
    tree = lxml_html.fromstring(page.read_bytes())
    found = {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//head/meta")}
    return {k: v for k, v in found.items() if k and (k.startswith(("og:", "twitter:")))}


def _file_of(out: Path, url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith("/portfolio/")
    return out / path[len("/portfolio/"):]


def test_every_page_has_a_preview_with_an_image_of_the_size_it_says(site, run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("build", "-o", str(out))
    assert code == 0, err
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        meta = _meta(page)
        assert meta["twitter:card"] == "summary_large_image", page
        for key in ("og:title", "og:type", "og:url", "og:image", "og:image:width", "og:image:height", "og:image:alt"):
            assert meta.get(key), (page, key)
        with Image.open(_file_of(out, meta["og:image"])) as image:
            assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"])), page
    note = _meta(out / "notes" / "first-note" / "index.html")
    assert note["og:image"] == "https://learner.example/portfolio/notes/first-note/card.png"
    assert note["og:image:alt"] == "First note on <learning> & “things”"
    assert (note["og:type"], note["og:image:type"]) == ("article", "image/png")
    with Image.open(out / "notes" / "first-note" / "card.png") as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
    # A bundle's first image a preview can show (not its SVG) is its preview, at its own size.
    photo = _meta(out / "notes" / "photo" / "index.html")
    assert photo["og:image"] == "https://learner.example/portfolio/notes/photo/photo.jpg"
    assert (photo["og:image:width"], photo["og:image:height"], photo["og:image:type"]) == ("800", "500", "image/jpeg")
    assert not (out / "notes" / "photo" / "card.png").exists()
    # Other pages show the site's card.
    assert _meta(out / "about" / "index.html")["og:image"] == "https://learner.example/portfolio/card.png"
    assert note["og:description"] == "Hello."


def test_cards_are_the_same_bytes_every_build_and_with_or_without_the_cache(site, run_cli, tmp_path):
    runs = [("build", "-o", str(tmp_path / "a")), ("build", "-o", str(tmp_path / "b")),
            ("build", "--no-cache", "-o", str(tmp_path / "c"))]
    for argv in runs:
        code, _, err = run_cli(*argv)
        assert code == 0, err
    cards = [{p.relative_to(tmp_path / n): p.read_bytes() for p in (tmp_path / n).rglob("card.png")} for n in "abc"]
    assert len(cards[0]) == 2 and cards[0] == cards[1] == cards[2]
    card = Card("A title", "A site", "1 December 2026")
    assert draw_card(card) == draw_card(card)
    assert b"tIME" not in draw_card(card) and b"tEXt" not in draw_card(card)  # no time, no text metadata


def test_a_warm_build_takes_cards_from_the_cache(site, run_cli, tmp_path):
    """The cache is what a build reads: a card put there (for the same words) is the one published."""
    code, _, err = run_cli("build", "-o", str(tmp_path / "a"))
    assert code == 0, err
    cache = CardMaker(site.parent / ".plnsite-cache")
    published = (tmp_path / "a" / "notes" / "first-note" / "card.png").read_bytes()
    marked = draw_card(Card("marked", "marked", "marked"))
    (shard,) = [p for p in (site.parent / ".plnsite-cache" / "cards").iterdir()
                if cache.store.read(p.stem) is not None and cache.store.read(p.stem).payload == published]
    cache.store.write(shard.stem, marked)
    code, _, err = run_cli("build", "-o", str(tmp_path / "b"))
    assert code == 0, err
    assert (tmp_path / "b" / "notes" / "first-note" / "card.png").read_bytes() == marked


def test_a_new_title_draws_a_new_card(site, run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("build", "-o", str(out))
    assert code == 0, err
    before = (out / "notes" / "first-note" / "card.png").read_bytes()
    note = site / "notes" / "2026-11-30-first-note.md"
    note.write_text(note.read_text(encoding="utf-8").replace("First note", "Second thoughts"), encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(out))
    assert code == 0, err
    assert (out / "notes" / "first-note" / "card.png").read_bytes() not in (before, b"")


def test_a_site_image_and_a_bundle_card_of_ones_own(site_factory, run_cli, tmp_path):
    """static/card.png is the site's preview; a bundle's own card.png is its note's (never a clash)."""
    site_factory({
        "site.yaml": SITE_YAML,
        "static/card.png": _png(600, 315),
        "notes/2026-11-29-mine/index.md": "---\ntitle: Mine\n---\nHi.\n",
        "notes/2026-11-29-mine/card.png": _png(640, 320),
    })
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 0, err
    home = _meta(tmp_path / "out" / "index.html")
    assert (home["og:image"], home["og:image:width"]) == ("https://learner.example/portfolio/card.png", "600")
    mine = _meta(tmp_path / "out" / "notes" / "mine" / "index.html")
    assert (mine["og:image:width"], mine["og:image:height"]) == ("640", "320")
    assert (tmp_path / "out" / "notes" / "mine" / "card.png").read_bytes() == _png(640, 320)


def test_cards_false_draws_no_card_per_note_and_notes_show_the_site_s(site, run_cli, tmp_path):
    yaml = site / "site.yaml"
    yaml.write_text(SITE_YAML + "cards: false\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "off"))
    assert code == 0, err
    assert sorted(p.relative_to(tmp_path / "off").as_posix() for p in (tmp_path / "off").rglob("card.png")) == [
        "card.png"]
    note = _meta(tmp_path / "off" / "notes" / "first-note" / "index.html")
    assert (note["og:image"], note["og:image:alt"]) == ("https://learner.example/portfolio/card.png", "Learner")
    # a bundle's own image is still its preview
    assert _meta(tmp_path / "off" / "notes" / "photo" / "index.html")["og:image"].endswith("/notes/photo/photo.jpg")
    # turned on again, the same output folder gets the note's card back (the warm build sees the change)
    yaml.write_text(SITE_YAML + "cards: true\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "off"))
    assert code == 0, err
    assert (tmp_path / "off" / "notes" / "first-note" / "card.png").is_file()
    assert _meta(tmp_path / "off" / "notes" / "first-note" / "index.html")["og:image"].endswith("/first-note/card.png")


def test_cards_must_be_a_switch(site, run_cli, tmp_path):
    (site / "site.yaml").write_text(SITE_YAML + "cards: sometimes\n", encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "site.yaml:3: error: cards must be true or false" in err


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def test_long_titles_are_cut_to_fit_quickly():
    """A title of 20,000 letters without a space is measured only as far as a card can show."""
    for title in ("x" * 20000, "word " * 5000, ""):
        with Image.open(io.BytesIO(draw_card(Card(title, "s" * 3000, "d" * 3000)))) as image:
            assert image.size == (1200, 630)
