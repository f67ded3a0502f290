"""The golden sample site, byte for byte; and builds are deterministic.

Regenerate after an intended change: ``python -m pytest tests/test_golden.py --update-golden``,
then read the diff of tests/golden/ in review.
"""

from __future__ import annotations

import shutil

from plnsite.output import MANIFEST

from .conftest import GOLDEN, build_site
from .versions import require_pinned_output


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def test_golden_site_matches_byte_for_byte(basic_public, request):
    require_pinned_output()  # the bytes are markdown-it-py's, Pygments', Jinja's, feedgen's and lxml's
    expected_dir = GOLDEN / "basic"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(basic_public, expected_dir, ignore=shutil.ignore_patterns(MANIFEST))
    actual, expected = _tree(basic_public), _tree(expected_dir)
    assert sorted(actual) == sorted(expected)
    different = [name for name in actual if actual[name] != expected[name]]
    assert different == [], f"differs from tests/golden/basic (run with --update-golden if intended): {different}"


def test_building_twice_gives_identical_bytes(basic_source, built_basic):
    again = build_site(basic_source)
    assert again.outputs.keys() == built_basic.outputs.keys()
    for file, output in built_basic.outputs.items():
        assert again.outputs[file].body == output.body, file
