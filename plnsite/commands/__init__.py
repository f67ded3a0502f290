"""One module per command; cli.py only parses arguments and dispatches here.

``COMMANDS`` is the one list of them: so that ``plnsite --version``, ``plnsite --help`` and
``plnsite new note --help`` import only the command they run, the one line each shows in
``plnsite --help`` is here, and each module's ``add_parser`` takes it from ``HELP``.
"""

__all__ = ["COMMANDS", "HELP"]

# Command name → (module under plnsite.commands, its line in `plnsite --help`), in that help's order.
COMMANDS = {
    "init": ("init", "create a new site in a folder"),
    "new": ("new", "start a note, or add to a reading log or contact list"),
    "build": ("build", "build the site into a folder"),
    "serve": ("serve", "preview the site with live reload"),
    "check": ("check", "report content problems, broken links and anchors, invalid feeds"),
    "fetch": ("fetch", "read the feeds you follow and the Webmentions received"),
    "import": ("importers", "import reading history, feed subscriptions or an old blog"),
    "deploy": ("deploy", "build the site and publish it"),
    "webmention": ("webmention", "tell the pages your notes link to that they were mentioned"),
}
HELP = {name: line for name, (_, line) in COMMANDS.items()}
