"""text.py: slugs, tag spellings, titles made from file names, and HTML as plain text."""

from __future__ import annotations

import re

import pytest

from plnsite.text import (
    SLUG_MAX_BYTES, cap_slug, html_to_text, shorten, slugify, split_tags, tag_slug, title_case,
)


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Why my PLN needs two accounts", "why-my-pln-needs-two-accounts"),
        ("Machine Learning", "machine-learning"),
        ("machine-learning", "machine-learning"),
        ("machine learning", "machine-learning"),
        ("machine_learning", "machine-learning"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("Ça va? Oui!", "ca-va-oui"),
        ("Café Culture", "cafe-culture"),
        ("Ünïcödé Tëxt", "unicode-text"),
        ("学习", "学习"),
        ("机器 学习", "机器-学习"),
        ("Учёба и жизнь", "учеба-и-жизнь"),
        ("ἀρχή", "αρχη"),
        ("straße", "straße"),
        ("ﬁle", "file"),  # compatibility ligature folded
        ("C++ & Rust", "c-rust"),
        ("2024", "2024"),
        (2024, "2024"),
        ("a/b\\c.d", "a-b-c-d"),
        ("!!!", ""),
    ],
)
def test_slugify(value, slug):
    assert slugify(value) == slug


def test_slugs_are_url_safe_and_stable():
    for text in ["Hello, World!", "Ça va", "学习 笔记", "emoji 🎉 party", "tabs\tand\nnewlines"]:
        slug = slugify(text)
        assert slug == slugify(slug), "a slug is its own slug"
        assert not re.search(r"[\s/?#%&<>\"']", slug), slug
        assert not slug.startswith("-") and not slug.endswith("-")
        assert "--" not in slug


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        # Symbols that tell tags apart are spelled out ...
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("F#", "f-sharp"),
        ("C", "c"),
        ("Google+", "google-plus"),
        (".NET", "dot-net"),
        ("C# / .NET", "c-sharp-dot-net"),
        ("R&D", "r-and-d"),
        ("AT&T", "at-and-t"),
        ("@home", "at-home"),
        ("100%", "100-percent"),
        ("C/C++", "c-c-plus-plus"),
        ("Ｃ＋＋", "c-plus-plus"),  # full-width forms are the characters they stand for
        ("é#", "e-sharp"),
        # ... and symbols with a Unicode name, emoji among them, by that name.
        ("🦄", "unicorn-face"),
        ("🐍 python", "snake-python"),
        ("👩\u200d💻", "woman-personal-computer"),
        ("🇨🇦 travel", "flag-ca-travel"),
        # Ordinary tags keep the slugs (and URLs) they always had.
        ("Machine Learning", "machine-learning"),
        ("machine_learning", "machine-learning"),
        ("Node.js", "node-js"),
        ("ASP.NET", "asp-net"),
        ("A/B testing", "a-b-testing"),
        ("P.L.N", "p-l-n"),
        ("#pln", "pln"),  # a leading # is a hashtag mark, not C#'s sharp
        ("Issue #5", "issue-5"),
        ("Café Culture", "cafe-culture"),
        ("学习", "学习"),
        ("Учёба", "учеба"),
        ("2024", "2024"),
        ("!!!", ""),
    ],
)
def test_tag_slug(tag, slug):
    assert tag_slug(tag) == slug


def test_tag_slugs_are_url_safe_and_stable():
    for tag in ["C++", "C#", "R&D", "@home", ".NET", "🦄", "100%", "a + b & c @ d"]:
        slug = tag_slug(tag)
        assert slug == tag_slug(slug) == slugify(slug), "a tag slug is its own slug"
        assert not re.search(r"[\s/?#%&<>\"'+@]", slug), slug
        assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


def test_note_slugs_keep_their_rule():
    assert slugify("C++ & Rust") == "c-rust"  # only tags spell symbols out


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        (None, ()),
        ("", ()),
        ([], ()),
        (["pln", "social-media"], ("pln", "social-media")),
        ("pln, social-media", ("pln", "social-media")),
        ("pln social-media", ("pln", "social-media")),
        ("pln,social-media", ("pln", "social-media")),
        # With a comma, spaces belong to the tag: "machine learning" is one tag.
        ("machine learning, pln", ("machine learning", "pln")),
        ("  pln  ,  , edtech ", ("pln", "edtech")),
        ("one", ("one",)),
        ((" spaced ", ""), ("spaced",)),
        ([2024, True, False], ("2024", "true", "false")),
        (2024, ("2024",)),
    ],
)
def test_split_tags(value, tags):
    assert split_tags(value) == tags


