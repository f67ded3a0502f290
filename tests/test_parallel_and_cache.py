"""Output is byte-identical whatever -j and the cache do: one process or several, a cold
cache, a warm one, a corrupt one, or none."""

from __future__ import annotations

import shutil

import pytest

from plnsite.cli import main
from plnsite.output import MANIFEST

N_NOTES = 1100  # enough to cross every parallel threshold: files, Markdown texts and routes


def _site(root):
    content = root / "content"
    (content / "notes").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Many\nbase_url: https://example.org/many/\npaginate: 5\n")
    for n in range(N_NOTES):
        tags = f"[t{n % 7}, shared]"
        link = f"See [[n{n - 1}]]." if n else ""
        (content / "notes" / f"2024-01-{n % 28 + 1:02d}-n{n}.md").write_text(
            f"---\ntitle: Note {n}\ntags: {tags}\n---\nBody of note {n}. {link}\n\n```python\nx = {n}\n```\n")
    return content


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The site built as both tests below begin: with -j 1 and no cache into one/, then with
    -j 2 on a cold cache (filled now) into public/. Built once: each build of 1,100 notes
    takes seconds."""
    root = tmp_path_factory.mktemp("many") / "site"
    _site(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert main(["build", "-j", "1", "--no-cache", "-o", "one"]) == 0
        assert not (root / ".plnsite-cache").exists()
        assert main(["build", "-j", "2"]) == 0  # cold cache, filled now
        assert (root / ".plnsite-cache" / "markdown").is_dir()
    return root


def test_jobs_and_cache_never_change_a_byte(many, monkeypatch, run_cli):
    # In place: the cache names its site's folder, so only there is it warm. This test adds
    # outputs beside public/ and damages the cache, which the other test deletes from its copy.
    root = many
    monkeypatch.chdir(root)
    assert run_cli("build", "-j", "2", "-o", "three")[0] == 0  # warm cache
    for shard in (root / ".plnsite-cache" / "markdown").iterdir():
        shard.write_bytes(b"\x00 not a cache shard")
    (root / ".plnsite-cache" / "build-state.bin").write_bytes(b"garbage")
    assert run_cli("build", "-j", "2", "-o", "four")[0] == 0  # corrupt cache: ignored
    one = _tree(root / "one")
    assert len(one) > 1000
    for other in ("public", "three", "four"):
        assert _tree(root / other) == one, other


def test_deleting_the_cache_is_always_safe(many, tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    shutil.copytree(many, root, symlinks=True)
    monkeypatch.chdir(root)
    first = _tree(root / "public")
    shutil.rmtree(root / ".plnsite-cache")
    code, out, _ = run_cli("build")
    assert code == 0 and "(0 changed)" in out
    assert _tree(root / "public") == first
