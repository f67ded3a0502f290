"""Pillow, loaded where an image is first measured, resized or drawn: a build of a site with no
photo (an SVG is read without it) and no link-preview card never imports it (~40 ms).

Each use imports ``Image`` from here, never from PIL, so the limit below is set before any image
is opened, whichever use comes first.
"""

from __future__ import annotations

import PIL
from PIL import Image

__all__ = ["VERSION", "Image"]

Image.MAX_IMAGE_PIXELS = 200_000_000  # a 4 MB phone photo is ~12 MP; refuse decompression bombs beyond this
VERSION = PIL.__version__
