"""The seed site the fuzzer mutates, held as documents an edit can change and write out.

A Markdown file is its front matter (``key: value`` items, each value YAML text) and its body;
a YAML file is its top-level items and, for a reading log or a contact list, its entries. Values
are YAML *text*, so an edit can write anything YAML can spell (anchors, tags, escapes) or cannot
(a broken flow list). ``render()`` writes a document as a user would have typed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Blob", "DRAFT", "DRAFT_TAG", "EMAIL", "Entry", "MarkdownDoc", "SEED", "YamlDoc", "render", "seed_site"]

Items = list  # list[tuple[str, str]]: (key text, value YAML text), in file order


@dataclass
class MarkdownDoc:
    """A note, page or reading entry: front matter items (or raw front matter text) and a body."""

    items: Items | None  # None: no front matter block at all
    body: str
    raw_front: str | None = None  # when set, written between the two '---' lines instead of items


@dataclass
class Entry:
    """One entry of a YAML list: items, or raw YAML text written after its ``- ``."""

    items: Items = field(default_factory=list)
    raw: str | None = None


@dataclass
class YamlDoc:
    """site.yaml, a reading log or a contact list."""

    items: Items  # top-level keys (written before the entries)
    entries: list[Entry] | None = None  # None: no list
    entries_key: str | None = None  # "people": the entries under this key; None: a bare list


@dataclass
class Blob:
    data: bytes


def _indent(text: str, by: str) -> str:
    return "\n".join((by + line) if line else line for line in text.split("\n"))


def _item(key: str, value: str, indent: str) -> str:
    """``key: value``; a value of several lines goes on below, indented under its key."""
    first, _, rest = value.partition("\n")
    line = f"{indent}{key}:" + (f" {first}" if first else "")
    if rest:
        line += "\n" + _indent(rest, indent + "  ")
    return line


def _items(items: Items, indent: str = "") -> str:
    return "\n".join(_item(key, value, indent) for key, value in items)


def _entry(entry: Entry, indent: str) -> str:
    if entry.raw is not None:
        first, _, rest = entry.raw.partition("\n")
        text = f"{indent}- {first}"
        return text + ("\n" + _indent(rest, indent + "  ") if rest else "")
    if not entry.items:
        return f"{indent}- {{}}"
    body = _items(entry.items, indent + "  ")
    return indent + "- " + body[len(indent) + 2:]


def render(doc) -> bytes:
    """A document's bytes, as a user would have written the file (UTF-8, LF)."""
    if isinstance(doc, Blob):
        return doc.data
    if isinstance(doc, MarkdownDoc):
        if doc.items is None and doc.raw_front is None:
            return doc.body.encode("utf-8", "surrogatepass")
        front = doc.raw_front if doc.raw_front is not None else _items(doc.items)
        return f"---\n{front}\n---\n{doc.body}".encode("utf-8", "surrogatepass")
    parts = [_items(doc.items)] if doc.items else []
    if doc.entries is not None:
        if doc.entries_key is None:
            parts.append("\n".join(_entry(e, "") for e in doc.entries))
        else:
            entries = "\n".join(_entry(e, "  ") for e in doc.entries)
            parts.append(f"{doc.entries_key}:" + (f"\n{entries}" if doc.entries else " []"))
    return ("\n".join(parts) + "\n").encode("utf-8", "surrogatepass")


def _md(items: Items | None, body: str) -> MarkdownDoc:
    return MarkdownDoc(items=items, body=body)


LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n'

