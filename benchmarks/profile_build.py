#!/usr/bin/env python3
"""Where a cold plnsite build spends its time, by stage and by library (cProfile).

    python benchmarks/profile_build.py --site DIR [--jobs 1] [--pstats FILE] [--top 20] [--code DIR] [--warm]
    python benchmarks/profile_build.py --timers --site DIR [--jobs 1] [--warm]   # plain clocks, no profiler
    python benchmarks/profile_build.py --markdown-floor 2000 --site DIR          # plnsite's Markdown vs markdown-it-py
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
     "plnsite/incremental/markdown_cache.py:key + plnsite/incremental/markdown_cache.py:lookup"
     " + plnsite/incremental/markdown_cache.py:save",
     "link"),
    ("fill wikilinks, rebase URLs",
     "plnsite/markdown/wikilinks.py:fill_links + plnsite/urls.py:rebase_html", "link"),
    ("load theme", "plnsite/render/theme.py:load_theme", None),
    ("plan routes", "plnsite/routes.py:plan_routes", None),
    ("render routes (pages, feeds, sitemap, OPML)", "plnsite/render/__init__.py:render_routes", None),
    ("Jinja templates (render_template)", "plnsite/render/html.py:render_template", "render"),
    ("view contexts (SiteViews.context)", "plnsite/render/views/__init__.py:context", "render"),
    ("feeds (RSS, Atom, JSON)", "plnsite/render/feeds.py:render_feed", "render"),
    ("OPML", "plnsite/render/opml.py:render_opml", "render"),
    ("sitemap", "plnsite/render/sitemap.py:render_sitemap", "render"),
    ("compare with the last build (fingerprints, build state)",
     "plnsite/incremental/render_memo.py:_since_last_build", None),
    ("write outputs (write-if-changed, manifest)", "plnsite/output.py:write_outputs", None),
    ("save build state", "plnsite/incremental/render_memo.py:save_state", None),
)

LIBS = (
    ("markdown_it", "markdown-it-py"), ("mdit_py_plugins", "mdit-py-plugins"), ("pygments", "Pygments"),
    ("jinja2", "Jinja2"), ("markupsafe", "MarkupSafe"), ("yaml", "PyYAML"), ("feedgen", "feedgen"),
    ("lxml", "lxml"), ("dateutil", "dateutil"),
)


def _env(code: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if code is not None:  # a copy of plnsite/ (run.py keeps one in WORK/code)
        env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class Prepared:
    """The build arguments for a cold build (no cache), or for a warm one: a priming build fills
    .plnsite-cache/ and the output folder, then one note gets one more line (undone on exit)."""

    def __init__(self, site: Path, jobs: int, warm: bool, code: Path | None):
        self.site, self.warm, self.env = site, warm, _env(code)
        self.tmp = Path(tempfile.mkdtemp(prefix="plnsite-profile-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
        self.args = ["build", "-s", "content", "-o", str(self.tmp / "public"), "-j", str(jobs)]
        self.note, self.original = None, None

    def __enter__(self):
        shutil.rmtree(self.site / ".plnsite-cache", ignore_errors=True)
        if not self.warm:
            self.args.append("--no-cache")
            return self
        subprocess.run([sys.executable, "-m", "plnsite", *self.args], cwd=self.site, check=True, env=self.env,
                       stdout=subprocess.DEVNULL)
        names = sorted((self.site / "content" / "notes").glob("*.md"))
        self.note = names[len(names) // 2]
        self.original = self.note.read_bytes()
        self.note.write_bytes(self.original + b"\nOne more line for the warm profile.\n")
        return self

    def __exit__(self, *exc):
        if self.note is not None:
            self.note.write_bytes(self.original)
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_profile(site: Path, jobs: int, pstats_file: Path, code: Path | None = None, warm: bool = False) -> float:
    with Prepared(site, jobs, warm, code) as prep:
        # Not `-m plnsite`: the console entry point leaves with os._exit, before cProfile
        # could write its file.  This script returns from main() instead.
        script = prep.tmp / "plnsite_main.py"
        script.write_text("import sys\nfrom plnsite.cli import main\nsys.exit(main(sys.argv[1:]))\n")
        cmd = [sys.executable, "-m", "cProfile", "-o", str(pstats_file), str(script), *prep.args]
        print(f"$ (cd {site} && {' '.join(cmd)})", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=site, check=True, env=prep.env, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0


# Run in a child process by --timers: wrap each stage's entry point with a wall-clock timer
# (no cProfile overhead), then run `plnsite build`.  Functions are patched wherever a module
# imported them by name; timers of nested or recursive calls count only the outermost call.
TIMER_BOOT = r"""
import functools, importlib, json, os, pkgutil, sys, time
import plnsite
mods = []
for info in pkgutil.walk_packages(plnsite.__path__, "plnsite."):
    if info.name.endswith("__main__"):
        continue
    try:
        mods.append(importlib.import_module(info.name))
    except Exception:
        pass
