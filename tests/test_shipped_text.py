"""What users get (the example portfolio, the bundled theme, the starter site that `plnsite init`
writes) names no file they do not have: the repository's own documents and folders stay out."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

# The repository's documents (SPEC.md, DESIGN.md, benchmark results), its test and benchmark
# folders, and section marks that point into those documents.
REPOSITORY_ONLY = re.compile(r"\b(?:SPEC|DESIGN|RESULTS)(?:\.md)?\b|(?<![\w.-])(?:tests|benchmarks)/|§\s*\d")
SHIPPED = ("content", "themes", "plnsite/starter")


def lines_naming_repository_files(folder: str) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and other binary files
        for number, line in enumerate(text.splitlines(), start=1):
            if REPOSITORY_ONLY.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize("folder", SHIPPED)
def test_shipped_files_name_nothing_users_lack(folder):
    assert lines_naming_repository_files(folder) == []


def test_the_check_finds_such_names():
    for line in ("# see SPEC.md, section 2", "(see DESIGN.md §1.6)", "like tests/sites/basic", "DESIGN §1.2"):
        assert REPOSITORY_ONLY.search(line), line
    for line in ("my spec sheet", "unit tests, not benchmarks", "contests/", "Design notes"):
        assert not REPOSITORY_ONLY.search(line), line
