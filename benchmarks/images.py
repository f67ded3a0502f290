#!/usr/bin/env python3
"""The build time images add: the corpus of corpus.py with and without 200 phone-sized photos.

    python benchmarks/images.py [--notes 1000] [--photos 200] [--runs 3] [--out DIR]
                                [--generator PATH] [--json FILE]

Writes two copies of the ``--notes`` corpus: ``plain`` as corpus.py makes it, and ``photos``
where the first ``--photos`` notes (by file name) are bundles (``<name>/index.md``) each
showing one 3000×2000 JPEG (noise over a gradient, ~2.5 MB; a different one for every note)
as its first paragraph. Then, for each copy, as whole ``python -m plnsite build`` processes:

* first build: no ``.plnsite-cache/``, no output folder (every photo is measured and resized
  into 480/960/1600 px copies);
* warm build: the cache and the output of the build before (nothing is resized again).

Each case ``--runs`` times (the first build from a fresh cache each time); the median is
reported, and what the photos add (photos − plain). Pillow is needed (it is plnsite's).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - beside this file

WIDTH, HEIGHT = 3000, 2000


def photos(count: int, folder: Path) -> list[Path]:
    """``count`` different 3000×2000 JPEGs: one noise field, over gradients turned and tinted per photo."""
    folder.mkdir(parents=True, exist_ok=True)
    noise = Image.effect_noise((WIDTH, HEIGHT), 64).convert("RGB")
    ramp = Image.linear_gradient("L").resize((WIDTH, WIDTH))
    made = []
    for i in range(count):
        turned = ramp.rotate(i * 37 % 360).crop((0, (WIDTH - HEIGHT) // 2, WIDTH, (WIDTH + HEIGHT) // 2))
        tint = ((i * 53) % 256, (i * 97) % 256, (i * 151) % 256)
        base = ImageOps.colorize(turned, black=(0, 0, 0), white=tint)
        path = folder / f"photo-{i:03d}.jpg"
        Image.blend(base, noise, 0.35).save(path, "JPEG", quality=92)
        made.append(path)
    return made


def add_photos(content: Path, shots: list[Path]) -> None:
    notes = sorted(p for p in (content / "notes").glob("*.md"))[: len(shots)]
    for note, shot in zip(notes, shots):
        text = note.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        bundle = note.with_suffix("")
        bundle.mkdir()
        (bundle / "index.md").write_text(f"---\n{front}---\n![A photo for {note.stem}](photo.jpg)\n\n{body}",
                                         encoding="utf-8")
        shutil.copyfile(shot, bundle / "photo.jpg")
        note.unlink()


def build(root: Path, python: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its workers): CPU is less swayed by other work."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([python, "-m", "plnsite", "build", "-s", "content", "-o", "public"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(root: Path, runs: int, python: str) -> dict:
    found: dict = {"first": [], "warm": []}
    for _ in range(runs):
        shutil.rmtree(root / ".plnsite-cache", ignore_errors=True)
        shutil.rmtree(root / "public", ignore_errors=True)
        found["first"].append(build(root, python))
        found["warm"].append(build(root, python))
    for case in ("first", "warm"):
        found[f"{case}_median"] = statistics.median(w for w, _ in found[case])
        found[f"{case}_cpu_median"] = statistics.median(c for _, c in found[case])
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/plnsite-bench-images"))
    parser.add_argument("--generator", default=None)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    shutil.rmtree(args.out, ignore_errors=True)
    corpus.generate(args.notes, args.out / "corpus", formats=("plnsite",), generator=args.generator)
    source = args.out / "corpus" / f"plnsite-{args.notes}"
    plain, with_photos = args.out / "plain", args.out / "photos"
    shutil.copytree(source, plain)
    shutil.copytree(source, with_photos)
    started = time.perf_counter()
    shots = photos(args.photos, args.out / "shots")
    made_in = time.perf_counter() - started
    add_photos(with_photos / "content", shots)
    size = sum(p.stat().st_size for p in shots)

    results = {"notes": args.notes, "photos": args.photos, "photo_bytes": size, "runs": args.runs,
               "cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.platform(),
               "plain": measure(plain, args.runs, args.python), "with_photos": measure(with_photos, args.runs, args.python)}
    copies = sorted((with_photos / ".plnsite-cache" / "images").iterdir())
    results["copies"] = len(copies)
    results["copy_bytes"] = sum(p.stat().st_size for p in copies)
    print(f"{args.notes} notes, {args.photos} photos of {WIDTH}x{HEIGHT} ({size / args.photos / 1e6:.1f} MB each, "
          f"made in {made_in:.1f} s); {results['copies']} copies, {results['copy_bytes'] / 1e6:.1f} MB")
    print(f"{'case':<18}{'plain':>10}{'photos':>10}{'added':>10}   (median of {args.runs}, seconds)")
    for case in ("first", "warm"):
        for what, key in (("wall", f"{case}_median"), ("cpu", f"{case}_cpu_median")):
            a, b = results["plain"][key], results["with_photos"][key]
            print(f"{case + ' build, ' + what:<18}{a:>10.2f}{b:>10.2f}{b - a:>+10.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
