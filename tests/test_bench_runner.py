"""benchmarks/run.py, on tiny corpora: issue 19's options and cases do what they say.

The runner is run as a user runs it (a subprocess on a generated corpus) or, for the report's
arithmetic and the memory sampler, through its functions. No figure is asserted to be fast:
only that each case ran, measured what it names and cleaned up after itself.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def _generator() -> Path | None:
    """The shared corpus generator, beside the repository or beside the folder of worktrees."""
    for c in (os.environ.get("PLNSITE_BENCH_GENERATOR"), ROOT.parent / "shared" / "bench" / "gen_corpus.py",
              ROOT.parents[1] / "shared" / "bench" / "gen_corpus.py"):
        if c and Path(c).is_file():
            return Path(c)
    return None


GENERATOR = _generator()
needs_generator = pytest.mark.skipif(GENERATOR is None, reason="shared/bench/gen_corpus.py not found")


@pytest.fixture(scope="module")
def runner():
    """benchmarks/run.py as a module (it imports benchmarks/corpus.py beside it)."""
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_bench(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--generator", str(GENERATOR), "--no-snapshot",
         "--quiet-load", "0", "--warmup", "0", "--runs", "1", "--search", "off",
         "--work", str(tmp_path / "work"), "--out", str(out), *args],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads((out / "results.json").read_text())


def case(res: dict, tool: str, name: str, n: int) -> dict:
    found = [c for c in res["cases"] if (c.get("tool"), c.get("case"), c.get("n")) == (tool, name, n)]
    assert len(found) == 1, [c["name"] for c in res["cases"]]
    return found[0]


@needs_generator
def test_cards_off_writes_the_key_and_the_build_draws_no_cards(tmp_path):
    on = run_bench(tmp_path / "on", "--notes", "12", "--cases", "cold", "--cards", "on")
    off = run_bench(tmp_path / "off", "--notes", "12", "--cases", "cold", "--cards", "off")
    config_on = (tmp_path / "on" / "work" / "corpus" / "plnsite-12" / "content" / "site.yaml").read_text()
    config_off = (tmp_path / "off" / "work" / "corpus" / "plnsite-12" / "content" / "site.yaml").read_text()
    assert "cards:" not in config_on  # on is the default: no line at all
    assert config_off.splitlines().count("cards: false") == 1
    files_on = case(on, "plnsite", "cold", 12)["outputs"]["files"]
    files_off = case(off, "plnsite", "cold", 12)["outputs"]["files"]
    assert files_off <= files_on - 12  # one card.png per note, no more
    assert off["args"]["cards"] == "off"


@needs_generator
def test_servestart_times_the_server_until_a_note_page_answers_and_stops_it(tmp_path):
    res = run_bench(tmp_path, "--notes", "12", "--cases", "servestart", "--runs", "2")
    start = case(res, "plnsite", "servestart", 12)
    assert start["runs_ok"] == 2 and start["prime"]["rc"] == 0  # the cache was warmed by a build first
    assert start["page"].startswith("/bench/notes/") and start["page"].endswith("/")
    for run in start["raw"]:
        assert run["wall_s"] > 0 and run["cpu_s"] > 0 and run["tree_pss_mib"] > 0
    for run in start["raw"]:  # every run's server is gone
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", run["port"]), timeout=2).close()
    # ...and the report has the start row with its limit (no Hugo here: no ratio to it).
    rows = {r["target"]: r for r in res["ratios"]}
    assert rows["start_s"]["limit"] == 1.5 and rows["start_s"]["value"] == start["wall_s"]["median"]
    assert "start_vs_hugo" not in rows


def test_start_once_stops_the_whole_process_group(tmp_path, runner):
    """A server that starts a child of its own (as Hugo and plnsite's workers may) leaves nothing behind."""
    port = runner.free_port()
    server = tmp_path / "server.py"
    server.write_text(
        "import http.server, subprocess, sys\n"
        f"open({str(tmp_path / 'child.pid')!r}, 'w').write(str(subprocess.Popen(['sleep', '300']).pid))\n"
        "class H(http.server.BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n"
        "        self.send_response(200); self.end_headers(); self.wfile.write(b'<html>note</html>')\n"
        f"http.server.HTTPServer(('127.0.0.1', {port}), H).serve_forever()\n")
    runner.QUIET["load"] = 0
    result = runner.start_once([sys.executable, str(server)], tmp_path, port, "/notes/x/", tmp_path / "log", 60)
    assert result["rc"] == 0 and result["wall_s"] > 0 and result["procs"] >= 1
    child = int((tmp_path / "child.pid").read_text())
    try:
        state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        state = "gone"
    assert state in ("gone", "Z")  # reaped, or dead and waiting for init to reap it
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_tree_memory_sums_a_build_and_its_workers(tmp_path, runner):
    """The tree's sum counts what forked workers hold together, which no single process shows."""
    script = tmp_path / "workers.py"
    script.write_text(
        "import os, time\n"
        "kids = []\n"
        "for _ in range(3):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        block = b'x' * (60 * 1024 * 1024)  # 60 MiB of its own\n"
        "        time.sleep(1.5)\n"
        "        os._exit(0)\n"
        "    kids.append(pid)\n"
        "for pid in kids:\n"
        "    os.waitpid(pid, 0)\n")
    runner.QUIET["load"] = 0
    r = runner.run_timed([sys.executable, str(script)], tmp_path, tmp_path / "log")
    # (ru_maxrss, "peak_mib", is one worker's 60 MiB, or the parent's RSS at fork if the child
    # was forked rather than spawned: Linux keeps the pre-exec peak, so it is not asserted here.)
    assert r["rc"] == 0 and r["procs"] == 4
    assert r["tree_rss_mib"] > 180 and r["tree_pss_mib"] > 180  # the three workers at once


def test_a_tree_above_the_memory_cap_is_stopped_and_reported(tmp_path, runner):
    script = tmp_path / "hog.py"
    script.write_text("import os, time\nblock = b'x' * (200 * 1024 * 1024)\ntime.sleep(60)\n")
    runner.QUIET.update(load=0, mem_cap_mib=100)
    try:
        r = runner.run_timed([sys.executable, str(script)], tmp_path, tmp_path / "log")
    finally:
        runner.QUIET["mem_cap_mib"] = runner.MEM_CAP_MIB
    assert r["rc"] != 0 and r["over_cap_mib"] == 100
    summary = {"name": "hog", "raw": [r], **runner.summarize([r])}
    assert "stopped above 100 MiB" in runner.fmt_case(summary)


def _case(tool, name, n, wall, cpu=None, pss=None, peak=100.0):
    raw = {"rc": 0, "wall_s": wall, "cpu_s": cpu or wall, "peak_mib": peak, "tree_pss_mib": pss or peak,
           "tree_rss_mib": pss or peak, "bg_cpu_s": 0.0}
    return {"name": f"{tool} {name} N={n}", "tool": tool, "case": name, "n": n, "raw": [raw],
            "wall_s": {"median": wall, "min": wall, "max": wall}, "cpu_s": {"median": cpu or wall},
            "bg_cpu_s": {"median": 0.0}}


def test_issue_19_rows_at_one_ten_and_a_hundred_thousand_notes(runner):
    cases = [_case("hugo", "cold", 1000, 1.0), _case("plnsite", "cold", 1000, 0.9),
             _case("hugo", "cold", 10000, 8.0), _case("plnsite", "cold", 10000, 8.8),
             _case("plnsite", "warm", 10000, 1.6),
             _case("plnsite", "servestart", 10000, 1.2), _case("hugo", "servestart", 10000, 6.0),
             _case("hugo", "cold", 100000, 100.0, pss=9000.0),
             _case("plnsite", "cold", 100000, 90.0, pss=1500.0, peak=400.0)]
    serves = [{"n": 10000, "servable_median_ms": 35.0, "servable_min_ms": 30.0},
              {"n": 100000, "servable_median_ms": 110.0, "servable_min_ms": 90.0}]
    rows = runner.ratios(cases, serves, [1000, 10000, 100000])
    by = {(r["target"], r["n"], r["what"].startswith("Hugo")): r for r in rows}
    assert by[("cold_vs_hugo", 1000, False)]["value"] == 0.9 and by[("cold_vs_hugo", 1000, False)]["ok"]
    assert by[("cold_vs_hugo", 10000, False)]["value"] == 1.1 and by[("cold_vs_hugo", 10000, False)]["ok"] is False
    assert by[("warm_vs_hugo", 10000, False)]["value"] == 0.2 and by[("warm_vs_hugo", 10000, False)]["limit"] == 0.2
    assert by[("start_s", 10000, False)]["value"] == 1.2 and by[("start_s", 10000, False)]["ok"]
    assert by[("start_vs_hugo", 10000, False)]["value"] == 0.2 and by[("start_vs_hugo", 10000, False)]["ok"]
    assert by[("serve_ms", 10000, False)]["limit"] == 40 and by[("serve_ms", 10000, False)]["ok"]
    assert by[("serve_ms_big", 100000, False)]["limit"] == 120 and by[("serve_ms_big", 100000, False)]["ok"]
    growth = by[("growth", 100000, False)]
    assert growth["value"] == round(90.0 / 8.8, 3) and growth["limit"] == 10.5 and growth["ok"]
    assert by[("growth", 100000, True)]["value"] == 12.5 and by[("growth", 100000, True)]["limit"] is None
    peak = by[("peak_mib", 100000, False)]  # the workers' sum, not the largest process, is held to 1 GiB
    assert peak["value"] == 1500.0 and peak["limit"] == 1024 and peak["ok"] is False
    assert by[("peak_mib", 100000, True)]["value"] == 9000.0 and by[("peak_mib", 100000, True)]["ok"] is None


@needs_generator
def test_a_corpus_written_with_more_formats_is_reused_for_fewer(tmp_path, runner):
    runner.ensure_corpus(10, tmp_path, ["plnsite", "hugo"], 1, str(GENERATOR))
    note = next((tmp_path / "corpus" / "plnsite-10" / "content" / "notes").glob("*.md"))
    note.write_text(note.read_text() + "\nkept\n")  # regenerating would drop this line
    runner.ensure_corpus(10, tmp_path, ["plnsite"], 1, str(GENERATOR))
    assert note.read_text().endswith("\nkept\n")
    runner.ensure_corpus(10, tmp_path, ["plnsite", "pelican"], 1, str(GENERATOR))  # a format it lacks
    assert not note.read_text().endswith("\nkept\n")
