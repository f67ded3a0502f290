"""plnsite init DIR: a new site that builds at once, from the starter files shipped as package data.

The starter (``plnsite/starter/``) holds content/ with one example of each kind, netlify.toml,
.github/workflows/pages.yml, requirements.txt, .gitignore and a README. In every file
``@TODAY@`` becomes today's date (UTC), so the example note is neither old nor in the future;
``@PLNSITE_REQUIREMENT@`` the requirement that installs this very plnsite (so the site's deploys
build with the version it was made with), ``@PLNSITE_VERSION@`` that version and
``@PLNSITE_REPOSITORY@`` plnsite's repository (see ``distribution.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from .. import __version__
from ..paths import display_path
from . import HELP

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a few ms at every start
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["add_parser", "run", "starter_files"]

# A folder holding only these still counts as empty (a freshly cloned, empty repository).
_IGNORED = frozenset({".git"})
# The file the deploys install plnsite from, and a line in it that does (`plnsite==…`, `plnsite @ …`).
_REQUIREMENTS = "requirements.txt"
_PLNSITE_LINE = re.compile(r"\s*plnsite\s*(?:$|[=<>!~@\[;])", re.IGNORECASE)


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "init", help=HELP["init"],
        description="Create a new site: content/ with an example note, reading log, contact list and "
                    "about page, plus netlify.toml, a GitHub Pages workflow, a requirements.txt that pins this "
                    "version of plnsite for both, .gitignore and a README.")
    parser.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (or an empty one)")
    parser.add_argument("--force", action="store_true",
                        help="write into a folder that is not empty; existing files are kept")
    return parser


def starter_files(today: dt.date | None = None) -> dict[str, bytes]:
    """Every starter file: POSIX path relative to the new site → its bytes, placeholders filled in."""
    from importlib import resources  # here and below, not above: `init --help` needs none of it

    from .distribution import pinned_requirement, repository_url

    values = {
        b"@TODAY@": (today or dt.datetime.now(dt.timezone.utc).date()).isoformat(),
        b"@PLNSITE_REQUIREMENT@": pinned_requirement(),
        b"@PLNSITE_VERSION@": __version__,
        b"@PLNSITE_REPOSITORY@": repository_url(),
    }
    files: dict[str, bytes] = {}
    _collect(resources.files("plnsite").joinpath("starter"), "", files)
    for placeholder, value in values.items():
        files = {rel: body.replace(placeholder, value.encode()) for rel, body in files.items()}
    return dict(sorted(files.items()))


def _collect(folder: Traversable, prefix: str, files: dict[str, bytes]) -> None:
    for entry in folder.iterdir():
        if entry.name == "__pycache__":
            continue
        rel = prefix + entry.name
        if entry.is_dir():
            _collect(entry, rel + "/", files)
        else:
            files[rel] = entry.read_bytes()


def run(args) -> int:
    from ..errors import Level, Loc, OutputDirError, Problem
    from .distribution import pinned_requirement

    target: Path = args.dir
    shown = display_path(target)
    if target.exists() and not target.is_dir():
        raise OutputDirError(f"'{shown}' exists and is not a folder")
    if target.is_dir() and not args.force and any(p.name not in _IGNORED for p in target.iterdir()):
        raise OutputDirError(f"'{shown}' is not empty; use --force to add the starter files "
                             "(existing files are kept)")
    files = starter_files()  # before writing anything: it needs plnsite's package metadata
    written, skipped = [], []
    for rel, body in files.items():
        path = target / rel
        if path.exists() or path.is_symlink():
            skipped.append(rel)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as handle:  # never replace a file, even one that appears meanwhile
                handle.write(body)
        except OSError as exc:
            raise OutputDirError(f"cannot write '{display_path(path)}': {exc.strerror}") from exc
        written.append(rel)
    print(f"created a new site in {'the current folder' if shown == '.' else shown + '/'}")
    for rel in written:
        print(f"  wrote    {rel}")
    for rel in skipped:
        print(f"  skipped  {rel} (already there)")
    if _REQUIREMENTS in skipped and not _installs_plnsite(target / _REQUIREMENTS):
        problem = Problem(Loc(display_path(target / _REQUIREMENTS)), Level.WARNING,
                          f"kept as it is, but it does not install plnsite, and the GitHub Pages workflow and "
                          f"netlify.toml install from it: add the line '{pinned_requirement()}'")
        print(problem, file=sys.stderr)
    print(_next_steps(shown))
    return 0


def _installs_plnsite(requirements: Path) -> bool:
    try:
        lines = requirements.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    return any(_PLNSITE_LINE.match(line) for line in lines)


def _next_steps(shown: str) -> str:
    go = "" if shown == "." else f"\n  cd {shown}"
    return f"""
Next steps:{go}
  edit content/site.yaml: your title, name and address (base_url)
  plnsite serve     preview at http://127.0.0.1:8000/ while you write
  plnsite build     the site, in public/
Publish: push the folder to GitHub and choose "GitHub Actions" as the Pages source, or
connect it to Netlify; both install plnsite {__version__} as requirements.txt pins it.
README.md says more."""
