"""incremental/store.py: the one on-disk store of the three caches — shards that read back
whole and of the right kind, or not at all (a damaged one counted, once), and pickles that
can only make model values."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import pickle
import shutil
import zoneinfo
from pathlib import Path

import pytest

from plnsite.errors import Loc, has_errors
from plnsite.incremental import store as store_module
from plnsite.incremental.store import (
    Damage, Damaged, Foreign, Store, decode, dump_model, encode, fits, load_model, shard_name,
)
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


def test_the_models_enums_come_back_from_the_module_that_defines_them():
    """ReadingKind and ReadingStatus live in plnsite/kinds.py (model.py re-exports them)."""
    from plnsite.model import ReadingKind, ReadingStatus

    assert load_model(dump_model((ReadingKind.BOOK, ReadingStatus.WANT))) == (ReadingKind.BOOK, ReadingStatus.WANT)


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


@pytest.mark.parametrize("value", [_Boom(), print, dt.datetime.now])
def test_a_pickle_of_anything_else_is_refused(value):
    with pytest.raises(pickle.UnpicklingError):
        load_model(pickle.dumps(value))


def test_what_is_refused_stays_refused_after_the_allowed_names_are_remembered():
    """find_class remembers the classes it allowed (store._ModelUnpickler._found), never a refusal:
    the same forbidden names, asked again after many allowed reads, still raise."""
    for _ in range(3):
        assert load_model(dump_model(Markdown(text="hi", loc=Loc("a.md", 4)))) == Markdown(text="hi", loc=Loc("a.md", 4))
        for value in (_Boom(), print, has_errors):  # has_errors: a function of an allowed module, no class
            with pytest.raises(pickle.UnpicklingError):
                load_model(pickle.dumps(value))
    assert all(isinstance(found, type) or found is store_module._zoneinfo_unpickle
               for found in store_module._ModelUnpickler._found.values())


# --------------------------------------------------------------------------- verified, not trusted


def test_every_flipped_bit_is_caught_before_decoding(tmp_path, monkeypatch):
    damage = Damage(tmp_path)
    store = Store(tmp_path / "kind", "m", "k", damage)
    store.write("00", {"x": (1, "two", b"three")})
    path = tmp_path / "kind" / "00.bin"
    good = path.read_bytes()
    decoded, real_loads = [], marshal.loads
    monkeypatch.setattr(store_module.marshal, "loads", lambda data: decoded.append(1) or real_loads(data))
    for bit in range(len(good) * 8):
        data = bytearray(good)
        data[bit // 8] ^= 1 << bit % 8
        path.write_bytes(bytes(data))
        assert store.read("00") is None, bit
        assert not path.exists(), "a damaged record is removed"
    assert decoded == [], "damaged bytes never reach marshal"
    assert len(damage.found) == 1  # one file, counted once however often it was met
    path.write_bytes(good)
    assert store.read("00").payload == {"x": (1, "two", b"three")}


def test_a_record_is_bound_to_its_place(tmp_path):
    """A shard copied or renamed to another name, or another folder, fails its checksum."""
    damage = Damage(tmp_path)
    markdown, load = Store(tmp_path / "markdown", "m", "k", damage), Store(tmp_path / "load", "m", "k", damage)
    markdown.write("00", {"a": 1})
    (tmp_path / "load").mkdir()
    shutil.copy(tmp_path / "markdown" / "00.bin", tmp_path / "markdown" / "01.bin")
    shutil.copy(tmp_path / "markdown" / "00.bin", tmp_path / "load" / "00.bin")
    assert markdown.read("01") is None and load.read("00") is None
    assert markdown.read("00").payload == {"a": 1}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in damage.found) == ["load/00.bin", "markdown/01.bin"]


@pytest.mark.parametrize("value", [("m", "k"), ["m", "k", 1], {"m": 1, "k": 2, "p": 3}, (1, "k", 2), ("m", b"k", 2),
                                   "mkp"])
def test_a_whole_record_of_another_shape_is_damaged(tmp_path, value):
    """Its checksum holds, but it is no (magic, key, payload)."""
    path = tmp_path / "s.bin"
    body = marshal.dumps(value)
    path.write_bytes(store_module._HEADER + store_module._checksum(path, body) + body)
    with pytest.raises(Damaged):
        decode(path, path.read_bytes())
    path.write_bytes(encode(path, "m", "k", value))
    assert decode(path, path.read_bytes()) == ("m", "k", value)


def test_a_record_of_the_format_before_checksums_is_a_silent_miss(tmp_path):
    damage = Damage(tmp_path)
    path = tmp_path / "s.bin"
    path.write_bytes(marshal.dumps(("m", "k", {"a": 1})))
    with pytest.raises(Foreign):
        decode(path, path.read_bytes())
    assert Store(tmp_path, "m", "k", damage).read("s") is None
    assert damage.found == [] and path.exists()


def test_a_stale_record_is_a_silent_miss(tmp_path):
    damage = Damage(tmp_path)
    Store(tmp_path, "m", "k1", damage).write("s", 1)
    assert Store(tmp_path, "m", "k2", damage).read("s") is None
    assert damage.found == [] and (tmp_path / "s.bin").exists()


def test_damage_is_told_in_one_warning_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / ".plnsite-cache"
    damage = Damage(cache)
    assert damage.take() == ()
    for name in ("markdown/0a", "markdown/01", "load/1f", "build-state", "markdown/ff"):
        damage.note(cache / f"{name}.bin")
    damage.note(cache / "load" / "1f.bin")
    (warning,) = damage.take()
    assert str(warning) == (".plnsite-cache: warning: 5 damaged cache records ignored and made again from the "
                            "sources (build-state.bin, load/1f.bin, markdown/01.bin and 2 more)")
    assert damage.take() == ()
    damage.note(cache / "build-state.bin")
    assert [str(p) for p in damage.take()] == [
        ".plnsite-cache: warning: 1 damaged cache record ignored and made again from the sources (build-state.bin)"]


@pytest.mark.parametrize("value, shape, expected", [
    ("a", str, True), (b"a", str, False), (True, int, False), (1, int, True),
    ((1, "a"), (int, str), True), ((1, "a", 2), (int, str), False), ([1, "a"], (int, str), False),
    ((), [int], True), ((1, 2), [int], True), ((1, "2"), [int], False), ([1], [int], False),
    (((1, "a"), (2, "b")), [(int, str)], True), (((1, "a"), (2, 3)), [(int, str)], False),
    ({"a": b"x"}, {str: bytes}, True), ({"a": "x"}, {str: bytes}, False), ({1: b"x"}, {str: bytes}, False),
    ({"a": (1, "b")}, {str: (int, str)}, True), ({"a": (1, 2)}, {str: (int, str)}, False),
    (None, frozenset({str, type(None)}), True), (1, frozenset({str, type(None)}), False),
])
def test_fits(value, shape, expected):
    assert fits(value, shape) is expected
