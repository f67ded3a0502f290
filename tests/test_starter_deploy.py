"""A site made by `plnsite init` deploys for real: the starter's GitHub Pages workflow, step by
step, and its Netlify production command, each run in a fresh virtualenv as a runner would.

The one thing that is not real is where the pinned plnsite comes from. requirements.txt pins
``plnsite @ git+<repository>@vX.Y.Z``; git's ``url.<base>.insteadOf`` (in a GIT_CONFIG_GLOBAL
made for the test) sends that address to a local repository holding this working tree, committed
and tagged vX.Y.Z. So pip clones it at the tag, builds the wheel and installs it, with the
dependencies from the package index pip always uses; git is sent nowhere else (every other
http(s) address is rewritten to a folder that does not exist). The virtualenvs do not see the
packages installed here (no --system-site-packages): the pin must install everything plnsite needs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html

from plnsite import __version__
from plnsite.commands.init import starter_files
from plnsite.output import MANIFEST
from tests.clients import require_tool
from tests.conftest import ROOT
from tests.webserver import LocalWeb, answer

pytestmark = pytest.mark.slow

PAGES_URL = "https://learner.github.io/portfolio"  # configure-pages' base_url for a project page
NETLIFY_URL = "https://learner-portfolio.netlify.app"
PINNED = re.compile(r"plnsite @ git\+(?P<repository>https://\S+)@v(?P<version>\S+)")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


# --------------------------------------------------------------------------- the set-up


@pytest.fixture(scope="module")
def site_files() -> dict[str, bytes]:
    """What `plnsite init` writes here (this checkout is installed from a clone: the git pin)."""
    return starter_files()


@pytest.fixture(scope="module")
def pinned(site_files) -> re.Match:
    lines = [line for line in site_files["requirements.txt"].decode().splitlines() if not line.startswith("#")]
    assert len(lines) == 1 and (found := PINNED.fullmatch(lines[0])), lines
    assert found["version"] == __version__
    return found


@pytest.fixture(scope="module")
def gitconfig(pinned, tmp_path_factory) -> Path:
    """A git configuration that resolves the pinned repository to a local copy of this checkout."""
    git = require_tool("git")
    listed = subprocess.run([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("needs a git checkout of plnsite")
    origin = tmp_path_factory.mktemp("origin")
    for rel in filter(None, listed.stdout.split("\0")):
        if (ROOT / rel).is_file():
            (origin / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, origin / rel)
    quiet = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=plnsite tests", "-c", "user.email=tests@example.invalid",
                  "commit", "-q", "-m", "the working tree"],
                 ["tag", f"v{__version__}"]):
        subprocess.run([git, *args], cwd=origin, env=quiet, check=True, capture_output=True)
    config = tmp_path_factory.mktemp("git") / "config"
    config.write_text(f"""\
[url "{origin.as_uri()}"]
\tinsteadOf = {pinned["repository"]}
[url "file:///nonexistent/no-network/"]
\tinsteadOf = https://
\tinsteadOf = http://
""", encoding="utf-8")
    return config


def _site(site_files: dict[str, bytes], root: Path) -> Path:
    for rel, body in site_files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(body)
    return root


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Mentor</title><link>https://mentor.example.org/</link>
<description>d</description><item><title>A post from the mentor</title><link>https://mentor.example.org/p</link>
<pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item></channel></rss>"""


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


def _follow_local(site: Path, web: LocalWeb) -> None:
    """The starter's contacts read their feeds from 127.0.0.1 (a test never reaches outside): one
    that answers, and one that fails, which must not stop the deploy."""
    web.routes["/feed.xml"] = answer(body=FEED, headers={"Content-Type": "application/rss+xml"})
    web.routes["/broken.xml"] = answer(500, "down")
    contacts = site / "content" / "contacts" / "colleagues.yaml"
    text = contacts.read_text(encoding="utf-8")
    assert "feed: https://mentor.example.org/feed.xml" in text
    text = text.replace("https://mentor.example.org/feed.xml", web.url("/feed.xml"))
    contacts.write_text(text + f"  - name: Broken Feed\n    feed: {web.url('/broken.xml')}\n", encoding="utf-8")


def _assert_fetched(site: Path, web: LocalWeb) -> None:
    assert len(web.requested("/feed.xml")) == 1 and len(web.requested("/broken.xml")) == 1
    assert web.requested("/feed.xml")[0].headers["user-agent"].startswith(f"plnsite/{__version__} (+")
    snapshot = site / ".plnsite-cache" / "network"
    assert snapshot.is_dir() and any(b"A post from the mentor" in p.read_bytes() for p in snapshot.rglob("*") if p.is_file())


