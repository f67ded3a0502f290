"""plnsite.speedups: the one switch back to stock markdown-it-py, Pygments and Jinja, and the
automatic fallback to stock on releases the speed-ups are not tested with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plnsite.speedups import STOCK_VARIABLE, TESTED, why_stock
from tests.versions import SPEEDUP_MODULES, floor_pins, output_pins

ROOT = Path(__file__).resolve().parents[2]
IN_RANGE = {"markdown-it-py": "4.3.0", "mdit-py-plugins": "0.7.0", "pygments": "2.21.0", "jinja2": "3.1.6",
            "markupsafe": "3.0.3"}


def _release(version: str) -> tuple[int, ...]:
    numbers = tuple(int(p) for p in version.split("."))
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers = numbers[:-1]
    return numbers


@pytest.mark.parametrize("name", sorted(TESTED))
def test_tested_versions_take_the_speedups(name):
    assert why_stock(name, IN_RANGE, {}) is None


@pytest.mark.parametrize(("dist", "version"), [
    ("markdown-it-py", "3.0.0"),  # no mdTrim: shortcuts.py would not even import
    ("markdown-it-py", "4.2.0"),
    ("markdown-it-py", "5.0.0"),
    ("markdown-it-py", "4.3.0rc1"),  # a pre-release is not a tested release
    ("markdown-it-py", "4.4.dev0"),
    ("markdown-it-py", None),  # not installed as a distribution (vendored, say)
    ("markdown-it-py", "unknown"),
    ("mdit-py-plugins", "0.8.0"),
    ("mdit-py-plugins", "0.4.2"),
    ("pygments", "3.0"),
    ("pygments", "2.14.0"),
    ("jinja2", "4.0.0"),
    ("jinja2", "3.0.3"),
    ("markupsafe", "2.0.1"),
    ("markupsafe", "4.0"),
])
def test_a_release_outside_the_tested_range_falls_back_to_stock(dist, version):
    (name,) = [n for n, dists in TESTED.items() if dist in dists]
    why = why_stock(name, {**IN_RANGE, dist: version}, {})
    assert why is not None
    low, high = TESTED[name][dist]
    assert why == (f"{dist} {version if version else 'not installed'} is outside the range the {name} speed-up "
                   f"is tested with ({low} <= v < {high})")
    others = [n for n in TESTED if n != name]
    assert all(why_stock(n, {**IN_RANGE, dist: version}, {}) is None for n in others)


@pytest.mark.parametrize("version", ["4.3", "4.3.0", "4.3.1", "4.10.2", "4.3.0.post1", "4.3.0+local"])
def test_releases_inside_the_range(version):
    assert why_stock("markdown", {**IN_RANGE, "markdown-it-py": version}, {}) is None


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", " on "])
def test_the_switch_turns_every_speedup_off(value):
    for name in TESTED:
        assert why_stock(name, IN_RANGE, {STOCK_VARIABLE: value}) == "PLNSITE_STOCK is set"


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off"])
def test_the_switch_left_off(value):
    assert all(why_stock(name, IN_RANGE, {STOCK_VARIABLE: value}) is None for name in TESTED)


def test_each_range_starts_at_a_release_ci_tests_it_with():
    """A range's low is the floor (.ci's floor run) or the [test] pin (the main run), never a
    release no run installs; and those runs do take the speed-ups."""
    floors, pins = floor_pins(), output_pins()
    for name, dists in TESTED.items():
        for dist, (low, high) in dists.items():
            tested = [v for v in (floors.get(dist), pins.get(dist)) if v and _release(v) >= _release(low)]
            assert any(_release(v)[:len(_release(low))] == _release(low) for v in tested), (name, dist, low)
            assert all(_release(v) < _release(high) for v in tested), (name, dist, high)
        assert why_stock(name, {**IN_RANGE, **pins}, {}) is None, "the main CI run (the pins) tests every speed-up"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != STOCK_VARIABLE}
    return {**env, **extra}


_PROBE = textwrap.dedent("""
    import json, sys
    from plnsite import speedups
    from plnsite.incremental.markdown_cache import settings_key
    from plnsite.markdown import render_markdown
    from plnsite.render.theme import load_theme
    html = render_markdown("# T\\n\\nSome *prose* [[x]].\\n\\n```python\\nx = 1\\n```\\n").html
    theme = load_theme("default", __import__("pathlib").Path("."))
    theme.env.from_string("{{ a }}").render(a="<b>")
    print(json.dumps({"enabled": {n: speedups.enabled(n) for n in speedups.TESTED},
                      "imported": sorted(m for m in sys.modules if m.startswith("plnsite.")),
                      "key": settings_key(), "html": html}))
""")


def _probe(**env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT,
                          env=_clean_env(**env), check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_plnsite_stock_1_uses_the_libraries_as_they_come_and_imports_no_speedup():
    stock = _probe(PLNSITE_STOCK="1")
    assert stock["enabled"] == {name: False for name in TESTED}
    assert [m for m in stock["imported"] if m in SPEEDUP_MODULES] == []
    fast = _probe()
    assert fast["html"] == stock["html"]
    # The Markdown cache never hands one mode what the other wrote.
    if fast["enabled"]["markdown"] or fast["enabled"]["pygments"]:
        assert fast["key"] != stock["key"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_stock_and_speedups_build_the_same_site(tmp_path):
    """The real CLI in two processes, PLNSITE_STOCK=1 and not, on the golden site's input."""
    shutil.copytree(ROOT / "tests" / "sites" / "basic", tmp_path / "site")
    outputs = {}
    for mode, env in (("stock", {"PLNSITE_STOCK": "1"}), ("fast", {})):
        done = subprocess.run([sys.executable, "-m", "plnsite", "build", "--no-cache", "-j", "1", "-o", f"../{mode}"],
                              cwd=tmp_path / "site", capture_output=True, text=True, env=_clean_env(**env),
                              check=False)
        assert done.returncode == 0, done.stderr
        outputs[mode] = _tree(tmp_path / mode)
    assert len(outputs["fast"]) > 30
    assert outputs["stock"] == outputs["fast"]
