"""The edits the fuzzer makes to a site, and the site written out after them.

Each edit is a small frozen value with a readable repr (Hypothesis prints a failing case as
its list of edits) and an ``apply(site)`` that changes a ``Site`` in place. An edit that no
longer fits (its file was renamed or turned to bytes, its name is taken) does nothing.
Byte edits turn a document into its bytes first, so edits after them on that file do nothing.
``CacheDamage`` edits apply to ``.plnsite-cache/`` after a first build.
"""

from __future__ import annotations

import copy
import os
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .seed import Blob, Entry, MarkdownDoc, YamlDoc, render, seed_site

__all__ = [
    "AddEntry", "AddFile", "Body", "CacheDamage", "Case", "DropKey", "FlipBits", "Flags", "Front", "InsertBytes",
    "Newlines", "Reencode", "Remove", "Rename", "SetEntry", "SetKey", "Site", "Truncate", "Twin", "damage_cache",
]


class Site:
    """{path under the site folder: document}, as the edits leave it."""

    def __init__(self) -> None:
        self.docs: dict = seed_site()

    def taken(self, path: str) -> bool:
        """Whether ``path`` cannot be created: it, a folder under it, or a file above it exists."""
        if path in self.docs or any(p.startswith(path + "/") for p in self.docs):
            return True
        parts = path.split("/")
        return any("/".join(parts[:i]) in self.docs for i in range(1, len(parts)))

    def under(self, path: str) -> list[str]:
        """``path`` itself if it is a file, else every file below the folder ``path``."""
        return [p for p in self.docs if p == path or p.startswith(path + "/")]

    def write(self, root: Path) -> None:
        for rel, doc in sorted(self.docs.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(doc))


def _doc(site: Site, path: str, kind):
    doc = site.docs.get(path)
    return doc if isinstance(doc, kind) else None


def _set(items: list, key: str, value: str) -> None:
    for i, (k, _) in enumerate(items):
        if k == key:
            items[i] = (key, value)
            return
    items.append((key, value))


def _entry(doc: YamlDoc, index: int) -> Entry | None:
    if doc.entries is None:
        return None
    if not doc.entries:
        doc.entries.append(Entry())
    entry = doc.entries[index % len(doc.entries)]
    return entry if entry.raw is None else None


@dataclass(frozen=True)
class SetKey:
    """``key: value`` in front matter, at the top of a YAML file, or in entry ``entry`` of its list."""

    path: str
    key: str
    value: str
    entry: int | None = None

    def apply(self, site: Site) -> None:
        doc = site.docs.get(self.path)
        if isinstance(doc, MarkdownDoc) and doc.raw_front is None:
            if doc.items is None:
                doc.items = []
            _set(doc.items, self.key, self.value)
        elif isinstance(doc, YamlDoc):
            target = doc.items if self.entry is None else getattr(_entry(doc, self.entry), "items", None)
            if target is not None:
                _set(target, self.key, self.value)


@dataclass(frozen=True)
class DropKey:
    path: str
    key: str
    entry: int | None = None

    def apply(self, site: Site) -> None:
        doc = site.docs.get(self.path)
        items = None
        if isinstance(doc, MarkdownDoc):
            items = doc.items
        elif isinstance(doc, YamlDoc):
            items = doc.items if self.entry is None else getattr(_entry(doc, self.entry), "items", None)
        if items:
            items[:] = [(k, v) for k, v in items if k != self.key]


@dataclass(frozen=True)
class SetEntry:
    """Entry ``entry`` of a list replaced by raw YAML (a scalar, a list, anything)."""

    path: str
    entry: int
    raw: str

    def apply(self, site: Site) -> None:
        doc = _doc(site, self.path, YamlDoc)
        if doc is not None and doc.entries:
            doc.entries[self.entry % len(doc.entries)] = Entry(raw=self.raw)


