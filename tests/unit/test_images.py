"""plnsite.images: sizes read from the file (EXIF orientation applied), copies of photos made
once, byte-identical from build to build, with the EXIF left out."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from plnsite.images import WIDTHS, Images
from plnsite.images.probe import probe
from plnsite.images.resize import resize_to, widths_for


def photo(width: int, height: int, fmt: str = "JPEG", orientation: int | None = None, **info) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # Make: must not reach a copy
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif.tobytes(), **info)
    return buffer.getvalue()


def test_size_from_the_header(tmp_path):
    (tmp_path / "a.jpg").write_bytes(photo(1200, 800))
    (tmp_path / "b.png").write_bytes(photo(30, 20, "PNG"))
    assert (probe(tmp_path / "a.jpg").width, probe(tmp_path / "a.jpg").height) == (1200, 800)
    assert (probe(tmp_path / "b.png").width, probe(tmp_path / "b.png").format) == (30, "PNG")


def test_a_turned_photo_is_measured_upright(tmp_path):
    (tmp_path / "p.jpg").write_bytes(photo(1200, 800, orientation=6))  # camera held upright
    picture = probe(tmp_path / "p.jpg")
    assert (picture.width, picture.height) == (800, 1200)


@pytest.mark.parametrize("svg, size", [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40px"/>', (120, 40)),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"/>', (300, 150)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="600" viewBox="0 0 300 150"/>', (600, 300)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>', (None, None)),
])
def test_svg_size(tmp_path, svg, size):
    (tmp_path / "i.svg").write_text(svg, encoding="utf-8")
    picture = probe(tmp_path / "i.svg")
    assert (picture.width, picture.height) == size


def test_not_an_image_has_no_size(tmp_path):
    (tmp_path / "x.jpg").write_bytes(b"not a jpeg")
    picture = probe(tmp_path / "x.jpg")
    assert picture.width is None and picture.error


def test_widths_only_below_the_original_and_only_for_photos():
    assert widths_for(3000, "JPEG") == WIDTHS == (480, 960, 1600)
    assert widths_for(1000, "PNG") == (480, 960)
    assert widths_for(480, "JPEG") == ()
    assert widths_for(3000, "GIF") == () and widths_for(3000, "SVG") == () and widths_for(None, "JPEG") == ()


def test_copies_are_upright_without_exif_and_the_same_bytes_every_time(tmp_path):
    data = photo(2000, 1000, orientation=6)
    made = resize_to(data, (480, 960))
    assert made == resize_to(data, (480, 960))  # deterministic
    for width, (w, h, body) in made.items():
        with Image.open(io.BytesIO(body)) as copy:
            assert copy.format == "JPEG" and copy.size == (w, h) == (width, width * 2)
            assert dict(copy.getexif()) == {}  # no orientation, no camera: it is upright already


def test_png_copies_stay_png_with_their_transparency():
    image = Image.new("RGBA", (1000, 500), (255, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    ((w, h, body),) = resize_to(buffer.getvalue(), (480,)).values()
    with Image.open(io.BytesIO(body)) as copy:
        assert (copy.format, copy.mode, copy.size) == ("PNG", "RGBA", (480, 240))


def test_copies_are_made_once_and_found_again(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(photo(2000, 1500))
    cache = tmp_path / "cache"
    picture = Images(cache, jobs=1).picture(src)
    assert [(v.width, v.height) for v in picture.variants] == [(480, 360), (960, 720), (1600, 1200)]
    stamps = {v.file: v.file.stat().st_mtime_ns for v in picture.variants}
    again = Images(cache, jobs=1).picture(src)  # a new session: a warm build
    assert again == picture
    assert {v.file: v.file.stat().st_mtime_ns for v in again.variants} == stamps
    assert sorted(p.name for p in (cache / "images").iterdir()) == sorted(f.name for f in stamps)


def test_an_edited_photo_gets_new_copies(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(photo(2000, 1500))
    images = Images(tmp_path / "cache", jobs=1)
    first = images.picture(src)
    src.write_bytes(photo(1000, 1000, quality=50))
    second = images.picture(src)
    assert [v.width for v in second.variants] == [480, 960] and second.variants[0].file != first.variants[0].file


def test_without_a_cache_folder_copies_still_exist(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(photo(1000, 500))
    picture = Images(None, jobs=1).picture(src)
    assert all(v.file.is_file() for v in picture.variants) and not (tmp_path / ".plnsite-cache").exists()


def test_a_photo_pillow_cannot_read_has_no_copies(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(photo(2000, 1000)[:2000])  # cut short: the header reads, the pixels do not
    picture = Images(tmp_path / "cache", jobs=1).picture(src)
    assert picture.variants == ()
