"""Link-preview cards: a 1200×630 PNG with a note's title, the site's name and the date, for the
Open Graph and Twitter meta of pages that have no image of their own.

A card is a function of its words alone (``Card``): the same words give the same bytes (Pillow
writes no time or other metadata into a PNG unless told to). Cards are kept in
``.plnsite-cache/cards/`` keyed by a digest of their words, plnsite's version, Pillow's and the
font's, so a warm build does not draw them again. Text is set in DejaVu Sans Bold (shipped in
``fonts/``, its licence beside it), which covers Latin, Greek, Cyrillic, Arabic and Hebrew
letters; characters it lacks (Chinese, Japanese, emoji) show as boxes.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..incremental.store import Store

if TYPE_CHECKING:
    from PIL import ImageFont

# Pillow is imported where a card is drawn or an image measured (pillow.py): a build that
# takes every card from the cache, or has none, does not load it.

__all__ = ["CARD_HEIGHT", "CARD_WIDTH", "IMAGE_TYPES", "Card", "CardMaker", "draw_card", "first_image", "image_size"]

CARD_WIDTH, CARD_HEIGHT = 1200, 630
_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
_MARGIN = 80
_BACKGROUND = (251, 250, 247)  # the default theme's --bg, --text, --muted and --link
_TEXT = (29, 33, 39)
_MUTED = (84, 91, 102)
_ACCENT = (11, 94, 142)
_TITLE_SIZES = (72, 60, 50)  # the largest that fits in at most 4 lines
_MAX_LINES = 4
_MOST_CHARACTERS = 400  # more than four lines hold at the smallest size: the rest is never measured
# What a link preview may show, by suffix (what Facebook, Mastodon and the like read).
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".webp": "image/webp"}


@dataclass(frozen=True)
class Card:
    title: str
    site: str  # the site's title
    line: str  # under the title: the date ("4 March 2025"), or the site's address


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(_FONT), size)


@cache
def _font_digest() -> str:
    return hashlib.blake2b(_FONT.read_bytes(), digest_size=8).hexdigest()


def draw_card(card: Card) -> bytes:
    """The PNG of ``card``."""
    from PIL import ImageDraw

    from .pillow import Image

    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, CARD_HEIGHT), fill=_ACCENT)
    width = CARD_WIDTH - 2 * _MARGIN
    site_font = _font(36)
    draw.text((_MARGIN, 70), _fit(card.site, site_font, width), font=site_font, fill=_ACCENT)
    for size in _TITLE_SIZES:
        lines = _wrap(card.title, _font(size), width)
        if len(lines) <= _MAX_LINES:
            break
    font = _font(size)
    if len(lines) > _MAX_LINES:
        lines = lines[: _MAX_LINES - 1] + [_fit(" ".join(lines[_MAX_LINES - 1:]), font, width)]
    y = 160
    for line in lines:
        draw.text((_MARGIN, y), line, font=font, fill=_TEXT)
        y += round(size * 1.25)
    line_font = _font(32)
    draw.text((_MARGIN, CARD_HEIGHT - 70 - 32), _fit(card.line, line_font, width), font=line_font, fill=_MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)  # 9: 4× the time, 4% smaller
    return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words in lines no wider than ``width`` (a word wider than a line is cut to fit)."""
    lines: list[str] = []
    for word in text[:_MOST_CHARACTERS].split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(_fit(word, font, width))
    return lines or [""]


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text``, cut with "…" where it would be wider than ``width``."""
    text = text[:_MOST_CHARACTERS]
    if font.getlength(text) <= width:
        return text
    short, long = 0, len(text)  # the longest start that fits, found by halving
    while short < long:
        middle = (short + long + 1) // 2
        if font.getlength(text[:middle] + "…") <= width:
            short = middle
        else:
            long = middle - 1
    return text[:short].rstrip() + "…"


class CardMaker:
    """Cards for one build: read from ``.plnsite-cache/cards/`` when drawn before, else drawn
    (and kept there). ``folder`` None (``--no-cache``): always drawn, nothing kept."""

    def __init__(self, folder: Path | None) -> None:
        import PIL  # its version only (~1 ms): Pillow's modules are loaded when a card is drawn

        key = f"{__version__}/{PIL.__version__}/{_font_digest()}"
        self.store = Store(Path(folder) / "cards", "card", key) if folder is not None else None

    def png(self, card: Card) -> bytes:
        if self.store is None:
            return draw_card(card)
        name = hashlib.blake2b(repr((card.title, card.site, card.line)).encode("utf-8", "surrogatepass"),
                               digest_size=12).hexdigest()
        shard = self.store.read(name)
        if shard is not None and isinstance(shard.payload, bytes):
            return shard.payload
        data = draw_card(card)
        self.store.write(name, data)
        return data


def image_size(path: Path) -> tuple[int, int] | None:
    """The width and height of an image file (its header only), or None if Pillow cannot read it."""
    from .pillow import Image

    try:
        with warnings.catch_warnings():  # a huge image is only measured here, never decoded
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def first_image(files):
    """The first of ``files`` (StaticFile: a bundle's, in its order) that a link preview can show, else None."""
    return next((f for f in files if Path(f.dest).suffix.lower() in IMAGE_TYPES), None)
