"""An image's size as a browser shows it, read from its header (Pillow reads no pixels here).

SVG is read with the standard library: its ``width``/``height`` in pixels, else its
``viewBox``. A photo whose EXIF orientation turns it (5–8) has its width and height swapped,
as browsers draw it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Picture", "Variant", "probe"]

_TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_ORIENTATION = 0x0112
_PX = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*")


@dataclass(frozen=True, slots=True)
class Variant:
    width: int
    height: int
    file: Path  # the resized copy, in the cache


@dataclass(frozen=True, slots=True)
class Picture:
    width: int | None  # None: not an image this build can measure
    height: int | None
    format: str = ""  # Pillow's name ("JPEG", "PNG", "WEBP", "GIF"), "SVG", or ""
    variants: tuple[Variant, ...] = ()  # smaller copies, narrowest first
    error: str = ""  # why it could not be read


def probe(path: Path) -> Picture:
    if path.suffix.lower() == ".svg":
        return _svg(path)
    from PIL import UnidentifiedImageError

    from .pillow import Image  # here: a site whose images are all SVG never loads Pillow

    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(_ORIENTATION, 1)
            fmt = image.format or ""
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return Picture(width=None, height=None, error=str(exc) or type(exc).__name__)
    if orientation in _TURNED:
        width, height = height, width
    return Picture(width=width, height=height, format=fmt)


def _svg(path: Path) -> Picture:
    try:
        with open(path, "rb") as file:
            _, root = next(ElementTree.iterparse(file, events=("start",)), (None, None))
            if root is None:
                return Picture(width=None, height=None, format="SVG")
    except (ElementTree.ParseError, OSError) as exc:
        return Picture(width=None, height=None, format="SVG", error=str(exc))
    width, height = _px(root.get("width")), _px(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0
        if box_w > 0 and box_h > 0:
            if width is None and height is None:
                width, height = box_w, box_h
            elif width is None:
                width = height * box_w / box_h
            else:
                height = width * box_h / box_w
    if width is None or height is None:
        return Picture(width=None, height=None, format="SVG")
    return Picture(width=round(width), height=round(height), format="SVG")


def _px(value: str | None) -> float | None:
    m = _PX.fullmatch(value or "")
    return float(m[1]) if m and float(m[1]) > 0 else None