def test_split_tags_skips_null_items():
    # `tags: [pln, ~]` or a stray `- ` item: a null is no tag, not the text "None".
    assert split_tags(["pln", None]) == ("pln",)


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("my-first-note", "My First Note"),
        ("my_first_note", "My First Note"),
        ("two  spaces", "Two Spaces"),
        ("already Capitalised PLN", "Already Capitalised PLN"),
        ("--x--", "X"),
        ("ça-va", "Ça Va"),
        ("", ""),
    ],
)
def test_title_case(stem, title):
    assert title_case(stem) == title


# ---- rendered HTML as plain text ------------------------------------------------------------

@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Tea &amp; <em>cake</em></p>", "Tea & cake"),
        ("<p>one</p>\n<p>two</p>", "one two"),
        ("<p>a&nbsp;b &lt;c&gt; &#x27;d&#39;</p>", "a b <c> 'd'"),
        ("", ""),
        ("  \n ", ""),
        # A comment is no text, whatever it holds.
        ("<p>Before <!-- draft -> later --> after</p>", "Before after"),
        ("<p>a <!-- <b>x</b> --> b</p>", "a b"),
        # A quoted attribute value may hold ">".
        ('<p><abbr title="x > y">XY</abbr> and <img alt=\'a>b\' src="p.png"> z</p>', "XY and z"),
        # Script and style elements show no text.
        ("<p>a <script>if (x > 1) {}</script> b <style>p > a {}</style> c</p>", "a b c"),
        ("<p>a <SCRIPT type='module'>x</SCRIPT > b</p>", "a b"),
        # "<" before anything but a tag's name is text.
        ("<p>3 < 4 and 5 <= 6</p>", "3 < 4 and 5 <= 6"),
        # A quote that never closes: the tag ends at its first ">".
        ('<p>a <a title="x>y</a> b</p>', "a y b"),
        ("<!DOCTYPE html><?xml x?><![CDATA[z]]><p>t</p>", "t"),
    ],
)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_shorten_keeps_what_fits():
    assert shorten("short", 200) == "short"
    assert shorten("x" * 200, 200) == "x" * 200


def test_shorten_cuts_after_a_word_and_drops_the_punctuation_there():
    assert shorten("one two, three four", 12) == "one two…"
    assert shorten("one two three four", 15) == "one two three…"
    assert len(shorten("word " * 100, 200)) <= 200


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>I was a <strong>lurker</strong>.</p>", "I was a lurker."),
    ('<p>See <a href="/x/">the first note</a>, then <code>x</code>; <em>now</em>!</p>', "See the first note, then x; now!"),
    ("<p>One</p><p>Two</p>", "One Two"),
    ("<li>a</li><li>b</li>", "a b"),
    ("line<br>next", "line next"),
    ("joined<!-- a comment -->word", "joinedword"),
    ("<p>H<sub>2</sub>O and x<sup>2</sup></p>", "H2O and x2"),
])
def test_inline_tags_join_words_and_block_tags_separate_them(markup, text):
    # Found: every tag counted as a space, so descriptions read "see who I follow ." and "x ,".
    assert html_to_text(markup) == text


@pytest.mark.parametrize("slug, capped", [
    ("short-slug", "short-slug"),
    ("a" * 201, "a" * 200),
    ("ab-" * 70, "-".join(["ab"] * 67)),  # ends at a hyphen: 200 bytes
    ("a" * 150 + "-" + "b" * 100, "a" * 150),  # the word that does not fit is left out
    ("a" * 50 + "-" + "b" * 200, "a" * 50 + "-" + "b" * 149),  # unless that leaves less than half
    ("é" * 150, "é" * 100),  # two bytes each
    ("学" * 100, "学" * 66),  # three bytes each: never cut inside one
    ("𝒜" * 60, "𝒜" * 50),  # four bytes each
])
def test_cap_slug_fits_in_200_bytes_at_a_word_or_character(slug, capped):
    assert cap_slug(slug) == capped
    assert len(cap_slug(slug).encode("utf-8")) <= SLUG_MAX_BYTES


def test_slugify_and_tag_slug_are_capped_and_slugify_may_not_be():
    assert slugify("x" * 300) == "x" * 200
    assert tag_slug("+" * 100).startswith("plus-plus") and len(tag_slug("+" * 100)) <= 200
    assert slugify("x" * 300, limit=None) == "x" * 300


def test_title_case_leaves_out_control_characters():
    assert title_case("bad\x07-name\x1b[1m") == "Bad Name"
