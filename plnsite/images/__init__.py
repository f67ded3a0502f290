"""images: the size of each image a text shows, and smaller copies of large photos. Pillow's home.

``Images`` (one per session) answers ``picture(path)``: the image's width and height as
shown (EXIF orientation applied) and its resized copies, each a file in
``.plnsite-cache/images/`` (made once, then reused), for a ``srcset``. ``prepare(paths)``
makes what a build needs, across worker processes. Never fatal: an image Pillow cannot
read is a ``Picture`` with no size. ``cards``: the link-preview card of a note or of the site
(Open Graph / Twitter), drawn once and kept in ``.plnsite-cache/cards/``.
"""

from __future__ import annotations

from .maker import Images
from .probe import Picture, Variant
from .resize import WIDTHS

__all__ = ["Images", "Picture", "Variant", "WIDTHS"]
