"""plnsite check warns when a file git tracks holds a private person, list or field: GitHub
Pages builds from a repository that is usually public."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from plnsite.commands.init import starter_files
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

COLLEAGUES = """\
people:
  - name: Leah Tran
    email: leah@example.org
    handles: {github: leah, phone: "+1 604 555 0199"}
  - name: Sam Whitehorse
    visibility: private
"""
CIRCLE = "title: Circle\nprivate: true\npeople:\n  - name: Ann\n  - name: Bo\n"
HIDDEN = "- name: Zelda Quixote\n  mail: zq@example.org\n"


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def tracked_site(site_factory):
    content = site_factory({"contacts/colleagues.yaml": COLLEAGUES, "contacts/circle.yaml": CIRCLE,
                            "contacts/colleagues.private.yaml": HIDDEN, "contacts/untracked.yaml": HIDDEN.replace(
                                "  mail:", "  private: true\n  mail:")})
    root = content.parent
    _git(root, "init", "-q")
    _git(root, "add", "content/site.yaml", "content/contacts/colleagues.yaml", "content/contacts/circle.yaml",
         "content/contacts/colleagues.private.yaml")
    return root


def test_private_people_lists_and_fields_in_tracked_files_are_warnings(tracked_site, run_cli):
    code, out, err = run_cli("check")
    assert code == 1 and "Traceback" not in err
    assert [line for line in out.splitlines() if "git" in line] == [
        "content/contacts/circle.yaml:1: warning: a private contact list in a file that git tracks: the repository "
        "shows it even though the site does not; move it to content/contacts/circle.private.yaml, and add "
        "*.private.yaml to .gitignore",
        "content/contacts/colleagues.private.yaml:1: warning: git tracks content/contacts/colleagues.private.yaml, "
        "which holds private people: untrack it (git rm --cached content/contacts/colleagues.private.yaml) and "
        "ignore it (*.private.yaml in .gitignore)",
        "content/contacts/colleagues.yaml:3: warning: 'email' is private, but git tracks this file: move it to "
        "content/contacts/colleagues.private.yaml under the person's id, and add *.private.yaml to .gitignore",
        "content/contacts/colleagues.yaml:4: warning: 'handles.phone' is private, but git tracks this file: move it "
        "to content/contacts/colleagues.private.yaml under the person's id, and add *.private.yaml to .gitignore",
        "content/contacts/colleagues.yaml:5: warning: a private person in a file that git tracks: the repository "
        "shows them even though the site does not; move them to content/contacts/colleagues.private.yaml, and add "
        "*.private.yaml to .gitignore",
    ]
    for secret in ("leah@", "555", "Sam", "Zelda", "zq@", "Ann"):
        assert secret not in out + err


def test_the_advice_says_when_git_already_ignores_the_private_file(tracked_site, run_cli):
    (tracked_site / ".gitignore").write_text(starter_files()[".gitignore"].decode(), encoding="utf-8")
    _, out, _ = run_cli("check")
    assert ("content/contacts/colleagues.yaml:5: warning: a private person in a file that git tracks: the repository "
            "shows them even though the site does not; move them to content/contacts/colleagues.private.yaml, "
            "which git ignores") in out.splitlines()


def test_the_build_does_not_warn_about_git(tracked_site, run_cli):
    code, out, err = run_cli("build")
    assert code == 0 and err == ""


def test_nothing_is_said_outside_a_git_repository_or_without_git(tracked_site, run_cli, monkeypatch):
    shutil.rmtree(tracked_site / ".git")
    code, out, _ = run_cli("check")
    assert (code, out.splitlines()[-1]) == (0, "check: no problems found in 8 pages and their feeds")
    _git(tracked_site, "init", "-q")
    _git(tracked_site, "add", "-A")
    monkeypatch.setenv("PATH", str(tracked_site / "no-such-folder"))
    code, out, err = run_cli("check")
    assert code == 0 and "Traceback" not in err


def test_the_starter_private_file_is_committed_in_this_repository_and_so_shipped():
    """The starter's own .gitignore ignores *.private.yaml, in this repository too: its example
    file is added with `git add -f`, and hatchling reads only the root .gitignore."""
    starter = ROOT / "plnsite/starter/content/contacts/colleagues.private.yaml"
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "--", str(starter)], cwd=ROOT, capture_output=True, text=True)
    assert listed.stdout.strip() == "plnsite/starter/content/contacts/colleagues.private.yaml"
    names = ["content/contacts/x.private.yaml", "content/contacts/a/b.private.yml"]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == names  # this repository's own portfolio keeps its private files out


def test_a_new_site_keeps_its_private_file_out_of_git(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "site")[0] == 0
    site = tmp_path / "site"
    assert "content/contacts/colleagues.private.yaml" in starter_files()
    _git(site, "init", "-q")
    _git(site, "add", "-A")
    listed = subprocess.run(["git", "ls-files"], cwd=site, capture_output=True, text=True, check=True).stdout
    assert "content/contacts/colleagues.yaml" in listed and "private" not in listed
    monkeypatch.chdir(site)
    code, out, _ = run_cli("check")
    assert code == 0 and "no problems found" in out
