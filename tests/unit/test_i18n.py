"""plnsite.i18n: catalogues, plural forms, CLDR dates, writing direction; and that every word the
default theme shows is in every catalogue it ships."""

from __future__ import annotations

import ast
import html.parser
import datetime as dt
import re
import string
from pathlib import Path

import jinja2
import pytest

from plnsite.config import DEFAULT_MENU
from plnsite.errors import Level, Loc, Problems
from plnsite.i18n import Words, known_language, load_words, read_strings
from plnsite.i18n.catalogue import read_catalogue
from plnsite.render.views.common import KIND_LABEL, STATUS_LABEL
from plnsite.render.views.conversation import _LABELS as REPLY_LABELS
from plnsite.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "themes" / "default"
SHIPPED = sorted(p.stem for p in (THEME / "i18n").glob("*.yaml"))


def words(language: str, *dirs: Path, strings=()) -> tuple[Words, tuple]:
    return load_words((*dirs, THEME), language, strings, Loc("content/site.yaml", 5))


# -- every word the theme shows is in every catalogue -------------------------------------------

def template_words() -> dict[str, str]:
    """``t("…")`` of every template of the default theme → where it is."""
    env = jinja2.Environment()
    found = {}
    for path in sorted((THEME / "templates").rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(jinja2.nodes.Call):
            if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "t":
                first = call.args[0] if call.args else None
                assert isinstance(first, jinja2.nodes.Const), f"{path.name}:{call.lineno}: t() of a variable"
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{call.lineno}")
    return found


def view_words() -> dict[str, str]:
    """``words("…")`` in plnsite's views and feeds, and the labels they translate."""
    found = {}
    for path in sorted((ROOT / "plnsite" / "render").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name == "words":
                    found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    for label in [*STATUS_LABEL.values(), *(w for pair in KIND_LABEL.values() for w in pair), *REPLY_LABELS.values(),
                  *(item.title for item in DEFAULT_MENU)]:
        found.setdefault(label, "plnsite/render/views/common.py")
    return found


def test_the_collectors_find_words():
    """Guard the guard: a collector that found nothing would let every catalogue pass."""
    assert {"Notes", "Linked from", "{n} notes", "Recommended by {who}"} <= set(template_words())
    assert {"Page not found", "Undated", "Finished reading: {title}", "Book", "Want to read"} <= set(view_words())


@pytest.mark.parametrize("language", SHIPPED)
def test_every_word_the_theme_shows_is_in_every_catalogue(language):
    table = read_catalogue(THEME / "i18n" / f"{language}.yaml", problems := Problems())
    assert problems.freeze() == ()
    wanted = {**view_words(), **template_words()}
    missing = [f"{where}: {key!r}" for key, where in sorted(wanted.items()) if key not in table]
    assert missing == [], f"i18n/{language}.yaml lacks words the theme shows"


@pytest.mark.parametrize("language", SHIPPED)
def test_no_catalogue_has_words_the_theme_does_not_show(language):
    table = read_catalogue(THEME / "i18n" / f"{language}.yaml", Problems())
    wanted = {**view_words(), **template_words()}
    assert sorted(set(table) - set(wanted)) == []


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_use_only_the_placeholders_the_template_fills(language):
    table = read_catalogue(THEME / "i18n" / f"{language}.yaml", Problems())
    bad = []
    for key, entry in table.items():
        forms = [entry] if isinstance(entry, str) else [text for _, text in entry]
        allowed = _placeholders(key) | {"n"}
        bad += [f"{key!r}: {text!r}" for text in forms if not _placeholders(text) <= allowed]
    assert bad == []


def test_the_shipped_languages():
    assert {"en", "fr", "es", "de", "ar", "he"} <= set(SHIPPED)


# -- Words: lookups, plurals, placeholders ------------------------------------------------------

def test_a_word_and_its_translation():
    fr, problems = words("fr")
    assert problems == ()
    assert fr("Notes") == "Notes" and fr("Reading") == "Lectures" and fr("Page not found") == "Page introuvable"


def test_a_word_no_catalogue_has_is_shown_as_written():
    fr, _ = words("fr")
    assert fr("A word nobody translated") == "A word nobody translated"
    assert fr("Hello {name}", name="Ada") == "Hello Ada"


@pytest.mark.parametrize(("language", "n", "shown"), [
    ("en", 0, "0 notes"), ("en", 1, "1 note"), ("en", 2, "2 notes"),
    ("fr", 0, "0 note"), ("fr", 1, "1 note"), ("fr", 2, "2 notes"),  # French: 0 is singular
    ("de", 1, "1 Notiz"), ("de", 5, "5 Notizen"),
    ("ar", 3, "3 ملاحظات"), ("ar", 11, "11 ملاحظة"),  # Arabic: "few" for 3–10, "many"/"other" beyond
])
def test_plural_forms_follow_cldr(language, n, shown):
    w, _ = words(language)
    assert w("{n} notes", n=n) == shown


def test_numbers_are_written_the_locale_s_way():
    en, _ = words("en")
    de, _ = words("de")
    assert en("{n} notes", n=1234) == "1,234 notes"
    assert de("{n} notes", n=1234) == "1.234 Notizen"


def test_a_translation_naming_a_placeholder_the_template_lacks_is_shown_unfilled():
    w, _ = words("fr", strings=(("Notes", "Notes de {nobody}"),))
    assert w("Notes") == "Notes de {nobody}"


# -- dates, direction ----------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "shown"), [
    ("en", "March 4, 2025"), ("en-GB", "4 March 2025"), ("fr", "4 mars 2025"),
    ("es", "4 de marzo de 2025"), ("de", "4. März 2025"), ("ar", "4 مارس 2025"),
])
def test_dates_are_cldr_long_dates(language, shown):
    w, _ = words(language)
    assert w.date(dt.datetime(2025, 3, 4, 23, 30)) == shown


