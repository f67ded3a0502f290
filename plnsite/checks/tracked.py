"""Private contact data in files that git tracks: warnings from ``plnsite check``.

The site never shows a private person or an email, phone or address, but GitHub Pages builds
from a repository that is usually public: whatever git tracks is published there. Private
people and fields belong in ``contacts/<list>.private.yaml``, which the ``.gitignore`` that
``plnsite init`` writes leaves out. Outside a git repository, or without git, nothing is said.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import Level, Problem, Problems
from ..load.allowlist import is_private_file, private_file_for
from ..load.contacts import load_contacts
from ..load.discover import discover
from ..paths import display_path

__all__ = ["tracked_private_data"]

_GIT_TIMEOUT = 10  # seconds; a hung git (a credential prompt, a network file system) must not hang check


def tracked_private_data(source: Path) -> tuple[Problem, ...]:
    """A warning for each private person, list or field in a contact list that git tracks."""
    files = discover(Path(source)).contacts
    tracked = _tracked(Path(source) / "contacts") if files else set()
    shown = {display_path(f) for f in files if f.resolve() in tracked}
    if not shown:
        return ()
    _, _, withheld = load_contacts(files, Problems())  # the build reports their problems
    whole = {w.loc.path for w in withheld if w.kind == "list"}
    targets = {w.loc.path: private_file_for(w.loc.path) for w in withheld}
    ignored = _ignored(Path(source) / "contacts", sorted(set(targets.values())))
    found = []
    for item in withheld:
        where = item.loc.path
        if where not in shown or (item.kind != "list" and where in whole):
            continue  # untracked, or said once for the whole file
        target = targets[where]
        ignore = "which git ignores" if target in ignored else "and add *.private.yaml to .gitignore"
        if item.kind == "list" and is_private_file(where):
            message = (f"git tracks {where}, which holds private people: untrack it (git rm --cached {where}) "
                       "and ignore it (*.private.yaml in .gitignore)")
        elif item.kind == "list":
            message = (f"a private contact list in a file that git tracks: the repository shows it even though "
                       f"the site does not; move it to {target}, {ignore}")
        elif item.kind == "person":
            message = (f"a private person in a file that git tracks: the repository shows them even though "
                       f"the site does not; move them to {target}, {ignore}")
        else:
            message = f"'{item.key}' is private, but git tracks this file: move it to {target} under the person's id, {ignore}"
        found.append(Problem(item.loc, Level.WARNING, message))
    return tuple(found)


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """``git ARGS`` in ``folder``: its output, or None (no repository, no git, or it hung)."""
    try:
        proc = subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True,
                              timeout=_GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode in (0, 1) else None  # check-ignore: 1 when nothing is ignored


def _ignored(folder: Path, shown: list[str]) -> set[str]:
    """Which of these files (as shown to the user) git would ignore."""
    paths = {str(Path(name).resolve()): name for name in shown}
    out = _git(folder, "check-ignore", "--no-index", "-z", "--stdin", stdin="\0".join(paths).encode() + b"\0")
    return {paths[name] for name in (out or b"").decode("utf-8", "surrogateescape").split("\0") if name in paths}


def _tracked(folder: Path) -> set[Path]:
    """The files under ``folder`` that git tracks; empty when it is no repository or git is absent."""
    out = _git(folder, "ls-files", "-z", "--", ".") if folder.is_dir() else None
    names = (out or b"").decode("utf-8", "surrogateescape").split("\0")
    return {(folder / name).resolve() for name in names if name}
