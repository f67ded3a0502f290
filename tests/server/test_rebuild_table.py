"""The preview server's rebuild table (serve/rebuild.py REBUILDS): one test per row — what kind
of saved file it is, and that the rebuild does what the row says and no more."""

from __future__ import annotations

import shutil

import pytest

from plnsite.model import BuildOptions
from plnsite.serve.rebuild import REBUILDS, Rebuild, Rebuilder, Saved, saved
from tests.conftest import NOW

from .conftest import SUBPATH_SITE, edit, save, write

NOTE = "---\ntitle: {0}\ndate: 2024-0{1}-01\ntags: [pln]\n---\n{0} body.\n"
FILES = {
    "site.yaml": SUBPATH_SITE,
    "notes/2024-01-01-alpha.md": NOTE.format("Alpha", 1),
    "notes/2024-02-01-beta.md": NOTE.format("Beta", 2),
    "notes/2024-03-01-trip/index.md": NOTE.format("Trip", 3) + "\n![map](map.svg)\n",
    "notes/2024-03-01-trip/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
    "static/x.css": "p { color: red; }\n",
}


class Session:
    def __init__(self, content) -> None:
        self.content = content
        self.rebuilder = Rebuilder(BuildOptions(source=content, now=NOW))
        assert self.rebuilder.first_build().problems == ()

    def what(self, path) -> Saved:
        memo = self.rebuilder.memo
        theme = memo.theme
        as_is = memo.bundle_files() | {f.src.resolve() for f in theme.static}
        return saved(path.resolve(), self.content.resolve(), self.rebuilder.theme_dirs, memo.known_files(), as_is)

    def save(self, *paths):
        """Save, keeping what the session held before: (change, notes before, outputs before)."""
        notes = {n.slug: n for n in self.rebuilder.memo.site.notes}
        outputs = dict(self.rebuilder.outputs)
        return save(self.rebuilder, self.content, *paths), notes, outputs

    def notes(self) -> dict:
        return {n.slug: n for n in self.rebuilder.memo.site.notes}

    def pages_rendered(self, outputs_before) -> set[str]:
        now = self.rebuilder.outputs
        return {f for f, o in now.items() if o.src is None and outputs_before.get(f) is not o}


@pytest.fixture
def session(site_factory) -> Session:
    content = site_factory(FILES)
    write(content.parent / "themes" / "default" / "static" / "css" / "site.css", "body { color: blue; }\n")
    return Session(content)


def test_the_table_has_a_row_for_every_kind_of_saved_file():
    assert set(REBUILDS) == set(Saved)


def test_rows_of_one_save_add_up():
    assert Rebuild(reread=True) | Rebuild(retheme=True) == Rebuild(reread=True, retheme=True)
    assert (Rebuild() | Rebuild()) == Rebuild()


def test_site_yaml_starts_the_session_afresh(session):
    config = session.content / "site.yaml"
    assert session.what(config) is Saved.CONFIG and REBUILDS[Saved.CONFIG] == Rebuild(fresh=True)
    memo = session.rebuilder.memo
    change, notes, _ = session.save(edit(config, "Serve Test Site", "Renamed"))
    assert session.rebuilder.memo is not memo
    assert all(session.notes()[slug] is not note for slug, note in notes.items()), "everything read again"
    assert "/portfolio/notes/alpha/" in change.urls


def test_a_themes_theme_yaml_starts_the_session_afresh(session):
    theme_yaml = write(session.content.parent / "themes" / "default" / "theme.yaml", "stylesheets: [css/site.css]\n")
    session.save(theme_yaml)  # the theme folder's first theme.yaml: read with the theme
    assert session.what(theme_yaml) is Saved.CONFIG
    memo = session.rebuilder.memo
    session.save(theme_yaml)
    assert session.rebuilder.memo is not memo


def test_an_edited_note_is_read_again_alone(session):
    beta = session.content / "notes" / "2024-02-01-beta.md"
    assert session.what(beta) is Saved.CONTENT and REBUILDS[Saved.CONTENT] == Rebuild(reread=True)
    change, notes, outputs = session.save(edit(beta, "Beta body.", "Beta body.\n\nA second paragraph."))
    now = session.notes()
    assert now["beta"] is not notes["beta"] and now["alpha"] is notes["alpha"] and now["trip"] is notes["trip"]
    assert "/portfolio/notes/beta/" in change.urls
    assert "notes/alpha/index.html" not in session.pages_rendered(outputs)


