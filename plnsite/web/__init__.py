"""The web, as plnsite's commands meet it: one careful HTTP client (``web.http``), the only
home of httpx. ``build`` and ``serve`` never import this package: they never touch the network."""
