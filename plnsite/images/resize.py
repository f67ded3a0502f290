"""Smaller copies of a large photo: the same format, fixed encoder settings, EXIF dropped.

Widths are ``WIDTHS`` below the original's (a 1,200 px image gets 480 and 960). The photo
is turned upright first (its EXIF orientation applied), then the EXIF is left out, so a
copy carries no camera, date or place. JPEG and WebP at a fixed quality, PNG losslessly:
Pillow's encoders give the same bytes for the same pixels and settings, so a copy is
byte-identical from build to build (tests/unit/test_images.py checks it).
"""

from __future__ import annotations

import io
from functools import cache

__all__ = ["RESIZABLE", "WIDTHS", "height_for", "resize_to", "settings", "widths_for"]

WIDTHS = (480, 960, 1600)
RESIZABLE = frozenset({"JPEG", "PNG", "WEBP"})  # not GIF (animation), not SVG (no pixels)
_SAVE = {
    "JPEG": {"format": "JPEG", "quality": 82, "optimize": True},
    "PNG": {"format": "PNG", "optimize": True},
    "WEBP": {"format": "WEBP", "quality": 80, "method": 4},
}


@cache
def settings() -> str:
    """What decides a copy's bytes besides its photo: a part of its file name in the cache."""
    from .pillow import VERSION  # here: asked only of a photo that gets copies

    return f"widths={WIDTHS};save={sorted((k, sorted(v.items())) for k, v in _SAVE.items())};pillow={VERSION}"


def widths_for(width: int | None, fmt: str) -> tuple[int, ...]:
    """The copies an image of ``width`` pixels gets."""
    if width is None or fmt not in RESIZABLE:
        return ()
    return tuple(w for w in WIDTHS if w < width)


def height_for(width: int, full_width: int, full_height: int) -> int:
    """The height of a copy ``width`` pixels wide (the original's proportions)."""
    return max(1, round(full_height * width / full_width))


def resize_to(data: bytes, widths: tuple[int, ...]) -> dict[int, tuple[int, int, bytes]]:
    """``{width: (width, height, encoded bytes)}`` for each of ``widths``."""
    from PIL import ImageOps

    from .pillow import Image

    out: dict[int, tuple[int, int, bytes]] = {}
    with Image.open(io.BytesIO(data)) as opened:
        fmt = opened.format
        icc = opened.info.get("icc_profile")
        (w, h) = opened.size  # the file's, before it is turned upright
        turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        full = (h, w) if turned else (w, h)
        if fmt == "JPEG" and widths:
            # Decode at a reduced scale when it is still at least the widest copy (much faster).
            widest = max(widths)
            opened.draft("RGB", (widest * w // h + 1, widest) if turned else (widest, widest * h // w + 1))
        image = ImageOps.exif_transpose(opened)
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):  # palette, 16-bit: resampled in full colour
            image = image.convert("RGBA")
        for width in sorted(widths, reverse=True):
            height = height_for(width, *full)
            # Each copy from the one before it (widest first): a fraction of the work, the same look.
            small = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            image = small
            buffer = io.BytesIO()
            options = dict(_SAVE[fmt])
            if icc:
                options["icc_profile"] = icc
            small.save(buffer, **options)
            out[width] = (width, height, buffer.getvalue())
    return out