spec = json.loads(sys.argv[1])
totals, calls, depth, rss = {}, {}, {}, {}
import gc
gc_time = {"s": 0.0, "n": 0, "t0": 0.0, "gen2": 0}
def on_gc(phase, info):
    if phase == "start":
        gc_time["t0"] = time.perf_counter()
    else:
        gc_time["s"] += time.perf_counter() - gc_time["t0"]
        gc_time["n"] += 1
        gc_time["gen2"] += info.get("generation") == 2
gc.callbacks.append(on_gc)
def mem():
    out = {}
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line.split(":")[0]] = int(line.split()[1]) / 1024
    return out
def wrap(label, fn):
    @functools.wraps(fn)
    def timed(*a, **k):
        if depth.get(label):
            return fn(*a, **k)
        depth[label] = 1
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            depth[label] = 0
            totals[label] = totals.get(label, 0.0) + time.perf_counter() - t0
            calls[label] = calls.get(label, 0) + 1
            try:
                rss[label] = mem()
            except OSError:
                pass
    return timed
originals = {}
for label, groups in spec:
    for suffix, names in groups:
        for m in mods:
            f = (getattr(m, "__file__", "") or "").replace(os.sep, "/")
            if not f.endswith(suffix):
                continue
            for name in names:
                if hasattr(m, name) and callable(getattr(m, name)):
                    originals[(label, id(getattr(m, name)))] = (getattr(m, name), m, name)
                for cls in [v for v in vars(m).values() if isinstance(v, type) and v.__module__ == m.__name__]:
                    if name in vars(cls):
                        fn = vars(cls)[name]
                        if isinstance(fn, (staticmethod, classmethod)):  # keep the binding it had
                            setattr(cls, name, type(fn)(wrap(label, fn.__func__)))
                        else:
                            setattr(cls, name, wrap(label, fn))
patched = {}
for (label, _), (fn, _m, _name) in originals.items():
    patched.setdefault(id(fn), (fn, wrap(label, fn)))
for m in mods:
    for attr, value in list(vars(m).items()):
        if id(value) in patched and value is patched[id(value)][0]:
            setattr(m, attr, patched[id(value)][1])
from plnsite.cli import main
t0 = time.perf_counter()
rc = main(sys.argv[3:])
total = time.perf_counter() - t0
json.dump({"total": total, "totals": totals, "calls": calls, "rc": rc, "rss": rss,
           "gc": {k: v for k, v in gc_time.items() if k != "t0"}}, open(sys.argv[2], "w"))
"""


def run_timers(site: Path, jobs: int, code: Path | None = None, warm: bool = False) -> dict:
    import json
    spec = []
    for label, stage_spec, _parent in STAGES:
        groups = []
        for g in stage_spec.split(" + "):
            suffix, _, funcs = g.strip().rpartition(":")
            if funcs != "*":
                groups.append((suffix, funcs.split("|")[:1] if "|" not in funcs else funcs.split("|")))
        spec.append((label, groups))
    with Prepared(site, jobs, warm, code) as prep:
        result_file = prep.tmp / "timers.json"
        cmd = [sys.executable, "-c", TIMER_BOOT, json.dumps(spec), str(result_file), *prep.args]
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=site, check=True, env=prep.env, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        data = json.loads(result_file.read_text())
        data["wall"] = wall
        return data


FLOOR_BOOT = r"""
import glob, sys, time
from markdown_it import MarkdownIt
from plnsite.markdown import render_markdown
files = sorted(glob.glob("content/notes/*.md"))[: int(sys.argv[1])]
texts = [open(f, encoding="utf-8").read().split("---\n", 2)[2] for f in files]
plain = MarkdownIt("commonmark").enable(["table", "strikethrough"])
def per_note(fn):
    best = None
    for _ in range(2):
        t0 = time.process_time()
        for x in texts:
            fn(x)
        d = time.process_time() - t0
        best = d if best is None else min(best, d)
    return best / len(texts) * 1e6
