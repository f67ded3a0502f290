"""Write faults leave the previous output whole: a folder that refuses, a full disk, a name that
is a file in one place and a folder in another, a build killed while it writes. Each gives one
message naming the path and the cause, exit 1, no traceback; ``public/`` is byte for byte as it
was, with no temporary files; and what a killed build left is removed by the next one.

The real CLI throughout (in-process, or ``python -m plnsite`` where a fault needs a process of
its own). Running as root, permissions apply only once the child has dropped its capabilities
(``setpriv``); a full disk is a real tmpfs mounted in a mount namespace of the child's own
(``unshare``). Where those are not possible the test is skipped with the reason, and the
always-available fault is a child whose binary files fail with ENOSPC after N bytes (or that
kills itself there, or at the k-th rename into the output folder): see FAULTY below.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

try:
    from plnsite.atomic import temp_owner
except ImportError:  # (only to run these tests against an older plnsite)
    temp_owner = lambda name: None  # noqa: E731
from plnsite.output import MANIFEST

ROOT = Path(__file__).resolve().parents[1]
NOTE = "---\ntitle: {title}\ntags: [{tag}]\n---\n{body}\n"
SITE = {
    "site.yaml": "title: Faults\nbase_url: https://example.org/\n",
    "notes/2024-01-01-alpha.md": NOTE.format(title="Alpha", tag="pln", body="Alpha body."),
    "notes/2024-02-01-beta.md": NOTE.format(title="Beta", tag="pln", body="Beta body."),
    "pages/now.md": "---\ntitle: Now\n---\nWhat I do now.\n",
    "static/css/extra.css": "p { color: teal; }\n",
}

# A child whose binary writes fail after FAULT_BYTES bytes (a full disk: the write that crosses
# the line is cut short and raises ENOSPC), or that kills itself there (FAULT_ACTION=kill), at
# the FAULT_MOVE-th os.rename into FAULT_DIR (a staged page moved beside its place), or at the
# FAULT_RENAME-th os.replace into FAULT_DIR (a kill while files are put in place; with
# FAULT_ACTION=eio, that rename fails with an I/O error instead). It patches Python's file
# layer only (io.open, which builtins.open and os.fdopen use, os.rename and os.replace), never
# plnsite: the code under test runs as it always does.
FAULTY = textwrap.dedent("""\
    import builtins, errno, io, os, signal, sys
    budget = int(os.environ.get("FAULT_BYTES", "-1"))
    action = os.environ.get("FAULT_ACTION", "enospc")
    renames = int(os.environ.get("FAULT_RENAME", "0"))
    moves = int(os.environ.get("FAULT_MOVE", "0"))
    folder = os.environ.get("FAULT_DIR", "")

    class Budgeted:
        def __init__(self, handle):
            self._handle = handle
        def write(self, data):
            global budget
            if budget >= 0 and len(data) > budget:
                if action == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                self._handle.write(bytes(memoryview(data)[:budget]))
                budget = 0
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            if budget >= 0:
                budget -= len(data)
            return self._handle.write(data)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)
        def __getattr__(self, name):
            return getattr(self._handle, name)

    real_open = io.open
    class FaultyOpen:  # an object, not a function: Python 3.10's pathlib keeps io.open as a
        def __call__(self, file, mode="r", *args, **kwargs):  # class attribute, and would bind one
            handle = real_open(file, mode, *args, **kwargs)
            return Budgeted(handle) if "b" in mode and any(c in mode for c in "wax+") else handle
    builtins.open = io.open = FaultyOpen()

    real_replace, real_rename = os.replace, os.rename
    def faulty_replace(src, dst, *args, **kwargs):
        global renames
        if renames and os.path.abspath(dst).startswith(folder + os.sep):
            renames -= 1
            if renames == 0 and action == "eio":
                raise OSError(errno.EIO, os.strerror(errno.EIO), dst)
            if renames == 0:
                os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)
    def faulty_rename(src, dst, *args, **kwargs):
        global moves
        if moves and os.path.abspath(dst).startswith(folder + os.sep):
            moves -= 1
            if moves == 0:
                os.kill(os.getpid(), signal.SIGKILL)
        return real_rename(src, dst, *args, **kwargs)
    os.replace, os.rename = faulty_replace, faulty_rename

    sys.argv = ["plnsite", *sys.argv[1:]]
    from plnsite.cli import entry
    entry()
    """)


# ------------------------------------------------------------------------------------ helpers


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, with its path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = None if path.is_dir() and not path.is_symlink() else path.read_bytes()
    return found


def leftovers(root: Path) -> list[str]:
    """Temporary files or folders of a write, and staging folders, anywhere under ``root``."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if temp_owner(p.name) is not None
                  or "plnsite-staging" in p.name or "plnsite-tmp" in p.name
                  or (p.name.startswith(".") and p.name.endswith(".tmp")))


