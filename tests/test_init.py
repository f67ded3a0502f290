"""plnsite init DIR: a new site that builds at once; never overwrites a file."""

from __future__ import annotations

import datetime as dt
import sys
from importlib import metadata

import pytest

from plnsite import __version__
from plnsite.commands.distribution import requirement
from plnsite.commands.init import starter_files
from tests.conftest import ROOT

EXPECTED = {
    ".github/workflows/pages.yml",
    ".gitignore",
    "README.md",
    "netlify.toml",
    "requirements.txt",
    "content/site.yaml",
    "content/notes/welcome.md",
    "content/reading/pln.yaml",
    "content/contacts/colleagues.yaml",
    "content/contacts/colleagues.private.yaml",
    "content/pages/about.md",
}


def _files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_writes_a_site_that_builds_and_checks_clean(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("init", "my-portfolio")
    assert (code, err) == (0, "")
    site = tmp_path / "my-portfolio"
    assert _files(site) == EXPECTED
    for rel in EXPECTED:
        assert f"wrote    {rel}" in out
    assert "Next steps:" in out and "cd my-portfolio" in out

    monkeypatch.chdir(site)
    code, out, err = run_cli("build")
    assert code == 0, err
    assert err == ""  # not even a warning
    public = site / "public"
    for rel in ("index.html", "notes/welcome/index.html", "about/index.html", "reading/index.html",
                "network/index.html", "feed.xml", "network.opml", ".nojekyll", "404.html"):
        assert (public / rel).is_file(), rel
    network = (public / "network" / "index.html").read_text(encoding="utf-8")
    assert "Example Mentor" in network
    for secret in ("mentor@example.org", "A Private Classmate"):  # the starter shows privacy working
        assert not any(secret in p.read_text(encoding="utf-8", errors="replace")
                       for p in public.rglob("*") if p.is_file())

    code, out, _ = run_cli("check")
    assert code == 0 and "no problems found" in out


def _repository() -> str:
    urls = dict(entry.split(", ", 1) for entry in metadata.metadata("plnsite").get_all("Project-URL"))
    return urls["Repository"]


def test_the_repository_url_is_declared_once_in_pyproject():
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert _repository() == urls["Repository"] == "https://github.com/plnsite/plnsite"


def test_init_pins_the_version_it_was_made_with(run_cli, tmp_path, monkeypatch):
    """Found: the starter ran `pip install plnsite`, which no release provides. The site pins this
    plnsite; installed from a clone (as here), that is the repository at the version's tag."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "site")[0] == 0
    pinned = f"plnsite @ git+{_repository()}@v{__version__}"
    lines = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [pinned]
    assert f"# plnsite {__version__}, the version this site was made with" in lines[0]
    readme = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert f"[plnsite]({_repository()})" in readme and "pypi.org" not in readme
    assert "pip install -r requirements.txt" in readme and f"plnsite {__version__}" in readme
    assert all(b"@PLNSITE_" not in body for body in starter_files().values())


def test_a_plnsite_from_an_index_pins_the_release():
    assert requirement("1.2.3", "https://example.org/x/plnsite", from_index=True) == "plnsite==1.2.3"
    assert (requirement("1.2.3", "https://example.org/x/plnsite", from_index=False)
            == "plnsite @ git+https://example.org/x/plnsite@v1.2.3")


def test_init_force_warns_when_a_kept_requirements_file_does_not_install_plnsite(run_cli, tmp_path):
    target = tmp_path / "repo"
    target.mkdir()
    (target / "requirements.txt").write_text("# my tools\nrequests==2.32.0\n", encoding="utf-8")
    code, out, err = run_cli("init", str(target), "--force")
    assert code == 0 and "skipped  requirements.txt (already there)" in out
    assert err.startswith(f"{target / 'requirements.txt'}: warning: kept as it is, but it does not install plnsite")
    assert f"add the line 'plnsite @ git+{_repository()}@v{__version__}'" in err
    assert (target / "requirements.txt").read_text(encoding="utf-8") == "# my tools\nrequests==2.32.0\n"

    other = tmp_path / "other"
    other.mkdir()
    (other / "requirements.txt").write_text("PlnSite == 0.1.0\n", encoding="utf-8")
    code, _, err = run_cli("init", str(other), "--force")
    assert (code, err) == (0, "")


def test_the_example_note_is_dated_today_so_it_is_never_in_the_future():
    note = starter_files(dt.date(2031, 2, 3))["content/notes/welcome.md"].decode()
    assert "date: 2031-02-03\n" in note
    assert all(b"@TODAY@" not in body for body in starter_files().values())


def test_init_into_the_current_empty_folder(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # a freshly cloned, empty repository still counts as empty
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("init", ".")
    assert (code, err) == (0, "")
    assert "created a new site in the current folder" in out
    assert "cd ." not in out
    assert _files(tmp_path) == EXPECTED


def test_init_refuses_a_folder_that_is_not_empty(run_cli, tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = run_cli("init", str(target))
    assert code == 1
    assert "is not empty; use --force" in err and "Traceback" not in err
    assert _files(target) == {"notes.txt"}


def test_init_refuses_a_file(run_cli, tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    code, _, err = run_cli("init", str(target))
    assert code == 1 and "is not a folder" in err
    assert target.read_text(encoding="utf-8") == "x"


def test_init_force_keeps_existing_files(run_cli, tmp_path):
    target = tmp_path / "repo"
    (target / "content").mkdir(parents=True)
    (target / "README.md").write_text("my readme\n", encoding="utf-8")
    (target / "content" / "site.yaml").write_text("title: Mine\nbase_url: https://mine.example/\n",
                                                  encoding="utf-8")
    (target / "LICENSE").write_text("MIT\n", encoding="utf-8")
    code, out, err = run_cli("init", str(target), "--force")
    assert (code, err) == (0, "")
    assert (target / "README.md").read_text(encoding="utf-8") == "my readme\n"
    assert (target / "content" / "site.yaml").read_text(encoding="utf-8").startswith("title: Mine")
    assert (target / "LICENSE").read_text(encoding="utf-8") == "MIT\n"
    assert "skipped  README.md (already there)" in out
    assert "skipped  content/site.yaml (already there)" in out
    assert "wrote    netlify.toml" in out
    assert _files(target) == EXPECTED | {"LICENSE"}

    code, out, _ = run_cli("init", str(target), "--force")  # a second run changes nothing
    assert code == 0 and "wrote" not in out
