"""The load memo (.plnsite-cache/load/, incremental/parse_cache.py): unchanged files are not parsed again, and the
result is the same as parsing them; a changed, corrupt or tampered memo is a miss."""

from __future__ import annotations

import copyreg
import dataclasses
import io
import os
import pickle
import shutil
import time

import pytest

import plnsite.load.notes as notes_module
from plnsite.incremental.parse_cache import FOLDER as MEMO_DIR
from plnsite.incremental.store import decode, encode, load_model
from plnsite.model import Note

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
    real = notes_module.load_note

    def counting(path, *args, **kwargs):
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(notes_module, "load_note", counting)  # load_content imports it when it runs
    return seen


def test_a_second_build_parses_only_the_edited_note(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    assert list((site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"))
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
    config.write_text(config.read_text().replace("timezone: Europe/Berlin", "timezone: Pacific/Auckland"))
    assert run_cli("build")[0] == 0
    assert len(parsed) > 3
    _same_as_fresh(run_cli, site, site / "public")


def test_no_cache_neither_reads_nor_writes_it(site, parsed, run_cli):
    assert run_cli("build", "--no-cache")[0] == 0
    assert not (site / ".plnsite-cache" / MEMO_DIR).exists()


def test_a_corrupt_memo_is_ignored(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    for shard in (site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"):
        shard.write_bytes(shard.read_bytes()[: len(shard.read_bytes()) // 2])
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert len(parsed) > 3
    _same_as_fresh(run_cli, site, site / "public")


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_tampered_entry_cannot_run_code(site, parsed, run_cli):
    assert run_cli("build")[0] == 0
    for shard in (site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"):
        # Written with a valid checksum, as someone who can write the cache could.
        magic, key, (span, entries) = decode(shard, shard.read_bytes())
        entries = {path: (stat, digest, pickle.dumps(_Boom())) for path, (stat, digest, _) in entries.items()}
        shard.write_bytes(encode(shard, magic, key, (span, entries)))
    parsed.clear()
    code, _, err = run_cli("build")
    assert code == 0
    assert "damaged cache record" in err
    assert not (site / "pwned").exists()
    assert len(parsed) > 3, "every tampered entry was a miss, and parsed again"
    _same_as_fresh(run_cli, site, site / "public")


def test_a_memo_written_by_another_python_reads_back(site, parsed, run_cli):
    """Python 3.13 pickles a path as pathlib._local.PosixPath (older ones: pathlib.PosixPath);
    a bundle's note holds the paths of its files. The memo reads them back on any Python."""
    assert run_cli("build")[0] == 0
    for shard in (site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"):
        magic, key, (span, entries) = decode(shard, shard.read_bytes())
        as_313 = {}
        for path, (stat, digest, value) in entries.items():
            text = pickle.dumps(pickle.loads(value), protocol=3)  # protocol 3 names classes as text
            as_313[path] = (stat, digest, text.replace(b"cpathlib\n", b"cpathlib._local\n"))
        shard.write_bytes(encode(shard, magic, key, (span, as_313)))
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert parsed == [], "every entry read back"
    _same_as_fresh(run_cli, site, site / "public")


def _age(folder, seconds: float) -> None:
    """Make every file under ``folder`` look ``seconds`` old (as after a long pause)."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (then, then))


def _notes_opened(monkeypatch) -> list[str]:
    """The names of the Markdown files opened from now on in this process."""
    read: list[str] = []
    real_open = open

    def spying_open(file, *args, **kwargs):
        if str(file).endswith(".md"):
            read.append(os.path.basename(str(file)))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spying_open)
    return read


def test_old_unchanged_files_are_trusted_by_their_stat(site, parsed, run_cli, monkeypatch):
    _age(site / "content", 3600)
    assert run_cli("build")[0] == 0
    read = _notes_opened(monkeypatch)
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert parsed == [] and read == [], "nothing re-read: every note's stat is as recorded"


def test_an_edit_that_keeps_size_and_time_is_still_seen(site, parsed, run_cli):
    # A same-size edit with the old mtime put back is still seen: its ctime changed, and it
    # falls in the window before the memo's save in which a stat is never trusted.
    note = site / "content" / "notes" / "2024-01-10-first-note.md"
    assert run_cli("build")[0] == 0
    before = note.stat()
    text = note.read_text()
    note.write_text(text.replace("footnote.", "FOOTNOTE."))
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert parsed == [note.name]
    assert "FOOTNOTE." in (site / "public" / "notes" / "first-note" / "index.html").read_text()


def test_without_readable_loading_code_there_is_no_memo(site, parsed, run_cli, monkeypatch):
    import plnsite.incremental.parse_cache as memo

    monkeypatch.setattr(memo, "_code_key", lambda: None)
    assert run_cli("build")[0] == 0
    assert not (site / ".plnsite-cache" / MEMO_DIR).exists()
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert len(parsed) > 3


def _as_older_note(value: tuple) -> bytes:
    """A parsed note as a plnsite whose Note had two fields fewer would have pickled it: the
    class, and a state that leaves the last two fields unset."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {
        Note: lambda note: (copyreg.__newobj__, (Note,), [getattr(note, f.name) for f in dataclasses.fields(note)][:-2])}
    pickler.dump(value)
    return buffer.getvalue()


def test_a_parsed_note_of_another_shape_is_damaged_and_parsed_again(site, parsed, run_cli):
    """Its checksum holds (the same magic and key): the value is checked, not trusted."""
    assert run_cli("build")[0] == 0
    for shard in (site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"):
        magic, key, (span, entries) = decode(shard, shard.read_bytes())
        older = {}
        for path, (stat, digest, value) in entries.items():
            if isinstance(load_model(value)[0], Note):
                value = _as_older_note(load_model(value))
            older[path] = (stat, digest, value)
        shard.write_bytes(encode(shard, magic, key, (span, older)))
    parsed.clear()
    code, _, err = run_cli("build")
    assert code == 0
    assert err.count("damaged cache record") == 1
    assert len(parsed) > 3, "every note parsed again"
    _same_as_fresh(run_cli, site, site / "public")
    parsed.clear()
    code, _, err = run_cli("build")
    assert (code, err, parsed) == (0, "", []), "the memo was written again, whole"


def test_files_older_than_a_recent_record_are_trusted_from_the_next_build(site, parsed, run_cli, monkeypatch):
    # A checkout built at once: the record was written so soon after the files that it cannot
    # vouch for their stats (here: its shards dated before the files). The build that finds
    # them old by then writes the record again, so the one after reads no unchanged file.
    _age(site / "content", 3600)
    assert run_cli("build")[0] == 0
    oldest = min(p.stat().st_mtime_ns for p in (site / "content").rglob("*.md"))
    for shard in (site / ".plnsite-cache" / MEMO_DIR).glob("*.bin"):
        os.utime(shard, ns=(oldest - 10**10, oldest - 10**10))
    assert run_cli("build")[0] == 0  # reads every note: the record vouches for none
    read = _notes_opened(monkeypatch)
    parsed.clear()
    assert run_cli("build")[0] == 0
    assert parsed == [] and read == [], "nothing re-read: the second build wrote the record again"
    _same_as_fresh(run_cli, site, site / "public")