@dataclass(frozen=True)
class AddEntry:
    path: str
    items: tuple = ()

    def apply(self, site: Site) -> None:
        doc = _doc(site, self.path, YamlDoc)
        if doc is not None and doc.entries is not None:
            doc.entries.append(Entry(list(self.items)))


@dataclass(frozen=True)
class Body:
    """A Markdown body replaced, or text added at its start or end."""

    path: str
    text: str
    how: str = "replace"  # replace | append | prepend

    def apply(self, site: Site) -> None:
        doc = _doc(site, self.path, MarkdownDoc)
        if doc is not None:
            doc.body = {"replace": self.text, "append": doc.body + self.text,
                        "prepend": self.text + doc.body}[self.how]


@dataclass(frozen=True)
class Front:
    """The front matter block replaced by raw text, or removed (``text=None``)."""

    path: str
    text: str | None

    def apply(self, site: Site) -> None:
        doc = _doc(site, self.path, MarkdownDoc)
        if doc is not None:
            doc.raw_front = self.text
            if self.text is None:
                doc.items = None


@dataclass(frozen=True)
class Rename:
    """A file or folder given another name, in the same folder."""

    path: str
    name: str

    def apply(self, site: Site) -> None:
        moved = site.under(self.path)
        new = self.path.rpartition("/")[0] + "/" + self.name
        if not moved or new == self.path or site.taken(new):
            return
        for old in moved:
            site.docs[new + old[len(self.path):]] = site.docs.pop(old)


@dataclass(frozen=True)
class Twin:
    """A copy of a file or folder beside it, under a name that differs only in case or in
    Unicode normalization (two files a Mac or Windows would see as one)."""

    path: str
    how: str  # upper | lower | title | NFD | NFC

    def apply(self, site: Site) -> None:
        folder, _, name = self.path.rpartition("/")
        stem, dot, ext = name.partition(".")
        change = {"upper": str.upper, "lower": str.lower, "title": str.title,
                  "NFD": lambda s: unicodedata.normalize("NFD", s + "-café"),
                  "NFC": lambda s: unicodedata.normalize("NFC", s + "-café")}[self.how]
        new = f"{folder}/{change(stem)}{dot}{ext}"
        if self.how in ("NFD", "NFC"):  # its twin, in the other normalization, comes along too
            other = "NFC" if self.how == "NFD" else "NFD"
            first = f"{folder}/{unicodedata.normalize(other, stem + '-café')}{dot}{ext}"
            self._copy(site, first)
        self._copy(site, new)

    def _copy(self, site: Site, new: str) -> None:
        moved = site.under(self.path)
        if not moved or site.taken(new):
            return
        for old in moved:
            site.docs[new + old[len(self.path):]] = copy.deepcopy(site.docs[old])


@dataclass(frozen=True)
class AddFile:
    path: str
    doc: object = field(compare=False)

    def apply(self, site: Site) -> None:
        if not site.taken(self.path):
            site.docs[self.path] = copy.deepcopy(self.doc)


@dataclass(frozen=True)
class Remove:
    path: str

    def apply(self, site: Site) -> None:
        for p in site.under(self.path):
            del site.docs[p]


def _bytes(site: Site, path: str) -> bytes | None:
    doc = site.docs.get(path)
    return None if doc is None else render(doc)


@dataclass(frozen=True)
class FlipBits:
    """A damaged disk: bits flipped at (position, bit) pairs, positions taken modulo the size."""

    path: str
    flips: tuple

    def apply(self, site: Site) -> None:
        data = _bytes(site, self.path)
        if data:
            site.docs[self.path] = Blob(flip(data, self.flips))


def flip(data: bytes, flips) -> bytes:
    out = bytearray(data)
    for position, bit in flips:
        out[position % len(out)] ^= 1 << (bit % 8)
    return bytes(out)


