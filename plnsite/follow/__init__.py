"""Following the network: ``plnsite fetch`` reads the feeds of the public people in contacts/
into the network snapshot (snapshots/network.py) that build and serve render from.

- ``feeds``: a feed's bytes → raw entries (feedparser, its one home; JSON Feed by hand);
- ``clean``: raw entries → the snapshot's plain-text posts (no markup, http(s) links, UTC dates);
- ``discovery``: the feed a home page announces (``<link rel="alternate">``);
- ``plan``: which feeds to ask for, with what (conditional GET, Retry-After, 410 remembered);
- ``run``: one fetch: every feed at once on a bounded pool, then the new snapshot;
- ``since``: what is new, for the terminal reader (``fetch --since``).
"""

from .run import FetchOutcome, FeedReport, fetch_network
from .since import new_posts, parse_since

__all__ = ["FeedReport", "FetchOutcome", "fetch_network", "new_posts", "parse_since"]
