"""A post's dates and TOML front matter import the same on every supported Python
(datetime.fromisoformat reads other forms on 3.10 than on 3.11+; tomllib is new in 3.11)."""

from __future__ import annotations

import datetime as dt

from plnsite.load.frontmatter import split_front_matter

from .conftest import built

UTC = dt.timezone.utc


def _front(path):
    fm, problem = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert problem is None
    return fm.meta


def test_jekyll_date_strings_in_every_form_plnsite_reads(content, run_cli, tmp_path):
    posts = tmp_path / "blog" / "_posts"
    posts.mkdir(parents=True)
    forms = {
        "a": ('"2019-03-04 10:30:00.25 -0500"', dt.datetime(2019, 3, 4, 10, 30, 0, 250000, dt.timezone(dt.timedelta(hours=-5)))),
        "b": ('"2019-03-04T10:30:00+0100"', dt.datetime(2019, 3, 4, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
        "c": ('"2019-03-04T10:30Z"', dt.datetime(2019, 3, 4, 10, 30, tzinfo=UTC)),
        "d": ('"2019-03-04 9:05:00"', dt.datetime(2019, 3, 4, 9, 5)),
    }
    for name, (written, _) in forms.items():
        (posts / f"2019-03-04-{name}.md").write_text(f"---\ntitle: {name}\ndate: {written}\n---\nText.\n", encoding="utf-8")
    (posts / "2019-03-05-week.md").write_text('---\ntitle: week\ndate: "2019-W10-2"\n---\nText.\n', encoding="utf-8")
    code, _, err = run_cli("import", "jekyll", str(tmp_path / "blog"))
    assert code == 0, err
    for name, (_, expected) in forms.items():
        assert _front(content / "notes" / f"2019-03-04-{name}.md")["date"] == expected, name
    # An ISO week date is no date plnsite reads (Python 3.11+ would read it): the file name's is kept.
    assert _front(content / "notes" / "2019-03-05-week.md")["date"] == dt.date(2019, 3, 5)
    assert err.splitlines() == [f"{posts}/2019-03-05-week.md:3: warning: date '2019-W10-2' is not a date: left out"]
    assert "notes/a/index.html" in built(content)


def test_toml_front_matter_imports_on_every_python(content, run_cli, tmp_path):
    posts = tmp_path / "hugo" / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "toml.md").write_text(
        '+++\ntitle = "In TOML"\ndate = 2020-02-03T08:00:00.5Z\ntags = ["pln"]\n+++\nBody.\n', encoding="utf-8")
    (posts / "broken.md").write_text('+++\ntitle = "Broken"\ntags = [1,,2]\n+++\nBody.\n', encoding="utf-8")
    code, _, err = run_cli("import", "hugo", str(tmp_path / "hugo"))
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0].startswith(f"{posts}/broken.md:3: error: invalid TOML front matter:")
    (posts / "broken.md").unlink()
    code, _, err = run_cli("import", "hugo", str(tmp_path / "hugo"))
    assert code == 0, err
    meta = _front(content / "notes" / "toml.md")
    assert meta["title"] == "In TOML" and meta["tags"] == ["pln"]
    assert meta["date"] == dt.datetime(2020, 2, 3, 8, 0, 0, 500000, tzinfo=UTC)
