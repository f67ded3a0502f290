"""sources.py: the one reader of the files a person writes; what it says about encodings."""

from __future__ import annotations

import codecs

import pytest

from plnsite.errors import Problems
from plnsite.sources import SAVE_AS_UTF8, decode_source, read_source, read_source_bytes


@pytest.mark.parametrize("data, text", [
    (b"", ""),
    (codecs.BOM_UTF8, ""),
    (codecs.BOM_UTF8 + "title: Café\n".encode(), "title: Café\n"),
    ("学习\n".encode(), "学习\n"),
    (b"a\x00b\n", "a\x00b\n"),  # one stray zero byte is not UTF-16
])
def test_utf8_is_read_as_it_is_without_a_byte_order_mark(data, text):
    assert decode_source(data, "f.md") == (text, None)


def test_the_line_counts_from_the_file_start_with_a_byte_order_mark():
    _, problem = decode_source(codecs.BOM_UTF8 + "ok\nok\n".encode() + b"caf\xe9\n", "f.md")
    assert str(problem).startswith("f.md:3: error: the file is not all UTF-8 text: byte 0xE9")


def test_a_byte_no_8_bit_encoding_knows_gets_no_guess():
    _, problem = decode_source(b"ok\n\x81\n", "f.md")
    assert str(problem) == f"f.md:2: error: the file is not UTF-8 text (byte 0x81 on this line is not UTF-8); {SAVE_AS_UTF8}"


def test_utf16_with_characters_outside_ascii():
    _, problem = decode_source("title: 学习 und Übung\n".encode("utf-16-le"), "f.md")
    assert "it looks like UTF-16" in str(problem)


def test_an_unreadable_file_is_a_problem(tmp_path):
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    problems = Problems()
    assert read_source(link, "gone.md", problems) is None
    assert [str(p) for p in problems.freeze()] == ["gone.md: error: cannot read the file: No such file or directory"]


def test_a_byte_order_mark_is_kept_for_a_caller_that_adds_to_the_file():
    data = codecs.BOM_UTF8 + "a\n".encode() + b"caf\xe9\n"
    assert decode_source(codecs.BOM_UTF8 + b"a\n", "f.yaml", keep_bom=True) == ("\ufeffa\n", None)
    _, problem = decode_source(data, "f.yaml", keep_bom=True)  # the line is the same either way
    assert str(problem).startswith("f.yaml:2: error: the file is not all UTF-8 text: byte 0xE9")


@pytest.mark.parametrize("data", ["a\n".encode("utf-16"), b"caf\xe9\n", b"\x81\n"])
def test_the_advice_on_saving_as_utf8_can_be_another(data):
    _, problem = decode_source(data, "f.csv", advice="in your spreadsheet, save it as 'CSV UTF-8'")
    assert str(problem).endswith("; in your spreadsheet, save it as 'CSV UTF-8'")
    assert SAVE_AS_UTF8 not in str(problem)


def test_a_folder_cannot_be_read_either(tmp_path):
    problems = Problems()
    assert read_source_bytes(tmp_path, "content/x.yaml", problems) is None
    assert read_source(tmp_path, "content/x.yaml", problems) is None
    assert [str(p) for p in problems.freeze()] == ["content/x.yaml: error: cannot read the file: Is a directory"] * 2


@pytest.mark.parametrize("data, declared, text", [
    ("caf\xe9\n".encode("latin-1"), "ISO-8859-1", "caf\xe9\n"),
    ("\u201cq\u201d\n".encode("cp1252"), "windows-1252", "\u201cq\u201d\n"),
    ("caf\xe9\n".encode("utf-16"), "UTF-16", "caf\xe9\n"),
    ("caf\xe9\n".encode(), "ISO-8859-1", "caf\xe9\n"),  # valid UTF-8 under an 8-bit label: UTF-8
    ("caf\xe9\n".encode(), "utf8", "caf\xe9\n"),
])
def test_a_file_is_read_in_the_encoding_it_declares(data, declared, text):
    assert decode_source(data, "f.opml", declared=declared) == (text, None)


def test_a_declared_encoding_that_does_not_fit_or_is_unknown_is_a_problem():
    _, problem = decode_source(b"ok\n\x81\n", "f.opml", declared="windows-1252")
    assert str(problem) == ("f.opml:2: error: the file is not windows-1252 text as it declares (byte 0x81 on this "
                            f"line is not windows-1252); {SAVE_AS_UTF8}")
    _, problem = decode_source(b"ok\n", "f.opml", declared="klingon")
    assert str(problem) == f"f.opml:1: error: the file declares the encoding 'klingon', which plnsite does not know; " \
                           f"{SAVE_AS_UTF8}"
