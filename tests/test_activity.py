"""The consistency picture through the real CLI: "today" from SOURCE_DATE_EPOCH and the site's
time zone, a warm build on another day, `activity: false`, and what a build on another day changes."""

from __future__ import annotations

import datetime as dt
import re

from plnsite.output import MANIFEST

SITE = """\
title: Known Dates
base_url: https://example.org/portfolio/
timezone: America/Vancouver
"""


def note(day: str, title: str, tags: str = "[pln]") -> str:
    return f"---\ntitle: {title}\ndate: {day}\ntags: {tags}\n---\n{title} text.\n"


# Weeks (Mondays) with a note: 7, 14, 21, 28 April (4 in a row), then 12, 19, 26 May (3).
FILES = {
    "site.yaml": SITE,
    "notes/a.md": note("2025-04-07", "A"),
    "notes/b.md": note("2025-04-14", "B"),
    "notes/c.md": note("2025-04-21", "C"),
    "notes/d.md": note("2025-04-28", "D"),
    "notes/e.md": note("2025-05-14", "E"),
    "notes/f.md": note("2025-05-20", "F"),
    "notes/g.md": note("2025-05-31T22:30:00-07:00", "G"),  # Saturday evening in Vancouver: Sunday in UTC
}


def epoch(when: str) -> str:
    return str(int(dt.datetime.fromisoformat(when).timestamp()))


def streak(html: str, which: str) -> int:
    found = re.search(rf'streak-{which}"><dt>[^<]*</dt><dd><strong class="streak-weeks">(\d+)<', html)
    assert found, which
    return int(found[1])


def build(run_cli, monkeypatch, when: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(when))
    return run_cli("build", *args)


def test_source_date_epoch_pins_today_in_the_site_zone(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory(FILES)
    # 06:00 UTC on Monday 2 June is still Sunday 1 June in Vancouver: the week of 26 May.
    code, _, err = build(run_cli, monkeypatch, "2025-06-02T06:00:00+00:00", "--no-cache")
    assert code == 0, err
    home = (tmp_path / "site" / "public" / "index.html").read_text(encoding="utf-8")
    assert (streak(home, "current"), streak(home, "longest")) == (3, 4)
    assert "June 1, 2025" in home and "June 2, 2025" not in home
    assert "May 31, 2025: 1 note" in home  # the late note is on its Vancouver day
    # A fortnight later no week since 26 May has a note: the streak is over.
    build(run_cli, monkeypatch, "2025-06-16T12:00:00+00:00", "--no-cache")
    home = (tmp_path / "site" / "public" / "index.html").read_text(encoding="utf-8")
    assert (streak(home, "current"), streak(home, "longest")) == (0, 4)


def test_a_bad_source_date_epoch_is_a_usage_error(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory(FILES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, out, err = run_cli("build")
    assert code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in err and "Traceback" not in err
    assert not (tmp_path / "site" / "public").exists()


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def test_a_warm_build_on_another_day_changes_only_home_and_activity(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory(FILES)
    public = tmp_path / "site" / "public"
    assert build(run_cli, monkeypatch, "2025-06-01T20:00:00+00:00")[0] == 0
    first = _tree(public)
    code, out, err = build(run_cli, monkeypatch, "2025-06-03T20:00:00+00:00")  # warm: the cache of the first
    assert code == 0, err
    assert "(2 changed)" in out
    warm = _tree(public)
    assert {f for f in warm if warm[f] != first.get(f)} == {"index.html", "activity/index.html"}
    # ...and those two are what a build from scratch on that day makes, byte for byte.
    code, out, err = build(run_cli, monkeypatch, "2025-06-03T20:00:00+00:00", "--no-cache", "-o", "cold")
    assert code == 0, err
    assert _tree(tmp_path / "site" / "cold") == warm


def test_activity_false_leaves_out_the_heatmap_and_the_page(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory({**FILES, "site.yaml": SITE + "activity: false\n"})
    code, _, err = build(run_cli, monkeypatch, "2025-06-01T20:00:00+00:00")
    assert code == 0, err
    public = tmp_path / "site" / "public"
    assert not (public / "activity").exists()
    home = (public / "index.html").read_text(encoding="utf-8")
    assert 'class="heat"' not in home and "/activity/" not in home
    assert "/activity/" not in (public / "sitemap.xml").read_text(encoding="utf-8")


def test_activity_must_be_true_or_false(site_factory, run_cli, monkeypatch):
    site_factory({**FILES, "site.yaml": SITE + "activity: sometimes\n"})
    code, _, err = build(run_cli, monkeypatch, "2025-06-01T20:00:00+00:00")
    assert code == 1
    assert "site.yaml:4: error: activity must be true or false, not 'sometimes'" in err


def test_the_activity_page_counts_every_year_tag_and_reading(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory({
        **FILES,
        "notes/old.md": note("2023-11-02", "Old", "[history]"),
        "reading/2025.yaml": (
            "- {title: One, kind: book, finished: 2025-05-20, rating: 5, pages: 300}\n"
            "- {title: Two, kind: article, finished: 2025-05-21, rating: 4, pages: 12}\n"
            "- {title: Three, kind: video, finished: 2024-02-01, hours: 1.5}\n"
            "- {title: Four, kind: course, finished: 2024-03-01, hours: 20}\n"
            "- {title: Later, kind: book, status: want, pages: 900}\n"
        ),
    })
    code, _, err = build(run_cli, monkeypatch, "2025-06-01T20:00:00+00:00")
    assert code == 0, err
    page = (tmp_path / "site" / "public" / "activity" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<h3>(\d{4})</h3>", page) == ["2025", "2024", "2023"]
    assert "8 notes written and 4 readings finished since November 2, 2023." in page
    assert re.search(r'tags/pln/">pln</a></th><td class="num">0</td><td class="num">0</td>'
                     r'<td class="num">7</td><td class="num">7</td>', page)
    assert "Ratings: 2 rated, 4.5 on average" in page
    assert re.search(r'<th scope="row">Books</th><td class="num">1</td>', page)
    # Pages and hours of the finished entries that give them (not of the book still wanted).
    assert re.search(r'<th scope="row">2025</th><td class="num">312 <span class="n">\(2 entries\)</span></td>'
                     r'<td class="num">0</td>', page)
    assert re.search(r'<th scope="row">2024</th><td class="num">0</td><td class="num">21.5 '
                     r'<span class="n">\(2 entries\)</span></td>', page)
    assert re.search(r'<th scope="row">2025</th>(<td class="num">0</td>){4}<td class="num">2</td>', page)


def test_a_site_with_nothing_yet_has_no_heatmap_but_an_activity_page(site_factory, run_cli, monkeypatch, tmp_path):
    site_factory({"site.yaml": SITE, "pages/about.md": "# About\n"})
    code, _, err = build(run_cli, monkeypatch, "2025-06-01T20:00:00+00:00")
    assert code == 0, err
    public = tmp_path / "site" / "public"
    assert 'class="heat"' not in (public / "index.html").read_text(encoding="utf-8")
    page = (public / "activity" / "index.html").read_text(encoding="utf-8")
    assert "0 notes written and 0 readings finished." in page
    assert "No tagged notes yet." in page and "No finished readings yet." in page
    assert re.findall(r"<h3>(\d{4})</h3>", page) == ["2025"]