def write(content: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def plnsite(*args: str, cwd: Path, prefix=(), env=None) -> tuple[int, str, str]:
    """``python -m plnsite ARGS`` (or FAULTY, when ``env`` sets a fault) in ``cwd``."""
    code = ["-c", FAULTY] if env else ["-m", "plnsite"]
    proc = subprocess.run([*prefix, sys.executable, *code, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, check=False, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def no_caps() -> list[str]:
    """The prefix that runs a command with permissions applying to it."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): cannot drop the capabilities that "
                    "override file permissions")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]


def chmod_tree(folder: Path, mode: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(mode)


def failed(err: str) -> list[str]:
    assert "Traceback" not in err, err
    return err.splitlines()


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """SITE and its first build in public/, made once (a process each time took seconds)."""
    root = tmp_path_factory.mktemp("faults") / "site"
    write(root / "content", SITE)
    code, out, err = plnsite("build", "--no-cache", "-j", "1", cwd=root)
    assert code == 0, err
    return root


@pytest.fixture
def site(first_build, tmp_path, monkeypatch):
    """The site root (content/ in it, the current folder) and its first build in public/: a
    copy of ``first_build`` of the test's own."""
    root = tmp_path / "site"
    shutil.copytree(first_build, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def change(root: Path) -> None:
    """An edit, a new note (a new folder) and a removed one: every kind of write."""
    write(root / "content", {
        "notes/2024-01-01-alpha.md": NOTE.format(title="Alpha", tag="pln", body="Alpha, edited."),
        "notes/2024-03-01-gamma.md": NOTE.format(title="Gamma", tag="new", body="Gamma body."),
    })
    (root / "content" / "notes" / "2024-02-01-beta.md").unlink()


def same_as_a_fresh_build(root: Path, search: bool = True) -> None:
    """``search=False``: but for the search index, which serve -o does not write."""
    code, _, err = plnsite("build", "--no-cache", "-o", "fresh", cwd=root)
    assert code == 0, err
    if search:
        assert snapshot(root / "public") == snapshot(root / "fresh")
        return
    public, fresh = snapshot(root / "public"), snapshot(root / "fresh")
    for files in (public, fresh):
        manifest = json.loads(files.pop(".plnsite-manifest.json"))
        files[".plnsite-manifest.json"] = [f for f in manifest if not f.startswith("pagefind/")]
        for name in [f for f in files if f.startswith("pagefind")]:
            del files[name]
    assert public == fresh
    shutil.rmtree(root / "fresh")


# ------------------------------------------------------------ a file where a folder is needed


def test_a_static_file_beside_a_page_of_its_name_is_one_error_naming_both(site_factory, run_cli, tmp_path):
    site_factory({**SITE, "static/about": "a file\n", "pages/about.md": "---\ntitle: About\n---\nMe.\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err) == [
        "content/static/about: error: 'about' is a file here, but 'about/index.html' made by "
        "content/pages/about.md:1 needs a folder there",
        "build failed: 1 error; nothing was written"]
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [".plnsite-cache", "content"]


def test_a_bundle_file_where_a_static_folder_is_needed_is_one_error(site_factory, run_cli):
    site_factory({**SITE, "notes/2024-04-01-trip/index.md": "---\ntitle: Trip\n---\nSee the map.\n",
                  "notes/2024-04-01-trip/map": "a bundle's file\n",
                  "static/notes/trip/map/big.svg": "<svg/>\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err) == [
        "content/notes/2024-04-01-trip/map: error: 'notes/trip/map' is a file here, but 'notes/trip/map/big.svg' "
        "made by content/static/notes/trip/map/big.svg needs a folder there",
        "build failed: 1 error; nothing was written"]


def test_a_built_in_page_below_a_static_file_is_reported_at_the_static_file(site_factory, run_cli):
    site_factory({**SITE, "static/tags": "not a folder\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err)[0] == ("content/static/tags: error: 'tags' is a file here, but 'tags/index.html' made by "
                              "the tags page needs a folder there")


def test_a_static_file_below_a_built_in_file_is_reported_at_the_static_file(site_factory, run_cli):
    site_factory({**SITE, "static/robots.txt/x.txt": "under a file\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err)[0] == ("content/static/robots.txt/x.txt: error: 'robots.txt/x.txt' needs a folder "
                              "'robots.txt', but the robots page makes a file there")


def test_a_clash_with_an_earlier_build_leaves_its_output_whole(site, run_cli):
    before = snapshot(site / "public")
    write(site / "content", {"static/now": "x\n"})  # the page now/ is there already
    code, _, err = run_cli("build")
    assert code == 1 and "'now' is a file here" in err
    assert snapshot(site / "public") == before


def test_an_old_file_where_a_folder_is_now_needed_is_replaced_and_back(site, run_cli):
    content = site / "content"
    write(content, {"static/about": "the old about file\n"})
    assert run_cli("build")[0] == 0
    assert (site / "public" / "about").read_text() == "the old about file\n"
    (content / "static" / "about").unlink()
    write(content, {"pages/about.md": "---\ntitle: About\n---\nMe.\n", "static/about-more/x.txt": "x\n"})
    code, _, err = run_cli("build")
    assert code == 0, err
    assert b"Me." in (site / "public" / "about" / "index.html").read_bytes()
    assert "about/index.html" in json.loads((site / "public" / MANIFEST).read_text())
    # ... and back: the page's folder (only the last build's files in it) becomes a file.
    (content / "pages" / "about.md").unlink()
    write(content, {"static/about": "a file again\n"})
    code, _, err = run_cli("build")
    assert code == 0, err
    assert (site / "public" / "about").read_text() == "a file again\n"
    assert leftovers(site) == []
    same_as_a_fresh_build(site)


def test_a_users_file_in_the_way_is_an_error_and_nothing_changes(site, run_cli):
    public = site / "public"
    (public / "about").write_text("the user's own file\n")
    write(site / "content", {"pages/about.md": "---\ntitle: About\n---\nMe.\n"})
    before = snapshot(public)
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err) == [
        "public/about/index.html: error: cannot write: 'public/about' is a file that plnsite did not write, "
        "where a folder is needed (move it away)",
        "build failed: 1 error; nothing was written"]
    assert snapshot(public) == before and leftovers(site) == []


def test_a_users_folder_in_the_way_is_an_error_and_nothing_changes(site, run_cli):
    public = site / "public"
    (public / "badge.svg").mkdir()
    (public / "badge.svg" / "mine.txt").write_text("the user's\n")
    write(site / "content", {"static/badge.svg": "<svg/>\n", "notes/2024-01-01-alpha.md": "---\ntitle: A2\n---\n"})
    before = snapshot(public)
    code, _, err = run_cli("build")
    assert code == 1
    assert failed(err)[0] == ("public/badge.svg: error: cannot write: 'public/badge.svg' is a folder holding files "
                              "that plnsite did not write, where a file is needed (move it away)")
    assert snapshot(public) == before and leftovers(site) == []


# ------------------------------------------------------------------------------ permissions


def test_an_output_folder_that_is_not_writable_is_one_error_and_left_whole(site):
    prefix = no_caps()
    public = site / "public"
    before = snapshot(public)
    change(site)
    chmod_tree(public, 0o555)
    try:
        code, _, err = plnsite("build", "--no-cache", cwd=site, prefix=prefix)
    finally:
        chmod_tree(public, 0o755)
    assert code == 1
    assert failed(err)[2:] == ["build failed: 2 errors; nothing was written"]
    # The page, its link-preview card (card.png) and the search index's files that held the removed note.
    assert re.fullmatch(r"public/notes/beta/(card\.png|index\.html): error: cannot remove: permission denied"
                        r"( \(and \d+ more files?\))?", failed(err)[1]), err
    assert re.fullmatch(r"public/[^:]+: error: cannot write: permission denied \(and \d+ more files\)",
                        failed(err)[0]), err
    assert snapshot(public) == before
    assert leftovers(site) == []


def test_a_subfolder_that_is_not_writable_leaves_no_half_update(site):
    """Was: the sitemap listed the new note, whose page was never written."""
    prefix = no_caps()
    public = site / "public"
    before = snapshot(public)
    change(site)
    chmod_tree(public / "notes", 0o555)
    try:
        code, _, err = plnsite("build", "--no-cache", cwd=site, prefix=prefix)
    finally:
        chmod_tree(public / "notes", 0o755)
    assert code == 1
    assert re.fullmatch(r"public/notes/[^:]+: error: cannot write: permission denied( \(and \d+ more files?\))?",
                        failed(err)[0]), err
    assert snapshot(public) == before
    assert b"gamma" not in (public / "sitemap.xml").read_bytes()
    assert leftovers(site) == []
    code, _, err = plnsite("build", "--no-cache", cwd=site)  # writable again: all of it, at once
    assert code == 0, err
    same_as_a_fresh_build(site)


def test_an_old_file_that_cannot_be_removed_stops_the_write_before_it_starts(site):
    prefix = no_caps()
    public = site / "public"
    before = snapshot(public)
    change(site)  # drops the note beta
    (public / "notes" / "beta").chmod(0o555)
    try:
        code, _, err = plnsite("build", "--no-cache", cwd=site, prefix=prefix)
    finally:
        (public / "notes" / "beta").chmod(0o755)
    assert code == 1
    assert failed(err) == ["public/notes/beta/card.png: error: cannot remove: permission denied (and 1 more file)",
                           "build failed: 1 error; nothing was written"]
    assert snapshot(public) == before


def test_an_output_folder_that_cannot_be_made_is_one_error(site):
    prefix = no_caps()
    (site / "locked").mkdir(mode=0o555)
    code, _, err = plnsite("build", "--no-cache", "-o", "locked/public", cwd=site, prefix=prefix)
    assert code == 1
    assert failed(err) == ["locked/public: error: cannot write: permission denied",
                           "build failed: 1 error; nothing was written"]
    assert list((site / "locked").iterdir()) == []


def test_an_output_path_that_is_a_file_is_refused(site, run_cli):
    (site / "out.txt").write_text("mine\n")
    code, _, err = run_cli("build", "-o", "out.txt")
    assert code == 1
    assert failed(err) == ["error: refusing to write into 'out.txt': it is a file, not a folder",
                           "build failed: 1 error; nothing was written"]
    assert (site / "out.txt").read_text() == "mine\n"


# ------------------------------------------------------------------------- a full disk (tmpfs)


DISK_FULL = textwrap.dedent("""\
    import json, os, shutil, subprocess, sys
    mnt, site = sys.argv[1], sys.argv[2]
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "plnsite-test", mnt], capture_output=True)
    if done.returncode:
        print(json.dumps({"skip": done.stderr.decode(errors="replace").strip()}))
        sys.exit(0)
    def plnsite(*args):
        proc = subprocess.run([sys.executable, "-m", "plnsite", *args], cwd=site, capture_output=True, text=True)
        return [proc.returncode, proc.stderr]
    def tree(folder):
        found = {}
        for top, dirs, files in os.walk(folder):
            for name in dirs:
                found[os.path.relpath(os.path.join(top, name), folder)] = None
            for name in files:
                with open(os.path.join(top, name), "rb") as handle:
                    found[os.path.relpath(os.path.join(top, name), folder)] = handle.read().hex()
        return found
    report = {"first": plnsite("build", "--no-cache", "-o", mnt + "/public")}
    report["before"] = tree(mnt)
    with open(mnt + "/filler", "wb", buffering=0) as filler:  # the disk fills up (another program's file)
        try:
            while True:
                filler.write(b"\\0" * 4096)
        except OSError:
            pass
    os.truncate(mnt + "/filler", os.path.getsize(mnt + "/filler") - 8192)  # two pages of room left
    with open(os.path.join(site, "content/notes/2024-03-01-gamma.md"), "w") as note:
        note.write("---\\ntitle: Gamma\\n---\\n" + "Gamma is long. " * 4000 + "\\n")
    report["full"] = plnsite("build", "--no-cache", "-o", mnt + "/public")
    report["first_into_full"] = plnsite("build", "--no-cache", "-o", mnt + "/other")
    report["after"] = tree(mnt)
    os.unlink(mnt + "/filler")
    report["room_again"] = plnsite("build", "--no-cache", "-o", mnt + "/public")
    report["gamma"] = os.path.isfile(mnt + "/public/notes/gamma/index.html")
    report["leftovers"] = sorted(p for p in tree(mnt) if "plnsite-" in p and "manifest" not in p)
    print(json.dumps(report))
    """)


def test_a_full_disk_is_one_error_and_leaves_the_output_whole(site, tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("mounting a small tmpfs needs root and unshare (util-linux)")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    proc = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, "-c", DISK_FULL,
                           str(mnt), str(site)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    if proc.returncode and "unshare" in proc.stderr:
        pytest.skip(f"no mount namespace here: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    if "skip" in report:
        pytest.skip(f"tmpfs not permitted here: {report['skip']}")
    assert report["first"][0] == 0, report["first"]
    code, err = report["full"]
    assert code == 1
    lines = failed(err)
    assert len(lines) == 2, err
    assert re.fullmatch(rf"{re.escape(str(mnt))}/public/[^:]+: error: cannot write: no space left on device"
                        r"( \(and \d+ more files?\))?", lines[0]), err
    assert lines[1] == "build failed: 1 error; nothing was written"
    code, err = report["first_into_full"]
    assert code == 1 and "no space left on device" in err and "Traceback" not in err
    before = {k: v for k, v in report["before"].items()}
    after = {k: v for k, v in report["after"].items() if k != "filler"}
    assert after == before, "the output is as it was, and nothing else is left on the disk"
    assert report["room_again"][0] == 0, report["room_again"]
    assert report["gamma"] and report["leftovers"] == []


# ------------------------------------------------------------- a writer that fails after N bytes


@pytest.mark.parametrize("budget", [0, 3000, 30000])
def test_a_write_that_fails_after_n_bytes_leaves_the_output_whole(site, budget):
    public = site / "public"
    before = snapshot(public)
    change(site)
    code, _, err = plnsite("build", "--no-cache", "-j", "1", cwd=site, env={"FAULT_BYTES": str(budget)})
    assert code == 1
    lines = failed(err)
    # The search index is made first, in a folder of its own: with no room, it says so too.
    search = [line for line in lines if line.startswith("warning: search: ")]
    assert search in ([], ["warning: search: the search index could not be made (No space left on device); "
                           "the site is built without one (its /search/ page says so)"]), err
    lines = [line for line in lines if line not in search]
    assert re.fullmatch(r"public/[^:]+: error: cannot write: no space left on device( \(and \d+ more files?\))?",
                        lines[0]), err
    assert lines[1:] == [f"build failed: 1 error{', 1 warning' if search else ''}; nothing was written"]
    assert snapshot(public) == before
    assert leftovers(site) == []
    assert plnsite("build", "--no-cache", cwd=site)[0] == 0
    same_as_a_fresh_build(site)


@pytest.mark.parametrize("budget", [0, 30000])
def test_a_first_build_that_fails_after_n_bytes_makes_no_folder(site_factory, budget):
    root = site_factory(SITE).parent
    code, _, err = plnsite("build", "--no-cache", "-j", "1", cwd=root, env={"FAULT_BYTES": str(budget)})
    assert code == 1 and "no space left on device" in err and "Traceback" not in err
    assert sorted(p.name for p in root.iterdir()) == ["content"]


# ----------------------------------------------------------------------- killed builds


@pytest.mark.parametrize("fault", [{"FAULT_BYTES": "0"}, {"FAULT_BYTES": "3000"}, {"FAULT_MOVE": "3"}])
def test_a_build_killed_while_writing_is_cleaned_up_and_repaired_by_the_next(site, fault):
    change(site)
    code, _, _ = plnsite("build", "--no-cache", "-j", "1", cwd=site,
                         env={**fault, "FAULT_ACTION": "kill", "FAULT_DIR": str(site / "public")})
    assert code == -signal.SIGKILL
    left = leftovers(site)
    assert [p for p in left if "plnsite-staging" in p], "the killed build left its staging folder"
    if "FAULT_MOVE" in fault:
        assert len([p for p in left if p.startswith("public/")]) == 2, "and two pages beside their places"
    code, _, err = plnsite("build", "--no-cache", cwd=site)
    assert code == 0, err
    assert leftovers(site) == []
    same_as_a_fresh_build(site)


# Renames, deepest first: the manifest, alpha's page, gamma's card.png and page, then the lists.
@pytest.mark.parametrize("rename", [2, 5])
def test_a_build_killed_while_renaming_into_place_is_repaired_by_the_next(site, rename):
    change(site)
    code, _, _ = plnsite("build", "-j", "1", cwd=site,
                         env={"FAULT_RENAME": str(rename), "FAULT_DIR": str(site / "public")})
    assert code == -signal.SIGKILL
    public = site / "public"
    if b"gamma" in (public / "sitemap.xml").read_bytes():  # pages go in place before the lists that name them
        assert (public / "notes" / "gamma" / "index.html").is_file()
    if rename == 5:
        assert (public / "notes" / "gamma" / "index.html").is_file() and b"gamma" not in (public / "sitemap.xml").read_bytes()
    # The user takes the new note out again: the killed build's page of it goes too.
    (site / "content" / "notes" / "2024-03-01-gamma.md").unlink()
    code, _, err = plnsite("build", cwd=site)
    assert code == 0, err
    assert not (site / "public" / "notes" / "gamma").exists()
    assert leftovers(site) == []
    same_as_a_fresh_build(site)


def test_a_rename_that_fails_says_the_folder_is_partly_updated_and_the_next_build_repairs_it(site):
    change(site)
    code, _, err = plnsite("build", "-j", "1", cwd=site,
                           env={"FAULT_RENAME": "3", "FAULT_ACTION": "eio", "FAULT_DIR": str(site / "public")})
    assert code == 1
    assert re.fullmatch(r"public/[^:]+: error: cannot write: input/output error \(the output folder is partly "
                        r"updated; the next build repairs it\)", failed(err)[0]), err
    assert failed(err)[1:] == ["build failed: 1 error; the output folder is partly updated"]
    assert leftovers(site) == []
    code, _, err = plnsite("build", cwd=site)
    assert code == 0, err
    same_as_a_fresh_build(site)


def test_a_build_killed_mid_rename_then_undone_is_repaired_by_the_cached_build(site):
    """The build state must not vouch for files a killed build may have replaced."""
    alpha = site / "content" / "notes" / "2024-01-01-alpha.md"
    assert plnsite("build", cwd=site)[0] == 0  # with the cache: a build state is saved
    original = alpha.read_text()
    alpha.write_text(original.replace("Alpha body.", "Alpha, briefly different."))
    code, _, _ = plnsite("build", "-j", "1", cwd=site,
                         env={"FAULT_RENAME": "3", "FAULT_DIR": str(site / "public")})
    assert code == -signal.SIGKILL
    alpha.write_text(original)
    assert plnsite("build", cwd=site)[0] == 0
    same_as_a_fresh_build(site)


# --------------------------------------------------------------- leftovers of other builds


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_leftovers_of_dead_builds_are_removed_and_a_live_ones_kept(site, run_cli):
    public = site / "public"
    dead = dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        stale = site / f".public.plnsite-staging-{dead}"
        (stale / "notes").mkdir(parents=True)
        (stale / "notes" / "big.html").write_bytes(b"x" * 10000)
        old = site / f".public.plnsite-staging-{os.getppid()}"  # running, but two days old: not a build
        old.mkdir()
        os.utime(old, (time.time() - 2 * 86400,) * 2)
        running = site / f".public.plnsite-staging-{live.pid}"
        running.mkdir()
        (public / "notes" / "alpha" / f".index.html.plnsite-{dead}-7.tmp").write_bytes(b"")
        (public / "notes" / "new").mkdir()
        (public / "notes" / "new" / f".index.html.plnsite-{dead}-8.tmp").write_bytes(b"half")
        (public / f".about.plnsite-{dead}-9.tmp").mkdir()
        (public / f".about.plnsite-{dead}-9.tmp" / "index.html").write_bytes(b"")
        (public / f".feed.xml.plnsite-{os.getpid()}-3.tmp").write_bytes(b"")  # this process's: none running
        theirs = public / f".index.html.plnsite-{live.pid}-1.tmp"
        theirs.write_bytes(b"")
        ancient = public / f".robots.txt.plnsite-{live.pid}-2.tmp"
        ancient.write_bytes(b"")
        os.utime(ancient, (time.time() - 2 * 86400,) * 2)  # two days: its process id is someone else's now
        (public / "notes.tmp").write_text("the user's own, not a leftover\n")
        # Earlier versions' names, ".NAME.plnsite-tmp" and mkstemp's, for files the last build wrote.
        (public / "notes" / "alpha" / ".index.html.plnsite-tmp").write_bytes(b"")
        (public / ".feed.xml.k3j_9x2a.tmp").write_bytes(b"")
        (public / ".mine.k3j_9x2a.tmp").write_text("not for a file plnsite wrote: the user's\n")
        code, _, err = run_cli("build")
        assert code == 0, err
        assert leftovers(site) == [f".public.plnsite-staging-{live.pid}", f"public/.index.html.plnsite-{live.pid}-1.tmp",
                                   "public/.mine.k3j_9x2a.tmp"]
        assert not (public / "notes" / "new").exists() and (public / "notes.tmp").exists()
        assert running.is_dir() and theirs.exists()
    finally:
        live.kill()
        live.wait()


def test_an_earlier_versions_temporary_files_are_removed_by_the_first_build(site, run_cli):
    """They carry no process id and no staging folder points to them: the first build into a
    folder (with the cache: once; without it: every build) looks for them."""
    public = site / "public"
    (public / "notes" / "alpha" / ".index.html.plnsite-tmp").write_bytes(b"")
    (public / "tags" / "pln" / ".feed.xml.ab_3k9zq.tmp").write_bytes(b"")
    assert run_cli("build")[0] == 0
    assert leftovers(site) == []
    (public / ".sitemap.xml.plnsite-tmp").write_bytes(b"")
    assert run_cli("build", "--no-cache")[0] == 0
    assert leftovers(site) == []


# ---------------------------------------------------------------- serve -o (a session's writes)


def test_a_session_write_that_fails_is_retried_whole_by_the_next(site, monkeypatch):
    """serve -o writes through publish with the session's memo, comparing only what it rendered:
    after a failed write the next one must still write everything the failed one did not."""
    from plnsite.incremental import BuildMemo
    from plnsite.model import BuildOptions
    from plnsite.output import publish
    from plnsite.serve.rebuild import compressed

    content = site / "content"
    opts = BuildOptions(source=content, cache=False)
    memo = BuildMemo(opts)
    public = site / "public"
    assert publish(opts, public, memo=memo, finish=compressed).ok
    before = snapshot(public)
    (public / "about").write_text("in the way\n")
    write(content, {"pages/about.md": "---\ntitle: About\n---\nMe.\n"})
    memo.forget([(content / "pages" / "about.md").resolve()], rescan=True)
    failed_once = publish(opts, public, memo=memo, finish=compressed)
    assert [str(p) for p in failed_once.problems] == [
        "public/about/index.html: error: cannot write: 'public/about' is a file that plnsite did not write, "
        "where a folder is needed (move it away)"]
    assert snapshot(public) == {**before, "about": b"in the way\n"}
    (public / "about").unlink()
    beta = content / "notes" / "2024-02-01-beta.md"
    beta.write_text(beta.read_text().replace("Beta body.", "Beta, edited."))
    memo.forget([beta.resolve()])
    assert publish(opts, public, memo=memo, finish=compressed).ok
    assert b"Me." in (public / "about" / "index.html").read_bytes()
    assert b"/about/" in (public / "sitemap.xml").read_bytes()
    same_as_a_fresh_build(site, search=False)
