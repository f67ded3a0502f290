"""The site's language: the theme's words in it, and its dates, numbers and writing direction.
The one home of Babel (CLDR's data for every locale).

``language:`` in site.yaml names a language (a BCP 47 tag: ``fr``, ``pt-BR``, ``ar``);
a theme carries one catalogue of words per language (``i18n/<tag>.yaml``), read by
catalogue.py; words.py turns the merged catalogue and the locale into ``Words``, the
function every template calls as ``t("Notes")``.
"""

from __future__ import annotations

from .catalogue import CATALOGUE_FOLDER, PLURAL_CATEGORIES, catalogue_files, read_strings
from .words import ENGLISH, Words, known_language, load_words

__all__ = ["CATALOGUE_FOLDER", "ENGLISH", "PLURAL_CATEGORIES", "Words", "catalogue_files", "known_language",
           "load_words", "read_strings"]