a, b = per_note(plain.render), per_note(render_markdown)
print(f"{len(texts)} notes, CPU per note, best of 2: markdown-it-py commonmark+table+strikethrough "
      f"{a:.0f} us; plnsite render_markdown {b:.0f} us ({b / a:.2f}x)")
"""


def markdown_floor(site: Path, count: int, code: Path | None) -> None:
    subprocess.run([sys.executable, "-c", FLOOR_BOOT, str(count)], cwd=site, check=True, env=_env(code))


def timers_report(data: dict, jobs: int, warm: bool = False) -> str:
    total = data["wall"]
    out = [f"Unprofiled stage timers, {'warm (cache kept, one note changed)' if warm else 'cold'}, -j {jobs}: whole process {total:.2f} s "
           f"(plnsite's main() {data['total']:.2f} s; the rest is interpreter start-up and imports)", "",
           "| stage | s | share of process | calls | RSS after (peak so far), MiB |", "|---|---:|---:|---:|---:|"]
    accounted = 0.0
    for label, _spec, parent in STAGES:
        secs = data["totals"].get(label)
        indent = "  ↳ " if parent else ""
        if secs is None:
            out.append(f"| {indent}{label} | – | | 0 | |")
            continue
        if not parent:
            accounted += secs
        m = data.get("rss", {}).get(label, {}) if not parent else {}
        mem = f"{m['VmRSS']:.0f} ({m['VmHWM']:.0f})" if m else ""
        out.append(f"| {indent}{label} | {secs:.2f} | {100 * secs / total:.1f}% | {data['calls'].get(label, 0)} | {mem} |")
    out.append(f"| start-up, imports, CLI, everything outside the stages | {total - accounted:.2f} | "
               f"{100 * (total - accounted) / total:.1f}% | | |")
    gc_info = data.get("gc")
    if gc_info:
        out.append("")
        out.append(f"Garbage collection (all stages, counted inside them above): {gc_info['s']:.2f} s in "
                   f"{gc_info['n']} collections, {gc_info['gen2']} of them full (generation 2).")
    return "\n".join(out)


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
    for key, (_cc, nc, tt, ct, _c) in sorted(items, key=lambda kv: -kv[1][3])[:top]:
        out.append(f"| `{fmt_func(key)}` | {nc} | {ct:.2f} | {tt:.2f} |")
    out.append("")
    out.append(f"Top {top} by self time:")
    out.append("")
    out.append("| function | calls | self s | cumulative s |")
    out.append("|---|---:|---:|---:|")
    for key, (_cc, nc, tt, ct, _c) in sorted(items, key=lambda kv: -kv[1][2])[:top]:
        out.append(f"| `{fmt_func(key)}` | {nc} | {tt:.2f} | {ct:.2f} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="a plnsite corpus folder (holds content/)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--pstats", type=Path, default=Path("plnsite-build.pstats"), help="where to keep the profile")
    ap.add_argument("--load", type=Path, help="summarise this existing profile instead of running one")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--markdown-floor", type=int, metavar="N",
                    help="compare plain markdown-it-py with plnsite's render_markdown on the first N notes")
    ap.add_argument("--warm", action="store_true",
                    help="profile a warm build: after a priming build (cache and output kept), one note changed")
    ap.add_argument("--timers", action="store_true",
                    help="instead of cProfile, time each stage's entry point with a plain clock (no profiler overhead)")
    ap.add_argument("--code", type=Path, help="folder holding a copy of plnsite/ to profile instead of the installed one "
                                               "(run.py leaves its snapshot in WORK/code)")
    args = ap.parse_args(argv)
    wall = None
    if args.markdown_floor:
        if not args.site:
            ap.error("--markdown-floor needs --site")
        markdown_floor(args.site.resolve(), args.markdown_floor, args.code.resolve() if args.code else None)
        return 0
    if args.timers:
        if not args.site:
            ap.error("--timers needs --site")
        data = run_timers(args.site.resolve(), args.jobs, args.code.resolve() if args.code else None, args.warm)
        print(timers_report(data, args.jobs, args.warm))
        return 0
    if args.load:
        path = args.load
    else:
        if not args.site:
            ap.error("--site or --load is required")
        path = args.pstats.resolve()
        wall = run_profile(args.site.resolve(), args.jobs, path, args.code.resolve() if args.code else None, args.warm)
    print(report(path, args.top, wall))
    return 0


if __name__ == "__main__":
    sys.exit(main())
