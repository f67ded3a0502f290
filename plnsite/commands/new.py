"""plnsite new note|reading|contact: start a note, or add one entry to a reading log or contact list.

This module only declares the arguments; new_content.py writes (see there), imported by ``run``
so that ``plnsite new … --help`` loads neither the YAML reader nor the site's configuration.
"""

from __future__ import annotations

from ..kinds import ReadingKind, ReadingStatus
from . import HELP
from .options import add_source

__all__ = ["DEFAULT_LIST", "add_parser", "run"]

DEFAULT_LIST = "following"  # the list `plnsite import opml` fills too


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "new", help=HELP["new"],
        description="Start a note, or add an entry to a reading log or a contact list. YAML files "
                    "are only added to: your comments, order and formatting are kept as they are.")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True

    note = kinds.add_parser(
        "note", help="write content/notes/YYYY-MM-DD-<slug>.md and print its path",
        description="Write content/notes/YYYY-MM-DD-<slug>.md with front matter (title, date in the "
                    "site's timezone, tags, draft: false) and print its path.")
    note.add_argument("title", help="the note's title")
    note.add_argument("--tags", help='comma-separated tags, e.g. "pln,reflection"')
    note.add_argument("--draft", action="store_true", help="write `draft: true` (built only with --drafts)")
    note.add_argument("--edit", action="store_true", help="open the note in $VISUAL or $EDITOR")
    _add_date(note, "the note's date")
    add_source(note)
    note.set_defaults(new="note")  # not `kind`: `new reading` has a --kind of its own

    reading = kinds.add_parser(
        "reading", help="add an entry to content/reading/<year>.yaml",
        description="Add an entry to this year's reading log, content/reading/<year>.yaml "
                    "(created if missing).")
    reading.add_argument("title", help="what you read (or want to read)")
    reading.add_argument("--url", required=True, help="its http(s) address")
    reading.add_argument("--kind", choices=[k.value for k in ReadingKind], default=ReadingKind.ARTICLE.value,
                         help="default: article")
    reading.add_argument("--status", choices=[s.value for s in ReadingStatus], default=ReadingStatus.WANT.value,
                         help="default: want; `finished` also writes `finished: <today>`, "
                              "`reading` writes `started: <today>`")
    reading.add_argument("--author", help="who wrote or made it")
    reading.add_argument("--tags", help='comma-separated tags, e.g. "pln,feeds"')
    _add_date(reading, "today's date: picks <year>.yaml and the started/finished date")
    add_source(reading)
    reading.set_defaults(new="reading")

    contact = kinds.add_parser(
        "contact", help="add a person to content/contacts/<list>.yaml",
        description=f"Add a person to content/contacts/<list>.yaml (default list: {DEFAULT_LIST}; "
                    "created if missing). The id (slug of the name, or --id) must be unused in every list.")
    contact.add_argument("name", help="the person's name")
    contact.add_argument("--url", help="their website (http or https)")
    contact.add_argument("--feed", help="their RSS/Atom feed, for the OPML blogroll")
    contact.add_argument("--list", default=DEFAULT_LIST, help=f"the list's file stem (default: {DEFAULT_LIST})")
    contact.add_argument("--id", help="the id (anchor on /network/); default: the slug of the name")
    contact.add_argument("--role", help="free text: teacher, classmate, expert…")
    contact.add_argument("--tags", help='comma-separated tags, e.g. "edtech,pln"')
    add_source(contact)
    contact.set_defaults(new="contact")
    return parser


def _add_date(parser, what: str) -> None:
    parser.add_argument("--date", metavar="WHEN",
                        help=f"{what} instead of now: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][±HH:MM] "
                             "(without an offset: in the site's timezone)")


def run(args) -> int:
    from .new_content import new_entry

    return new_entry(args)
