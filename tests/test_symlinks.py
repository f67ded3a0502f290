"""Nothing outside content/ and the theme folders reaches the output: a symbolic link that leads
out (static/pw.txt → a secret file) is skipped with a warning naming it and where it points;
a link that stays inside is followed. Real links to a real file outside the site, through the
real CLI (build and check; tests/server/test_symlinks.py has serve)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SECRET = "SECRET-OUTSIDE-THE-CONTENT-FOLDER"
NOTE = "---\ntitle: Fine\ndate: 2025-01-02\n---\nBody.\n"
OUTSIDE_NOTE = f"---\ntitle: Leak\ndate: 2025-01-03\n---\n{SECRET}\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the site (not under content/) holding a secret file and a secret note."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "secret.md").write_text(OUTSIDE_NOTE, encoding="utf-8")
    return folder


def link(path: Path, target: Path | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target, target_is_directory=Path(path.parent, target).is_dir())
    return path


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def warning(rel: str, target: Path) -> str:
    return (f"content/{rel}: warning: a symbolic link to '{os.path.realpath(target)}', outside the content "
            f"folder: not read (copy it into the content folder to publish it)")


def test_links_out_of_content_are_skipped_with_a_warning(site_factory, run_cli, outside, tmp_path):
    content = site_factory({"notes/2025-01-02-fine.md": NOTE})
    link(content / "static" / "pw.txt", outside / "secret.txt")
    link(content / "notes" / "x.md", outside / "secret.md")
    link(content / "pages" / "leak.md", outside / "secret.md")
    link(content / "reading" / "leak.md", outside / "secret.md")
    link(content / "static" / "outdir", outside)  # a folder
    link(content / "notes" / "2025-01-04-bundle" / "index.md", outside / "secret.md")  # inside a real folder

    code, out, err = run_cli("build", "-o", "public")

    assert code == 0, err
    for rel, target in [("static/pw.txt", outside / "secret.txt"), ("notes/x.md", outside / "secret.md"),
                        ("pages/leak.md", outside / "secret.md"), ("reading/leak.md", outside / "secret.md"),
                        ("static/outdir", outside),
                        ("notes/2025-01-04-bundle/index.md", outside / "secret.md")]:
        assert warning(rel, target) in err.splitlines(), err
    public = tmp_path / "site" / "public"
    assert (public / "notes" / "fine" / "index.html").is_file()
    assert not (public / "pw.txt").exists() and not (public / "outdir").exists()
    assert SECRET.encode() not in every_byte(public)

    code, _, err = run_cli("build", "--strict", "-o", "public2")
    assert code == 1 and not (tmp_path / "site" / "public2").exists()


def test_check_skips_them_too(site_factory, run_cli, outside):
    content = site_factory({"notes/2025-01-02-fine.md": NOTE})
    link(content / "static" / "pw.txt", outside / "secret.txt")
    link(content / "notes" / "x.md", outside / "secret.md")
    code, out, err = run_cli("check")
    assert "Traceback" not in out + err
    assert warning("static/pw.txt", outside / "secret.txt") in (out + err).splitlines()
    assert warning("notes/x.md", outside / "secret.md") in (out + err).splitlines()
    assert SECRET not in out + err


def test_links_that_stay_inside_content_are_followed(site_factory, run_cli, tmp_path):
    content = site_factory({
        "notes/2025-01-02-fine.md": NOTE,
        "static/css/x.css": "body { color: red; }\n",
        "shared/2025-01-05-shared.md": "---\ntitle: Shared\ndate: 2025-01-05\n---\nShared body.\n",
    })
    link(content / "static" / "alias.css", Path("css") / "x.css")  # a file, relative
    link(content / "static" / "styles", content / "static" / "css")  # a folder, absolute
    link(content / "notes" / "shared", Path("..") / "shared")  # a folder outside notes/, inside content/

    code, out, err = run_cli("build", "-o", "public")

    assert code == 0, err
    assert "warning" not in err, err
    public = tmp_path / "site" / "public"
    assert (public / "alias.css").read_text() == "body { color: red; }\n"
    assert (public / "styles" / "x.css").read_text() == "body { color: red; }\n"
    assert "Shared body." in (public / "notes" / "shared" / "index.html").read_text(encoding="utf-8")


def test_a_folder_link_into_a_folder_it_is_in_is_read_once(site_factory, run_cli, tmp_path):
    content = site_factory({"notes/2025-01-02-fine.md": NOTE, "static/img/a.svg": "<svg/>"})
    link(content / "static" / "img" / "up", Path(".."))
    link(content / "notes" / "loop", content / "notes")
    code, out, err = run_cli("build", "-o", "public")
    assert code == 0, err
    assert "content/static/img/up: warning: a symbolic link to a folder it is in: not read" in err.splitlines()
    assert "content/notes/loop: warning: a symbolic link to a folder it is in: not read" in err.splitlines()
    assert (tmp_path / "site" / "public" / "img" / "a.svg").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_skipped_not_waited_on(site_factory, run_cli):
    content = site_factory({"notes/2025-01-02-fine.md": NOTE})
    os.mkfifo(content / "notes" / "2025-01-03-pipe.md")
    (content / "static").mkdir()
    os.mkfifo(content / "static" / "pipe.txt")
    code, out, err = run_cli("build")
    assert code == 0, err
    for rel in ("notes/2025-01-03-pipe.md", "static/pipe.txt"):
        assert f"content/{rel}: warning: not a regular file (a pipe, socket or device): not read" in err.splitlines()


def test_a_site_yaml_that_links_out_is_an_error(site_factory, run_cli, outside):
    (outside / "site.yaml").write_text(f"title: {SECRET}\nbase_url: https://example.org/\n", encoding="utf-8")
    content = site_factory({"notes/2025-01-02-fine.md": NOTE}, with_config=False)
    link(content / "site.yaml", outside / "site.yaml")
    code, out, err = run_cli("build")
    assert code == 1
    assert (f"content/site.yaml: error: site.yaml is a symbolic link to '{os.path.realpath(outside / 'site.yaml')}', "
            f"outside the content folder: copy the file into it") in err.splitlines()


def test_the_content_folder_itself_may_be_a_link(tmp_path, outside, run_cli, monkeypatch):
    real = tmp_path / "synced" / "portfolio"
    (real / "notes").mkdir(parents=True)
    (real / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    (real / "notes" / "2025-01-02-fine.md").write_text(NOTE, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    link(site / "content", real)
    monkeypatch.chdir(site)
    code, out, err = run_cli("build", "-o", "public")
    assert (code, err.count("warning")) == (0, 0), err
    assert (site / "public" / "notes" / "fine" / "index.html").is_file()


@pytest.mark.parametrize("where", ["static/leak.txt", "templates/page.html", "templates/partials/x.html"])
def test_a_theme_file_that_links_out_of_its_theme_is_an_error(where, site_factory, run_cli, outside, tmp_path):
    content = site_factory({"site.yaml": "title: T\nbase_url: https://example.org/\ntheme: mine\n",
                            "pages/about.md": "# About\n"})
    theme = content.parent / "themes" / "mine"
    (theme / "templates").mkdir(parents=True)
    if where.startswith("templates/partials"):  # a folder linked out, a template in it
        link(theme / "templates" / "partials", outside)
        (outside / "x.html").write_text(SECRET, encoding="utf-8")
        (theme / "templates" / "page.html").write_text('{% include "partials/x.html" %}\n', encoding="utf-8")
    else:
        link(theme / where, outside / "secret.txt")
    code, out, err = run_cli("build", "-o", "public")
    assert code == 1
    assert "Traceback" not in out + err and SECRET not in out + err
    real = os.path.realpath(outside / ("x.html" if "partials" in where else "secret.txt"))
    line = ":1" if where.startswith("templates") else ""
    # (a template under a folder that links out is shown by its absolute path: its folder is elsewhere)
    assert any(f"themes/mine/{where}{line}: error: " in row and row.endswith(
        f"a symbolic link to '{real}', outside the theme folder: not read (copy it into the theme folder to "
        f"publish it)") for row in err.splitlines()), err
    assert not (tmp_path / "site" / "public").exists()
