"""Shared fixtures: inline sites, the golden sample site built once, the CLI in-process."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from plnsite import BuildOptions, build
from plnsite.cli import main
from plnsite.output import write_outputs

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "tests" / "sites"
GOLDEN = ROOT / "tests" / "golden"
# Builds in tests see a fixed clock, so "future" and output bytes never depend on the day.
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)

MINIMAL_SITE = """\
title: Test Site
base_url: https://example.org/
"""


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from tests/sites/")


@pytest.fixture
def site_factory(tmp_path, monkeypatch):
    """Write a site from ``{relative path: text}`` (content/site.yaml defaults in); chdir to it."""

    def make(files: dict[str, str], with_config: bool = True) -> Path:
        root = tmp_path / "site"
        content = root / "content"
        content.mkdir(parents=True, exist_ok=True)
        if with_config and "site.yaml" not in files:
            (content / "site.yaml").write_text(MINIMAL_SITE, encoding="utf-8")
        for rel, text in files.items():
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        monkeypatch.chdir(root)
        return content

    return make


@pytest.fixture
def run_cli(capsys):
    """``plnsite ARGV`` in-process → (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def build_site(content: Path, **options):
    return build(BuildOptions(source=content, now=NOW, **options))


@pytest.fixture(scope="session")
def basic_source(tmp_path_factory) -> Path:
    """A private copy of the golden input, so tests can never modify the original."""
    root = tmp_path_factory.mktemp("basic")
    shutil.copytree(SITES / "basic", root / "basic")
    return root / "basic" / "content"


@pytest.fixture(scope="session")
def built_basic(basic_source):
    result = build_site(basic_source)
    assert result.ok, [str(p) for p in result.problems]
    return result


@pytest.fixture(scope="session")
def basic_public(built_basic, tmp_path_factory) -> Path:
    """The golden site written to a folder (as `plnsite build` would)."""
    out = tmp_path_factory.mktemp("basic-public")
    write_outputs(built_basic, out)
    return out
