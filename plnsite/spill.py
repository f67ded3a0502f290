"""HtmlSpill: a one-shot build's rendered texts, kept out of memory until a page shows them.

``plnsite build`` held every text's final HTML from link to the end of render: ~12 kB a
note, 1.2 GB at 100,000 notes, and the render workers' copy-on-write copies of it. With a
spill, each text's HTML is written to an anonymous temporary file as soon as its links are
filled (link), and read back where a page or feed shows it (a note's own page: once). What lists,
cards and digests read many times (the summary, headings, links, flags) stays in memory.

Safe because the bytes are the text's own (UTF-8, lone surrogates passed through), written
once at a known offset (``os.pwrite``: no shared file position) and read with ``os.pread``
(the workers inherit the descriptor). The texts are gathered in a ``bytearray`` of the spill's
own and written a mebibyte at a time (one call per ~150 texts rather than per text: ~25 ms of
a warm 10,000-note build); a text not yet written is read from that array. Nothing writes it but
``keep`` in the build's own process: a forked render worker holds a copy it only reads from,
and has no file object whose buffer it could flush a second time when it ends.
The file is unlinked as it is made, so nothing is left behind, even by a killed build.
The same build lets its texts' Markdown go once they are all filled (``drop_sources``: ~5 kB a
note, the biggest part of what load reads): nothing after link reads a text, and a one-shot
build never links again. It is the one value of a build changed in place, so it is done here,
for spilled builds only; the parse cache was written (load) before. Once link is done,
``give_back_memory`` hands the pages all that freed back to the system (glibc keeps them
otherwise, and the small objects plan and render make are not placed there): at 100,000
notes the process goes from 1,077 to 516 MiB there.

Only a build that stages its pages (output.publish: ``plnsite build``) spills; the preview server
keeps its texts, it re-renders them on every save.

A build that will compare with the last one (the cache on: incremental/build_state.py digests
every text) keeps each spilled text's SHA-256 as it writes it (``digests``), so that the
comparison (``incremental.changes.html_digest``) never reads the texts back: ~60 ms of reading
and decoding at 10,000 notes. A build without the cache compares nothing, and hashes nothing.
``PLNSITE_STOCK=1`` (or a folder that cannot take a temporary file) keeps them in memory.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import weakref
from collections.abc import Iterable

from .model import Markdown, Rendered
from .speedups import stock_requested

__all__ = ["HtmlSpill", "SpilledRendered"]


class SpilledRendered:
    """A ``Rendered`` whose HTML is in the spill file: the same attributes, ``html`` read on use."""

    __slots__ = ("_spill", "_at", "_size", "digest", "summary_html", "toc", "links", "files", "diagrams")

    def __init__(self, spill: HtmlSpill, at: int, size: int, rendered: Rendered, digest: bytes | None) -> None:
        self._spill, self._at, self._size, self.digest = spill, at, size, digest
        self.summary_html, self.toc, self.links = rendered.summary_html, rendered.toc, rendered.links
        self.files, self.diagrams = rendered.files, rendered.diagrams

    @property
    def html(self) -> str:
        return self._spill.read(self._at, self._size)


class HtmlSpill:
    """The temporary file of one build: ``keep`` each text as it is made, read it back on use."""

    # A text smaller than this stays in memory: the object that points into the file is
    # nearly as big (an empty text, a contact's one-line note).
    MIN_BYTES = 256

    # Texts are written to the file this many bytes at a time (see above).
    CHUNK_BYTES = 1 << 20

    def __init__(self, digests: bool = False) -> None:
        self._file = None
        self._end = 0  # where the next text goes: past the file's end by len(self._pending)
        self._pending = bytearray()  # the texts from self._end - len(self._pending) on, not written yet
        self.writing = False
        self.digests = digests
        if not stock_requested() and hasattr(os, "pwrite"):  # (not on Windows: texts stay in memory there)
            try:
                self._file = tempfile.TemporaryFile(prefix="plnsite-html-")
                self.writing = True
                # Closed once no text can be read from it any more (the build and its result gone).
                weakref.finalize(self, self._file.close)
            except OSError:  # no writable temporary folder: the texts stay in memory
                pass

    def keep(self, rendered: Rendered):
        """``rendered``, or its spilled stand-in when its HTML went to the file."""
        if not self.writing or len(rendered.html) < self.MIN_BYTES:
            return rendered
        data = rendered.html.encode("utf-8", "surrogatepass")
        spilled = SpilledRendered(self, self._end, len(data), rendered,
                                  hashlib.sha256(data).digest() if self.digests else None)
        self._pending += data
        self._end += len(data)
        if len(self._pending) >= self.CHUNK_BYTES:
            self._write_pending()
        return spilled

    def _write_pending(self) -> None:
        pending, at = self._pending, self._end - len(self._pending)
        self._pending = bytearray()
        try:
            written = os.pwrite(self._file.fileno(), pending, at)
        except OSError:  # a full disk: these texts, and the rest, stay in memory
            written = -1
        if written != len(pending):  # they stay pending, read from memory; no text after them is spilled
            self._pending = pending
            self.writing = False

    def read(self, at: int, size: int) -> str:
        start = self._end - len(self._pending)
        if at >= start:  # not written yet (or a write that failed)
            data = self._pending[at - start:at - start + size]
        else:
            data = os.pread(self._file.fileno(), size, at)
        if len(data) != size:
            raise OSError(f"the build's temporary file of rendered texts was cut short ({len(data)} of {size} bytes)")
        return data.decode("utf-8", "surrogatepass")

    @staticmethod
    def drop_sources(markdowns: Iterable[Markdown]) -> None:
        """Empty each ``markdown.text`` in place, once its HTML is made (see above)."""
        for markdown in markdowns:
            object.__setattr__(markdown, "text", "")

    @staticmethod
    def give_back_memory() -> None:
        """Return the C heap's free pages to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
        try:
            import ctypes

            trim = ctypes.CDLL(None).malloc_trim
        except (ImportError, OSError, AttributeError):  # not glibc (macOS, musl, Windows)
            return
        trim(0)
