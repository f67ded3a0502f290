"""Images: each image measured once per session, its copies made once and kept on disk.

A copy is a file ``images/<key>-<width>.<ext>`` in the cache folder, where ``key`` digests
the source's path, size and modification time and the resize settings (resize.py): a warm
build finds every copy there and resizes nothing; an edited photo gets new copies. With no
cache folder (``--no-cache``) copies go to a temporary folder of the process. Copies are
written whole (a temporary file renamed), so a build that stops half-way leaves none broken.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..atomic import write_atomic
from ..parallel import fork_map, worker_count
from .originals import Originals
from .probe import Picture, Variant, probe
from .resize import height_for, resize_to, settings, widths_for

__all__ = ["FOLDER", "Images"]

FOLDER = "images"
_EXT = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_PARALLEL_MIN = 4  # photos to resize before worker processes pay off


class Images:
    """``prepare(paths)`` then ``picture(path)``. One per session (the preview server keeps it)."""

    def __init__(self, cache_dir: Path | None, jobs: int | None = None) -> None:
        self._folder = Path(cache_dir) / FOLDER if cache_dir is not None else None
        self._jobs = worker_count(jobs)
        self._known: dict[Path, tuple[tuple[int, int], Picture]] = {}  # path → (stat, picture)
        self._originals = Originals(self._ensure_folder)

    @property
    def folder(self) -> Path | None:
        """Where the files this session publishes from the cache are (the preview server serves them)."""
        return self._folder

    def original(self, path: Path) -> tuple[Path | None, str]:
        """The file to publish for the image ``path``, its metadata removed (originals.py); None
        and why when it is damaged."""
        return self._originals.published(path, _stat(path))

    def picture(self, path: Path) -> Picture:
        """``path``'s picture (``prepare`` it first to have its copies made in parallel)."""
        self.prepare((path,))
        return self._known[path][1]

    def prepare(self, paths: Iterable[Path]) -> None:
        """Measure each image not measured since it last changed, and make its missing copies."""
        todo: list[tuple[Path, tuple[int, int], Picture, dict[int, Path]]] = []
        for path in dict.fromkeys(paths):
            stat = _stat(path)
            known = self._known.get(path)
            if known is not None and known[0] == stat:
                continue
            picture = probe(path)
            widths = widths_for(picture.width, picture.format)
            files = {w: self._copy_path(path, stat, w, picture.format) for w in widths}
            missing = {w: f for w, f in files.items() if not f.is_file()}
            if missing:
                todo.append((path, stat, picture, missing))
            self._known[path] = (stat, _with_copies(picture, files))
        if not todo:
            return
        jobs = [(str(path), sorted(missing.items())) for path, _, _, missing in todo]
        for (path, stat, picture, _), made in zip(todo, fork_map(_make_copies, jobs, self._jobs, _PARALLEL_MIN)):
            if not made:  # Pillow could not resize it: shown as it is, without copies
                self._known[path] = (stat, picture)
            for file, data in made:
                write_atomic(Path(file), data)

    def _ensure_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="plnsite-images-"))
            atexit.register(shutil.rmtree, self._folder, True)
        self._folder.mkdir(parents=True, exist_ok=True)
        return self._folder

    def _copy_path(self, path: Path, stat: tuple[int, int], width: int, fmt: str) -> Path:
        key = hashlib.blake2b(f"{path.resolve()}\0{stat}\0{settings()}".encode(), digest_size=12).hexdigest()
        return self._ensure_folder() / f"{key}-{width}{_EXT[fmt]}"


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _with_copies(picture: Picture, files: dict[int, Path]) -> Picture:
    if not files:
        return picture
    variants = tuple(Variant(width=w, height=height_for(w, picture.width, picture.height), file=files[w])
                     for w in sorted(files))
    return Picture(width=picture.width, height=picture.height, format=picture.format, variants=variants)


def _make_copies(jobs: list[tuple[str, list[tuple[int, Path]]]]) -> list[list[tuple[str, bytes]]]:
    """For each (source, [(width, copy file)]): the copies' bytes, to be written by the parent."""
    out = []
    for source, wanted in jobs:
        try:
            data = Path(source).read_bytes()
            made = resize_to(data, tuple(w for w, _ in wanted))
        except Exception:  # noqa: BLE001 - an unreadable photo is shown as it is, never fatal
            out.append([])
            continue
        out.append([(str(file), made[w][2]) for w, file in wanted])
    return out
