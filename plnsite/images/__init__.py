"""images: what plnsite draws or reads with Pillow (its one home).

``cards``: the link-preview card of a note or of the site (Open Graph / Twitter), drawn once
and kept in ``.plnsite-cache/cards/``; and the size of an image a page names as its preview.
"""
