"""What a link preview (Open Graph, Twitter card) shows of a page: its image, with its size
and alt text. A note's is its bundle's first image, else the card drawn for it (with ``cards:
false``, the site's); any other page's is the site's card (or static/card.png, which takes its
place)."""

from __future__ import annotations

from ...images.cards import CARD_HEIGHT, CARD_WIDTH, IMAGE_TYPES, first_image, image_size
from ...model import Note
from ...urls import SITE_CARD_URL, card_url, file_for, item_url

__all__ = ["note_image", "site_image"]


def site_image(views) -> dict:
    return views.once("preview-image", lambda: _site_image(views))


def _site_image(views) -> dict:
    site = views.site
    own = next((f for f in site.static if f.dest == file_for(SITE_CARD_URL)), None)
    if own is not None:
        return _file_image(views, own, site.config.title)
    return _card(views, SITE_CARD_URL, site.config.title)


def note_image(views, note: Note) -> dict:
    image = first_image(note.assets)
    if image is not None:
        return _file_image(views, image, note.title)
    if not views.site.config.cards:  # `cards: false`: no card drawn for each note
        return site_image(views)
    return _card(views, card_url(item_url(note)), note.title)


def _card(views, url: str, alt: str) -> dict:
    return {"url": views.urls.absolute(url), "type": "image/png", "width": CARD_WIDTH, "height": CARD_HEIGHT,
            "alt": alt}


def _file_image(views, file, alt: str) -> dict:
    size = image_size(file.src)
    suffix = file.dest.rpartition(".")[2].lower()
    return {"url": views.urls.absolute(file.dest), "type": IMAGE_TYPES.get(f".{suffix}"),
            "width": size[0] if size else None, "height": size[1] if size else None, "alt": alt}
