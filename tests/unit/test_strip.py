"""strip.py on photos made with Pillow: metadata gone from each format, the pixels, ICC profile
and orientation kept, the compressed data copied byte for byte; damaged files refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from plnsite.images.strip import Damaged, strip
from tests import photos

MAKERS = {"jpeg": photos.jpeg, "png": photos.png, "webp": photos.webp, "gif": photos.gif}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_each_format_loses_its_metadata_and_keeps_its_look(kind):
    source = MAKERS[kind]()
    assert any(s in source for s in photos.SECRETS)
    clean = strip(source)
    assert [s for s in photos.SECRETS if s in clean] == []
    assert photos.decoded(clean) == photos.decoded(source)
    assert strip(clean) == clean  # nothing left to remove: stripping again changes nothing
    if kind != "gif":
        assert photos.orientation(clean) == 6
        with Image.open(io.BytesIO(clean)) as image:
            assert image.info.get("icc_profile") == photos.ICC
            assert set(image.getexif()) == {photos.ORIENTATION_TAG}


def test_an_upright_photo_gets_no_exif_block_at_all():
    buffer = io.BytesIO()
    photos.pixels().save(buffer, "JPEG", exif=photos.exif(orientation=1))
    clean = strip(buffer.getvalue())
    assert b"Exif\0\0" not in clean and b"ARTIST-SECRET" not in clean


def test_a_file_that_is_no_known_image_is_left_as_it_is():
    assert strip(b"%PDF-1.7 GPS-DATUM-SECRET") == b"%PDF-1.7 GPS-DATUM-SECRET"


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_cut_off_file_is_damaged_not_half_published(kind):
    source = MAKERS[kind]()
    for cut in (20, len(source) // 3, len(source) // 2):
        with pytest.raises(Damaged):
            strip(source[:cut])


def test_a_jpeg_segment_longer_than_the_file_is_damaged():
    data = photos.jpeg()
    app1 = data.index(b"\xff\xe1")
    with pytest.raises(Damaged, match="runs past the end"):
        strip(data[:app1 + 2] + b"\xff\xff" + data[app1 + 4:])
