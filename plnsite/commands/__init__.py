"""One module per command; cli.py only parses arguments and dispatches here."""
