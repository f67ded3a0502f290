"""The load memo (.plnsite-cache/load.bin): unchanged files are not parsed again, and the
result is the same as parsing them; a changed, corrupt or tampered memo is a miss."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil

import pytest

import plnsite.load as load_module
from plnsite.load.memo import MEMO_FILE

from .conftest import SITES
from .test_warm_build import _same_as_fresh


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def parsed(monkeypatch):
    """The note files parsed (not taken from the memo) in this process."""
    seen: list[str] = []
    real = load_module.load_note

    def counting(path, *args, **kwargs):
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(load_module, "load_note", counting)
    return seen


def test_a_second_build_parses_only_the_edited_note(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    assert (site / ".plnsite-cache" / MEMO_FILE).is_file()
    everything = len(parsed)
    assert everything > 3
    parsed.clear()

    note = site / "content" / "notes" / "2024-01-10-first-note.md"
    note.write_text(note.read_text().replace("footnote.", "footnote, edited."))
    assert run_cli("build")[0] == 0
    assert parsed == [note.name]
    assert "footnote, edited." in (site / "public" / "notes" / "first-note" / "index.html").read_text()
    _same_as_fresh(run_cli, site, site / "public")

    parsed.clear()
    assert run_cli("build")[0] == 0
    assert parsed == []


def test_a_new_time_zone_parses_everything_again(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    parsed.clear()
    config = site / "content" / "site.yaml"
    config.write_text(config.read_text() + "\ntimezone: Pacific/Auckland\n")
    assert run_cli("build")[0] == 0
    assert len(parsed) > 3
    _same_as_fresh(run_cli, site, site / "public")


def test_no_cache_neither_reads_nor_writes_it(site, parsed, run_cli):
    assert run_cli("build", "--no-cache")[0] == 0
    assert not (site / ".plnsite-cache" / MEMO_FILE).exists()


def test_a_corrupt_memo_is_ignored(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    memo = site / ".plnsite-cache" / MEMO_FILE
    memo.write_bytes(memo.read_bytes()[: len(memo.read_bytes()) // 2])
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert len(parsed) > 3
    _same_as_fresh(run_cli, site, site / "public")


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_tampered_entry_cannot_run_code(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    memo = site / ".plnsite-cache" / MEMO_FILE
    magic, context, entries = marshal.loads(memo.read_bytes())
    entries = {path: (digest, pickle.dumps(_Boom())) for path, (digest, _) in entries.items()}
    memo.write_bytes(marshal.dumps((magic, context, entries)))
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert not (site / "pwned").exists()
    assert len(parsed) > 3, "every tampered entry was a miss, and parsed again"
    _same_as_fresh(run_cli, site, site / "public")
