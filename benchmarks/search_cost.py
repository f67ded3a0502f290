#!/usr/bin/env python3
"""What search adds to a build: the indexing step alone, timed on a built site.

    python benchmarks/search_cost.py --notes 1000,10000 [--runs 3] [--work DIR] [--generator PATH]

For each corpus size (benchmarks/corpus.py, the corpus run.py uses): build it once with
`search: false`, then run plnsite's indexing step (plnsite.search.index_pages, as
`plnsite build` runs it after rendering) on the built pages --runs times, and report the
median wall time, the CPU time of this process and of Pagefind's (its children), and the
size of the bundle: all of it, the index alone (without Pagefind's scripts and WebAssembly,
the same for every site), and what a browser loads for a first one-word search. Timing the
step on its own keeps the figure apart from the build's, which a busy machine makes noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import run  # noqa: E402  (benchmarks/run.py: corpus, machine)

from plnsite.search import index_pages, pagefind_version  # noqa: E402


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(out: Path, runs: int) -> dict:
    pages = [(p.relative_to(out).as_posix(), p.read_bytes()) for p in sorted(out.rglob("*.html"))]
    walls, own, children, made = [], [], [], None
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="search-cost-") as work:
            c0, k0, t0 = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
            made = index_pages(pages, Path(work) / "index")
            walls.append(time.perf_counter() - t0)
            own.append(cpu(resource.RUSAGE_SELF) - c0)
            children.append(cpu(resource.RUSAGE_CHILDREN) - k0)
    files = made.files or {}
    index = {f: o.body for f, o in files.items()
             if f.split("/")[1] in ("fragment", "index", "filter") or f.endswith(".pf_meta")}
    first = ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/pagefind.js",
             "pagefind/pagefind-entry.json", "pagefind/wasm.en.pagefind")
    return {
        "html_pages": len(pages), "indexed_pages": made.pages, "problems": [str(p) for p in made.problems],
        "wall_s": [round(x, 3) for x in walls], "wall_median_s": round(statistics.median(walls), 3),
        "cpu_self_median_s": round(statistics.median(own), 3),
        "cpu_pagefind_median_s": round(statistics.median(children), 3),
        "bundle_files": len(files), "bundle_bytes": sum(len(o.body) for o in files.values()),
        "index_files": len(index), "index_bytes": sum(map(len, index.values())),
        "fragment_median_bytes": statistics.median(len(b) for f, b in index.items() if "/fragment/" in f),
        "index_chunk_max_bytes": max(len(b) for f, b in index.items() if "/index/" in f),
        "first_load_bytes": sum(len(files[f].body) for f in first if f in files)
        + sum(len(b) for f, b in index.items() if f.endswith(".pf_meta")),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/dev/shm/plnsite-search-cost"))
    ap.add_argument("--generator", help="path of shared/bench/gen_corpus.py")
    ap.add_argument("--seed", type=int, default=run.corpus.DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "search-cost.json")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    result = {"machine": run.machine_info(), "pagefind": pagefind_version(), "sizes": {}}
    for n in sorted(int(x) for x in args.notes.split(",") if x):
        run.ensure_corpus(n, args.work, ["plnsite"], args.seed, args.generator)
        site = args.work / "corpus" / f"plnsite-{n}"
        run.set_search(site, False)
        out = args.work / "out" / f"plnsite-{n}"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "plnsite", "build", "-s", "content", "-o", str(out), "--no-cache"],
                       cwd=site, check=True, capture_output=True)
        run.log(f"N={n}: built in {time.perf_counter() - t0:.1f} s; indexing {args.runs} times")
        result["sizes"][n] = figures = measure(out, args.runs)
        run.log(f"N={n}: {json.dumps(figures)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
