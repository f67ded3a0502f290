"""The originals a site publishes (its photos, a bundle's images, static/ images), their
metadata removed (strip.py), made once and kept on disk like the resized copies.

``Originals.published(path)``: the file to publish for ``path``: ``path`` itself when it holds
nothing to remove (or is not an image), else ``images/originals/<key>.<ext>`` in the cache,
where ``key`` digests the source's path, size and modification time. A warm build reads only a
stat of each image and a marker. A damaged image (strip.Damaged) is ``(None, why)``: it is not
published, since its metadata cannot be told from its pixels.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..atomic import write_atomic
from .strip import Damaged, strip

__all__ = ["RASTER", "Originals"]

RASTER = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".webp", ".gif"})
_VERSION = "strip-1"  # a change of what strip.py keeps makes new files
_SAME = ".same"  # marker: the original holds nothing to remove


class Originals:
    def __init__(self, folder) -> None:
        self._folder = folder  # () → the cache folder of images (made on first use)
        self._known: dict[Path, tuple[tuple[int, int], tuple[Path | None, str]]] = {}

    def published(self, path: Path, stat: tuple[int, int]) -> tuple[Path | None, str]:
        """(the file to publish, or None; why not)."""
        if path.suffix.lower() not in RASTER:
            return path, ""
        known = self._known.get(path)
        if known is not None and known[0] == stat:
            return known[1]
        key = hashlib.blake2b(f"{path.resolve()}\0{stat}\0{_VERSION}".encode(), digest_size=12).hexdigest()
        folder = self._folder() / "originals"
        folder.mkdir(exist_ok=True)
        clean, same = folder / f"{key}{path.suffix.lower()}", folder / f"{key}{_SAME}"
        if same.is_file():
            result: tuple[Path | None, str] = (path, "")
        elif clean.is_file():
            result = (clean, "")
        else:
            result = self._make(path, clean, same)
        if result[0] is not None:  # a damaged file is read again next time (it may have been fixed)
            self._known[path] = (stat, result)
        return result

    @staticmethod
    def _make(path: Path, clean: Path, same: Path) -> tuple[Path | None, str]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return None, f"cannot be read ({exc.strerror or exc})"
        try:
            stripped = strip(data)
        except Damaged as exc:
            return None, str(exc)
        if stripped == data:
            write_atomic(same, b"")
            return path, ""
        write_atomic(clean, stripped)
        return clean, ""
