"""load/notes.py: notes and their fallbacks (title, date, slug, summary), drafts, bundles, zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from plnsite.load import load_content
from plnsite.sources import SAVE_AS_UTF8

SITE = "title: T\nbase_url: https://example.org/\ntimezone: America/Vancouver\n"
VAN = ZoneInfo("America/Vancouver")


@pytest.fixture
def load(site_factory):
    """``{path under content/: text}`` → (notes by slug, ["path:line: message", ...])."""

    def run(files: dict[str, str | bytes], site: str = SITE):
        content = site_factory({"site.yaml": site, **files})
        loaded = load_content(content)
        return {n.slug: n for n in loaded.notes}, [str(p) for p in loaded.problems]

    return run


def test_a_full_note(load):
    notes, problems = load({"notes/whatever.md": """\
        ---
        title: Why my PLN needs two accounts
        date: 2025-03-04T10:15:00-08:00
        updated: 2025-03-09
        tags: [pln, social-media]
        summary: One sentence.
        draft: false
        slug: two-accounts
        ---
        Body text.
    """})
    assert problems == []
    note = notes["two-accounts"]
    assert note.id == "notes/two-accounts"
    assert note.title == "Why my PLN needs two accounts"
    assert note.date.isoformat() == "2025-03-04T10:15:00-08:00"
    assert note.updated.isoformat() == "2025-03-09T00:00:00-08:00"
    assert note.tags == ("pln", "social-media")
    assert note.summary == "One sentence."
    assert note.draft is False
    assert note.body.text == "Body text.\n"
    assert str(note.body.loc) == "content/notes/whatever.md:10", "the body's first line, front matter counted"
    assert str(note.loc) == "content/notes/whatever.md:1"
    assert note.assets == ()


# ---- title ------------------------------------------------------------------------------


def test_title_from_the_first_heading(load):
    notes, problems = load({"notes/2025-01-01-x.md": "---\ntags: [a]\n---\nIntro.\n\n# The *Real* Title\n\nText\n"})
    assert problems == []
    assert notes["x"].title == "The Real Title"
    assert notes["x"].title_from_heading is True


def test_front_matter_title_wins_over_heading(load):
    notes, _ = load({"notes/2025-01-01-x.md": "---\ntitle: Given\n---\n# Heading\n"})
    assert notes["x"].title == "Given" and notes["x"].title_from_heading is False


def test_title_from_the_file_name_with_a_warning(load):
    notes, problems = load({"notes/2025-01-01-my_first-note.md": "Just text, no heading.\n"})
    assert notes["my-first-note"].title == "My First Note"
    assert problems == ["content/notes/2025-01-01-my_first-note.md:1: warning: no title: made one from the file name (add `title:`)"]


def test_blank_title_falls_back(load):
    notes, problems = load({"notes/2025-01-01-x.md": "---\ntitle: '  '\n---\n# From Heading\n"})
    assert notes["x"].title == "From Heading" and problems == []


def test_yaml_1_1_title_stays_as_written(load):
    notes, _ = load({"notes/2025-01-01-a.md": "---\ntitle: 10:30\n---\n", "notes/2025-01-01-b.md": "---\ntitle: no\n---\n"})
    assert notes["a"].title == "10:30"
    assert notes["b"].title == "no"


# ---- date -------------------------------------------------------------------------------


def test_date_from_the_file_name(load):
    notes, problems = load({"notes/2025-03-04-two-accounts.md": "---\ntitle: T\n---\n"})
    assert problems == []
    assert notes["two-accounts"].date == dt.datetime(2025, 3, 4, tzinfo=VAN)


def test_front_matter_date_wins_over_the_file_name(load):
    notes, _ = load({"notes/2025-03-04-x.md": "---\ntitle: T\ndate: 2024-12-31\n---\n"})
    assert notes["x"].date.date() == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-03-04", "2025-03-04T00:00:00-08:00"),
        ("'2025-03-04'", "2025-03-04T00:00:00-08:00"),
        ('"2025-03-04"', "2025-03-04T00:00:00-08:00"),
        ("2025-03-04 10:15:00", "2025-03-04T10:15:00-08:00"),
        ("2025-03-04 10:15", "2025-03-04T10:15:00-08:00"),
        ("2025-07-04 10:15", "2025-07-04T10:15:00-07:00"),
        ("2025-03-04T10:15:00Z", "2025-03-04T10:15:00+00:00"),
        ("2025-03-04T10:15:00+01:00", "2025-03-04T10:15:00+01:00"),
        ("'2025-03-04T10:15:00+01:00'", "2025-03-04T10:15:00+01:00"),
    ],
)
def test_a_date_is_a_date_bare_quoted_or_with_a_time(load, written, iso):
    notes, problems = load({"notes/x.md": f"---\ntitle: T\ndate: {written}\n---\n"})
    assert problems == []
    assert notes["x"].date.isoformat() == iso


def test_naive_dates_follow_the_site_timezone(load):
    site = "title: T\nbase_url: https://example.org/\ntimezone: Asia/Tokyo\n"
    notes, _ = load({"notes/2025-03-04-x.md": "---\ntitle: T\n---\n", "notes/y.md": "---\ntitle: Y\ndate: 2025-03-04 08:00:00\n---\n"}, site)
    assert notes["x"].date.isoformat() == "2025-03-04T00:00:00+09:00"
    assert notes["y"].date.isoformat() == "2025-03-04T08:00:00+09:00"


def test_timezone_defaults_to_utc(load):
    notes, _ = load({"notes/2025-03-04-x.md": "---\ntitle: T\n---\n"}, "title: T\nbase_url: https://example.org/\n")
    assert notes["x"].date.isoformat() == "2025-03-04T00:00:00+00:00"


def test_no_date_at_all_is_an_error(load):
    notes, problems = load({"notes/undated.md": "---\ntitle: A\n---\nBody\n"})
    assert notes == {}
    assert problems == [
        "content/notes/undated.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-"
    ]


def test_impossible_file_name_date_is_no_date(load):
    notes, problems = load({"notes/2025-02-30-x.md": "---\ntitle: A\n---\n"})
    assert notes == {}
    assert problems == [
        "content/notes/2025-02-30-x.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-"
    ]


def test_bad_date_is_an_error_at_its_line(load):
    notes, problems = load({"notes/2025-01-01-x.md": "---\ntitle: A\n\ndate: 2025-13-45\n---\n"})
    assert notes == {}, "an explicit bad date is not replaced by the file name's"
    assert problems == [
        "content/notes/2025-01-01-x.md:4: error: 'date' is not a date: '2025-13-45' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)"
    ]


def test_bad_updated_is_an_error_at_its_line(load):
    _, problems = load({"notes/2025-01-01-x.md": "---\ntitle: A\nupdated: soon\n---\n"})
    assert problems == [
        "content/notes/2025-01-01-x.md:3: error: 'updated' is not a date: 'soon' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)"
    ]


def test_empty_date_key_falls_back_to_the_file_name(load):
    notes, problems = load({"notes/2025-01-01-x.md": "---\ntitle: A\ndate:\n---\n"})
    assert problems == []
    assert notes["x"].date.date() == dt.date(2025, 1, 1)


def test_empty_date_key_without_a_file_name_date_is_reported_not_dropped(load):
    notes, problems = load({"notes/x.md": "---\ntitle: A\ndate:\n---\n"})
    assert notes == {}
    assert problems == [
        "content/notes/x.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-"
    ]


# ---- slug -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("notes/2025-03-04-two-accounts.md", "two-accounts"),
        ("notes/two accounts.md", "two-accounts"),
        ("notes/Café Culture.md", "cafe-culture"),
        ("notes/2025/03/deep.md", "deep"),
        ("notes/学习笔记.md", "学习笔记"),
    ],
)
def test_slug_from_the_file_name(load, name, slug):
    notes, _ = load({name: "---\ntitle: T\ndate: 2025-01-01\n---\n"})
    assert list(notes) == [slug]


def test_slug_from_front_matter_is_slugified(load):
    notes, _ = load({"notes/2025-01-01-x.md": "---\ntitle: T\nslug: My Custom Slug\n---\n"})
    assert list(notes) == ["my-custom-slug"]


def test_slug_that_cannot_be_made(load):
    notes, problems = load({"notes/2025-01-01-x.md": "---\ntitle: T\n\nslug: '!!!'\n---\n"})
    assert notes == {}
    assert problems == ["content/notes/2025-01-01-x.md:4: error: cannot make a URL slug from this note's name; add `slug:`"]


def test_duplicate_slugs_name_both_files(load):
    notes, problems = load({
        "notes/2025-01-01-same.md": "---\ntitle: A\n---\n",
        "notes/sub/2025-02-02-same.md": "---\ntitle: B\n---\n",
    })
    assert notes["same"].title == "A"
    assert problems == [
        "content/notes/sub/2025-02-02-same.md:1: error: duplicate note slug 'same': also used by content/notes/2025-01-01-same.md"
    ]


# ---- summary ----------------------------------------------------------------------------


def test_summary_is_kept_as_text_only_when_given(load):
    notes, _ = load({
        "notes/2025-01-01-a.md": "---\ntitle: A\nsummary: '  One *sentence*. '\n---\nFirst paragraph.\n",
        "notes/2025-01-01-b.md": "---\ntitle: B\n---\nFirst paragraph.\n",
    })
    assert notes["a"].summary == "One *sentence*."
    assert notes["b"].summary is None, "the <!--more--> / first-paragraph fallback is made from the rendered body"


# ---- draft ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "draft"),
    [
        ("", False),
        ("draft: true", True),
        ("draft: false", False),
        ("draft: yes", True),
        ("draft: no", False),
        ("draft: 'true'", True),
        ("published: false", True),
        ("published: true", False),
        ("published: no", True),
        ("draft: false\npublished: false", True),
    ],
)
def test_draft_and_published(load, front, draft):
    notes, problems = load({"notes/2025-01-01-x.md": f"---\ntitle: T\n{front}\n---\n"})
    assert problems == []
    assert notes["x"].draft is draft


# ---- tags -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tags"),
    [
        ("[pln, social-media]", ("pln", "social-media")),
        ('"pln, social-media"', ("pln", "social-media")),
        ('"pln social-media"', ("pln", "social-media")),
        ("pln social-media", ("pln", "social-media")),
        ("[Machine Learning, pln]", ("Machine Learning", "pln")),
        ("\n  - pln\n  - edtech", ("pln", "edtech")),
        ("[no, on, 2024]", ("no", "on", "2024")),
        ("[yes, off, 'true', true]", ("yes", "off", "true", "true")),
        ("[3.10, 1:20, 010]", ("3.10", "1:20", "010")),
        ("[2024-01-01]", ("2024-01-01",)),
        ("[pln, ~]", ("pln",)),
        ("", ()),
    ],
)
def test_tags(load, written, tags):
    notes, problems = load({"notes/2025-01-01-x.md": f"---\ntitle: T\ntags: {written}\n---\n"})
    assert problems == []
    assert notes["x"].tags == tags


# ---- files ------------------------------------------------------------------------------


def test_markdown_suffix_and_nested_folders(load):
    notes, problems = load({
        "notes/2025-01-01-a.markdown": "---\ntitle: A\n---\n",
        "notes/2025/2025-01-02-b.md": "---\ntitle: B\n---\n",
        "notes/c.txt": "not a note",
        "notes/d.MD.bak": "not a note",
    })
    assert problems == []
    assert sorted(notes) == ["a", "b"]


def test_hidden_and_underscore_names_are_ignored(load):
    notes, problems = load({
        "notes/2025-01-01-kept.md": "---\ntitle: K\n---\n",
        "notes/_2025-01-01-under.md": "---\ntitle: U\n---\n",
        "notes/.2025-01-01-dot.md": "---\ntitle: D\n---\n",
        "notes/_drafts/2025-01-01-in-drafts.md": "---\ntitle: I\n---\n",
        "notes/.obsidian/2025-01-01-config.md": "---\ntitle: O\n---\n",
        "notes/2025-01-01-broken-but-hidden/_x.md": "---\ntitle: [\n---\n",
    })
    assert list(notes) == ["kept"]
    assert problems == []


def test_bundle_with_assets(load):
    notes, problems = load({
        "notes/2025-05-01-bundle/index.md": "---\ntitle: Bundle\n---\n![pic](pic.svg) ![deep](img/deep.png)\n",
        "notes/2025-05-01-bundle/pic.svg": "<svg/>",
        "notes/2025-05-01-bundle/img/deep.png": b"\x89PNG",
        "notes/2025-05-01-bundle/_private.txt": "ignored",
        "notes/2025-05-01-bundle/.DS_Store": "ignored",
        "notes/2025-05-01-bundle/draft.md": "a second Markdown file is an asset, not a note",
    })
    assert problems == []
    assert list(notes) == ["bundle"]
    note = notes["bundle"]
    assert note.date.date() == dt.date(2025, 5, 1), "the date comes from the folder's name"
    assert str(note.loc) == "content/notes/2025-05-01-bundle/index.md:1"
    assert sorted(a.dest for a in note.assets) == [
        "notes/bundle/draft.md", "notes/bundle/img/deep.png", "notes/bundle/pic.svg",
    ]
    assert all(a.src.is_file() for a in note.assets)


def test_bundle_slug_from_front_matter_moves_its_assets(load):
    notes, _ = load({
        "notes/2025-05-01-bundle/index.md": "---\ntitle: Bundle\nslug: pictures\n---\n",
        "notes/2025-05-01-bundle/pic.svg": "<svg/>",
    })
    assert [a.dest for a in notes["pictures"].assets] == ["notes/pictures/pic.svg"]


def test_not_utf8_is_a_problem_and_others_load(load):
    notes, problems = load({
        "notes/2025-01-01-bad.md": b"---\ntitle: caf\xe9\n---\n",
        "notes/2025-01-01-good.md": "---\ntitle: Good\n---\n",
    })
    assert list(notes) == ["good"]
    assert problems == ["content/notes/2025-01-01-bad.md:2: error: the file is not UTF-8 text (it looks like Latin-1: "
                        f"byte 0xE9 on this line would be 'é'); {SAVE_AS_UTF8}"]


def test_every_problem_of_every_note_at_once(load):
    _, problems = load({
        "notes/a.md": "---\ntitle: A\n---\n",
        "notes/2025-01-01-b.md": "---\ntitle: [\n---\n",
        "notes/2025-01-01-c.md": "---\ntitle: C\n",
    })
    yaml_error, unclosed, undated = sorted(problems)
    # The unclosed "[" is on line 2 (not the closing --- below it, where the text runs out).
    assert yaml_error.startswith("content/notes/2025-01-01-b.md:2: error: invalid YAML: while parsing a flow node")
    assert unclosed == "content/notes/2025-01-01-c.md:1: error: front matter starts with '---' but has no closing '---' line"
    assert undated == "content/notes/a.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-"
