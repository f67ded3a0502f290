"""The preview server's rebuilds keep series, related notes and the site's language right: after
each save the outputs equal a full build's, and exactly the changed pages are announced."""

from __future__ import annotations

import pytest

from .conftest import SUBPATH_SITE, edit, write
from .test_rebuild import Site


def note(title: str, date: str, tags: str = "[]", body: str = "Body.", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n{extra}---\n{body}\n"


FILES = {
    "site.yaml": SUBPATH_SITE,
    "notes/2024-01-01-one.md": note("One", "2024-01-01", "[rust]", extra="series: Learning Rust\n"),
    "notes/2024-02-01-two.md": note("Two", "2024-02-01", "[rust]", extra="series: Learning Rust\n"),
    "notes/2024-03-01-three.md": note("Three", "2024-03-01", "[rust]", extra="series: Learning Rust\n"),
    "notes/2024-04-01-aside.md": note("Aside", "2024-04-01", "[rust, misc]"),
    "notes/2024-05-01-other.md": note("Other", "2024-05-01", "[misc]"),
}


@pytest.fixture
def series_site(site_factory) -> Site:
    return Site(site_factory(FILES))


def test_a_part_s_title_edit_changes_every_part_and_the_series_page(series_site):
    one = series_site.content / "notes" / "2024-01-01-one.md"
    change = series_site.save(edit(one, "title: One", "title: Part One"))
    for url in ("notes/one/", "notes/two/", "notes/three/", "series/learning-rust/"):
        assert f"/portfolio/{url}" in change.urls
    page = series_site.bytes["notes/three/index.html"].decode()
    assert ">Part One</a>" in page and "Part 3 of 3 in the series" in page


def test_a_note_joining_a_series_renumbers_the_others(series_site):
    aside = series_site.content / "notes" / "2024-04-01-aside.md"
    change = series_site.save(edit(aside, "tags: [rust, misc]\n", "tags: [rust, misc]\nseries: learning rust\n"))
    assert "/portfolio/notes/one/" in change.urls and "/portfolio/series/learning-rust/" in change.urls
    assert "Part 1 of 4 in the series" in series_site.bytes["notes/one/index.html"].decode()


def test_a_new_series_is_a_new_page_in_the_sitemap(series_site):
    other = series_site.content / "notes" / "2024-05-01-other.md"
    change = series_site.save(edit(other, "tags: [misc]\n", "tags: [misc]\nseries: Odds and ends\n"))
    assert "/portfolio/series/odds-and-ends/" in change.urls and "/portfolio/sitemap.xml" in change.urls


def test_a_note_leaving_its_series(series_site):
    two = series_site.content / "notes" / "2024-02-01-two.md"
    series_site.save(edit(two, "series: Learning Rust\n", ""))
    assert "Part 2 of 2 in the series" in series_site.bytes["notes/three/index.html"].decode()


def test_a_related_note_s_title_edit_changes_the_pages_that_list_it(series_site):
    other = series_site.content / "notes" / "2024-05-01-other.md"
    change = series_site.save(edit(other, "title: Other", "title: Another"))
    assert "/portfolio/notes/aside/" in change.urls  # aside lists Other (tag misc) among related
    assert ">Another</a>" in series_site.bytes["notes/aside/index.html"].decode()


def test_a_new_tag_changes_who_is_related(series_site):
    other = series_site.content / "notes" / "2024-05-01-other.md"
    series_site.save(edit(other, "tags: [misc]", "tags: [misc, rust]"))
    assert ">Other</a>" in series_site.bytes["notes/one/index.html"].decode()


def test_a_new_link_changes_who_is_related(series_site):
    other = series_site.content / "notes" / "2024-05-01-other.md"
    series_site.save(edit(other, "Body.", "See [[one]]."))
    one = series_site.bytes["notes/one/index.html"].decode()
    assert ">Other</a>" in one.split('<section class="related">')[1]


def test_a_language_change_rerenders_everything_in_the_new_words(series_site):
    site_yaml = series_site.content / "site.yaml"
    series_site.save(write(site_yaml, site_yaml.read_text(encoding="utf-8") + "language: fr\n"))
    page = series_site.bytes["notes/two/index.html"].decode()
    assert '<html lang="fr" dir="ltr">' in page and "Partie 2 sur 3 de la série" in page
    series_site.save(write(site_yaml, site_yaml.read_text(encoding="utf-8") + "strings:\n  Related notes: Voir aussi\n"))
    assert "<h2>Voir aussi</h2>" in series_site.bytes["notes/two/index.html"].decode()


def test_a_site_catalogue_edit_rerenders_with_its_words(series_site):
    site_yaml = series_site.content / "site.yaml"
    series_site.save(write(site_yaml, site_yaml.read_text(encoding="utf-8") + "language: fr\n"))
    catalogue = write(series_site.content.parent / "themes" / "default" / "i18n" / "fr.yaml", "Related notes: À lire aussi\n")
    series_site.save(catalogue)
    assert "<h2>À lire aussi</h2>" in series_site.bytes["notes/two/index.html"].decode()


@pytest.mark.parametrize("name, old, new", [
    ("one", "date: 2024-01-01", "date: 2024-02-15"),
    ("three", "series: Learning Rust\n", "series: Learning Rust\nseries_order: 1\n"),
    ("one", "series: Learning Rust\n", "series: Learning Rust \n"),
    ("one", "Body.", "Body, edited.")])
def test_a_part_moved_in_its_series_or_edited_as_a_full_build_has_it(series_site, name, old, new):
    """link._series keeps the last series only while no part's date, number or series changed."""
    part = next((series_site.content / "notes").glob(f"*-{name}.md"))
    series_site.save(edit(part, old, new))
    series_site.save(edit(part, new, old))
