#!/usr/bin/env python3
"""The build time a network snapshot adds: 500 feeds × 20 entries on the benchmark corpus.

    python benchmarks/network.py --notes 1000 [--feeds 500] [--entries 20] [--runs 3]

Two copies of the corpus (benchmarks/corpus.py, made by run.py's ensure_corpus) are built in
turn, in one session, as whole processes (run.py's run_timed): "without" has no snapshot,
"with" one of FEEDS × ENTRIES posts. Both hold the same FEEDS extra contacts with a feed (the
people followed), so they differ only in the snapshot. Cases, each the median of --runs:

  cold    plnsite build, output and caches removed first (the snapshot kept)
  warm    plnsite build again, nothing changed
  fetch   ("with" only) a new snapshot written (every feed's newest entry replaced), then
          plnsite build with the cache warm: what a scheduled fetch-then-build pays
  serve   in-process: the preview server's rebuild after a new snapshot (Rebuilder), against
          its rebuild after a one-note edit of the same session

Posts are dated over the 60 days before the snapshot, with categories from the corpus's tags
(so topic hubs show some). Writes OUT/network.json (default benchmarks/results/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
import corpus  # noqa: E402
import run  # noqa: E402

from plnsite.model import BuildOptions  # noqa: E402
from plnsite.serve.rebuild import Rebuilder, classify  # noqa: E402
from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, snapshot_dir, write_snapshot  # noqa: E402

TAKEN = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.timezone.utc)
WORDS = ("learning", "notes", "network", "practice", "feedback", "teaching", "design", "systems", "open",
         "memory", "research", "habits", "tools", "craft", "patterns", "theory", "code", "attention")


def followed_contacts(feeds: int) -> str:
    lines = ["title: Followed", "description: People whose feeds I read.", "people:"]
    for i in range(feeds):
        lines += [f"  - name: Followed Person {i}", f"    id: followed-{i:04d}",
                  f"    url: https://followed-{i}.example.net/", f"    feed: https://followed-{i}.example.net/feed.xml"]
    return "\n".join(lines) + "\n"


def make_snapshot(feeds: int, entries: int, tags: list[str], taken: dt.datetime, fresh: int = 0) -> NetworkSnapshot:
    """FEEDS × ENTRIES posts; ``fresh`` > 0 makes each feed's newest entry a new one (a later fetch)."""
    rng = random.Random(20261202 + fresh)
    posts = []
    for i in range(feeds):
        person, feed = f"followed-{i:04d}", f"https://followed-{i}.example.net/feed.xml"
        for j in range(entries):
            n = f"{fresh}-{j}" if j == 0 and fresh else f"{j}"
            when = taken - dt.timedelta(minutes=rng.randrange(60 * 24 * 60))
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9))).capitalize()
            summary = " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + "."
            posts.append(NetworkPost(person, feed, f"{feed}#{n}", title, f"https://followed-{i}.example.net/p/{n}",
                                     when.strftime("%Y-%m-%dT%H:%M:%SZ"), person, tuple(rng.sample(tags, 2)),
                                     summary[:300]))
    posts.sort(key=lambda p: (p.published, p.person, p.link), reverse=True)
    return NetworkSnapshot(taken=taken.strftime("%Y-%m-%dT%H:%M:%SZ"), posts=tuple(posts), feeds=())


def clean(site: Path) -> None:
    """Output and caches removed; the snapshot kept."""
    run.rmtree(site / "public")
    cache = site / ".plnsite-cache"
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry != snapshot_dir(site):
                run.rmtree(entry) if entry.is_dir() else entry.unlink()


def median(runs: list[dict]) -> float:
    ok = [r["wall_s"] for r in runs if r["rc"] == 0]
    return round(statistics.median(ok), 3) if ok else float("nan")