def _runner(tmp_path: Path, gitconfig: Path) -> dict[str, str]:
    """A fresh virtualenv, and the environment of a runner that has it on PATH."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    ours = str(Path(sys.executable).parent)  # this test run's virtualenv: not on the runner
    path = [str(venv / "bin")] + [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != ours]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PATH=os.pathsep.join(path), VIRTUAL_ENV=str(venv), GIT_CONFIG_GLOBAL=str(gitconfig),
               GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", PIP_NO_INPUT="1")
    return env


def _bash(script: str, cwd: Path, env: dict[str, str]) -> None:
    """A `run:` step as GitHub runs it (bash --noprofile --norc -eo pipefail)."""
    bash = require_tool("bash")
    proc = subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"$ {script}\n{proc.stdout}\n{proc.stderr}"


def _installed_plnsite(env: dict[str, str], cwd: Path) -> dict:
    """Which plnsite the runner's `python` has, and where pip says it came from."""
    code = ("import importlib.metadata as m, json, plnsite; d = m.distribution('plnsite'); "
            "print(json.dumps({'version': plnsite.__version__, 'file': plnsite.__file__, "
            "'direct_url': json.loads(d.read_text('direct_url.json') or 'null')}))")
    proc = subprocess.run(["python", "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _assert_installed_from_the_pin(env: dict[str, str], cwd: Path, pinned: re.Match) -> None:
    installed = _installed_plnsite(env, cwd)
    assert installed["version"] == __version__
    assert installed["file"].startswith(env["VIRTUAL_ENV"])  # not this checkout
    direct = installed["direct_url"]
    assert direct["url"] == pinned["repository"]
    assert direct["vcs_info"]["vcs"] == "git" and direct["vcs_info"]["requested_revision"] == f"v{__version__}"


# --------------------------------------------------------------------------- what gets published


def _published_files(folder: Path, action: str, include_hidden) -> set[str]:
    """The files actions/upload-pages-artifact@vN puts in the artifact, by its tar command: v3
    leaves out .git and .github; v4 every name that starts with a dot too, and so does v5 unless
    include-hidden-files is true."""
    major = int(action.rpartition("@v")[2].split(".")[0])
    if major not in (3, 4, 5):
        pytest.fail(f"tell this test what upload-pages-artifact v{major} leaves out")
    no_dot_files = major >= 4 and not (major >= 5 and str(include_hidden).lower() == "true")
    files = set()
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if not path.is_file() or {".git", ".github"} & set(parts):
            continue
        if no_dot_files and any(part.startswith(".") for part in parts):
            continue
        files.add("/".join(parts))
    return files


def _assert_a_site_for(url: str, public: Path, published: set[str]) -> None:
    """Published: the pages, the feeds, the well-known blogroll; not the manifest. Every link to
    the site itself points under its address (a project page's sub-path included)."""
    assert MANIFEST not in published
    assert {"index.html", "404.html", "feed.xml", "network.opml", ".well-known/recommendations.opml",
            "notes/welcome/index.html"} <= published
    base = urlsplit(url + "/")
    links = 0
    for rel in sorted(p for p in published if p.endswith(".html")):
        page = html.fromstring((public / rel).read_bytes())
        for value in page.xpath("//@href | //@src"):
            target = urlsplit(value)
            if target.scheme in ("", "http", "https") and target.netloc in ("", base.netloc) and target.path.startswith("/"):
                links += 1
                assert target.path.startswith(base.path), f"{rel}: {value} is outside {url}/"
                assert not target.netloc or target.scheme == "https", f"{rel}: {value}"
    assert links > 50  # the check above did look at the site's links
    home = (public / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}/">' in home
    assert f"<link>{url}/" in (public / "feed.xml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the two hosts


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return pytest.importorskip("tomli")
    return tomllib


def _expand(text: str, outputs: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        if match[1] not in outputs:
            pytest.fail(f"tell this test what ${{{{ {match[1]} }}}} is on a runner")
        return outputs[match[1]]

    return EXPRESSION.sub(value, text)


def test_the_starter_workflow_installs_the_pinned_plnsite_builds_and_publishes(site_files, pinned, gitconfig,
                                                                                tmp_path, web):
    site = _site(site_files, tmp_path / "site")
    _follow_local(site, web)
    workflow = yaml.safe_load(site_files[".github/workflows/pages.yml"])
    env = _runner(tmp_path, gitconfig)
    outputs: dict[str, str] = {}
    published: set[str] | None = None
    for step in workflow["jobs"]["build"]["steps"]:
        action = step.get("uses", "")
        name = action.partition("@")[0]
        if "run" in step:
            _bash(_expand(step["run"], outputs), site, env)
        elif name == "actions/checkout":
            pass  # the site's files are the working directory
        elif name == "actions/setup-python":
            assert step["with"]["python-version"]  # the runner venv's Python stands in for it
            assert (site / step["with"]["cache-dependency-path"]).is_file()
        elif name == "actions/configure-pages":
            outputs[f"steps.{step['id']}.outputs.base_url"] = PAGES_URL
        elif name == "actions/cache":
            pass  # a first run: nothing to restore
        elif name == "actions/upload-pages-artifact":
            folder = site / step["with"]["path"]
            published = _published_files(folder, action, step["with"].get("include-hidden-files"))
        else:
            pytest.fail(f"tell this test what the step {action or step} does")
    assert published is not None, "nothing was uploaded"
    _assert_fetched(site, web)
    _assert_installed_from_the_pin(env, site, pinned)
    _assert_a_site_for(PAGES_URL, site / "public", published)

    # The plnsite installed from the pin makes sites that pin it in the same way.
    _bash("plnsite init again", tmp_path, env)
    assert (tmp_path / "again" / "requirements.txt").read_bytes() == site_files["requirements.txt"]


def test_the_starter_netlify_production_command_installs_the_pin_and_builds(site_files, pinned, gitconfig,
                                                                            tmp_path):
    site = _site(site_files, tmp_path / "site")
    conf = _toml().loads(site_files["netlify.toml"].decode())
    env = {**_runner(tmp_path, gitconfig), "CONTEXT": "production", "URL": NETLIFY_URL,
           "DEPLOY_PRIME_URL": "https://main--learner-portfolio.netlify.app", "NETLIFY_CACHE_DIR": str(tmp_path / "cache")}
    with LocalWeb() as web:
        _follow_local(site, web)
        _bash(conf["context"]["production"]["command"], site, env)
    _assert_fetched(site, web)
    assert any((tmp_path / "cache").rglob("*")), "the snapshot is kept in Netlify's cache folder"
    _assert_installed_from_the_pin(env, site, pinned)
    public = site / conf["build"]["publish"]
    published = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    _assert_a_site_for(NETLIFY_URL, public, published)
