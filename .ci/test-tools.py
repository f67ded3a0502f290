"""Print pyproject.toml's [test] extra without its pins of plnsite's own dependencies.

The [test] extra pins the releases the golden output bytes are made with; a run that
installs other releases (.ci/run's floor and newest runs) installs the test tools from
this list instead, and lets pip pick the dependencies.
"""

import re
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib


def name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
runtime = {name(r) for r in project["dependencies"]}
for requirement in project["optional-dependencies"]["test"]:
    if name(requirement) not in runtime:
        sys.stdout.write(requirement + "\n")