def test_a_new_note_and_a_removed_one_list_content_again(session):
    gamma = session.content / "notes" / "2024-04-01-gamma.md"
    assert session.what(gamma) is Saved.CONTENT_ADDED_OR_REMOVED
    assert REBUILDS[Saved.CONTENT_ADDED_OR_REMOVED] == Rebuild(reread=True, rescan=True)
    change, notes, _ = session.save(write(gamma, NOTE.format("Gamma", 4)))
    assert "gamma" in session.notes() and session.notes()["alpha"] is notes["alpha"]
    assert "/portfolio/notes/gamma/" in change.urls
    gamma.unlink()
    change, _, _ = session.save(gamma)
    assert "gamma" not in session.notes() and "/portfolio/notes/gamma/" in change.urls


def test_a_moved_bundle_folder_lists_content_again(session):
    folder = session.content / "notes" / "2024-03-01-trip"
    moved = session.content / "notes" / "2024-03-02-trip"
    shutil.move(folder, moved)
    assert session.what(folder) is Saved.CONTENT_ADDED_OR_REMOVED
    session.save(folder, moved)
    assert session.notes()["trip"].loc.path.endswith("2024-03-02-trip/index.md")


def test_a_static_file_or_a_bundles_picture_edited_is_announced_and_nothing_rebuilt(session):
    css = session.content / "static" / "x.css"
    picture = session.content / "notes" / "2024-03-01-trip" / "map.svg"
    theme_css = session.content.parent / "themes" / "default" / "static" / "css" / "site.css"
    for path in (css, picture, theme_css):
        assert session.what(path) is Saved.PUBLISHED_AS_IS, path
    assert REBUILDS[Saved.PUBLISHED_AS_IS] == Rebuild()
    change, notes, outputs = session.save(edit(css, "red", "green"))
    assert change.urls == ("/portfolio/x.css",) and change.css_only
    assert session.notes() == notes and all(session.notes()[s] is n for s, n in notes.items())
    assert session.pages_rendered(outputs) == set()
    change, _, outputs = session.save(write(picture, "<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>\n"))
    assert change.urls == ("/portfolio/notes/trip/map.svg",) and not change.css_only
    assert session.pages_rendered(outputs) == set()
    change, _, _ = session.save(edit(theme_css, "blue", "navy"))
    assert change.urls == ("/portfolio/theme/css/site.css",) and change.css_only


def test_a_static_file_added_or_removed_lists_content_again(session):
    new = session.content / "static" / "img" / "logo.svg"
    assert session.what(new) is Saved.STATIC_ADDED_OR_REMOVED
    assert REBUILDS[Saved.STATIC_ADDED_OR_REMOVED] == Rebuild(rescan=True)
    change, notes, outputs = session.save(write(new, "<svg xmlns='http://www.w3.org/2000/svg'/>\n"))
    assert "img/logo.svg" in session.rebuilder.outputs and "/portfolio/img/logo.svg" in change.urls
    assert all(session.notes()[s] is n for s, n in notes.items()), "no note read again"


def test_a_template_renders_every_page_again_and_reads_nothing_again(session):
    templates = session.content.parent / "themes" / "default" / "templates"
    template = write(templates / "page.html", "<p>{{ page.title }}</p>\n")
    assert session.what(template) is Saved.THEME_FILE and REBUILDS[Saved.THEME_FILE] == Rebuild(retheme=True)
    memo = session.rebuilder.memo
    _, notes, outputs = session.save(template)
    assert session.rebuilder.memo is memo
    assert all(session.notes()[s] is n for s, n in notes.items())
    pages = {f for f, o in outputs.items() if o.src is None}
    assert session.pages_rendered(outputs) == pages


def test_a_theme_static_file_added_reads_the_theme_again(session):
    extra = session.content.parent / "themes" / "default" / "static" / "css" / "extra.css"
    write(extra, "i { color: red; }\n")
    assert session.what(extra) is Saved.THEME_FILE
    change, _, _ = session.save(extra)
    assert "theme/css/extra.css" in session.rebuilder.outputs and "/portfolio/theme/css/extra.css" in change.urls
