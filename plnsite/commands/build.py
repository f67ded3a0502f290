"""plnsite build: build in memory, and write only if there were no errors."""

from __future__ import annotations

from ..build import build, site_root
from ..errors import BuildFailed, has_errors
from ..model import BuildOptions
from ..output import check_output_dir, write_outputs
from ..paths import display_path
from ..report import Progress, count_line, print_problems, summary_line

__all__ = ["run_build"]


def options_from(args) -> BuildOptions:
    return BuildOptions(
        source=args.source, drafts=args.drafts, future=args.future, base_url=args.base_url,
        strict=getattr(args, "strict", False), jobs=getattr(args, "jobs", None),
        cache=not getattr(args, "no_cache", False),
    )


def run_build(args) -> int:
    opts = options_from(args)
    check_output_dir(args.output, opts.source, site_root(opts.source))
    progress = Progress()
    try:
        result = build(opts, progress=progress)
    finally:
        progress.clear()
    print_problems(result.problems)
    if has_errors(result.problems):
        raise BuildFailed(result.problems)
    stats = write_outputs(result, args.output)
    line = summary_line(result.stats, display_path(args.output), stats.written)
    warnings = count_line(result.problems)
    print(line + (f"; {warnings}" if warnings else ""))
    return 0

