"""The link-preview card of a route (images/cards.py draws it): a note's title, the site's
title and the note's date; for the site's own card, its title, author and address."""

from __future__ import annotations

from ..images.cards import Card, CardMaker
from ..model import Bytes, Route, Site

__all__ = ["render_card"]


def card_of(route: Route, site: Site, words) -> Card:
    cfg = site.config
    note = site.items.get(route.subject) if route.subject else None
    if note is not None:
        return Card(title=note.title, site=cfg.title, line=words.date(note.date) or "")
    # The address as site.yaml writes it (a --base-url preview build draws the same card).
    return Card(title=cfg.title, site=cfg.author.name if cfg.author.name != cfg.title else "", line=cfg.id_authority)


def render_card(route: Route, site: Site, cards: CardMaker | None, words) -> Bytes:
    """``words``: the theme's, which write the date in the site's language."""
    card = card_of(route, site, words)
    body = cards.png(card) if cards is not None else CardMaker(None).png(card)
    return Bytes(file=route.file, body=body, media_type="image/png", url=route.url)
