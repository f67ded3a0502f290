"""Translation catalogues: YAML files a writer edits in any text editor, one per language.

A catalogue maps the English text a template shows to the text in its language::

    Notes: Carnet
    "{n} notes":            # a word that depends on a number: one text per CLDR plural category
      one: "{n} note"
      other: "{n} notes"

Placeholders in braces (``{n}``, ``{title}``) are filled by the template. The same form is
read from site.yaml's ``strings:`` (one word overridden without a file of its own).
"""

from __future__ import annotations

import string
from pathlib import Path

from ..errors import Loc, Problems
from ..paths import display_path
from ..sources import read_source
from ..yamlio import YamlError, YMap, load_yaml

__all__ = ["CATALOGUE_FOLDER", "PLURAL_CATEGORIES", "Entry", "catalogue_files", "read_catalogue", "read_strings"]

CATALOGUE_FOLDER = "i18n"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's

# One word: its text, or its texts by plural category (as (category, text) pairs, hashable).
Entry = str | tuple[tuple[str, str], ...]


def catalogue_files(theme_dirs: tuple[Path, ...], tag: str) -> list[Path]:
    """The catalogues of language ``tag`` in the theme folders, least specific folder first
    (a site's own theme overrides the bundled one word by word)."""
    names = (f"{tag}.yaml", f"{tag.replace('-', '_')}.yaml")
    found = []
    for folder in reversed(theme_dirs):
        for name in dict.fromkeys(names):
            path = folder / CATALOGUE_FOLDER / name
            if path.is_file():
                found.append(path)
                break
    return found


def read_catalogue(path: Path, problems: Problems) -> dict[str, Entry]:
    """One catalogue file's words; what is wrong in it is reported at its line."""
    shown = display_path(path)
    text = read_source(path, shown, problems)
    if text is None:
        return {}
    try:
        data = load_yaml(text, shown)
    except YamlError as exc:
        problems.extend([exc.problem])
        return {}
    if data is None:
        return {}
    if not isinstance(data, YMap):
        problems.error(Loc(shown, 1), "a catalogue must be a mapping of `English text: translation` lines")
        return {}
    return read_strings(data, shown, problems)


def read_strings(data: YMap, shown: str, problems: Problems) -> dict[str, Entry]:
    """A mapping of words (a catalogue, or site.yaml's ``strings:``) → entries; errors at their line."""
    words: dict[str, Entry] = {}
    for key, value in data.items():
        at = Loc(shown, data.line_of(key))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            words[key] = str(value)
            _check_placeholders(key, str(value), at, problems)
        elif isinstance(value, YMap):
            forms = {}
            for category, text in value.items():
                if category not in PLURAL_CATEGORIES:
                    problems.error(Loc(shown, value.line_of(category)),
                                   f"'{category}' is not a plural category (use: {', '.join(PLURAL_CATEGORIES)})")
                elif not isinstance(text, str):
                    problems.error(Loc(shown, value.line_of(category)), f"the '{category}' form of '{key}' must be text")
                else:
                    forms[category] = text
                    _check_placeholders(key, text, Loc(shown, value.line_of(category)), problems)
            if "other" not in forms:
                problems.error(at, f"the plural forms of '{key}' need an 'other' form")
            else:
                words[key] = tuple((c, forms[c]) for c in PLURAL_CATEGORIES if c in forms)
        else:
            problems.error(at, f"the translation of '{key}' must be text, or plural forms (one: …, other: …)")
    return words


def _placeholders(text: str) -> set[str] | None:
    """The ``{names}`` in ``text``; None when a brace is unmatched."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _check_placeholders(key: str, text: str, at: Loc, problems: Problems) -> None:
    """A translation may leave a placeholder out, but not name one the template does not fill
    (``{n}`` is always filled where a number is): it would be shown as written."""
    found = _placeholders(text)
    if found is None:
        problems.warning(at, f"the translation of '{key}' has an unmatched brace: it is shown as written")
        return
    unknown = sorted(found - (_placeholders(key) or set()) - {"n"})
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        problems.warning(at, f"the translation of '{key}' names {names}, which the template does not fill: "
                             "it is shown as written")
