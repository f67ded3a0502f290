#!/usr/bin/env python3
"""Where a cold plnsite build spends its time, by stage and by library (cProfile).

    python benchmarks/profile_build.py --site DIR [--jobs 1] [--pstats FILE] [--top 20]
    python benchmarks/profile_build.py --load FILE          # summarise an existing profile

Runs ``python -m cProfile -o FILE -m plnsite build --no-cache -j JOBS`` in the
site folder (a corpus from benchmarks/corpus.py, output to a temporary folder
on tmpfs) and prints Markdown tables:

* stages: cumulative time of each stage's entry point (load, link and inside it
  Markdown rendering, theme, routes, render with templates/feeds inside it,
  write), plus start-up (imports, argument parsing) as the rest;
* self time grouped by library (markdown_it, pygments, jinja2, yaml, ...);
* the top functions by cumulative and by self time.

With -j above 1 the Markdown rendering runs in worker processes that cProfile
does not see; the default -j 1 profiles everything in one process.  cProfile
adds overhead to every Python call (roughly 1.5-2x here); compare the
profiled total with the unprofiled -j 1 wall time, and read the shares, not
the absolute seconds.  Function names come from the code at the time of the
run: an entry point that no longer exists is reported as such.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (label, spec, parent or None).  A spec is "file:func|func" alternatives joined by " + ":
# within an alternative group the largest cumulative time is taken (so a wrapper and the
# function it wraps are not counted twice), groups are added up.  "file:*" is the self time
# of every function in that file.
STAGES = (
    ("load content (discover, read, YAML, front matter)", "plnsite/load/__init__.py:load_content|load", None),
    ("link (index, render Markdown, resolve links, tags, backlinks)", "plnsite/link/__init__.py:link", None),
    ("Markdown → HTML (markdown-it-py + plugins + Pygments)", "plnsite/markdown/__init__.py:render_markdown", "link"),
    ("Pygments highlighting (render_fence)", "plnsite/markdown/highlight.py:render_fence", "link"),
    ("cache: hash keys, read/write shards",
     "plnsite/link/rendering.py:_key + plnsite/link/rendering.py:_read_shards + plnsite/link/rendering.py:_write_shards",
     "link"),
    ("fill wikilinks, rebase URLs",
     "plnsite/markdown/wikilinks.py:fill_links + plnsite/urls.py:rebase_html", "link"),
    ("load theme", "plnsite/render/theme.py:load_theme", None),
    ("plan routes", "plnsite/routes.py:plan_routes", None),
    ("render routes (all outputs in memory)", "plnsite/render/__init__.py:render_routes", None),
    ("Jinja templates (render_template)", "plnsite/render/html.py:render_template", "render"),
    ("view contexts (SiteViews.context)", "plnsite/render/views.py:context", "render"),
    ("feeds (RSS, Atom, JSON)", "plnsite/render/feeds.py:render_feed", "render"),
    ("OPML", "plnsite/render/opml.py:render_opml", "render"),
    ("sitemap", "plnsite/render/sitemap.py:render_sitemap", "render"),
    ("write outputs (write-if-changed, manifest)", "plnsite/output.py:write_outputs", None),
)

LIBS = (
    ("markdown_it", "markdown-it-py"), ("mdit_py_plugins", "mdit-py-plugins"), ("pygments", "Pygments"),
    ("jinja2", "Jinja2"), ("markupsafe", "MarkupSafe"), ("yaml", "PyYAML"), ("feedgen", "feedgen"),
    ("lxml", "lxml"), ("dateutil", "dateutil"),
)


def run_profile(site: Path, jobs: int, pstats_file: Path) -> float:
    out = Path(tempfile.mkdtemp(prefix="plnsite-profile-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    try:
        shutil.rmtree(site / ".plnsite-cache", ignore_errors=True)
        cmd = [sys.executable, "-m", "cProfile", "-o", str(pstats_file), "-m", "plnsite", "build",
               "-s", "content", "-o", str(out / "public"), "--no-cache", "-j", str(jobs)]
        print(f"$ (cd {site} && {' '.join(cmd)})", file=sys.stderr)
        t0 = time.perf_counter()
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(cmd, cwd=site, check=True, env=env, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _norm(path: str) -> str:
    return path.replace(os.sep, "/")


def _group_time(st: pstats.Stats, group: str) -> float | None:
    suffix, _, funcs = group.strip().rpartition(":")
    names = funcs.split("|")
    best = None
    for (filename, _line, func), (_cc, _nc, tt, ct, _callers) in st.stats.items():
        if not _norm(filename).endswith(suffix):
            continue
        if funcs == "*":
            best = (best or 0.0) + tt
        elif func in names:
            best = ct if best is None else max(best, ct)
    return best


def stage_table(st: pstats.Stats) -> list[tuple[str, float | None, str | None]]:
    rows = []
    for label, spec, parent in STAGES:
        times = [_group_time(st, g) for g in spec.split(" + ")]
        found = [t for t in times if t is not None]
        rows.append((label, sum(found) if found else None, parent))
    return rows


def library_of(filename: str) -> str:
    f = _norm(filename)
    if f.startswith("~") or f == "~":
        return "builtins (C: str ops, re, I/O, marshal...)"
    m = re.search(r"/plnsite/(\w+)", f)
    if m and "site-packages" not in f:
        return f"plnsite.{m.group(1)}"
    m = re.search(r"site-packages/([A-Za-z0-9_]+)", f)
    if m:
        pkg = m.group(1)
        return dict(LIBS).get(pkg, pkg)
    m = re.search(r"/lib/python3\.\d+/([A-Za-z0-9_]+)", f)
    if m:
        return f"stdlib {m.group(1)}"
    return f.rsplit("/", 1)[-1]


def library_table(st: pstats.Stats) -> list[tuple[str, float]]:
    by: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        lib = library_of(filename)
        if lib.startswith("builtins"):
            # attribute C functions to what they are, roughly
            if "posix" in func or "io." in func or "open" in func or "write" in func or "read" in func:
                lib = "builtins: file I/O (open/read/write/stat)"
            elif "re.Pattern" in func or "_sre" in func:
                lib = "builtins: regular expressions"
            elif "marshal" in func:
                lib = "builtins: marshal"
            else:
                lib = "builtins: other C calls"
        by[lib] = by.get(lib, 0.0) + tt
    return sorted(by.items(), key=lambda kv: -kv[1])


def fmt_func(key) -> str:
    filename, line, func = key
    f = _norm(filename)
    short = re.sub(r".*/site-packages/", "", f)
    short = re.sub(r".*/(plnsite/)", r"\1", short)
    short = re.sub(r".*/lib/python3\.\d+/", "", short)
    return f"{short}:{line}({func})" if not f.startswith("~") else func


def report(pstats_file: Path, top: int, wall: float | None = None) -> str:
    st = pstats.Stats(str(pstats_file))
    # The outermost frame's cumulative time (runpy's exec of plnsite) is the whole run.
    total = max(ct for (_cc, _nc, _tt, ct, _c) in st.stats.values())
    out = []
    out.append(f"Profiled total (cumulative time of the outermost frame): {total:.2f} s"
               + (f"; wall of the profiled run {wall:.2f} s" if wall else ""))
    out.append("")
    out.append("| stage | cumulative s | share |")
    out.append("|---|---:|---:|")
    accounted = 0.0
    for label, secs, parent in stage_table(st):
        indent = "  ↳ " if parent else ""
        if secs is None:
            out.append(f"| {indent}{label} | (entry point not found) | |")
            continue
        if not parent:
            accounted += secs
        out.append(f"| {indent}{label} | {secs:.2f} | {100 * secs / total:.1f}% |")
    out.append(f"| start-up (imports), CLI, everything outside the stages | {total - accounted:.2f} | "
               f"{100 * (total - accounted) / total:.1f}% |")
    out.append("")
    out.append("| library (self time) | s | share |")
    out.append("|---|---:|---:|")
    for lib, secs in library_table(st)[:18]:
        out.append(f"| {lib} | {secs:.2f} | {100 * secs / total:.1f}% |")
    out.append("")
    items = list(st.stats.items())
    out.append(f"Top {top} by cumulative time:")
    out.append("")
    out.append("| function | calls | cumulative s | self s |")
    out.append("|---|---:|---:|---:|")
    for key, (cc, nc, tt, ct, _c) in sorted(items, key=lambda kv: -kv[1][3])[:top]:
        out.append(f"| `{fmt_func(key)}` | {nc} | {ct:.2f} | {tt:.2f} |")
    out.append("")
    out.append(f"Top {top} by self time:")
    out.append("")
    out.append("| function | calls | self s | cumulative s |")
    out.append("|---|---:|---:|---:|")
    for key, (cc, nc, tt, ct, _c) in sorted(items, key=lambda kv: -kv[1][2])[:top]:
        out.append(f"| `{fmt_func(key)}` | {nc} | {tt:.2f} | {ct:.2f} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="a plnsite corpus folder (holds content/)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--pstats", type=Path, default=Path("plnsite-build.pstats"), help="where to keep the profile")
    ap.add_argument("--load", type=Path, help="summarise this existing profile instead of running one")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    wall = None
    if args.load:
        path = args.load
    else:
        if not args.site:
            ap.error("--site or --load is required")
        path = args.pstats.resolve()
        wall = run_profile(args.site.resolve(), args.jobs, path)
    print(report(path, args.top, wall))
    return 0


if __name__ == "__main__":
    sys.exit(main())
