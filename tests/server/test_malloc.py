"""`plnsite serve` asks glibc for one malloc arena, before it starts any thread."""

from __future__ import annotations

import platform
import sys

import pytest

import plnsite.serve  # noqa: F401 - the package, for sys.modules
from plnsite.model import BuildOptions
from plnsite.serve import ServeOptions, one_malloc_arena

serve_module = sys.modules["plnsite.serve"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc only")
def test_one_malloc_arena_takes_on_glibc():
    assert one_malloc_arena() is True


def test_serve_sets_it_first(monkeypatch, tmp_path):
    seen = []

    class Started(Exception):
        pass

    def server(opts):
        seen.append("server")
        raise Started

    monkeypatch.setattr(serve_module, "one_malloc_arena", lambda: seen.append("arena"))
    monkeypatch.setattr(serve_module, "PreviewServer", server)
    with pytest.raises(Started):
        serve_module.serve(ServeOptions(build=BuildOptions(source=tmp_path)))
    assert seen == ["arena", "server"]  # before the server, so before its threads
