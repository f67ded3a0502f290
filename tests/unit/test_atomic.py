"""atomic.py: the one writer — all or nothing, nothing left behind, the mode a file should have."""

from __future__ import annotations

import os
import stat

import pytest

from plnsite.atomic import (copy_atomic, copy_temp, move_temp, remove_temp, temp_owner, temp_path, write_atomic,
                            write_temp)


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    write_atomic(target, b"newer", fsync=True)
    assert target.read_bytes() == b"newer"
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path):
    target = tmp_path / "b.txt"
    write_atomic(target, b"x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_a_given_mode_is_kept(tmp_path):
    target = tmp_path / "c.sh"
    write_atomic(target, b"#!/bin/sh\n", mode=0o751)
    assert stat.S_IMODE(target.stat().st_mode) == 0o751


def test_a_failed_copy_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "d.css"
    target.write_bytes(b"p {}")
    with pytest.raises(FileNotFoundError):
        copy_atomic(tmp_path / "missing.css", target)
    assert target.read_bytes() == b"p {}"
    assert leftovers(tmp_path) == []


def test_copy(tmp_path):
    src = tmp_path / "src.bin"
    src.write_bytes(bytes(range(256)) * 5000)
    copy_atomic(src, tmp_path / "dest.bin")
    assert (tmp_path / "dest.bin").read_bytes() == src.read_bytes()


def test_a_missing_folder_is_an_error_not_a_stray_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such" / "file", b"x")
    assert list(tmp_path.iterdir()) == []


def test_temporary_names_are_dot_names_ending_tmp_that_say_whose_they_are(tmp_path):
    temp = temp_path(tmp_path / "index.html")
    assert temp.parent == tmp_path
    assert temp.name.startswith(".index.html.plnsite-") and temp.name.endswith(".tmp")
    assert temp_owner(temp.name) == os.getpid()
    assert temp_path(tmp_path / "index.html") != temp
    assert temp_owner(temp_path(tmp_path / ("x" * 250)).name) == os.getpid()
    assert len(temp_path(tmp_path / ("x" * 250)).name) < 255
    for name in ("index.html", ".index.html.tmp", ".index.html.abc123.tmp", "notes.plnsite-1-2.tmp",
                 ".x.plnsite-12-a.tmp"):
        assert temp_owner(name) is None, name


def test_a_temporary_file_waits_for_the_caller(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    temp = write_temp(target, b"new")
    assert target.read_bytes() == b"old" and temp.read_bytes() == b"new"
    copy = copy_temp(temp, target)
    moved = move_temp(temp, target)
    assert not temp.exists() and moved.read_bytes() == b"new" == copy.read_bytes()
    remove_temp(moved)
    remove_temp(copy)
    remove_temp(copy)  # gone already: no error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
