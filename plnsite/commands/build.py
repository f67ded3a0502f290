"""plnsite build: build in memory, and write only if there were no errors."""

from __future__ import annotations

import gc
from pathlib import Path

from . import HELP
from .options import add_build_flags, add_source, options_from

__all__ = ["add_parser", "run"]

# The last build and its memo, kept alive: freeing a large site object by object costs a
# build about 0.4 s at 10,000 notes, and the process ends right after (see cli.entry).
_LAST_BUILD: list = []


def add_parser(subparsers):
    parser = subparsers.add_parser("build", help=HELP["build"],
                                   description="Build the site into a folder (default: public/ beside content/).")
    add_source(parser)
    parser.add_argument("-o", "--output", type=Path,
                        help="output folder (default: public, beside the content folder)")
    add_build_flags(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="processes at work: this one and N-1 forked workers (default: all cores)")
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write .plnsite-cache/")
    return parser


def run(args) -> int:
    from ..build import site_root  # the build's machinery: imported to run, not to declare arguments
    from ..report import as_build_failure

    opts = options_from(args)
    with as_build_failure():
        return _build(opts, args.output if args.output is not None else site_root(opts.source) / "public")


def _build(opts, output: Path) -> int:
    from ..errors import BuildFailed, has_errors
    from ..incremental import BuildMemo
    from ..output import publish
    from ..paths import display_path
    from ..report import Progress, count_line, print_problems, summary_line

    # One short-lived process: cyclic garbage is rare here, and collecting it while a
    # 10,000-note site is alive costs about half a second.
    gc.disable()
    progress = Progress()
    memo = BuildMemo(opts, out_dir=output)  # made here only to be kept alive, like the result
    try:
        result = publish(opts, output, progress, memo=memo)
        _LAST_BUILD[:] = [memo, result]
    finally:
        progress.clear()
        # Everything the build made counts as old before the collector is enabled again: else
        # the next allocation scans every object made since it was disabled, as young (~70 ms
        # at 10,000 notes, for a process about to exit). Frozen and at once unfrozen, they join
        # the oldest generation (two list splices), which a later full collection still sweeps.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
    print_problems(result.problems)
    if has_errors(result.problems):
        # A write that fails is undone; only one that fails while renaming into place is not.
        raise BuildFailed(result.problems, outcome="the output folder is partly updated" if result.stats.written
                          else "nothing was written")
    line = summary_line(result.stats, display_path(output), result.stats.written)
    warnings = count_line(result.problems)
    print(line + (f"; {warnings}" if warnings else ""))
    return 0