def test_months_for_the_activity_chart():
    fr, _ = words("fr")
    de, _ = words("de")
    assert fr.month(dt.date(2025, 3, 4)) == "mars 2025" and de.month(dt.date(2025, 3, 4)) == "März 2025"


@pytest.mark.parametrize(("language", "direction"), [
    ("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar-EG", "rtl"),
])
def test_writing_direction(language, direction):
    assert words(language)[0].direction == direction


def test_lists_of_names():
    assert words("en")[0].names(["A", "B", "C"]) == "A, B, and C"
    assert words("fr")[0].names(["A", "B", "C"]) == "A, B et C"
    assert words("de")[0].names(["A", "B"]) == "A und B"


def test_known_languages():
    assert known_language("fr") and known_language("pt-BR") and known_language("zh-Hant")
    assert not known_language("klingon") and not known_language("xx-YY-ZZ")


# -- where words come from: region, site theme, site.yaml, missing ones ------------------------

def test_a_regional_language_reads_its_language_s_catalogue():
    w, problems = words("fr-CA")
    assert w("Reading") == "Lectures" and problems == ()


def test_a_site_theme_overrides_one_word_and_keeps_the_rest(tmp_path):
    site_theme = tmp_path / "themes" / "default"
    (site_theme / "i18n").mkdir(parents=True)
    (site_theme / "i18n" / "fr.yaml").write_text("Notes: Carnet\n", encoding="utf-8")
    w, problems = words("fr", site_theme)
    assert (w("Notes"), w("Reading"), problems) == ("Carnet", "Lectures", ())


def test_site_yaml_strings_win_over_every_catalogue(tmp_path):
    site_theme = tmp_path / "themes" / "default"
    (site_theme / "i18n").mkdir(parents=True)
    (site_theme / "i18n" / "fr.yaml").write_text("Notes: Carnet\n", encoding="utf-8")
    w, _ = words("fr", site_theme, strings=(("Notes", "Cahier"), ("{n} notes", (("one", "{n} page"), ("other", "{n} pages")))))
    assert (w("Notes"), w("{n} notes", n=1), w("{n} notes", n=3)) == ("Cahier", "1 page", "3 pages")