@dataclass(frozen=True)
class InsertBytes:
    path: str
    at: int
    data: bytes

    def apply(self, site: Site) -> None:
        data = _bytes(site, self.path)
        if data is not None:
            at = self.at % (len(data) + 1)
            site.docs[self.path] = Blob(data[:at] + self.data + data[at:])


@dataclass(frozen=True)
class Truncate:
    """A file cut short (a crash while saving, a full disk)."""

    path: str
    at: int

    def apply(self, site: Site) -> None:
        data = _bytes(site, self.path)
        if data is not None:
            site.docs[self.path] = Blob(data[: self.at % (len(data) + 1)])


@dataclass(frozen=True)
class Reencode:
    """A file saved in another encoding (Notepad's "Unicode", Latin-1, with a BOM…)."""

    path: str
    codec: str

    def apply(self, site: Site) -> None:
        data = _bytes(site, self.path)
        if data is not None:
            text = data.decode("utf-8", "replace")
            site.docs[self.path] = Blob(text.encode(self.codec, "replace"))


@dataclass(frozen=True)
class Newlines:
    path: str
    style: str  # "\r\n" | "\r" | "\n\r"

    def apply(self, site: Site) -> None:
        data = _bytes(site, self.path)
        if data is not None:
            site.docs[self.path] = Blob(data.replace(b"\n", self.style.encode()))


@dataclass(frozen=True)
class CacheDamage:
    """Damage to ``.plnsite-cache/`` after a build: file ``index`` (of the sorted files, modulo
    their number) gets bits flipped, is cut, emptied, filled with ``data``, removed, or replaced
    by the bytes of file ``other``; or (``how="file"``) the whole folder becomes a file."""

    how: str  # flip | truncate | empty | garbage | delete | swap | file
    index: int = 0
    flips: tuple = ()
    at: int = 0
    data: bytes = b""
    other: int = 0


def damage_cache(cache: Path, damage: CacheDamage) -> None:
    if damage.how == "file":
        if cache.is_dir():
            shutil.rmtree(cache)
        cache.write_bytes(damage.data)
        return
    files = sorted(p for p in cache.rglob("*") if p.is_file()) if cache.is_dir() else []
    if not files:
        return
    target = files[damage.index % len(files)]
    data = target.read_bytes()
    if damage.how == "flip" and data:
        target.write_bytes(flip(data, damage.flips))
    elif damage.how == "truncate":
        target.write_bytes(data[: damage.at % (len(data) + 1)])
    elif damage.how == "empty":
        target.write_bytes(b"")
    elif damage.how == "garbage":
        target.write_bytes(damage.data)
    elif damage.how == "delete":
        os.unlink(target)
    elif damage.how == "swap":
        target.write_bytes(files[damage.other % len(files)].read_bytes())


@dataclass(frozen=True)
class Flags:
    drafts: bool = False
    future: bool = False
    strict: bool = False
    base_url: str | None = None

    def argv(self) -> list[str]:
        argv = ["--drafts"] * self.drafts + ["--future"] * self.future + ["--strict"] * self.strict
        return argv + (["--base-url", self.base_url] if self.base_url is not None else [])


@dataclass(frozen=True)
class Case:
    """One fuzzed input: edits to the seed site, build flags, and (optionally) damage to the
    cache and further edits between a first build and a second one."""

    edits: tuple = ()
    flags: Flags = Flags()
    cache: tuple = ()  # CacheDamage after the first build
    later: tuple = ()  # edits after the first build

    @property
    def rebuilds(self) -> bool:
        return bool(self.cache or self.later)

    def site(self, later: bool = False) -> Site:
        site = Site()
        for edit in self.edits + (self.later if later else ()):
            edit.apply(site)
        return site

    def touches(self, path: str) -> bool:
        """Whether an edit may change the file ``path`` (or the folder holding it)."""
        return any(getattr(e, "path", None) is not None and (path == e.path or path.startswith(e.path + "/"))
                   for e in self.edits + self.later)
