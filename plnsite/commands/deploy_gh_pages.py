"""plnsite deploy gh-pages: commit the built site to a branch and push it (like mkdocs gh-deploy).

The arguments are declared in deploy.py, which imports this module only to run.

The build goes to a temporary folder and is committed with git plumbing and a temporary
index, so the user's working tree, index and checked-out branch are never touched::

    GIT_INDEX_FILE=<tmp>/index GIT_WORK_TREE=<tmp>/site git add --all --force .
    git write-tree                                  → tree
    git commit-tree <tree> -p <parent> -m <message> → commit   (history is kept)
    git update-ref refs/heads/<branch> <commit> <old>
    git push <remote> refs/heads/<branch>

The parent is the branch's tip: the remote's when it is ahead of (or unrelated to) the local
branch, so the push is always a fast-forward. A build identical to the tip adds no commit.

The build is of the working tree, while the commit message names the checked-out commit: so a
site whose content folder or themes/ hold uncommitted changes (modified, staged, untracked; not
git-ignored ones) is refused, naming them, unless ``--dirty`` says to deploy them anyway; the
commit message then names them too.
"""

from __future__ import annotations

import os
import subprocess
import sys
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
from .options import build_clock

__all__ = ["deploy_gh_pages"]

_SHOWN = 10  # uncommitted files named in the refusal; the rest are counted
_IN_SUBJECT = 3  # uncommitted files named in the commit message's first line


def deploy_gh_pages(args) -> int:
    """``plnsite deploy gh-pages``: build, commit to the branch, push."""
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
    changed = _uncommitted(repo, [Path(args.source), root / "themes"])
    if changed and not args.dirty:
        raise DeployError(_refusal(repo, current, changed))
    if changed:
        print(f"warning: deploying uncommitted changes: {_names(changed, _IN_SUBJECT)}", file=sys.stderr)

    opts = BuildOptions(source=args.source, base_url=args.base_url, now=build_clock(os.environ))
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
        message = _message(repo, current, changed, args.message)
        commit = _git(repo, "commit-tree", tree, *(("-p", parent) if parent else ()), "-m", message)
        print(f"committed {commit[:12]} to '{branch}'" + (f" (parent {parent[:12]})" if parent else ""))
    if commit != local:
        _git(repo, "update-ref", "-m", "plnsite deploy gh-pages", f"refs/heads/{branch}", commit, local or "")
    _git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    print(f"pushed '{branch}' to {remote}")  # not its URL: it may hold a token
    return 0


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True,
         strip: bool = True) -> str | None:
    """Run ``git ARGS`` in ``cwd``: its stdout, stripped (unless ``strip`` is false). A failure is
    a DeployError, or None when ``check`` is false (a question whose answer may be no)."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise DeployError("git is not installed (or not on PATH); deploy gh-pages needs it") from exc
    if proc.returncode == 0:
        return proc.stdout.strip() if strip else proc.stdout
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


def _uncommitted(repo: Path, folders: list[Path]) -> list[tuple[str, str]]:
    """(path from the repository's top, what changed) for each file under ``folders`` that is not
    as the checked-out commit has it: modified, staged, deleted, renamed, or untracked (and not
    git-ignored)."""
    top = repo.resolve()
    # A folder that lies outside the repository (a symlink out) is no part of what HEAD names.
    there = [str(f.resolve()) for f in folders if f.exists() and f.resolve().is_relative_to(top)]
    if not there:
        return []
    status = _git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *there, strip=False)
    entries = iter(status.split("\0"))
    changed: dict[str, list[str]] = {}
    for entry in entries:
        if len(entry) < 4:
            continue
        xy, path = entry[:2], entry[3:]
        if xy[0] in "RC":
            next(entries, None)  # -z puts a rename's old path after the new one
        changed.setdefault(path, []).append(_what(xy))  # twice: removed from the index, yet still there
    return sorted((path, ", ".join(words)) for path, words in changed.items())


def _what(xy: str) -> str:
    """A porcelain status (index, work tree) in a word."""
    if xy == "??":
        return "untracked"
    if "U" in xy or xy in ("AA", "DD"):
        return "unmerged"
    for letter, word in (("D", "deleted"), ("R", "renamed"), ("C", "copied"), ("A", "added")):
        if letter in xy:
            return word
    return "modified"


def _names(changed: list[tuple[str, str]], most: int) -> str:
    shown = ", ".join(path for path, _ in changed[:most])
    return shown + (f" and {len(changed) - most} more" if len(changed) > most else "")


def _source(repo: Path, current: str | None) -> str:
    """The checked-out commit: ``main@1a2b3c4d5e6f`` (the branch alone before its first commit)."""
    head = _git(repo, "rev-parse", "--short=12", "--verify", "--quiet", "HEAD", check=False)
    return "@".join(part for part in (current, head) if part)


def _refusal(repo: Path, current: str | None, changed: list[tuple[str, str]]) -> str:
    source = _source(repo, current) or "the checked-out commit"
    lines = [f"  {display_path(repo / path)}: {what}" for path, what in changed[:_SHOWN]]
    if len(changed) > _SHOWN:
        lines.append(f"  and {len(changed) - _SHOWN} more")
    return (f"the site has uncommitted changes: the deploy would publish them, yet say it is {source}\n"
            + "\n".join(lines)
            + "\ncommit them (or stash them) first, or pass --dirty to deploy them anyway (the commit message "
              "then names them)")


def _message(repo: Path, current: str | None, changed: list[tuple[str, str]], given: str | None) -> str:
    """``given``, or one that names the source commit; either says what uncommitted changes went in."""
    source = _source(repo, current)
    made = f"Deploy {source} with plnsite {__version__}" if source else f"Deploy with plnsite {__version__}"
    if not changed:
        return given or made
    every = "\n".join(f"  {path} ({what})" for path, what in changed)
    if given:
        return f"{given}\n\nWith uncommitted changes:\n{every}"
    subject = f"{made} and uncommitted changes: {_names(changed, _IN_SUBJECT)}"
    return subject if len(changed) <= _IN_SUBJECT else f"{subject}\n\nUncommitted changes:\n{every}"
