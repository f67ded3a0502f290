"""plnsite deploy gh-pages: commit the built site to a branch and push it (like mkdocs gh-deploy).

The build goes to a temporary folder and is committed with git plumbing and a temporary
index, so the user's working tree, index and checked-out branch are never touched::

    GIT_INDEX_FILE=<tmp>/index GIT_WORK_TREE=<tmp>/site git add --all --force .
    git write-tree                                  → tree
    git commit-tree <tree> -p <parent> -m <message> → commit   (history is kept)
    git update-ref refs/heads/<branch> <commit> <old>
    git push <remote> refs/heads/<branch>

The parent is the branch's tip: the remote's when it is ahead of (or unrelated to) the local
branch, so the push is always a fast-forward. A build identical to the tip adds no commit.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .. import __version__
from ..build import site_root
from ..errors import BuildFailed, DeployError, has_errors
from ..incremental import BuildMemo
from ..load import require_site
from ..model import BuildOptions
from ..output import MANIFEST, publish
from ..paths import display_path
from ..report import Progress, as_build_failure, print_problems, summary_line
from .options import add_source

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser("deploy", help="build the site and publish it",
                                   description="Build the site and publish it without a CI service.")
    targets = parser.add_subparsers(dest="target", metavar="TARGET")
    targets.required = True
    gh = targets.add_parser(
        "gh-pages", help="commit the built site to a git branch and push it",
        description="Build the site, commit it as a new commit on a branch (default: gh-pages) without "
                    "touching your working tree, index or current branch, and push that branch.")
    add_source(gh)
    gh.add_argument("--remote", default="origin", help="the git remote to push to (default: origin)")
    gh.add_argument("--branch", default="gh-pages", help="the branch to commit to (default: gh-pages)")
    gh.add_argument("-b", "--base-url", help="override site.yaml's base_url for this build")
    gh.add_argument("-m", "--message", help="the commit message (default: names the source commit)")
    return parser


def run(args) -> int:
    with as_build_failure(outcome="nothing was deployed"):
        require_site(args.source)
    root = site_root(args.source)
    remote, branch = args.remote, args.branch
    repo = _repository(root)
    git_dir = _git(repo, "rev-parse", "--absolute-git-dir")
    if _git(repo, "check-ref-format", "--branch", branch, check=False) is None:
        raise DeployError(f"'{branch}' is not a valid branch name")
    if _git(repo, "remote", "get-url", remote, check=False) is None:
        raise DeployError(f"no git remote named '{remote}' in '{display_path(repo)}': add one with "
                          f"`git remote add {remote} URL`, or name another with --remote")
    current = _git(repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if current == branch:
        raise DeployError(f"'{branch}' is the branch checked out here; switch to your source branch first")

    opts = BuildOptions(source=args.source, base_url=args.base_url)
    with tempfile.TemporaryDirectory(prefix="plnsite-deploy-") as tmp:
        site = Path(tmp) / "site"
        progress = Progress()
        with as_build_failure(outcome="nothing was deployed"):
            try:
                # A fresh memo of its own: the folder is temporary, nothing to remember for the next build.
                result = publish(opts, site, progress, memo=BuildMemo(opts))
            finally:
                progress.clear()
        print_problems(result.problems)
        if has_errors(result.problems):
            raise BuildFailed(result.problems, outcome="nothing was deployed")
        print(summary_line(result.stats, f"branch '{branch}'"))
        tree = _tree_of(site, Path(tmp) / "index", git_dir)

    local = _tip(repo, f"refs/heads/{branch}")
    _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}", check=False)
    parent = _parent(repo, local, _tip(repo, f"refs/remotes/{remote}/{branch}"))
    if parent is not None and _git(repo, "rev-parse", f"{parent}^{{tree}}") == tree:
        commit = parent
        print(f"'{branch}' already holds this build: no new commit")
    else:
        message = args.message or _message(repo, current)
        commit = _git(repo, "commit-tree", tree, *(("-p", parent) if parent else ()), "-m", message)
        print(f"committed {commit[:12]} to '{branch}'" + (f" (parent {parent[:12]})" if parent else ""))
    if commit != local:
        _git(repo, "update-ref", "-m", "plnsite deploy gh-pages", f"refs/heads/{branch}", commit, local or "")
    _git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    print(f"pushed '{branch}' to {remote}")  # not its URL: it may hold a token
    return 0


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str | None:
    """Run ``git ARGS`` in ``cwd``: its stdout, stripped. A failure is a DeployError, or None
    when ``check`` is false (a question whose answer may be no)."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise DeployError("git is not installed (or not on PATH); deploy gh-pages needs it") from exc
    if proc.returncode == 0:
        return proc.stdout.strip()
    if not check:
        return None
    said = (proc.stderr.strip() or proc.stdout.strip()).replace("\n", "\n  ")
    raise DeployError(f"git {args[0]} failed:\n  {said}")


def _tree_of(site: Path, index: Path, git_dir: str) -> str:
    """Store the built ``site`` folder as a tree object in the repository, through a fresh
    ``index`` of that folder alone: the user's index and working tree are not used."""
    (site / MANIFEST).unlink(missing_ok=True)  # plnsite's own bookkeeping, not part of the site
    env = {**os.environ, "GIT_DIR": git_dir, "GIT_WORK_TREE": str(site), "GIT_INDEX_FILE": str(index)}
    _git(site, "add", "--all", "--force", ".", env=env)
    return _git(site, "write-tree", env=env)


def _repository(root: Path) -> Path:
    top = _git(root, "rev-parse", "--show-toplevel", check=False)
    if not top:
        raise DeployError(f"'{display_path(root)}' is not in a git repository: run `git init`, commit your "
                          "site and add a remote (`git remote add origin URL`) first")
    return Path(top)


def _tip(repo: Path, ref: str) -> str | None:
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False) or None


def _parent(repo: Path, local: str | None, remote: str | None) -> str | None:
    """The local tip when it contains the remote's (an earlier deploy not pushed yet), else the remote's."""
    if local is None or remote is None or local == remote:
        return local or remote
    if _git(repo, "merge-base", "--is-ancestor", remote, local, check=False) is not None:
        return local
    return remote


def _message(repo: Path, current: str | None) -> str:
    head = _git(repo, "rev-parse", "--short=12", "--verify", "--quiet", "HEAD", check=False)
    source = "@".join(part for part in (current, head) if part)
    return f"Deploy {source} with plnsite {__version__}" if source else f"Deploy with plnsite {__version__}"
