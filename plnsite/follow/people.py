"""Who is followed: the public contacts with a ``feed:`` or a ``url:``, read the way build reads
them (load/contacts.py drops every private person, in each spelling, before anything sees them)."""

from __future__ import annotations

from pathlib import Path

from ..config import read_config
from ..errors import ConfigError, Problem, Problems
from ..load import require_site
from ..load.contacts import load_contacts
from ..load.discover import discover
from ..model import Contact, SiteConfig

__all__ = ["followed"]


def followed(source: Path) -> tuple[SiteConfig, tuple[Contact, ...], tuple[Problem, ...]]:
    """site.yaml's settings, the public contacts that have a feed or a home page, and the problems
    of site.yaml and contacts/ (the caller stops on errors, as build does). ConfigError when
    there is no site at all."""
    require_site(source)
    root = Path(source).resolve()
    problems = Problems()
    config = read_config(root, problems)
    if config is None:
        frozen = problems.freeze()
        raise ConfigError("\n".join(str(p) for p in frozen), frozen)
    found = discover(root)
    problems.extend(found.problems)
    contacts, _, _ = load_contacts(found.contacts, problems)
    return config, tuple(c for c in contacts if c.feed or c.url), problems.freeze()
