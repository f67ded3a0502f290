"""incremental: everything that lets a build reuse the work of an earlier one.

On disk, in ``.plnsite-cache/`` (all through store.py): rendered Markdown
(markdown_cache.py), parsed notes and pages (parse_cache.py), and what the last
``plnsite build`` left in its output folder (build_state.py).
"""