# Paths are relative to the site folder, which holds content/ (and, after a build,
# .plnsite-cache/ and public/).
SEED = {
    "content/site.yaml": lambda: YamlDoc(items=[
        ("title", "Fuzz Portfolio"),
        ("description", "What the fuzzer learns, reads and who it learns from."),
        ("base_url", "https://example.org/portfolio/"),
        ("author", "{name: Ada Fuzz, url: https://ada.example/}"),
        ("language", "en"),
        ("timezone", "Europe/Berlin"),
        ("paginate", "2"),
        ("menu", "[{title: Notes, url: /notes/}, {title: About, url: /about/}]"),
        ("feed", "{limit: 5, full_content: true, include: [notes, reading]}"),
        ("social", '{mastodon: "https://social.example/@ada", github: "https://github.com/ada"}'),
    ]),
    "content/notes/2024-01-10-first-note.md": lambda: _md(
        [("title", "First Note"), ("date", "2024-01-10T09:30:00+01:00"), ("tags", '"pln, Social Media"')],
        "This is the summary of the first note, about [[second-note]].\n\n<!--more-->\n\n"
        "The rest has a footnote[^1] and a link [about me](/about/).\n\n"
        "[^1]: The footnote, with a [link to the bundle](2024-03-01-bundle/index.md).\n",
    ),
    "content/notes/2024-02-14-second-note.md": lambda: _md(
        [("tags", "[pln, code]"), ("updated", "2024-02-20")],
        "# Second Note\n\nBack to the [first](2024-01-10-first-note.md); see [[Deep Book]] and "
        "[[alice|Alice]].\n\n```python\nprint('hello')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "- [x] done\n- [ ] to do\n\n> A quote with *emphasis* and `code`.\n",
    ),
    "content/notes/2024-03-01-bundle/index.md": lambda: _md(
        [("title", "A Bundle"), ("tags", "[Café Culture]"), ("summary", "A picture beside its note.")],
        "This note is a bundle; its picture sits beside it.\n\n![A small picture](pic.svg)\n",
    ),
    "content/notes/2024-03-01-bundle/pic.svg": lambda: Blob(LOGO),
    "content/notes/2024-04-01-draft.md": lambda: _md(
        [("title", "A Draft"), ("draft", "true"), ("tags", "[secret-draft-tag]")],
        "Not published: links to [[first-note]].\n",
    ),
    "content/pages/about.md": lambda: _md(
        [("title", "About")],
        "The about page. Read the [[first-note]] or see [who I follow](/network/#bob).\n",
    ),
    "content/reading/log.yaml": lambda: YamlDoc(items=[], entries=[
        Entry([("title", "Finished Article"), ("author", "Alice Example"),
               ("url", "https://alice.example.org/articles/finished/"), ("kind", "article"),
               ("status", "finished"), ("started", "2024-02-01"), ("finished", "2024-02-03"),
               ("rating", "4"), ("tags", "[pln, social-media]"), ("via", "alice"),
               ("notes", "Recommended by Alice; see [[first-note]].")]),
        Entry([("title", "Book In Progress"), ("authors", "[Dana Writer, Eve Scholar]"),
               ("url", "https://books.example.com/in-progress"), ("kind", "book"),
               ("status", "reading"), ("started", "2024-04-10"), ("tags", "[pln]")]),
        Entry([("title", "Someday Paper"), ("url", "https://papers.example.org/someday"),
               ("kind", "paper"), ("status", "want"), ("tags", "[学习]")]),
    ]),
    "content/reading/deep-book.md": lambda: _md(
        [("title", "Deep Book"), ("author", "Grace Author"), ("url", "https://books.example.com/deep-book"),
         ("kind", "book"), ("status", "finished"), ("finished", "2024-05-20"), ("rating", "5"),
         ("tags", "[pln, code]")],
        "A short review. It pairs well with [[Second Note]].\n\nIt has **two** paragraphs.\n",
    ),
    "content/contacts/friends.yaml": lambda: YamlDoc(
        items=[("title", "Friends"), ("description", "People I learn with.")],
        entries_key="people",
        entries=[
            Entry([("name", "Alice Example"), ("id", "alice"), ("url", "https://alice.example.org/"),
                   ("feed", "https://alice.example.org/feed.xml"), ("role", "classmate"),
                   ("handles", '{mastodon: "https://social.example/@alice", github: alice-example}'),
                   ("tags", "[pln, Social Media]"), ("note", "Alice recommended the [[Finished Article]].")]),
            Entry([("name", "Bob Example"), ("id", "bob"), ("url", "https://bob.example.net/"),
                   ("role", "colleague"), ("tags", "[Café Culture, code]"), ("email", "bob@example.net")]),
            Entry([("name", "Secret Person"), ("id", "secret"), ("visibility", "private"),
                   ("url", "https://secret.example.org/")]),
        ],
    ),
    "content/static/img/logo.svg": lambda: Blob(LOGO),
}

# Text of the seed that must never reach an output, whatever the edits: an email address.
# (A draft's tag and a private person may be published by an edit that makes them public.)
EMAIL = "bob@example.net"
DRAFT = "content/notes/2024-04-01-draft.md"
DRAFT_TAG = "secret-draft-tag"  # on no page unless an edit touches DRAFT or --drafts is given


def seed_site() -> dict:
    """A fresh, independent copy of the seed site: {path under the site folder: document}."""
    return {path: make() for path, make in SEED.items()}
