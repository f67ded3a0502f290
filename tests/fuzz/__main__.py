"""``python -m tests.fuzz --runs N [--seed S]``: the long run (from the repository's root).

Prints each new kind of failure as it is found, a progress line every ``--every`` runs, and a
summary line; saves a minimal case of each kind under ``--findings`` (default
``fuzz-findings/``): ``failure.txt``, ``case.txt``, the site in ``site/``, and ``case.pickle``
for ``--replay``. Exit status 1 when a failure outside KNOWN_ELSEWHERE was found.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from .explore import explore, replay
from .harness import BUILD_SECONDS


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes``: a build that
    would take unbounded memory fails with MemoryError (a traceback the run reports)."""
    if megabytes <= 0:
        return
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000, help="cases to build (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default: 0)")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"),
                        help="folder for the minimal case of each kind of failure (default: fuzz-findings)")
    parser.add_argument("--no-shrink", action="store_true", help="save failing cases as found")
    parser.add_argument("--seconds", type=float, default=BUILD_SECONDS,
                        help=f"a build running longer is a hang (default: {BUILD_SECONDS:g})")
    parser.add_argument("--memory", type=int, default=4096, metavar="MB",
                        help="memory a build may add before it fails with MemoryError (default: 4096; 0: no cap)")
    parser.add_argument("--no-controls", action="store_true",
                        help="write no control characters (to look past the failures they cause)")
    parser.add_argument("--every", type=int, default=100, help="a progress line every N runs (default: 100)")
    parser.add_argument("--replay", type=Path, metavar="CASE.pickle", help="run one saved case again and stop")
    args = parser.parse_args(argv)
    if args.replay:
        return 1 if replay(args.replay, args.seconds) else 0
    _limit_memory(args.memory)
    print(f"fuzz: {args.runs} runs, seed {args.seed}, {args.seconds:g} s per build; findings in {args.findings}/",
          flush=True)
    tally = explore(args.runs, args.seed, args.findings, shrink=not args.no_shrink, seconds=args.seconds,
                    every=args.every, allow_controls=not args.no_controls)
    print(f"summary: {tally.line()}")
    for signature, count in tally.signatures.most_common():
        print(f"  {count:6d}  {signature}  → {tally.saved.get(signature)}")
    return 1 if sum(tally.failing_new.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
