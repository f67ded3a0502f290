"""This plnsite as an installed package: where its source lives, and the requirement line that
installs exactly this version again (what ``plnsite init`` pins for a new site's deploys).

The repository address comes from the package metadata (``[project.urls]`` in pyproject.toml),
so it is written in one place. Where this version can be installed from is read from how it was
installed: pip leaves a ``direct_url.json`` (PEP 610) in a package installed from a URL, a git
checkout or a folder, and none in one installed from an index. A plnsite that came from an index
(PyPI) pins ``plnsite==X.Y.Z``; any other pins the repository at the version's tag ``vX.Y.Z``,
which exists as soon as the tag is pushed, before and without a PyPI release.
"""

from __future__ import annotations

from .. import __version__
from ..errors import PlnsiteError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a few ms at every start
if TYPE_CHECKING:
    from importlib import metadata

__all__ = ["NAME", "pinned_requirement", "repository_url", "requirement"]

NAME = "plnsite"
_REPOSITORY = "Repository"  # the key in [project.urls]
_REINSTALL = "reinstall plnsite (in a clone of its repository: python -m pip install -e .)"


def requirement(version: str, repository: str, *, from_index: bool) -> str:
    """The pip requirement for ``version``: from the index, or from the repository at its tag."""
    if from_index:
        return f"{NAME}=={version}"
    return f"{NAME} @ git+{repository}@v{version}"


def pinned_requirement() -> str:
    """The requirement line that installs this very plnsite (see the module docstring)."""
    from_index = _distribution().read_text("direct_url.json") is None
    return requirement(__version__, repository_url(), from_index=from_index)


def repository_url() -> str:
    """The source repository's address, from the installed package's metadata."""
    for entry in _distribution().metadata.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip() == _REPOSITORY:
            return url.strip().rstrip("/")
    raise PlnsiteError(f"plnsite's package metadata names no {_REPOSITORY} URL; {_REINSTALL}")


def _distribution() -> metadata.Distribution:
    from importlib import metadata  # ~10 ms: only `init` reads it, not `init --help`

    try:
        return metadata.distribution(NAME)
    except metadata.PackageNotFoundError:
        raise PlnsiteError(f"plnsite is not installed as a package (no metadata); {_REINSTALL}") from None
