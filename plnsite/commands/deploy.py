"""plnsite deploy TARGET: the arguments. deploy_gh_pages.py deploys (see there), imported by
``run`` so that ``plnsite deploy --help`` loads neither the build nor git's plumbing."""

from __future__ import annotations

from . import HELP
from .options import add_source

__all__ = ["add_parser", "run"]


def add_parser(subparsers):
    parser = subparsers.add_parser("deploy", help=HELP["deploy"],
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
    gh.add_argument("--dirty", action="store_true",
                    help="deploy even when the content folder or themes/ hold uncommitted changes (without it, "
                         "they are named and nothing is deployed); the commit message then names them")
    return parser


def run(args) -> int:
    from .deploy_gh_pages import deploy_gh_pages

    return deploy_gh_pages(args)