def serve_rebuilds(site: Path, feeds: int, entries: int, tags: list[str], runs: int) -> dict:
    """Seconds of the preview server's rebuild after a new snapshot, and after a note's edit."""
    content = site / "content"
    rebuilder = Rebuilder(BuildOptions(source=content), limit=None)
    rebuilder.first_build()
    shard = next(snapshot_dir(site).glob("*.bin"))
    note = run.edit_target(site)
    original = note.read_text()
    after_snapshot, after_edit, changed = [], [], []
    for i in range(runs):
        write_snapshot(site, make_snapshot(feeds, entries, tags, TAKEN + dt.timedelta(hours=i + 1), fresh=i + 1))
        t0 = time.perf_counter()
        change = rebuilder.rebuild(classify([shard], content, rebuilder.theme_dirs))
        after_snapshot.append(time.perf_counter() - t0)
        changed.append(len(change.urls))
        note.write_text(original.replace("\n\n", f"\n\nEdited {i}.\n\n", 1))
        t0 = time.perf_counter()
        rebuilder.rebuild(classify([note], content, rebuilder.theme_dirs))
        after_edit.append(time.perf_counter() - t0)
    note.write_text(original)
    return {"after_snapshot_s": round(statistics.median(after_snapshot), 3),
            "after_note_edit_s": round(statistics.median(after_edit), 3), "urls_changed": changed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/dev/shm/plnsite-bench-network"))  # its own corpora
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--generator", help="path of shared/bench/gen_corpus.py")
    args = ap.parse_args()
    run.QUIET["load"] = 0.5
    run.ensure_corpus(args.notes, args.work, ["plnsite"], args.seed, args.generator)
    source = args.work / "corpus" / f"plnsite-{args.notes}"
    tags = sorted({t for n in corpus.read_plnsite_notes(source / "content") for t in n.tags})
    sites = {}
    for arm in ("without", "with"):
        site = sites[arm] = args.work / f"network-{args.notes}" / arm
        run.rmtree(site)
        shutil.copytree(source, site)
        (site / "content" / "contacts" / "followed.yaml").write_text(followed_contacts(args.feeds))
    t0 = time.perf_counter()
    write_snapshot(sites["with"], make_snapshot(args.feeds, args.entries, tags, TAKEN))
    run.log(f"snapshot of {args.feeds} x {args.entries} written in {time.perf_counter() - t0:.2f} s "
            f"({next(snapshot_dir(sites['with']).glob('*.bin')).stat().st_size / 1e6:.1f} MB)")
    args.out.mkdir(parents=True, exist_ok=True)
    logfile = args.out / "network.log"
    cmd = [sys.executable, "-m", "plnsite", "build", "-s", "content", "-o", "public"]
    run.CHILD_ENV["PYTHONPATH"] = str(REPO)
    times: dict[str, list[dict]] = {f"{case} {arm}": [] for arm in sites for case in ("cold", "warm")}
    times["fetch with"] = []
    for i in range(args.runs + 1):  # the first round warms the machine (and writes .pyc files): not counted
        for arm, site in sites.items():
            clean(site)
            cold, warm = run.run_timed(cmd, site, logfile), run.run_timed(cmd, site, logfile)
            if i:
                times[f"cold {arm}"].append(cold)
                times[f"warm {arm}"].append(warm)
        write_snapshot(sites["with"], make_snapshot(args.feeds, args.entries, tags, TAKEN + dt.timedelta(hours=i + 1),
                                                    fresh=i + 1))
        fetched = run.run_timed(cmd, sites["with"], logfile)
        if i:
            times["fetch with"].append(fetched)
        run.log(f"round {i}: " + ", ".join(f"{k} {v[-1]['wall_s']:.2f}" for k, v in times.items() if v))
    serve = serve_rebuilds(sites["with"], args.feeds, args.entries, tags, args.runs)
    pages = len(list((sites["with"] / "public").rglob("*.html")))
    result = {"notes": args.notes, "feeds": args.feeds, "entries": args.entries, "runs": args.runs,
              "medians_s": {k: median(v) for k, v in times.items()}, "serve": serve,
              "raw": times, "machine": run.machine_info(), "git": run.git_state(), "pages_with": pages}
    (args.out / "network.json").write_text(json.dumps(result, indent=2))
    m = result["medians_s"]
    print(f"\n{args.notes} notes, snapshot of {args.feeds} feeds x {args.entries} entries, median of {args.runs}:")
    print(f"  cold: {m['cold without']:.3f} s without, {m['cold with']:.3f} s with "
          f"(+{m['cold with'] - m['cold without']:.3f} s)")
    print(f"  warm: {m['warm without']:.3f} s without, {m['warm with']:.3f} s with "
          f"(+{m['warm with'] - m['warm without']:.3f} s)")
    print(f"  warm after a new snapshot (fetch, then build): {m['fetch with']:.3f} s")
    print(f"  serve: rebuild after a new snapshot {serve['after_snapshot_s'] * 1000:.0f} ms "
          f"({serve['urls_changed']} URLs changed), after a note edit {serve['after_note_edit_s'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