def test_a_language_without_a_catalogue_is_one_warning_at_site_yaml():
    w, problems = words("it")
    assert w("Notes") == "Notes" and w.date(dt.date(2025, 3, 4)) == "4 marzo 2025"  # dates still Italian
    assert [(str(p.loc), p.level) for p in problems] == [("content/site.yaml:5", Level.WARNING)]
    assert "no words in 'it'" in problems[0].message and "i18n/" in problems[0].message


def test_a_catalogue_missing_words_names_them(tmp_path):
    site_theme = tmp_path / "themes" / "default"
    (site_theme / "i18n").mkdir(parents=True)
    (site_theme / "i18n" / "it.yaml").write_text("Notes: Appunti\n", encoding="utf-8")
    w, problems = words("it", site_theme)
    assert w("Notes") == "Appunti" and w("Reading") == "Reading"
    [problem] = problems
    assert problem.level is Level.WARNING and problem.loc.path.endswith("themes/default/i18n/it.yaml")
    assert re.match(r"\d+ of the theme's words have no 'it' translation", problem.message)


def test_english_needs_no_catalogue_of_its_own_region():
    assert words("en-AU")[1] == ()


@pytest.mark.parametrize(("text", "message"), [
    ("Notes: [a, b]\n", "the translation of 'Notes' must be text"),
    ("'{n} notes':\n  one: x\n", "need an 'other' form"),
    ("'{n} notes':\n  single: x\n  other: y\n", "'single' is not a plural category"),
])
def test_a_wrong_catalogue_entry_is_an_error_at_its_line(tmp_path, text, message):
    path = tmp_path / "fr.yaml"
    path.write_text("Reading: Lectures\n" + text, encoding="utf-8")
    problems = Problems()
    read_catalogue(path, problems)
    [problem] = problems.freeze()
    assert problem.level is Level.ERROR and problem.loc.line in (2, 3) and message in problem.message


# -- no template shows a word outside t() --------------------------------------------------------

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_NAMES = re.compile(r"\b(?:JSON Feed|RSS|Atom|OPML)\b")  # names of formats, the same in every language
_SHOWN_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description", "value"}


class _ShownText(html.parser.HTMLParser):
    """The text a page shows: data, and the attributes a reader or screen reader meets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in _SHOWN_ATTRIBUTES and value and not (tag == "data" and name == "value"):
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.found.append(data)


def test_no_template_shows_words_outside_t():
    """Words written straight into a template are English on every site: each goes through
    t() and into the catalogues. (Jinja's own parts are left out; names of formats stay.)"""
    shown = {}
    for path in sorted((THEME / "templates").rglob("*.html")):
        parser = _ShownText()
        parser.feed(_JINJA.sub(" ", path.read_text(encoding="utf-8")))
        words = re.findall(r"[^\W\d_]{2,}", _NAMES.sub(" ", " ".join(parser.found)))
        if words:
            shown[str(path.relative_to(ROOT))] = words
    assert shown == {}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("'Recommended by {who}': 'Recommandé par {qui}'\n", 2, "names {qui}, which the template does not fill"),
    ("'{n} notes':\n  one: '{n} note'\n  other: '{count} notes'\n", 4, "names {count}"),
    ("Notes: 'Carnet {'\n", 2, "has an unmatched brace"),
])
def test_a_placeholder_the_template_does_not_fill_is_a_warning_at_its_line(tmp_path, text, line, message):
    path = tmp_path / "fr.yaml"
    path.write_text("Reading: Lectures\n" + text, encoding="utf-8")
    problems = Problems()
    read_catalogue(path, problems)
    [problem] = problems.freeze()
    assert problem.level is Level.WARNING and problem.loc.line == line and message in problem.message


def test_a_placeholder_left_out_is_fine():
    problems = Problems()
    read_strings(load_yaml("'The {n} people I learn from': Les personnes dont j’apprends\n", "x.yaml"), "x.yaml", problems)
    assert problems.freeze() == ()


def test_a_word_with_a_context_is_told_apart():
    """"Reading" the log and "Reading" the status are one English word, two French ones."""
    fr, _ = words("fr")
    assert (fr("Reading"), fr("status|Reading")) == ("Lectures", "En cours")
    assert words("en")[0]("status|Reading") == "Reading"
    assert Words("xx", {}, {})("status|Reading") == "Reading"  # no catalogue at all
