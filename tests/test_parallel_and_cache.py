"""Output is byte-identical whatever -j and the cache do: one process or several, a cold
cache, a warm one, a corrupt one, or none."""

from __future__ import annotations

import shutil

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


def test_jobs_and_cache_never_change_a_byte(tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    _site(root)
    monkeypatch.chdir(root)
    assert run_cli("build", "-j", "1", "--no-cache", "-o", "one")[0] == 0
    assert not (root / ".plnsite-cache").exists()
    assert run_cli("build", "-j", "2", "-o", "two")[0] == 0  # cold cache, filled now
    assert (root / ".plnsite-cache" / "markdown").is_dir()
    assert run_cli("build", "-j", "2", "-o", "three")[0] == 0  # warm cache
    for shard in (root / ".plnsite-cache" / "markdown").iterdir():
        shard.write_bytes(b"\x00 not a cache shard")
    (root / ".plnsite-cache" / "build-state.bin").write_bytes(b"garbage")
    assert run_cli("build", "-j", "2", "-o", "four")[0] == 0  # corrupt cache: ignored
    one = _tree(root / "one")
    assert len(one) > 1000
    for other in ("two", "three", "four"):
        assert _tree(root / other) == one, other


def test_deleting_the_cache_is_always_safe(tmp_path, monkeypatch, run_cli):
    root = tmp_path / "site"
    _site(root)
    monkeypatch.chdir(root)
    assert run_cli("build")[0] == 0
    first = _tree(root / "public")
    shutil.rmtree(root / ".plnsite-cache")
    code, out, _ = run_cli("build")
    assert code == 0 and "(0 changed)" in out
    assert _tree(root / "public") == first
