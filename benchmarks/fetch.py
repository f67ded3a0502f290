"""``plnsite fetch`` against 500 feeds served on 127.0.0.1, 5% of them failing (a feed that never
answers, 410 Gone, not a feed, an endless body), medians of 3 runs.

    python benchmarks/fetch.py [--feeds 500] [--runs 3] [--timeout 10] [--jobs 16] [--out FILE.json]

Cold: no snapshot (every feed read in full). Warm: the snapshot of a first run, so the feeds that
answered before answer 304 and the 410s are skipped; the hanging ones cost a timeout each time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.webserver import LocalWeb, answer, hang, stream_forever  # noqa: E402

FAILING = ("hang", "gone", "garbage", "endless")


def rss(n: int, items: int = 20) -> str:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    entries = "".join(
        f"<item><title>Post {i} of feed {n}</title><link>https://feed{n}.example/{i}</link>"
        f"<guid>https://feed{n}.example/{i}</guid>"
        f"<pubDate>{(now - dt.timedelta(hours=i * 7 + n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
        f"<category>topic{i % 5}</category>"
        f"<description>&lt;p&gt;{'Some words about learning. ' * 12}&lt;/p&gt;</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>https://feed{n}.example/</link><description>d</description>{entries}</channel></rss>")


def conditional(body: str, tag: str):
    def handle(request, web):
        if request.headers.get("If-None-Match") == tag:
            answer(304, headers={"ETag": tag})(request, web)
        else:
            answer(200, body, {"ETag": tag, "Content-Type": "application/rss+xml"})(request, web)
    return handle


def make_site(root: Path, web: LocalWeb, feeds: int) -> dict:
    failing = max(1, feeds * 5 // 100)
    kinds = {}
    lines = ["title: Following", "people:"]
    for n in range(feeds):
        kind = FAILING[n % len(FAILING)] if n < failing else "ok"
        kinds[kind] = kinds.get(kind, 0) + 1
        path = f"/feeds/{n}.xml"
        web.routes[path] = {"hang": hang, "endless": stream_forever, "gone": answer(410, "gone"),
                            "garbage": answer(200, "<html><body>not a feed</body></html>"),
                            "ok": conditional(rss(n), f'"v{n}"')}[kind]
        lines += [f"  - name: Person {n}", f"    id: person-{n}", f"    feed: {web.url(path)}"]
    content = root / "content"
    (content / "contacts").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Bench\nbase_url: https://bench.example/\n", encoding="utf-8")
    (content / "contacts" / "following.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kinds


def fetch(site: Path, args) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "plnsite", "fetch", "-s", str(site), "--timeout", str(args.timeout),
                           "--jobs", str(args.jobs)], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stderr
    return {"wall_s": round(wall, 3), "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 3),
            "peak_rss_mib": round(after.ru_maxrss / 1024, 1), "summary": proc.stdout.splitlines()[0],
            "failure_lines": len(proc.stderr.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results: dict = {"feeds": args.feeds, "timeout_s": args.timeout, "jobs": args.jobs, "cold": [], "warm": []}
    with LocalWeb() as web, tempfile.TemporaryDirectory() as tmp:
        results["kinds"] = make_site(Path(tmp) / "site", web, args.feeds)
        site = Path(tmp) / "site"
        for _ in range(args.runs):
            shutil.rmtree(site / ".plnsite-cache", ignore_errors=True)
            results["cold"].append(fetch(site, args))
            results["warm"].append(fetch(site, args))
        results["requests"] = len(web.hits)
    for case in ("cold", "warm"):
        runs = results[case]
        results[f"{case}_median"] = {k: statistics.median(r[k] for r in runs) for k in ("wall_s", "cpu_s", "peak_rss_mib")}
        print(f"{case}: median wall {results[f'{case}_median']['wall_s']:.2f} s, cpu {results[f'{case}_median']['cpu_s']:.2f} s, "
              f"peak {results[f'{case}_median']['peak_rss_mib']:.0f} MiB — {runs[0]['summary']}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
