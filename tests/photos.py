"""Photos as phones and editors make them, for the metadata tests: EXIF with a place (GPS), a
camera serial number, an artist, a maker note and orientation 6; XMP; IPTC; a comment; an
embedded thumbnail; an ICC profile. Every secret is a unique string to search output bytes for."""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageCms, PngImagePlugin

SECRETS = (b"GPS-DATUM-SECRET", b"SERIAL-SECRET-4711", b"ARTIST-SECRET", b"MAKERNOTE-SECRET",
           b"XMP-SECRET", b"IPTC-SECRET", b"COMMENT-SECRET", b"THUMBNAIL-SECRET", b"PNG-TEXT-SECRET",
           b"PNG-ITXT-SECRET", b"TRAILER-SECRET")
GPS_IFD, SERIAL_TAG, ARTIST_TAG, ORIENTATION_TAG = 0x8825, 0xA431, 0x013B, 0x0112
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def exif(orientation: int = 6) -> bytes:
    data = Image.Exif()
    data[ORIENTATION_TAG] = orientation
    data[ARTIST_TAG] = "ARTIST-SECRET"
    data[GPS_IFD] = {1: "N", 2: (49.0, 17.0, 30.5), 3: "W", 4: (123.0, 7.0, 10.0), 0x12: "GPS-DATUM-SECRET"}
    data[0x8769] = {SERIAL_TAG: "SERIAL-SECRET-4711", 0x927C: b"MAKERNOTE-SECRET"}
    return data.tobytes()


def pixels(size=(64, 48)) -> Image.Image:
    return Image.linear_gradient("L").resize(size).convert("RGB")


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def jpeg(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    pixels(size).save(buffer, "JPEG", quality=90, exif=exif(), icc_profile=ICC,
                      xmp=b"<x:xmpmeta><rdf:Description>XMP-SECRET</rdf:Description></x:xmpmeta>",
                      comment=b"COMMENT-SECRET")
    data = buffer.getvalue()
    thumb = io.BytesIO()
    pixels((16, 12)).save(thumb, "JPEG", comment=b"THUMBNAIL-SECRET")
    extra = (_segment(0xED, b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0\0\0\0\x10IPTC-SECRET.....")
             + _segment(0xE4, b"PREVIEW\0" + b"THUMBNAIL-SECRET" + thumb.getvalue()[:200]))
    # After the end of the picture: what phones append (a second picture, a video).
    return data[:2] + extra + data[2:] + thumb.getvalue() + b"TRAILER-SECRET"


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PNG-TEXT-SECRET")
    info.add_itxt("Comment", "PNG-ITXT-SECRET")
    buffer = io.BytesIO()
    pixels().save(buffer, "PNG", exif=exif(), pnginfo=info, icc_profile=ICC)
    return buffer.getvalue()


def webp() -> bytes:
    buffer = io.BytesIO()
    pixels().save(buffer, "WEBP", lossless=True, exif=exif(), icc_profile=ICC, xmp=b"XMP-SECRET")
    return buffer.getvalue()


def gif() -> bytes:
    buffer = io.BytesIO()
    pixels().convert("P").save(buffer, "GIF", comment=b"COMMENT-SECRET")
    return buffer.getvalue()


def decoded(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        return image.mode, image.size, image.tobytes()


def orientation(data: bytes) -> int | None:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get(ORIENTATION_TAG)
