"""`language:` in site.yaml, through the real CLI: <html lang dir>, the theme's words and dates,
the feeds' language and human text, one word overridden, and what is wrong said at its line."""

from __future__ import annotations

import json

import feedparser
import pytest

SITE = """\
title: Carnet
base_url: https://example.org/
author: Ada
language: {language}
timezone: UTC
{extra}"""

FILES = {
    "notes/2025-03-04-premiere.md": "---\ntitle: Première note\ntags: [pln]\n---\nBonjour.\n",
    "notes/2025-04-10-seconde.md": "---\ntitle: Seconde note\ntags: [pln]\n---\nEncore [[premiere]].\n",
    "reading/books.yaml": "- title: Net Smart\n  authors: [Howard Rheingold, B. Author, C. Author]\n"
                          "  status: finished\n  finished: 2025-02-21\n  kind: book\n",
}


def make(site_factory, language: str, extra: str = "", files=None):
    return site_factory({"site.yaml": SITE.format(language=language, extra=extra), **(files or FILES)})


def test_a_french_site(site_factory, run_cli, monkeypatch):
    make(site_factory, "fr")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748779200")  # 2025-06-01: the home heatmap's year holds April 2025
    code, out, err = run_cli("build")
    assert code == 0, err
    note = open("public/notes/premiere/index.html", encoding="utf-8").read()
    assert '<html lang="fr" dir="ltr">' in note
    assert '<time class="dt-published" datetime="2025-03-04T00:00:00+00:00">4 mars 2025</time>' in note
    assert "<h2>Cité dans</h2>" in note  # backlinks
    assert "Aller au contenu" in note and "Skip to content" not in note
    home = open("public/index.html", encoding="utf-8").read()
    assert ">Lectures</a>" in home and ">Réseau</a>" in home  # the default menu, in French
    assert "<strong>2</strong> notes" in home and "Dernières notes" in home
    assert "<time datetime=\"2025-04\">avril 2025</time>" in home
    reading = open("public/reading/index.html", encoding="utf-8").read()
    assert "Howard Rheingold</span>, <span class=\"p-author\">B. Author</span> et <span" in reading
    assert "21 février 2025" in reading and "Terminé" in reading
    rss = feedparser.parse("public/feed.xml")
    assert rss.feed.language == "fr"
    assert json.loads(open("public/feed.json", encoding="utf-8").read())["language"] == "fr"
    # Machine dates stay ISO / RFC 822 whatever the language.
    assert "Fri, 04 Apr 2025" not in open("public/feed.xml", encoding="utf-8").read()
    assert rss.entries[0].published_parsed[:3] == (2025, 4, 10)


def test_feeds_human_text_in_the_site_s_language(site_factory, run_cli):
    make(site_factory, "fr", extra="feed:\n  include: [notes, reading]\n")
    assert run_cli("build")[0] == 0
    titles = [e.title for e in feedparser.parse("public/feed.xml").entries]
    assert "Lecture terminée : Net Smart" in titles


def test_an_arabic_site_is_right_to_left(site_factory, run_cli):
    make(site_factory, "ar")
    assert run_cli("build")[0] == 0
    home = open("public/index.html", encoding="utf-8").read()
    assert '<html lang="ar" dir="rtl">' in home
    assert "أحدث الملاحظات" in home  # "Latest notes"
    note = open("public/notes/premiere/index.html", encoding="utf-8").read()
    assert "4 مارس 2025" in note


def test_one_word_overridden_in_site_yaml(site_factory, run_cli):
    make(site_factory, "fr", extra='strings:\n  Notes: Carnet\n  "{n} notes":\n    one: "{n} page"\n    other: "{n} pages"\n')
    assert run_cli("build")[0] == 0
    notes = open("public/notes/index.html", encoding="utf-8").read()
    assert '<h1 class="p-name">Carnet</h1>' in notes and ">Carnet</a>" in notes  # the menu too
    assert ">Lectures</a>" in notes  # the rest stays the catalogue's
    assert "2 pages," in open("public/tags/pln/index.html", encoding="utf-8").read()


def test_a_language_added_by_the_site(site_factory, run_cli):
    content = make(site_factory, "it")
    theme = content.parent / "themes" / "default" / "i18n"
    theme.mkdir(parents=True)
    (theme / "it.yaml").write_text("Notes: Appunti\nReading: Letture\n", encoding="utf-8")
    code, out, err = run_cli("build")
    assert code == 0
    notes = open("public/notes/index.html", encoding="utf-8").read()
    assert '<html lang="it" dir="ltr">' in notes and '<h1 class="p-name">Appunti</h1>' in notes
    assert "10 aprile 2025" in notes  # CLDR's Italian dates need no catalogue
    # The words it lacks are English, and said once.
    assert "themes/default/i18n/it.yaml:1: warning:" in err and "have no 'it' translation" in err


def test_a_language_without_words_is_a_warning_at_its_line(site_factory, run_cli):
    make(site_factory, "it")
    code, out, err = run_cli("build")
    assert code == 0
    assert "content/site.yaml:4: warning: the theme has no words in 'it'" in err


def test_an_unknown_language_is_a_warning_at_its_line(site_factory, run_cli):
    make(site_factory, "klingon")
    code, out, err = run_cli("build")
    assert code == 0
    assert "content/site.yaml:4: warning: language 'klingon' is not a language tag CLDR knows" in err
    assert '<html lang="klingon" dir="ltr">' in open("public/index.html", encoding="utf-8").read()


@pytest.mark.parametrize(("extra", "where", "message"), [
    ("strings: [Notes]\n", "content/site.yaml:6", "strings must be a mapping"),
    ("strings:\n  Notes: [a]\n", "content/site.yaml:7", "the translation of 'Notes' must be text"),
    ("strings:\n  '{n} notes':\n    one: x\n", "content/site.yaml:7", "need an 'other' form"),
])
def test_wrong_strings_are_errors_at_their_line(site_factory, run_cli, extra, where, message):
    make(site_factory, "fr", extra=extra)
    code, out, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    assert f"{where}: error: " in err and message in err
    assert not __import__("os").path.exists("public")


def test_a_broken_site_catalogue_is_an_error_at_its_line(site_factory, run_cli):
    content = make(site_factory, "fr")
    theme = content.parent / "themes" / "default" / "i18n"
    theme.mkdir(parents=True)
    (theme / "fr.yaml").write_text("Notes: Carnet\nReading: [Lectures\n", encoding="utf-8")
    code, out, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    assert "themes/default/i18n/fr.yaml:2: error: invalid YAML" in err


@pytest.mark.parametrize("translation", ["'Recommandé par {personne}'", "'Recommandé par {'", "'Recommandé {0}'"])
def test_a_translation_with_a_wrong_placeholder_is_shown_as_written(site_factory, run_cli, translation):
    """A placeholder the template does not fill (a typo, a stray brace) breaks no page."""
    files = {**FILES, "reading/books.yaml": FILES["reading/books.yaml"] + "  via: amal\n",
             "contacts/peers.yaml": "title: Peers\npeople:\n  - {name: Amal, id: amal}\n"}
    make(site_factory, "fr", extra=f"strings:\n  Recommended by {{who}}: {translation}\n", files=files)
    code, out, err = run_cli("build")
    assert code == 0 and "Traceback" not in err, err
    shown = translation.strip("'").replace("{", "").split()[0]
    assert shown in open("public/reading/index.html", encoding="utf-8").read()
