"""A fuzzer for whole sites: Hypothesis mutates a small seed site and the real build runs.

- ``seed.py``: the seed site (a few notes, a page, a bundle, a reading log, a contact list,
  site.yaml, a static file), held as editable documents.
- ``yamltext.py``, ``markdown.py``, ``names.py``: what a user or a damaged disk writes: YAML
  values of every type, Markdown, file names.
- ``edits.py``: the edits (set a key, replace a body, rename, flip bits, damage the cache…)
  and how a site is written out after them.
- ``strategies.py``: ``cases()``, the Hypothesis strategy of whole cases.
- ``harness.py``: runs a case's builds in-process through ``plnsite.cli.main`` under a watchdog.
- ``checks.py``: the invariants each build must keep (exit status, no traceback, message lines,
  feeds that parse, no control characters, the content folder untouched, cache = no cache).
- ``known.py``: ``KNOWN_ELSEWHERE``, failure classes being fixed in other parts of the code.
- ``explore.py`` and ``__main__.py``: the long run, ``python -m tests.fuzz --runs N [--seed S]``.

``tests/test_fuzz.py`` holds the short seeded run of the test suite. Nothing here is collected
by pytest on its own: no file name starts with ``test_``.
"""
