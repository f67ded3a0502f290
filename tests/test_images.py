"""Images in notes, through the real CLI: width/height, lazy loading but for the first image,
a srcset of copies for large photos (published, cached, linked to the original), and missing
images and images without alt text reported at path:line by build and check."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import html as lxml_html
from PIL import Image

SITE = "title: Pictures\nbase_url: https://example.org/sub/\n"


def jpeg(width: int, height: int) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


FILES = {
    "site.yaml": SITE,
    "notes/2024-03-01-trip/index.md": (
        "---\ntitle: Trip\n---\n"
        "![The lake at dawn](lake.jpg)\n\n"   # line 4: the first image, a large photo
        "A small one: ![A red door](door.png)\n\n"
        "[![Link to the map](map.png)](https://maps.example/)\n"
    ),
    "notes/2024-03-01-trip/lake.jpg": jpeg(2400, 1600),
    "notes/2024-03-01-trip/door.png": png(300, 200),
    "notes/2024-03-01-trip/map.png": png(1000, 500),
    "notes/2024-03-02-static.md": "---\ntitle: Static\n---\nFrom static: ![A banner](/img/banner.jpg) and"
                                  " ![Elsewhere](https://img.example/x.png).\n",
    "static/img/banner.jpg": jpeg(1200, 300),
}


def _imgs(path: str) -> dict[str, dict]:
    doc = lxml_html.fromstring(Path(path).read_bytes())
    return {img.get("alt"): dict(img.attrib, parent=img.getparent().tag, href=img.getparent().get("href"))
            for img in doc.iter("img")}


def test_images_get_their_size_lazy_loading_and_a_srcset(site_factory, run_cli):
    site_factory(FILES)
    code, _, err = run_cli("build")
    assert code == 0, err
    imgs = _imgs("public/notes/trip/index.html")
    lake, door, link = imgs["The lake at dawn"], imgs["A red door"], imgs["Link to the map"]
    # The first image: above the fold, loaded at once.
    assert (lake["width"], lake["height"]) == ("2400", "1600")
    assert "loading" not in lake and "decoding" not in lake
    assert lake["srcset"] == "lake-480w.jpg 480w, lake-960w.jpg 960w, lake-1600w.jpg 1600w"
    assert lake["sizes"] and lake["src"] == "lake.jpg"
    assert (lake["parent"], lake["href"]) == ("a", "lake.jpg")  # the original, linked
    # Small images: measured, lazy, no copies, no link.
    assert (door["width"], door["height"], door["loading"], door["decoding"]) == ("300", "200", "lazy", "async")
    assert "srcset" not in door and door["parent"] == "p"
    # Already inside a link: copies, but no second link around it.
    assert link["srcset"] == "map-480w.png 480w, map-960w.png 960w, map.png 1000w"
    assert link["href"] == "https://maps.example/"
    # The copies are published beside the original, the right size and format.
    for width in (480, 960, 1600):
        with Image.open(f"public/notes/trip/lake-{width}w.jpg") as copy:
            assert copy.format == "JPEG" and copy.size == (width, round(width * 2 / 3))
    with Image.open("public/notes/trip/map-480w.png") as copy:
        assert copy.format == "PNG" and copy.size == (480, 240)
    assert Path("public/notes/trip/lake.jpg").read_bytes() == FILES["notes/2024-03-01-trip/lake.jpg"]


def test_root_relative_images_follow_the_base_path_and_other_hosts_are_left_alone(site_factory, run_cli):
    site_factory(FILES)
    assert run_cli("build")[0] == 0
    imgs = _imgs("public/notes/static/index.html")
    banner = imgs["A banner"]
    assert banner["src"] == "/sub/img/banner.jpg" and (banner["width"], banner["height"]) == ("1200", "300")
    assert banner["srcset"] == "/sub/img/banner-480w.jpg 480w, /sub/img/banner-960w.jpg 960w, /sub/img/banner.jpg 1200w"
    assert banner["href"] == "/sub/img/banner.jpg"
    assert Path("public/img/banner-960w.jpg").is_file()
    assert imgs["Elsewhere"] == {"src": "https://img.example/x.png", "alt": "Elsewhere", "parent": "p", "href": None}


def test_summaries_in_lists_are_all_lazy(site_factory, run_cli):
    site_factory(FILES)
    assert run_cli("build")[0] == 0
    lake = _imgs("public/index.html")["The lake at dawn"]
    assert (lake["loading"], lake["decoding"]) == ("lazy", "async")


def test_a_warm_build_does_not_resize_again_and_gives_the_same_bytes(site_factory, run_cli):
    site_factory(FILES)
    assert run_cli("build")[0] == 0
    cache = sorted(p for p in Path(".plnsite-cache/images").iterdir() if p.is_file())  # not originals/
    assert len(cache) == 3 + 2 + 2  # lake 480/960/1600, map 480/960, banner 480/960
    stamps = {p: p.stat().st_mtime_ns for p in cache}
    first = {p: p.read_bytes() for p in Path("public").rglob("*") if p.is_file()}
    assert run_cli("build")[0] == 0
    assert {p: p.stat().st_mtime_ns for p in Path(".plnsite-cache/images").iterdir() if p.is_file()} == stamps
    assert {p: p.read_bytes() for p in Path("public").rglob("*") if p.is_file()} == first
    # Without the cache, the copies are made again, byte for byte the same.
    assert run_cli("build", "--no-cache", "-o", "fresh")[0] == 0
    for path, body in first.items():
        assert (Path("fresh") / path.relative_to("public")).read_bytes() == body, path


def test_missing_images_and_images_without_alt_text_are_reported_at_their_line(site_factory, run_cli):
    site_factory({
        "site.yaml": SITE,
        "notes/2024-03-01-trip/index.md": (
            "---\ntitle: Trip\n---\nIntro.\n\n"
            "![](door.png)\n\n"            # line 6: no alt text
            "Text ![A ghost](ghost.jpg)\n"  # line 8: no such file
        ),
        "notes/2024-03-01-trip/door.png": png(30, 20),
    })
    code, _, err = run_cli("build")
    assert code == 0
    note = "content/notes/2024-03-01-trip/index.md"
    assert f"{note}:6: warning: image 'door.png' has no alt text" in err
    assert f"{note}:8: warning: missing image 'ghost.jpg'" in err
    code, out, _ = run_cli("check")
    assert code == 1
    assert f"{note}:6: warning: image 'door.png' has no alt text" in out
    assert f"{note}:8: warning: missing image 'ghost.jpg'" in out
