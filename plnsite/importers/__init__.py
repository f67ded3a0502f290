"""Importers: other services' exports and old blogs → plnsite content files.

Each ``plan_*`` function reads its input and the existing content and returns a ``Plan``
(nothing written); ``apply`` writes a plan, each file atomically, and ``describe`` shows it
for ``--dry-run``. Bad input raises ``BadInput`` (``path:line: message``) before any write.
"""

from __future__ import annotations

from .blog import plan_hugo, plan_jekyll
from .goodreads import plan_goodreads
from .opml import plan_opml
from .source import BadInput
from .storygraph import plan_storygraph
from .writer import Plan, apply, describe, summary

__all__ = [
    "BadInput",
    "Plan",
    "apply",
    "describe",
    "plan_goodreads",
    "plan_hugo",
    "plan_jekyll",
    "plan_opml",
    "plan_storygraph",
    "summary",
]
