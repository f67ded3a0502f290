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
    found = []
    for item in withheld:
        where = item.loc.path
        if where not in shown or (item.kind != "list" and where in whole):
            continue  # untracked, or said once for the whole file
        if item.kind == "list" and is_private_file(where):
            message = (f"git tracks {where}, which holds private people: untrack it (git rm --cached {where}) "
                       "and ignore it (*.private.yaml in .gitignore)")
        elif item.kind == "list":
            message = (f"a private contact list in a file that git tracks: the repository shows it even though "
                       f"the site does not; move it to {private_file_for(where)}, which git ignores")
        elif item.kind == "person":
            message = (f"a private person in a file that git tracks: the repository shows them even though "
                       f"the site does not; move them to {private_file_for(where)}, which git ignores")
        else:
            message = (f"'{item.key}' is private, but git tracks this file: move it to {private_file_for(where)} "
                       "under the person's id (git ignores that file)")
        found.append(Problem(item.loc, Level.WARNING, message))
    return tuple(found)


def _tracked(folder: Path) -> set[Path]:
    """The files under ``folder`` that git tracks; empty when it is no repository or git is absent."""
    if not folder.is_dir():
        return set()
    try:
        proc = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=folder, capture_output=True,
                              timeout=_GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if proc.returncode != 0:
        return set()
    names = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    return {(folder / name).resolve() for name in names if name}
