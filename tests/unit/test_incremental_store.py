"""incremental/store.py: the one on-disk store of the three caches — shards that read back
whole and of the right kind, or not at all, and pickles that can only make model values."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import pickle
import zoneinfo
from pathlib import Path

import pytest

from plnsite.errors import Loc
from plnsite.incremental.store import Store, dump_model, load_model, shard_name
from plnsite.model import Markdown, Note, StaticFile


def test_a_shard_reads_back_what_was_written(tmp_path):
    store = Store(tmp_path / "kind", "magic-1", "key-a")
    assert store.read("00") is None  # nothing yet
    assert store.write("00", {"x": (1, "two", b"three")})
    found = store.read("00")
    assert found.payload == {"x": (1, "two", b"three")}
    assert found.written_ns == (tmp_path / "kind" / "00.bin").stat().st_mtime_ns
    assert sorted(p.name for p in (tmp_path / "kind").iterdir()) == ["00.bin"], "no temporary file left"


def test_another_key_or_magic_is_a_miss(tmp_path):
    Store(tmp_path, "magic-1", "key-a").write("s", [1])
    assert Store(tmp_path, "magic-1", "key-b").read("s") is None, "e.g. another plnsite version"
    assert Store(tmp_path, "magic-2", "key-a").read("s") is None, "e.g. another cache format"
    assert Store(tmp_path, "magic-1", "key-a").read("s").payload == [1]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "truncate", "not a triple"])
def test_a_damaged_shard_is_a_miss(tmp_path, damage):
    store = Store(tmp_path, "m", "k")
    store.write("s", {"a": 1})
    path = tmp_path / "s.bin"
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:-3])
    elif damage == "not a triple":
        path.write_bytes(marshal.dumps(("m", "k")))
    else:
        path.write_bytes(damage)
    assert store.read("s") is None


def test_a_folder_that_cannot_be_made_only_costs_speed(tmp_path):
    (tmp_path / "kind").write_text("a file where the folder would go")
    assert Store(tmp_path / "kind", "m", "k").write("s", 1) is False
    assert Store(tmp_path / "kind", "m", "k").read("s") is None


def test_shard_names_are_stable_and_bounded():
    names = {shard_name(f"content/notes/{n}.md", 32) for n in range(500)}
    assert names == {f"{n:02x}" for n in range(32)}
    assert shard_name("a", 32) == shard_name("a", 32)


def test_model_values_come_back_equal():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    note = Note(id="notes/a", slug="a", title="A", date=dt.datetime(2024, 1, 2, tzinfo=paris), updated=None,
                tags=("x",), summary=None, draft=False, body=Markdown(text="hi", loc=Loc("a.md", 4)),
                assets=(StaticFile(src=Path("/tmp/a.svg"), dest="notes/a/a.svg"),), loc=Loc("a.md", 1))
    assert load_model(dump_model(note)) == note


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


@pytest.mark.parametrize("value", [_Boom(), print, dt.datetime.now])
def test_a_pickle_of_anything_else_is_refused(value):
    with pytest.raises(pickle.UnpicklingError):
        load_model(pickle.dumps(value))
