"""load/reading.py: reading logs (YAML lists) and reading pages (Markdown + front matter)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from plnsite.errors import Problems
from plnsite.load.reading import load_readings
from plnsite.model import Markdown, ReadingKind, ReadingStatus

TZ = ZoneInfo("America/Vancouver")


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Write ``{relative path: text}`` under tmp_path, load them all → (readings, problem strings)."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, str]):
        paths = []
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
            paths.append(path)
        problems = Problems()
        readings = load_readings(paths, TZ, problems)
        return readings, [str(p) for p in problems.freeze()]

    return run


def test_full_entry(load):
    readings, problems = load({"reading/2025.yaml": """
        - title: Leveraging social media to build a digital PLN
          author: Kristy Gray
          url: https://www.edutopia.org/article/leveraging-social-media-build-digital-pln
          kind: article
          status: finished
          started: 2025-02-20
          finished: 2025-02-21
          rating: 4
          tags: [pln, social-media]
          via: hotchin
          notes: Short *Markdown*.
          unknown_key: ignored
    """})
    assert problems == ["reading/2025.yaml:12: warning: unknown key 'unknown_key'; it is ignored (known keys: title, "
                        "author, authors, url, kind, status, started, finished, rating, tags, via, notes, draft, "
                        "published, isbn, asin, goodreads_id, stars, pages, hours)"]
    (r,) = readings
    assert r.id == "reading/leveraging-social-media-to-build-a-digital-pln"
    assert r.slug == "leveraging-social-media-to-build-a-digital-pln"
    assert r.title == "Leveraging social media to build a digital PLN"
    assert r.authors == ("Kristy Gray",)
    assert r.url == "https://www.edutopia.org/article/leveraging-social-media-build-digital-pln"
    assert r.kind is ReadingKind.ARTICLE
    assert r.status is ReadingStatus.FINISHED
    assert r.started == dt.date(2025, 2, 20)
    assert r.finished == dt.date(2025, 2, 21)
    assert r.date == dt.datetime(2025, 2, 21, tzinfo=TZ)
    assert r.rating == 4
    assert r.tags == ("pln", "social-media")
    assert r.via == "hotchin"
    assert r.notes == Markdown(text="Short *Markdown*.", loc=r.notes.loc)
    assert str(r.notes.loc) == "reading/2025.yaml:11"
    assert str(r.loc) == "reading/2025.yaml:1"
    assert r.has_page is False
    assert "unknown_key" not in repr(r) and "ignored" not in repr(r)


def test_defaults_and_dates_of_other_statuses(load):
    readings, problems = load({"reading/list.yaml": """
        - title: Net Smart
          authors: [Howard Rheingold, Anthony Weeks]
          status: reading
          started: 2025-03-01
        - title: Someday
          status: want
        - title: Gave up
          status: abandoned
          started: 2025-01-05
    """})
    assert problems == []
    net, someday, gave_up = readings
    assert net.kind is ReadingKind.OTHER
    assert net.authors == ("Howard Rheingold", "Anthony Weeks")
    assert net.date == dt.datetime(2025, 3, 1, tzinfo=TZ)
    assert net.finished is None and net.rating is None and net.url is None and net.notes is None
    assert someday.date is None and someday.tags == () and someday.authors == ()
    assert gave_up.status is ReadingStatus.ABANDONED
    assert gave_up.date == dt.datetime(2025, 1, 5, tzinfo=TZ)


def test_yaml_1_1_values_stay_text(load):
    readings, problems = load({"reading/2024.yaml": """
        - title: Norway
          status: want
          tags: [no, on, 2024]
    """})
    assert problems == []
    assert readings[0].tags == ("no", "on", "2024")


def test_dates_quoted_bare_or_with_a_time(load):
    readings, problems = load({"reading/2025.yaml": """
        - title: Quoted
          started: "2025-02-01"
          finished: '2025-02-03'
        - title: With a time
          finished: 2025-02-04 23:30:00-08:00
        - title: With a T
          finished: "2025-02-05T08:00:00"
    """})
    assert problems == []
    assert [(r.started, r.finished) for r in readings] == [
        (dt.date(2025, 2, 1), dt.date(2025, 2, 3)),
        (None, dt.date(2025, 2, 4)),
        (None, dt.date(2025, 2, 5)),
    ]
    assert readings[1].date == dt.datetime(2025, 2, 4, tzinfo=TZ)


def test_problems_are_collected_and_bad_entries_skipped(load):
    readings, problems = load({"reading/2025.yaml": """
        - author: Nobody
          status: want
        - title: Bad status
          status: done
        - title: Bad kind
          kind: novel
          status: want
        - title: Bad rating
          finished: 2025-01-01
          rating: 7
        - title: No finish
          status: finished
        - title: Backwards
          started: 2025-02-20
          finished: 2025-02-01
        - title: Bad date
          finished: someday
        - title: Bad url
          finished: 2025-01-01
          url: javascript:alert(1)
        - title: Fine
          status: want
        - just a string
    """})
    assert problems == [
        "reading/2025.yaml:1: error: reading entry has no title",
        "reading/2025.yaml:4: error: status 'done' is not one of: want, reading, finished, abandoned",
        "reading/2025.yaml:6: error: kind 'novel' is not one of: book, article, paper, video, podcast, course, talk, other",
        "reading/2025.yaml:10: error: rating must be a whole number from 1 to 5, not '7'",
        "reading/2025.yaml:12: error: status is finished but there is no 'finished' date",
        "reading/2025.yaml:15: error: finished (2025-02-01) is before started (2025-02-20)",
        "reading/2025.yaml:17: error: 'finished' is not a date: 'someday'",
        "reading/2025.yaml:20: error: url must be an http(s) URL, not 'javascript:alert(1)'",
        "reading/2025.yaml:23: error: a reading entry must be a mapping of `key: value` lines",
    ]
    assert [r.title for r in readings] == ["Fine"]


def test_missing_finished_date_without_status_key_points_at_entry(load):
    _, problems = load({"reading/2025.yaml": """
        - title: Fine
          status: want
        - title: Defaults to finished
    """})
    assert problems == ["reading/2025.yaml:3: error: status is finished but there is no 'finished' date"]


@pytest.mark.parametrize("rating", ["0", "4.5", "true", "'four'"])
def test_rating_must_be_a_small_whole_number(load, rating):
    _, problems = load({"reading/r.yaml": f"- title: X\n  status: want\n  rating: {rating}\n"})
    shown = rating.strip("'")
    assert problems == [f"reading/r.yaml:3: error: rating must be a whole number from 1 to 5, not '{shown}'"]


def test_log_must_be_a_list(load):
    readings, problems = load({"reading/a.yaml": "title: Not a list\n", "reading/b.yaml": ""})
    assert readings == ()
    assert problems == ["reading/a.yaml:1: error: a reading log must be a list of entries"]


def test_yaml_syntax_error_is_a_problem_and_other_files_load(load):
    readings, problems = load({
        "reading/a.yaml": "- title: [unclosed\n",
        "reading/b.yaml": "- title: Fine\n  status: want\n",
    })
    assert [r.title for r in readings] == ["Fine"]
    assert len(problems) == 1 and problems[0].startswith("reading/a.yaml:")
    assert "invalid YAML" in problems[0]


def test_impossible_date_does_not_crash(load):
    readings, problems = load({"reading/a.yaml": "- title: X\n  finished: 2025-02-30\n"})
    assert readings == ()
    assert len(problems) == 1 and problems[0].startswith("reading/a.yaml")


def test_block_scalar_notes_start_on_the_next_line(load):
    readings, problems = load({"reading/2025.yaml": """
        - title: Literal
          status: want
          notes: |
            First line.

            Second paragraph.
        - title: Below the key
          status: want
          notes:
            Plain text below.
    """})
    assert problems == []
    literal, below = readings
    assert literal.notes.text == "First line.\n\nSecond paragraph.\n"
    assert str(literal.notes.loc) == "reading/2025.yaml:4"
    assert below.notes.text == "Plain text below."
    assert str(below.notes.loc) == "reading/2025.yaml:10"


def test_markdown_entry_gets_a_page_and_its_body_as_notes(load):
    readings, problems = load({"reading/2025-03-01-net-smart.md": """
        ---
        title: Net Smart
        author: Howard Rheingold
        kind: book
        finished: 2025-03-01
        notes: ignored when there is a body
        ---
        # What I took from it

        Attention is a skill.
    """})
    assert problems == []
    (r,) = readings
    assert (r.id, r.slug, r.has_page) == ("reading/net-smart", "net-smart", True)
    assert r.kind is ReadingKind.BOOK
    assert r.notes.text == "# What I took from it\n\nAttention is a skill.\n"
    assert str(r.notes.loc) == "reading/2025-03-01-net-smart.md:8"
    assert str(r.loc) == "reading/2025-03-01-net-smart.md:2"


def test_markdown_entry_without_body_or_finished_date(load):
    readings, problems = load({
        "reading/2025-04-02-short.md": "---\ntitle: Short\nnotes: From the key.\n---\n",
        "reading/undated.md": "---\ntitle: Undated\n---\nBody.\n",
        "reading/broken.md": "---\ntitle: [x\n---\n",
    })
    assert [r.slug for r in readings] == ["short"]
    short = readings[0]
    assert short.finished == dt.date(2025, 4, 2)  # from the file name's date prefix
    assert short.notes.text == "From the key."
    assert str(short.notes.loc) == "reading/2025-04-02-short.md:3"
    assert problems[0].startswith("reading/broken.md:")
    assert problems[1:] == ["reading/undated.md:2: error: status is finished but there is no 'finished' date"]


def test_slugs_are_unique_and_pages_keep_theirs(load):
    readings, problems = load({
        "reading/2025.yaml": """
            - title: Net Smart
              status: want
            - title: Net smart!
              status: want
            - title: Net Smart 2
              status: want
        """,
        "reading/net-smart.md": "---\ntitle: Net Smart\nstatus: reading\n---\nA review.\n",
    })
    assert problems == []
    assert [(r.title, r.slug, r.has_page) for r in readings] == [
        ("Net Smart", "net-smart-2", False),
        ("Net smart!", "net-smart-3", False),
        ("Net Smart 2", "net-smart-2-2", False),
        ("Net Smart", "net-smart", True),
    ]
    assert len({r.id for r in readings}) == 4


def test_order_is_file_path_then_entry_order(load):
    readings, _ = load({
        "reading/b.yaml": "- {title: B1, status: want}\n- {title: B2, status: want}\n",
        "reading/a.yaml": "- {title: A1, status: want}\n",
    })
    assert [r.title for r in readings] == ["A1", "B1", "B2"]


def test_non_text_scalars_become_text(load):
    readings, problems = load({"reading/x.yaml": "- title: 1984\n  author: [Orwell]\n  status: Want\n  rating: '5'\n"})
    assert problems == []
    assert (readings[0].title, readings[0].authors, readings[0].status, readings[0].rating) == (
        "1984", ("Orwell",), ReadingStatus.WANT, 5,
    )


def test_paths_outside_cwd_are_still_reported(tmp_path):
    path = tmp_path / "elsewhere" / "r.yaml"
    path.parent.mkdir()
    path.write_text("- status: want\n", encoding="utf-8")
    problems = Problems()
    assert load_readings([Path(path)], TZ, problems) == ()
    (problem,) = problems.freeze()
    assert problem.loc.line == 1 and problem.message == "reading entry has no title"


def test_misspelt_status_and_kind_say_what_was_meant(load):
    readings, problems = load({"reading/2025.yaml": """
        - title: Typo status
          status: finsihed
          finished: 2025-01-02
        - title: Typo kind
          kind: Boook
          status: want
        - title: Not close
          status: someday
    """})
    assert problems == [
        "reading/2025.yaml:2: error: status 'finsihed' is not one of: want, reading, finished, abandoned "
        "(did you mean 'finished'?)",
        "reading/2025.yaml:5: error: kind 'Boook' is not one of: book, article, paper, video, podcast, course, talk, "
        "other (did you mean 'book'?)",
        "reading/2025.yaml:8: error: status 'someday' is not one of: want, reading, finished, abandoned",
    ]
    assert readings == ()


def test_unknown_keys_are_warnings_with_a_hint_and_the_entry_still_loads(load):
    readings, problems = load({
        "reading/2025.yaml": "- title: Typos\n  auther: Someone\n  fnished: 2025-01-02\n  finished: 2025-01-02\n"
                             "  isbn: '9780262016681'\n  stars: 3.5\n",
        "reading/2025-01-03-page.md": "---\ntitle: Page\nRating: 4\n---\nBody.\n",
    })
    assert problems == [
        "reading/2025-01-03-page.md:3: warning: unknown key 'Rating' (did you mean 'rating'?); it is ignored",
        "reading/2025.yaml:2: warning: unknown key 'auther' (did you mean 'author'?); it is ignored",
        "reading/2025.yaml:3: warning: unknown key 'fnished' (did you mean 'finished'?); it is ignored",
    ]
    assert sorted(r.title for r in readings) == ["Page", "Typos"]
    assert all(r.rating is None and r.authors == () for r in readings)


def test_draft_and_published_are_known_keys_of_the_publish_rule(load):
    readings, problems = load({"reading/2025.yaml": """
        - title: Draft
          finished: 2025-01-01
          draft: true
        - title: Unpublished
          finished: 2025-01-01
          published: false
        - title: Public
          finished: 2025-01-01
          published: true
    """})
    assert problems == []
    assert [(r.title, r.draft) for r in readings] == [("Draft", True), ("Unpublished", True), ("Public", False)]


def test_pages_and_hours_when_given(load):
    readings, problems = load({"reading/r.yaml": """
        - {title: Book, kind: book, finished: 2025-01-02, pages: 320}
        - {title: Talk, kind: video, finished: 2025-01-03, hours: 1.5}
        - {title: Quoted, kind: course, finished: 2025-01-04, pages: "12", hours: "3"}
        - {title: Neither, kind: article, finished: 2025-01-05}
    """})
    assert problems == []
    assert [(r.pages, r.hours) for r in readings] == [(320, None), (None, 1.5), (12, 3.0), (None, None)]


@pytest.mark.parametrize("key, value, what", [
    ("pages", "0", "a whole number above 0, not '0'"),
    ("pages", "12.5", "a whole number above 0, not '12.5'"),
    ("pages", "lots", "a whole number above 0, not 'lots'"),
    ("pages", "[1, 2]", "a whole number above 0, not a list"),
    ("hours", "-1", "a number above 0, such as 1.5, not '-1'"),
    ("hours", ".nan", "a number above 0, such as 1.5, not '.nan'"),
    ("hours", "true", "a number above 0, such as 1.5, not 'true'"),
])
def test_pages_and_hours_must_be_numbers_above_zero(load, key, value, what):
    readings, problems = load({"reading/r.yaml": f"- title: X\n  finished: 2025-01-02\n  {key}: {value}\n"})
    assert problems == [f"reading/r.yaml:3: error: {key} must be {what}"]
    assert readings == ()
