"""Stager: where a big build's pages wait, out of memory, until the whole build has succeeded.

The staging folder lies beside the output folder, ``.public.plnsite-staging-PID`` for
``public/`` (PID: the building process), so that moving a page from it into place is a
rename. publish (output.py) removes it when it is done; a killed build's is removed by the
next build (leftovers.py, which finds them with ``staging_folders``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from .model import Bytes, Kept, Output, Staged

__all__ = ["Stager", "staging_folder", "staging_folders"]


def staging_folder(out_dir: Path, pid: int) -> Path:
    out = out_dir.resolve()
    return out.parent / f".{out.name}.plnsite-staging-{pid}"


def staging_folders(out_dir: Path) -> Iterator[tuple[Path, int]]:
    """Every staging folder of ``out_dir`` (of any process), with the process id in its name."""
    out = out_dir.resolve()
    pattern = re.compile(re.escape(f".{out.name}.plnsite-staging-") + "([0-9]+)")
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found:
            yield Path(entry.path), int(found.group(1))


class Stager:
    """Keeps a big build's pages out of memory: each rendered page is compared with the file
    already in the output folder (same bytes: kept) or written to a staging folder beside it,
    from where ``write_outputs`` moves it into place once the whole build has succeeded.
    Render workers call it, so pages never travel between processes either."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.stage_dir = staging_folder(out_dir, os.getpid())
        # Into a folder that does not exist yet (a first build, a CI checkout), pages are
        # staged at their own paths, and the staging folder becomes the output folder in
        # one rename. Otherwise staged files lie side by side (not in the output's folder
        # tree): this runs once per page, and a folder per page cost more than the page.
        self.whole_tree = not os.path.lexists(out_dir)
        self._out, self._stage = str(out_dir), str(self.stage_dir)
        self._count = 0
        self._folders: set[str] = set()  # made already (workers forked after that know it)

    @property
    def tree(self) -> Path | None:
        """For write_outputs: the staging folder, where it holds the pages at their own paths."""
        return self.stage_dir if self.whole_tree else None

    def __call__(self, output: Bytes) -> Output:
        body = output.body
        if self.whole_tree:
            staged = os.path.join(self._stage, output.file)
        else:
            if self._on_disk(output.file, body):
                return Kept(file=output.file, url=output.url)
            self._count += 1
            # Render workers share the folder: the process id keeps their names apart.
            staged = os.path.join(self._stage, f"{os.getpid()}-{self._count}")
        folder = os.path.dirname(staged)
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with open(staged, "wb") as handle:
                handle.write(body)
        except OSError:
            return output  # no room beside the output folder: keep it in memory
        return Staged(file=output.file, src=Path(staged), media_type=output.media_type, url=output.url)

    def _on_disk(self, file: str, body: bytes) -> bool:
        """The output folder already holds ``file`` with these bytes."""
        try:
            target = os.path.join(self._out, file)
            if os.stat(target).st_size != len(body):
                return False
            with open(target, "rb") as existing:
                return existing.read() == body
        except OSError:
            return False

    def discard(self) -> None:
        shutil.rmtree(self.stage_dir, ignore_errors=True)
