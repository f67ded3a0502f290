"""A release: the sdist and the wheel that `python -m build` makes from this repository (as
release.yml and tests.yml run it) pass `twine check --strict`, hold what plnsite needs at run
time and nothing that is not plnsite's, and release.yml's tag rule accepts exactly
v + plnsite.__version__.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest
import yaml

from plnsite import __version__
from tests.clients import require_module, require_tool
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

WHEEL = f"plnsite-{__version__}-py3-none-any.whl"
SDIST = f"plnsite-{__version__}.tar.gz"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
TAG_STEP = "The tag is v + the version they were built with"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """``python -m build`` of the working tree (the sdist, then the wheel built from the sdist)."""
    require_module("build")
    require_module("twine")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([SDIST, WHEEL])
    return out


def _repository_files() -> set[str]:
    """What git would commit: tracked files plus untracked ones that are not ignored."""
    git = require_tool("git")
    proc = subprocess.run([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip("not a git checkout")
    return {name for name in proc.stdout.split("\0") if name and (ROOT / name).is_file()}


def _starter_files() -> set[str]:
    starter = ROOT / "plnsite" / "starter"
    return {p.relative_to(starter).as_posix() for p in starter.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_twine_check_strict_passes(dist):
    proc = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(dist / SDIST), str(dist / WHEEL)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2 and "WARNING" not in proc.stdout


def test_the_wheel_holds_the_themes_the_starter_and_the_license(dist):
    names = set(zipfile.ZipFile(dist / WHEEL).namelist())
    themes = {p.relative_to(ROOT / "themes").as_posix() for p in (ROOT / "themes").rglob("*") if p.is_file()}
    assert {f"plnsite/_themes/{rel}" for rel in themes} <= names
    compiled = {p.name for p in (ROOT / "plnsite" / "render" / "compiled").glob("*.py")}
    assert len(compiled) > 20 and {f"plnsite/render/compiled/{name}" for name in compiled} <= names  # precompiled.py
    starter = _starter_files()
    assert {".gitignore", ".github/workflows/pages.yml", "requirements.txt", "netlify.toml"} <= starter
    assert {f"plnsite/starter/{rel}" for rel in starter} <= names  # dot-files too
    info = f"plnsite-{__version__}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    assert {n.split("/")[0] for n in names} == {"plnsite", info}  # no tests, content or benchmarks

    meta = HeaderParser().parsestr(zipfile.ZipFile(dist / WHEEL).read(f"{info}/METADATA").decode())
    assert meta["License-Expression"] == "MIT"
    assert "Repository, https://github.com/plnsite/plnsite" in meta.get_all("Project-URL")
    pythons = [c for c in meta.get_all("Classifier") if c.startswith("Programming Language :: Python :: 3.")]
    assert [c.rpartition(" :: ")[2] for c in pythons] == ["3.10", "3.11", "3.12", "3.13"]
    assert meta["Requires-Python"] == ">=3.10"


def test_the_sdist_holds_the_source_and_its_tests_and_no_junk(dist):
    with tarfile.open(dist / SDIST) as tar:
        names = {m.name.partition("/")[2] for m in tar.getmembers() if m.isfile()}
    names.discard("PKG-INFO")
    repository = _repository_files()
    assert names <= repository, sorted(names - repository)  # nothing git does not know of
    assert not {n for n in names if n.split("/")[0] in ("benchmarks", ".ci")}
    for part in ("plnsite/", "themes/", "tests/", "content/"):  # the whole source, and what the tests read
        assert {n for n in repository if n.startswith(part)} <= names, part
    assert {"LICENSE", "README.md", "pyproject.toml"} <= names


def _tag_rule(tag: str, dist: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """release.yml's tag check, run as GitHub runs a `run:` step, beside the built files."""
    steps = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    (step,) = [s for s in steps if s.get("name") == TAG_STEP]
    assert step["env"] == {"TAG": "${{ github.ref_name }}"}
    shutil.copytree(dist, tmp_path / "dist", dirs_exist_ok=True)
    bash = require_tool("bash")
    return subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path,
                          env={**os.environ, "TAG": tag}, capture_output=True, text=True, check=False)


def test_the_release_tag_must_be_v_and_the_package_version(dist, tmp_path):
    assert _tag_rule(f"v{__version__}", dist, tmp_path).returncode == 0
    for wrong in (f"v{__version__}.1", "v9.9.9", f"v{__version__}-rc1"):
        proc = _tag_rule(wrong, dist, tmp_path)
        assert proc.returncode == 1 and f"::error::the tag {wrong} is not v + the package's version" in proc.stdout


def _init_with_installed_wheel(pip_args: list[str], tmp_path: Path) -> str:
    """Install the wheel alone into a folder, run its `plnsite init`, return the pinned line."""
    lib = tmp_path / "lib"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(lib),
                           *pip_args], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    env = {**os.environ, "PYTHONPATH": str(lib)}  # before the editable install of this checkout
    code = "import plnsite, sys; sys.exit(not plnsite.__file__.startswith(sys.argv[1]))"
    assert subprocess.run([sys.executable, "-c", code, str(lib)], cwd=tmp_path, env=env, check=False).returncode == 0
    proc = subprocess.run([sys.executable, "-m", "plnsite", "init", "site"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == _starter_files()
    lines = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    (pinned,) = [line for line in lines if not line.startswith("#")]
    return pinned


def test_a_plnsite_installed_from_an_index_pins_its_release(dist, tmp_path):
    # --find-links is an index as far as pip is concerned: no direct_url.json, as from PyPI.
    pinned = _init_with_installed_wheel(["--no-index", "--find-links", str(dist), f"plnsite=={__version__}"],
                                        tmp_path)
    assert pinned == f"plnsite=={__version__}"


def test_a_plnsite_installed_from_a_file_pins_the_repository_at_its_tag(dist, tmp_path):
    pinned = _init_with_installed_wheel([str(dist / WHEEL)], tmp_path)
    assert pinned == f"plnsite @ git+https://github.com/plnsite/plnsite@v{__version__}"
