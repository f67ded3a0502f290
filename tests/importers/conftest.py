"""Helpers for importer tests: a fresh site to import into, and its built output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def content(site_factory) -> Path:
    """An empty site's content/ folder (site.yaml only); the cwd is the site root."""
    return site_factory({})


def built(content: Path) -> dict[str, bytes]:
    """Build the site in memory; every output file's bytes. Fails on any build error."""
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    return {name: out.body if out.body is not None else out.src.read_bytes() for name, out in result.outputs.items()}


def page(content: Path, file: str) -> str:
    return built(content)[file].decode("utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path → bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
