"""output.py: write only what changed, remove only what we wrote, refuse dangerous folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plnsite.atomic import temp_owner
from plnsite.errors import OutputDirError
from plnsite.model import BuildResult, Bytes, Copied, Kept, Staged
from plnsite.output import MANIFEST, Stager, check_output_dir, write_outputs

OLD = 1_000_000_000  # 2001: an mtime no write could leave behind


def result(files: dict[str, bytes | Path]) -> BuildResult:
    outputs = {
        name: Copied(file=name, src=data) if isinstance(data, Path) else Bytes(file=name, body=data)
        for name, data in files.items()
    }
    return BuildResult(outputs=outputs, problems=())


def age(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_first_write(tmp_path):
    out = tmp_path / "public"
    stats = write_outputs(result({"index.html": b"home", "notes/a/index.html": b"a", ".nojekyll": b""}), out)
    assert (stats.written, stats.unchanged, stats.removed) == (3, 0, 0)
    assert tree(out) == {
        ".nojekyll": b"", MANIFEST: tree(out)[MANIFEST], "index.html": b"home", "notes/a/index.html": b"a",
    }
    assert json.loads((out / MANIFEST).read_text()) == [".nojekyll", "index.html", "notes/a/index.html"]


def test_unchanged_files_keep_their_mtimes(tmp_path):
    out = tmp_path / "public"
    files = {"index.html": b"home", "notes/a/index.html": b"a", "feed.xml": b"<rss/>"}
    write_outputs(result(files), out)
    age(out)
    stats = write_outputs(result({**files, "notes/a/index.html": b"a, edited"}), out)
    assert (stats.written, stats.unchanged, stats.removed) == (1, 2, 0)
    assert (out / "index.html").stat().st_mtime == OLD
    assert (out / "feed.xml").stat().st_mtime == OLD
    assert (out / MANIFEST).stat().st_mtime == OLD, "the manifest too, when the file list is the same"
    assert (out / "notes/a/index.html").stat().st_mtime != OLD
    assert (out / "notes/a/index.html").read_bytes() == b"a, edited"


def test_same_size_different_bytes_is_a_change(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"a.txt": b"abc"}), out)
    write_outputs(result({"a.txt": b"xyz"}), out)
    assert (out / "a.txt").read_bytes() == b"xyz"


def test_static_files_are_copied_only_when_changed(tmp_path):
    src = tmp_path / "logo.svg"
    src.write_bytes(b"<svg/>")
    out = tmp_path / "public"
    assert write_outputs(result({"img/logo.svg": src}), out).written == 1
    age(out)
    assert write_outputs(result({"img/logo.svg": src}), out).unchanged == 1
    assert (out / "img/logo.svg").stat().st_mtime == OLD
    src.write_bytes(b"<svg>new</svg>")
    assert write_outputs(result({"img/logo.svg": src}), out).written == 1
    assert (out / "img/logo.svg").read_bytes() == b"<svg>new</svg>"


def test_stale_files_we_wrote_are_removed_and_empty_folders_pruned(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"index.html": b"h", "notes/a/index.html": b"a", "notes/b/index.html": b"b",
                          "tags/x/feed.xml": b"x"}), out)
    stats = write_outputs(result({"index.html": b"h", "notes/a/index.html": b"a"}), out)
    assert stats.removed == 2
    assert not (out / "notes/b").exists()
    assert not (out / "tags").exists()
    assert sorted(tree(out)) == [MANIFEST, "index.html", "notes/a/index.html"]


def test_the_users_own_files_are_never_deleted(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"index.html": b"h", "notes/b/index.html": b"b"}), out)
    (out / "keep.txt").write_text("mine")
    (out / "notes/b/mine.txt").write_text("mine too")
    (out / ".git").mkdir()
    (out / ".git/HEAD").write_text("ref: refs/heads/gh-pages")
    write_outputs(result({"index.html": b"h"}), out)
    assert (out / "keep.txt").read_text() == "mine"
    assert (out / "notes/b/mine.txt").read_text() == "mine too", "the folder is kept while it is not empty"
    assert not (out / "notes/b/index.html").exists()
    assert (out / ".git/HEAD").exists()


def test_without_a_manifest_nothing_is_removed(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("from some other tool")
    write_outputs(result({"index.html": b"h"}), out)
    assert (out / "old.html").exists()


def test_a_corrupt_manifest_is_ignored(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"a.html": b"a"}), out)
    (out / MANIFEST).write_text("{not json")
    write_outputs(result({"b.html": b"b"}), out)
    assert (out / "a.html").exists(), "unknown provenance: kept"
    assert json.loads((out / MANIFEST).read_text()) == ["b.html"]


def test_a_tampered_manifest_never_deletes_outside_the_folder(tmp_path):
    out = tmp_path / "site" / "public"
    victim = tmp_path / "site" / "victim.txt"
    deep_victim = tmp_path / "victim2.txt"
    for path in (victim, deep_victim):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("precious")
    write_outputs(result({"index.html": b"h"}), out)
    (out / MANIFEST).write_text(json.dumps([
        "../victim.txt", "a/../../victim.txt", "../../victim2.txt", str(deep_victim), "/etc/hostname", 42, None,
    ]))
    stats = write_outputs(result({"index.html": b"h"}), out)
    assert stats.removed == 0
    assert victim.read_text() == "precious" and deep_victim.read_text() == "precious"


def test_a_tampered_manifest_never_deletes_through_a_symlinked_folder(tmp_path):
    out = tmp_path / "public"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "victim.txt").write_text("precious")
    write_outputs(result({"index.html": b"h"}), out)
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    (out / MANIFEST).write_text(json.dumps(["index.html", "linked/victim.txt"]))
    write_outputs(result({"index.html": b"h"}), out)
    assert (elsewhere / "victim.txt").read_text() == "precious"


def test_no_temporary_files_are_left_behind(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"a/b/c.html": b"c", "d.html": b"d"}), out)
    write_outputs(result({"a/b/c.html": b"c2", "d.html": b"d2"}), out)
    assert not [p for p in out.rglob("*") if temp_owner(p.name) is not None or p.name.endswith(".tmp")]


def test_a_file_that_cannot_be_written_leaves_the_folder_as_it_was(tmp_path):
    """All or nothing: the other files, new folders and removals wait for every file to be written."""
    out = tmp_path / "public"
    old = {"index.html": b"home", "notes/a/index.html": b"a", "notes/b/index.html": b"b"}
    write_outputs(result(old), out)
    before = tree(out)
    folders = sorted(p for p in out.rglob("*") if p.is_dir())
    stats = write_outputs(result({"index.html": b"home, edited", "notes/a/index.html": b"a",
                                  "notes/c/index.html": b"new", "css/x.css": tmp_path / "gone.css",
                                  "css/y.css": tmp_path / "gone-too.css"}), out)
    assert [str(p) for p in stats.problems] == [
        f"{out}/css/x.css: error: cannot copy '{tmp_path}/gone.css': no such file or directory",
        f"{out}/css/y.css: error: cannot copy '{tmp_path}/gone-too.css': no such file or directory"]
    assert stats.written == 0
    assert tree(out) == before
    assert sorted(p for p in out.rglob("*") if p.is_dir()) == folders, "the folders it made are gone"


def test_failures_of_one_cause_are_one_problem_naming_the_first_file(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    for name in ("b", "a", "c"):
        (out / name).write_text("the user's own file")
    stats = write_outputs(result({"c/x.html": b"1", "a/x.html": b"2", "a/y.html": b"3", "b/x.html": b"4"}), out)
    assert [str(p) for p in stats.problems] == [
        f"{out}/a/x.html: error: cannot write: '{out}/a' is a file that plnsite did not write, where a folder is "
        "needed (move it away) (and 1 more file)",
        f"{out}/b/x.html: error: cannot write: '{out}/b' is a file that plnsite did not write, where a folder is "
        "needed (move it away)",
        f"{out}/c/x.html: error: cannot write: '{out}/c' is a file that plnsite did not write, where a folder is "
        "needed (move it away)"]
    assert sorted(p.name for p in out.iterdir()) == ["a", "b", "c"]


def test_a_file_of_the_last_build_becomes_a_folder_of_this_one_and_back(tmp_path):
    out = tmp_path / "public"
    write_outputs(result({"a": b"a file", "index.html": b"h"}), out)
    deep = {"a/b/c.html": b"c", "a/d.html": b"d", "index.html": b"h"}
    stats = write_outputs(result(deep), out)
    assert (stats.written, stats.removed, stats.problems) == (2, 1, ())
    assert tree(out) == {**deep, MANIFEST: json.dumps(sorted(deep), indent=0).encode()}
    stats = write_outputs(result({"a": b"a file again", "index.html": b"h"}), out)
    assert (stats.written, stats.removed, stats.problems) == (1, 2, ())
    assert (out / "a").read_bytes() == b"a file again"
    assert [p.name for p in out.iterdir() if temp_owner(p.name) is not None] == []


# ---- folders plnsite refuses ------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("content", "refusing to write into 'content': it is or contains the content folder ('content')"),
        (".", "refusing to write into '.': it is or contains the content folder ('content')"),
        ("..", "refusing to write into '..': it is or contains the content folder ('content')"),
        ("content/public", "refusing to write into 'content/public': it is inside the content folder"),
        ("content/notes/x", "refusing to write into 'content/notes/x': it is inside the content folder"),
        ("public/..", "refusing to write into 'public/..': it is or contains the content folder ('content')"),
    ],
)
def test_refused_output_folders(project, out, message):
    with pytest.raises(OutputDirError) as info:
        check_output_dir(Path(out), project / "content", project)
    assert str(info.value) == message
    assert info.value.exit_code == 1


def test_the_site_folder_itself_is_refused_even_when_content_is_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "proj").mkdir()
    with pytest.raises(OutputDirError) as info:
        check_output_dir(Path("proj"), tmp_path / "src", tmp_path / "proj")
    assert str(info.value) == "refusing to write into 'proj': it is or contains the site folder ('proj')"


def test_a_symlink_to_content_is_refused(project):
    (project / "public").symlink_to(project / "content", target_is_directory=True)
    with pytest.raises(OutputDirError):
        check_output_dir(Path("public"), project / "content", project)


@pytest.mark.parametrize("out", ["public", "build/site", "../elsewhere"])
def test_allowed_output_folders(project, out):
    check_output_dir(Path(out), project / "content", project)


def test_the_cli_refuses_and_writes_nothing(site_factory, run_cli):
    content = site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n"})
    before = sorted(p.as_posix() for p in content.rglob("*"))
    for out in ("content", ".", "content/public"):
        code, stdout, stderr = run_cli("build", "-o", out)
        assert code == 1
        assert stderr.startswith("error: refusing to write into")
        assert "Traceback" not in stderr
    assert sorted(p.as_posix() for p in content.rglob("*")) == before


def test_a_compressed_output_is_written_as_its_plain_bytes(tmp_path):
    """The preview server holds pages gzip-compressed; ``serve --output`` writes them plain."""
    from plnsite.serve.rebuild import compressed

    plain = b"<p>plain</p>\n" * 50
    page = compressed(Bytes(file="a/index.html", body=plain))
    assert page.encoding == "gzip" and page.body != plain
    out = tmp_path / "public"
    assert write_outputs(BuildResult(outputs={page.file: page}, problems=()), out).written == 1
    assert (out / "a" / "index.html").read_bytes() == plain
    assert write_outputs(BuildResult(outputs={page.file: page}, problems=()), out).unchanged == 1


def _staged(stager, files: dict[str, bytes]) -> BuildResult:
    return BuildResult(outputs={name: stager(Bytes(file=name, body=body)) for name, body in files.items()},
                       problems=())


PAGES = {"index.html": b"home", "notes/a/index.html": b"a", "notes/b/index.html": b"b", "feed.xml": b"<rss/>"}


def test_pages_for_a_new_folder_are_staged_as_its_tree_and_renamed_into_place(tmp_path):
    out = tmp_path / "public"
    stager = Stager(out)
    assert stager.tree == stager.stage_dir
    built = _staged(stager, PAGES)
    assert all(isinstance(o, Staged) and o.body is None for o in built.outputs.values())
    assert tree(stager.stage_dir) == PAGES  # the pages at their own paths, nothing else
    folder = os.stat(stager.stage_dir).st_ino
    stats = write_outputs(built, out, staged_tree=stager.tree)
    assert os.stat(out).st_ino == folder  # one rename, not a move per file
    assert not stager.stage_dir.exists()
    assert tree(out) == {**PAGES, MANIFEST: json.dumps(sorted(PAGES), indent=0).encode()}
    assert (stats.written, stats.unchanged, stats.removed) == (4, 0, 0)
    stager.discard()  # nothing left to remove: no error


def test_a_folder_made_meanwhile_gets_the_staged_pages_one_by_one(tmp_path):
    out = tmp_path / "public"
    stager = Stager(out)
    built = _staged(stager, PAGES)
    out.mkdir()
    (out / "notes").mkdir()
    (out / "notes" / "mine.txt").write_bytes(b"the user's")
    write_outputs(built, out, staged_tree=stager.tree)
    stager.discard()
    assert tree(out) == {**PAGES, "notes/mine.txt": b"the user's",
                         MANIFEST: json.dumps(sorted(PAGES), indent=0).encode()}
    assert not stager.stage_dir.exists()


def test_pages_for_an_existing_folder_are_staged_flat_and_unchanged_ones_kept(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_bytes(b"home")
    stager = Stager(out)
    assert stager.tree is None
    built = _staged(stager, PAGES)
    assert isinstance(built.outputs["index.html"], Kept)
    assert {p.parent for p in stager.stage_dir.iterdir()} == {stager.stage_dir} and len(list(stager.stage_dir.iterdir())) == 3
    write_outputs(built, out, staged_tree=stager.tree)
    stager.discard()
    assert tree(out) == {**PAGES, MANIFEST: json.dumps(sorted(PAGES), indent=0).encode()}


# --------------------------------------------------------------------------- publish


def _site(site_factory):
    return site_factory({
        "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\n---\nAlpha.\n",
        "notes/2024-02-01-beta.md": "---\ntitle: Beta\n---\nBeta.\n",
        "static/x.css": "p { color: red; }\n",
    })


def test_publish_writes_a_build_and_a_second_one_changes_nothing(site_factory):
    from plnsite.model import BuildOptions
    from plnsite.output import publish
    from tests.conftest import NOW

    content = _site(site_factory)
    out = content.parent / "public"
    opts = BuildOptions(source=content, now=NOW)
    first = publish(opts, out)
    assert first.ok and first.stats.written == len(first.outputs)
    assert tree(out).keys() == {*first.outputs, MANIFEST}
    assert not list(content.parent.glob(".public.plnsite-staging-*")), "the staging folder is gone"
    age(out)
    again = publish(opts, out)
    assert again.stats.written == 0
    assert all(isinstance(o, (Kept, Copied)) for o in again.outputs.values()), "nothing rendered again"
    assert all(p.stat().st_mtime == OLD for p in out.rglob("*") if p.is_file())


def test_publish_writes_nothing_when_the_build_has_errors(site_factory):
    from plnsite.model import BuildOptions
    from plnsite.output import publish
    from tests.conftest import NOW

    content = _site(site_factory)
    (content / "notes" / "2024-03-01-bad.md").write_text("---\ntitle: [unclosed\n---\nx\n")
    out = content.parent / "public"
    result = publish(BuildOptions(source=content, now=NOW), out)
    assert not result.ok and result.stats.written is None
    assert not out.exists()
    assert not list(content.parent.glob(".public.plnsite-staging-*"))


def test_publish_refuses_a_folder_that_holds_the_content(site_factory):
    from plnsite.model import BuildOptions
    from plnsite.output import publish

    content = _site(site_factory)
    before = tree(content.parent)
    with pytest.raises(OutputDirError):
        publish(BuildOptions(source=content), content.parent)
    assert tree(content.parent) == before


def test_publish_in_a_session_writes_only_what_its_build_rendered(site_factory):
    """The preview server's way (serve -o): its memo, its pages held in memory."""
    from plnsite.incremental import BuildMemo
    from plnsite.model import BuildOptions
    from plnsite.output import publish
    from plnsite.serve.rebuild import compressed
    from tests.conftest import NOW

    content = _site(site_factory)
    out = content.parent / "public"
    opts = BuildOptions(source=content, now=NOW, cache=False)
    memo = BuildMemo(opts)
    first = publish(opts, out, memo=memo, finish=compressed)
    assert tree(out).keys() == {*first.outputs, MANIFEST}
    age(out)
    beta = content / "notes" / "2024-02-01-beta.md"
    beta.write_text(beta.read_text().replace("Beta.", "Beta, edited."))
    memo.forget([beta.resolve()])
    second = publish(opts, out, memo=memo, finish=compressed)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.stat().st_mtime != OLD}
    assert "notes/beta/index.html" in written and "notes/alpha/index.html" not in written
    assert b"Beta, edited." in (out / "notes" / "beta" / "index.html").read_bytes()
    assert second.stats.written == len(written)
