"""Published images carry no personal data: a phone photo's place (GPS), camera serial, artist,
maker note, XMP, IPTC, comments, thumbnails and trailing data are removed from every image a
build publishes (a bundle's, static/'s), without re-encoding: the pixels, the ICC profile and
the orientation stay. Through the real CLI, reading every byte of public/."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html
from PIL import Image

from tests import photos
from tests.server.conftest import fetch, running

SITE = "title: Pictures\nbase_url: https://example.org/\n"
NOTE = ("---\ntitle: Holiday\n---\n![The tent](tent.jpg)\n\n![A map](/img/map.png)\n\n"
        "![The lake](/img/lake.webp)\n\n![A wave](/img/wave.gif)\n\n![The bay](big.jpg)\n")
FILES = {
    "site.yaml": SITE,
    "notes/2024-05-01-holiday/index.md": NOTE,
    "notes/2024-05-01-holiday/tent.jpg": photos.jpeg(),
    "notes/2024-05-01-holiday/big.jpg": photos.jpeg((1200, 900)),  # large: copies are made too
    "static/img/map.png": photos.png(),
    "static/img/lake.webp": photos.webp(),
    "static/img/wave.gif": photos.gif(),
}
PUBLISHED = {  # output path → source
    "notes/holiday/tent.jpg": "notes/2024-05-01-holiday/tent.jpg",
    "notes/holiday/big.jpg": "notes/2024-05-01-holiday/big.jpg",
    "img/map.png": "static/img/map.png",
    "img/lake.webp": "static/img/lake.webp",
    "img/wave.gif": "static/img/wave.gif",
}


def _public() -> dict[str, bytes]:
    return {p.relative_to("public").as_posix(): p.read_bytes() for p in Path("public").rglob("*") if p.is_file()}


def _secrets(files: dict[str, bytes]) -> list[tuple[str, bytes]]:
    return [(name, s) for name, data in sorted(files.items()) for s in photos.SECRETS if s in data]


def _gps(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {"gps": dict(exif.get_ifd(photos.GPS_IFD)), "serial": exif.get_ifd(0x8769).get(photos.SERIAL_TAG),
                "artist": exif.get(photos.ARTIST_TAG)}


def test_published_images_carry_no_metadata_but_the_same_pixels_profile_and_orientation(site_factory, run_cli):
    content = site_factory(FILES)
    assert _secrets({k: v for k, v in FILES.items() if isinstance(v, bytes)})  # the sources do carry them
    code, _, err = run_cli("build")
    assert code == 0, err
    files = _public()
    assert set(PUBLISHED) <= set(files)
    assert _secrets(files) == []  # no byte of any output file: GPS, serial, artist, XMP, IPTC, comments…
    for out, src in PUBLISHED.items():
        data, source = files[out], (content / src).read_bytes()
        assert data != source, out
        assert photos.decoded(data) == photos.decoded(source), out  # the pixels untouched
        assert _gps(data) == {"gps": {}, "serial": None, "artist": None}, out
        if not out.endswith(".gif"):
            assert photos.orientation(data) == 6, out  # the phone photo stays upright
            with Image.open(io.BytesIO(data)) as image:
                assert image.info.get("icc_profile") == photos.ICC, out
    # The JPEG's own data is copied byte for byte: the stripped file is a subsequence of segments.
    tent = files["notes/holiday/tent.jpg"]
    scan = tent.index(b"\xff\xda")
    assert tent[scan:-2] in (content / PUBLISHED["notes/holiday/tent.jpg"]).read_bytes()
    assert tent.endswith(b"\xff\xd9")  # what phones append after the picture is gone
    # Measured upright, as before.
    doc = lxml_html.fromstring(files["notes/holiday/index.html"])
    tent_img = next(img for img in doc.iter("img") if img.get("alt") == "The tent")
    assert (tent_img.get("width"), tent_img.get("height")) == ("48", "64")


def test_stripped_originals_are_cached_and_byte_identical_from_build_to_build(site_factory, run_cli):
    site_factory(FILES)
    assert run_cli("build")[0] == 0
    first = _public()
    cache = {p: p.stat().st_mtime_ns for p in Path(".plnsite-cache/images").rglob("*")}
    assert len(list(Path(".plnsite-cache/images/originals").glob("*.*[!e]"))) >= len(PUBLISHED)  # not .same
    assert run_cli("build")[0] == 0  # warm: nothing made again
    assert {p: p.stat().st_mtime_ns for p in Path(".plnsite-cache/images").rglob("*")} == cache
    assert _public() == first
    assert run_cli("build", "--no-cache", "--output", "again")[0] == 0  # from scratch: the same bytes
    again = {p.relative_to("again").as_posix(): p.read_bytes() for p in Path("again").rglob("*") if p.is_file()}
    assert {k: again[k] for k in PUBLISHED} == {k: first[k] for k in PUBLISHED}


def test_an_edited_photo_is_stripped_again(site_factory, run_cli):
    content = site_factory(FILES)
    assert run_cli("build")[0] == 0
    photo = content / "static/img/map.png"
    photo.write_bytes(_png_with_text(b"NEW-PLACE-SECRET"))
    assert run_cli("build")[0] == 0
    assert b"NEW-PLACE-SECRET" not in Path("public/img/map.png").read_bytes()
    assert photos.decoded(Path("public/img/map.png").read_bytes()) == photos.decoded(photo.read_bytes())


def _png_with_text(secret: bytes) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", secret.decode())
    buffer = io.BytesIO()
    photos.pixels((30, 20)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def test_a_damaged_photo_is_a_warning_and_not_published(site_factory, run_cli):
    data = photos.jpeg()
    app1 = data.index(b"\xff\xe1")
    damaged = data[:app1 + 40]  # cut off inside its EXIF segment, which holds the place
    site_factory({**FILES, "static/img/broken.jpg": damaged})
    code, _, err = run_cli("build")
    assert code == 0, err
    assert ("content/static/img/broken.jpg: warning: image 'img/broken.jpg' is not published: it is damaged "
            in err), err
    assert "Traceback" not in err
    assert not Path("public/img/broken.jpg").exists()
    assert _secrets(_public()) == []
    assert Path("public/img/map.png").is_file()  # the others are published
    Path("content/static/img/broken.jpg").write_bytes(photos.jpeg())  # fixed: published at the next build
    code, _, err = run_cli("build")
    assert code == 0 and "broken.jpg" not in err, err
    assert photos.orientation(Path("public/img/broken.jpg").read_bytes()) == 6


def test_keep_metadata_publishes_the_originals_as_they_are(site_factory, run_cli):
    content = site_factory({**FILES, "site.yaml": SITE + "images:\n  keep_metadata: true\n"})
    assert run_cli("build")[0] == 0
    for out, src in PUBLISHED.items():
        assert Path("public", out).read_bytes() == (content / src).read_bytes(), out


def test_a_wrong_images_setting_is_an_error_at_its_line(site_factory, run_cli):
    site_factory({**FILES, "site.yaml": SITE + "images:\n  keep_metadata: maybe\n  keep_exif: true\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert "content/site.yaml:4: error: images.keep_metadata must be true or false" in err, err
    assert "content/site.yaml:5: warning: unknown key 'images.keep_exif' (known: keep_metadata)" in err, err
    assert "Traceback" not in err


def test_the_preview_server_serves_the_stripped_photo(site_factory):
    content = site_factory(FILES)
    with running(content) as server:
        parts = urlsplit(server.url)
        status, body = fetch(f"{parts.scheme}://{parts.netloc}/notes/holiday/tent.jpg")
        copy_status, copy = fetch(f"{parts.scheme}://{parts.netloc}/notes/holiday/big-480w.jpg")
    assert copy_status == 200 and copy.startswith(b"\xff\xd8")  # Found: the copies in the cache were refused
    assert status == 200
    assert [s for s in photos.SECRETS if s in body] == []
    assert photos.decoded(body) == photos.decoded(FILES["notes/2024-05-01-holiday/tent.jpg"])
