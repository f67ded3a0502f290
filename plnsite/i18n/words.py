"""Words: the theme's text, dates and numbers in the site's language (Babel, CLDR data).

``words("Notes")`` → "Carnet"; ``words("{n} notes", n=3)`` picks the plural form CLDR gives
the number in that language and fills it in; a word no catalogue translates is shown in
English (the key itself; of ``"status|Reading"``, a key with a context, "Reading"). ``words.date(d)`` is CLDR's long date, ``words.month(d)`` a month
and year; ``words.direction`` is "rtl" for Arabic, Hebrew, Persian, Urdu…
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from ..errors import Loc, Problem, Problems
from ..paths import display_path, files_signature
from .catalogue import CATALOGUE_FOLDER, Entry, catalogue_files, read_catalogue

__all__ = ["ENGLISH", "Words", "known_language", "load_words"]

_SHOWN_MISSING = 5  # words named in the warning about a catalogue that lacks some


def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def known_language(tag: str) -> bool:
    """Whether CLDR knows the language ``tag`` (``fr``, ``pt-BR``, ``zh-Hant``)."""
    return _locale(tag) is not None


class Words:
    """The theme's words in one language. Call it as the templates' ``t``."""

    def __init__(self, tag: str, table: dict[str, Entry], english: dict[str, Entry]) -> None:
        self.tag = tag
        self.locale = _locale(tag) or Locale("en")
        self.direction = "rtl" if self.locale.text_direction == "rtl" else "ltr"
        self._table = table
        self._english = english
        self._dates: dict[dt.date, str] = {}

    def __call__(self, text: str, n: int | None = None, **values) -> str:
        pattern = self.pattern(text, n)
        return self.fill(pattern, n, values)

    def pattern(self, text: str, n: int | None = None) -> str:
        """The translation of ``text`` with its placeholders still in (the form for ``n``)."""
        # "context|text": a word that needs telling apart from the same English word elsewhere
        # ("status|Reading"); without a catalogue, the text after the bar.
        entry = self._table.get(text) or self._english.get(text) or text.rpartition("|")[2]
        if isinstance(entry, str):
            return entry
        forms = dict(entry)
        category = self.locale.plural_form(abs(n)) if n is not None else "other"
        return forms.get(category) or forms["other"]

    def fill(self, pattern: str, n: int | None, values: dict) -> str:
        if n is not None:
            values = {**values, "n": self.number(n)}
        if not values:
            return pattern
        try:
            return pattern.format_map(values)
        except (KeyError, IndexError, ValueError):  # a translation naming a placeholder the template has not
            return pattern

    def names(self, names: list[str]) -> str:
        """"A, B, and C" (en), "A, B et C" (fr): CLDR's pattern for a list of names."""
        return format_list(names, locale=self.locale) if names else ""

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def date(self, when: dt.date | None) -> str | None:
        """CLDR's long date: "March 4, 2025" (en), "4 mars 2025" (fr), "4. März 2025" (de)."""
        if when is None:
            return None
        day = dt.date(when.year, when.month, when.day)
        found = self._dates.get(day)
        if found is None:
            found = self._dates[day] = format_date(day, format="long", locale=self.locale)
        return found

    def month(self, when: dt.date) -> str:
        """A month and its year: "March 2025", "mars 2025"."""
        return format_skeleton("yMMMM", dt.date(when.year, when.month, 1), locale=self.locale)

    def __eq__(self, other) -> bool:
        return isinstance(other, Words) and (self.tag, self._table, self._english) == (
            other.tag, other._table, other._english)

    def __hash__(self) -> int:
        return hash(self.tag)

    def __repr__(self) -> str:
        return f"Words({self.tag!r}, {len(self._table)} words)"


def load_words(theme_dirs: tuple[Path, ...], language: str, strings: tuple = (),
               where: Loc | None = None) -> tuple[Words, tuple[Problem, ...]]:
    """The words of ``language`` from the theme's catalogues, under site.yaml's ``strings``
    (``where``: site.yaml's ``language:`` line, for a language with no catalogue)."""
    return _load(tuple(theme_dirs), language.strip() or "en", tuple(strings), where, _signature(theme_dirs))


def _signature(theme_dirs) -> tuple:
    roots = [Path(folder) / CATALOGUE_FOLDER for folder in theme_dirs]
    return files_signature(path for root in roots if root.is_dir() for path in sorted(root.glob("*.yaml")))


@lru_cache(maxsize=16)
def _load(theme_dirs, language, strings, where, _signature) -> tuple[Words, tuple[Problem, ...]]:
    problems = Problems()
    english: dict[str, Entry] = {}
    for path in catalogue_files(theme_dirs, "en"):
        english.update(read_catalogue(path, problems))
    table: dict[str, Entry] = {}
    locale = _locale(language)
    chain = _chain(language, locale)
    files = []
    for tag in chain:  # "pt" first, then "pt-BR" over it
        for path in catalogue_files(theme_dirs, tag):
            files.append(path)
            table.update(read_catalogue(path, problems))
    table.update(strings)
    if locale is not None and locale.language != "en":
        _missing(language, files, english, table, where, problems)
    return Words(language, table, english), problems.freeze()


def _chain(language: str, locale: Locale | None) -> list[str]:
    """The catalogues a language reads, general to specific: pt-BR → [pt, pt-BR]."""
    if locale is None:
        return [language]
    tags = [locale.language]
    if locale.script:
        tags.append(f"{locale.language}-{locale.script}")
    if locale.territory:
        tags.append(f"{tags[-1]}-{locale.territory}")
    if language not in tags:
        tags.append(language)
    return list(dict.fromkeys(tags))


def _missing(language, files, english, table, where, problems: Problems) -> None:
    """One warning when the theme's words are not all translated: which, and where to add them."""
    if not files:
        problems.warning(where, f"the theme has no words in '{language}' (no i18n/{language}.yaml): they are shown "
                                "in English; add a catalogue to themes/<theme>/i18n/ or words to site.yaml's `strings:`")
        return
    missing = [key for key in english if key not in table]
    if missing:
        named = ", ".join(repr(k) for k in missing[:_SHOWN_MISSING]) + (", …" if len(missing) > _SHOWN_MISSING else "")
        problems.warning(Loc(display_path(files[-1]), 1), f"{len(missing)} of the theme's words have no "
                                                           f"'{language}' translation and are shown in English: {named}")


ENGLISH = Words("en", {}, {})
