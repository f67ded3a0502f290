"""plnsite deploy gh-pages against a local bare repository as the remote."""

from __future__ import annotations

import subprocess

import pytest

from plnsite import BuildOptions, build
from tests.clients import require_tool

SITE = {
    "site.yaml": """\
        title: Deploy Test
        base_url: https://example.org/portfolio/
        cname: portfolio.example.org
        """,
    "notes/2024-01-01-first.md": "---\ntitle: First\n---\nHello.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
}


def git(cwd, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout.strip()


@pytest.fixture
def hermetic_git(tmp_path, monkeypatch):
    """No user or system git config, and no repository above tmp_path is ever found."""
    require_tool("git")
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(site_factory, hermetic_git, tmp_path):
    """A site in a git repository on branch main, with a bare repository as origin."""
    content = site_factory(SITE)
    root = content.parent
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    git(root, "config", "user.name", "Test User")
    git(root, "config", "user.email", "test@example.org")
    (root / ".gitignore").write_text("public/\n.plnsite-cache/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "my site")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    return root, remote


def commit_all(root, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def checkout_state(root) -> tuple[str, ...]:
    return (git(root, "status", "--porcelain", "--untracked-files=all"), git(root, "symbolic-ref", "HEAD"),
            git(root, "rev-parse", "HEAD"), git(root, "diff", "--cached"), git(root, "diff"))


def tree(repo_dir, ref: str) -> set[str]:
    return set(git(repo_dir, "ls-tree", "-r", "--name-only", ref).splitlines())


def test_deploy_commits_exactly_the_build_and_leaves_the_checkout_alone(repo, run_cli):
    root, remote = repo
    # Work in progress the deploy must not touch: a staged file, an unstaged edit, an untracked file.
    (root / "staged.txt").write_text("staged\n", encoding="utf-8")
    git(root, "add", "staged.txt")
    (root / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\nMe, edited.\n", encoding="utf-8")
    (root / "scratch.txt").write_text("untracked\n", encoding="utf-8")
    before = checkout_state(root)

    code, out, err = run_cli("deploy", "gh-pages", "--dirty")
    assert code == 0, err
    assert "pushed 'gh-pages' to origin" in out
    assert checkout_state(root) == before
    assert not (root / "public").exists()

    built = build(BuildOptions(source=root / "content"))
    files = tree(remote, "gh-pages")
    assert {f for f in files if not f.startswith("pagefind/")} == set(built.outputs)
    assert "pagefind/pagefind-entry.json" in files  # the search index, made when a build is published
    assert {"index.html", ".nojekyll", "CNAME", "about/index.html"} <= files
    assert ".plnsite-manifest.json" not in files
    assert git(remote, "show", "gh-pages:CNAME") == "portfolio.example.org"
    assert "Me, edited." in git(remote, "show", "gh-pages:about/index.html")  # the working tree's content
    assert git(root, "rev-parse", "gh-pages") == git(remote, "rev-parse", "gh-pages")
    message = git(remote, "log", "-1", "--format=%s", "gh-pages")
    assert message.startswith("Deploy main@") and git(root, "rev-parse", "--short=12", "HEAD") in message
    # What went in besides that commit: the edit under content/ (staged.txt and scratch.txt are no part of the site).
    assert message.endswith(" and uncommitted changes: content/pages/about.md")


def test_a_second_deploy_adds_a_commit_and_keeps_history(repo, run_cli):
    root, remote = repo
    assert run_cli("deploy", "gh-pages")[0] == 0
    first = git(remote, "rev-parse", "gh-pages")
    (root / "content" / "notes" / "2024-01-02-second.md").write_text("---\ntitle: Second\n---\nMore.\n",
                                                                      encoding="utf-8")
    commit_all(root, "a second note")
    before = checkout_state(root)

    code, out, err = run_cli("deploy", "gh-pages", "--message", "second deploy")
    assert code == 0, err
    second = git(remote, "rev-parse", "gh-pages")
    assert second != first
    assert git(remote, "rev-parse", "gh-pages^") == first
    assert git(remote, "log", "-1", "--format=%s", "gh-pages") == "second deploy"
    assert "notes/second/index.html" in tree(remote, "gh-pages")
    assert checkout_state(root) == before

    # Nothing changed: no empty commit.
    code, out, _ = run_cli("deploy", "gh-pages")
    assert code == 0 and "already holds this build" in out
    assert git(remote, "rev-parse", "gh-pages") == second


def test_deploy_builds_on_the_remote_branch_when_there_is_no_local_one(repo, run_cli):
    """A fresh clone has only origin/gh-pages: the new commit still follows it (a fast-forward)."""
    root, remote = repo
    assert run_cli("deploy", "gh-pages")[0] == 0
    first = git(remote, "rev-parse", "gh-pages")
    git(root, "branch", "-D", "gh-pages")
    git(root, "update-ref", "-d", "refs/remotes/origin/gh-pages")
    (root / "content" / "notes" / "2024-01-02-second.md").write_text("---\ntitle: Second\n---\nMore.\n",
                                                                      encoding="utf-8")
    commit_all(root, "a second note")
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 0, err
    assert git(remote, "rev-parse", "gh-pages^") == first


def test_deploy_to_another_branch_and_remote_with_a_base_url(repo, run_cli, tmp_path):
    root, _ = repo
    other = tmp_path / "other.git"
    git(tmp_path, "init", "-q", "--bare", str(other))
    git(root, "remote", "add", "mirror", str(other))
    code, _, err = run_cli("deploy", "gh-pages", "--remote", "mirror", "--branch", "site",
                           "--base-url", "https://mirror.example/")
    assert code == 0, err
    assert 'href="https://mirror.example/"' in git(other, "show", "site:index.html")


def test_refuses_outside_a_git_repository(site_factory, hermetic_git, run_cli):
    site_factory(SITE)
    code, out, err = run_cli("deploy", "gh-pages")
    assert code == 1
    assert "is not in a git repository" in err and "Traceback" not in err


def test_refuses_a_missing_remote(repo, run_cli):
    root, _ = repo
    code, _, err = run_cli("deploy", "gh-pages", "--remote", "upstream")
    assert code == 1
    assert "no git remote named 'upstream'" in err and "Traceback" not in err
    assert "gh-pages" not in git(root, "branch", "--list")


def test_refuses_when_the_branch_is_checked_out(repo, run_cli):
    root, _ = repo
    git(root, "checkout", "-q", "-b", "gh-pages")
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 1 and "is the branch checked out here" in err


def test_a_build_with_errors_commits_nothing(repo, run_cli):
    root, remote = repo
    (root / "content" / "notes" / "broken.md").write_text("---\ntitle: No date\n---\nx\n", encoding="utf-8")
    commit_all(root, "a broken note")
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 1
    assert "content/notes/broken.md:1: error: note has no date" in err
    assert git(root, "branch", "--list", "gh-pages") == ""
    assert git(remote, "branch", "--list") == ""


# --------------------------------------------------------------------------- uncommitted changes


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_uncommitted_changes_to_the_site_are_refused_and_named(repo, run_cli):
    root, remote = repo
    write(root / "content" / "pages" / "about.md", "---\ntitle: About\n---\nMe, edited.\n")  # modified
    write(root / "content" / "notes" / "2024-01-02-second.md", "---\ntitle: Second\n---\nMore.\n")  # untracked
    write(root / "themes" / "default" / "templates" / "404.html", "{% extends 'base.html' %}\n")  # untracked
    git(root, "rm", "-q", "--cached", "content/notes/2024-01-01-first.md")  # deleted from the index, still there
    before = checkout_state(root)
    head = git(root, "rev-parse", "--short=12", "HEAD")

    code, out, err = run_cli("deploy", "gh-pages")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"error: the site has uncommitted changes: the deploy would publish them, yet say it is main@{head}",
        "  content/notes/2024-01-01-first.md: deleted, untracked",
        "  content/notes/2024-01-02-second.md: untracked",
        "  content/pages/about.md: modified",
        "  themes/default/templates/404.html: untracked",
        "commit them (or stash them) first, or pass --dirty to deploy them anyway (the commit message then names "
        "them)",
    ]
    assert git(root, "branch", "--list", "gh-pages") == "" and git(remote, "branch", "--list") == ""
    assert checkout_state(root) == before


def test_changes_outside_the_site_and_ignored_files_do_not_count(repo, run_cli):
    root, remote = repo
    (root / ".gitignore").write_text("public/\n.plnsite-cache/\n*.private.yaml\n", encoding="utf-8")
    commit_all(root, "ignore private files")
    write(root / "README.md", "A note to myself.\n")  # beside content/: not part of the site
    write(root / "content" / "people.private.yaml", "- name: Someone\n")  # git-ignored
    write(root / "public" / "index.html", "old build\n")
    write(root / ".plnsite-cache" / "x", "cache\n")
    code, out, err = run_cli("deploy", "gh-pages")
    assert code == 0, err
    assert "warning" not in err
    assert "uncommitted" not in git(remote, "log", "-1", "--format=%B", "gh-pages")


def test_dirty_deploys_them_and_the_commit_message_names_them(repo, run_cli):
    root, remote = repo
    write(root / "content" / "pages" / "about.md", "---\ntitle: About\n---\nMe, edited.\n")
    head = git(root, "rev-parse", "--short=12", "HEAD")
    code, out, err = run_cli("deploy", "gh-pages", "--dirty")
    assert code == 0, err
    assert "warning: deploying uncommitted changes: content/pages/about.md" in err.splitlines()
    assert "Me, edited." in git(remote, "show", "gh-pages:about/index.html")
    message = git(remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(f"Deploy main@{head} with plnsite ")
    assert message.splitlines() == [message.splitlines()[0]]
    assert message.endswith(" and uncommitted changes: content/pages/about.md")


def test_many_uncommitted_files_are_counted_and_all_listed_in_the_commit(repo, run_cli):
    root, remote = repo
    for number in range(12):
        write(root / "content" / "notes" / f"2024-02-{number + 1:02d}-n{number}.md",
              f"---\ntitle: N{number}\n---\nText.\n")
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 1
    lines = err.splitlines()
    assert lines[1:11] == [f"  content/notes/2024-02-{n + 1:02d}-n{n}.md: untracked" for n in range(10)]
    assert lines[11] == "  and 2 more"

    code, _, err = run_cli("deploy", "gh-pages", "--dirty")
    assert code == 0, err
    subject, blank, heading, *files = git(remote, "log", "-1", "--format=%B", "gh-pages").splitlines()
    assert subject.endswith(" and uncommitted changes: content/notes/2024-02-01-n0.md, "
                            "content/notes/2024-02-02-n1.md, content/notes/2024-02-03-n2.md and 9 more")
    assert (blank, heading) == ("", "Uncommitted changes:")
    assert files == [f"  content/notes/2024-02-{n + 1:02d}-n{n}.md (untracked)" for n in range(12)]


def test_a_message_of_ones_own_still_says_what_uncommitted_changes_went_in(repo, run_cli):
    root, remote = repo
    write(root / "content" / "pages" / "about.md", "---\ntitle: About\n---\nMe, edited.\n")
    git(root, "add", "content/pages/about.md")  # staged, not committed: still not what HEAD holds
    code, _, err = run_cli("deploy", "gh-pages", "--dirty", "-m", "Spring update")
    assert code == 0, err
    assert git(remote, "log", "-1", "--format=%B", "gh-pages").splitlines() == [
        "Spring update", "", "With uncommitted changes:", "  content/pages/about.md (modified)"]


def test_a_site_in_a_subfolder_of_the_repository(repo, run_cli, monkeypatch):
    """Only that site's content and themes count; paths are named from the repository's top."""
    root, _ = repo
    site = root / "site"
    site.mkdir()
    (root / "content").rename(site / "content")
    commit_all(root, "the site in a subfolder")
    write(root / "notes.txt", "beside the site\n")
    monkeypatch.chdir(site)
    assert run_cli("deploy", "gh-pages")[0] == 0
    write(site / "content" / "pages" / "about.md", "---\ntitle: About\n---\nMoved and edited.\n")
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 1 and "  content/pages/about.md: modified" in err.splitlines()  # shown from where one is
    assert run_cli("deploy", "gh-pages", "--dirty")[0] == 0
    assert git(root, "log", "-1", "--format=%s", "gh-pages").endswith(
        " and uncommitted changes: site/content/pages/about.md")


def test_deploy_help_names_dirty(run_cli):
    code, out, _ = run_cli("deploy", "gh-pages", "--help")
    assert code == 0 and "--dirty" in out


def test_deploy_builds_on_the_day_source_date_epoch_names(repo, run_cli, monkeypatch):
    root, remote = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")  # 2024-06-01 12:00 UTC
    code, _, err = run_cli("deploy", "gh-pages")
    assert code == 0, err
    home = git(remote, "show", "gh-pages:index.html")
    assert "Notes and readings from May 29, 2023 to June 1, 2024" in home
