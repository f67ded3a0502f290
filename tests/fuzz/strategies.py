"""``cases()``: the Hypothesis strategy of whole fuzzed cases (edits, flags, cache damage)."""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from . import edits as e
from .markdown import markdown
from .names import names
from .seed import Blob, Entry, MarkdownDoc, YamlDoc
from .yamltext import keys, plain_text, tag_values, values

__all__ = ["cases", "edit"]

MARKDOWN_FILES = ("content/notes/2024-01-10-first-note.md", "content/notes/2024-02-14-second-note.md",
                  "content/notes/2024-03-01-bundle/index.md", "content/notes/2024-04-01-draft.md",
                  "content/pages/about.md", "content/reading/deep-book.md")
LISTS = ("content/reading/log.yaml", "content/contacts/friends.yaml")
SITE_YAML = "content/site.yaml"
FILES = (*MARKDOWN_FILES, *LISTS, SITE_YAML, "content/notes/2024-03-01-bundle/pic.svg", "content/static/img/logo.svg")
FOLDERS = ("content/notes/2024-03-01-bundle", "content/notes", "content/pages", "content/reading",
           "content/contacts", "content/static", "content/static/img")
# Where new files go: the usual folders, deeper ones, ignored ones, a folder named like a file.
NEW_FILE_FOLDERS = ("content", "content/notes", "content/notes/2024/deeper", "content/pages", "content/reading",
                    "content/contacts", "content/static", "content/static/img", "content/notes/2024-03-01-bundle",
                    "content/_drafts", "content/.hidden", "content/notes/folder.md", "content/pages/sub",
                    "content/themes", "content/static/notes/first-note")

NOTE_KEYS = ("title", "date", "updated", "tags", "summary", "draft", "published", "slug", "description")
READING_KEYS = ("title", "author", "authors", "url", "kind", "status", "started", "finished", "rating", "tags",
                "via", "notes", "draft", "slug", "date", "isbn")
CONTACT_KEYS = ("name", "id", "url", "feed", "role", "handles", "tags", "note", "email", "phone", "address",
                "visibility", "private")
LIST_KEYS = ("title", "description", "people", "visibility", "private")
SITE_KEYS = ("title", "description", "base_url", "author", "language", "timezone", "theme", "paginate", "menu",
             "feed", "social", "cname")

# Values that mean something to one key: the loaders' own vocabulary, and near misses.
_SPECIAL = {
    "status": ["finished", "reading", "want", "abandoned", "finsihed", "Finished", "done"],
    "kind": ["book", "article", "paper", "video", "podcast", "course", "talk", "other", "blog", "Book"],
    "visibility": ["public", "private", "friends", "Private", "PUBLIC"],
    "private": ["true", "yes", "no", "maybe", "1"],
    "timezone": ["UTC", "America/Vancouver", "Europe/Berlin", "Mars/Olympus", "../../etc/passwd", "+01:00",
                 "Etc/GMT+12", "Pacific/Kiritimati", "utc", "local", "America", "Etc", "zone.tab"],
    "language": ["en", "de-CH", "zh-Hant", "x", "🙂", "en_US", "a" * 100],
    "theme": ["default", "missing", "../default", "/", "."],
    "paginate": ["1", "0", "-1", "2", "1000000000000", "1.5", "x"],
    "base_url": ["https://example.org/", "https://example.org/a/b/c/", "http://localhost:8000", "example.org",
                 "/", "https://例え.jp/パス/", "https://example.org/a b/", "https://example.org/?q=1#f"],
    "menu": ["[]", "[{title: Home, url: /}]", "[{title: X}]", "[{url: /x/}]", "[a, b]", "{a: b}",
             "[{title: Ext, url: 'https://example.org/'}, {title: Rel, url: notes/}]"],
    "feed": ["{limit: 0}", "{limit: -1}", "{include: [notes]}", "{include: [nothing]}", "{full_content: false}",
             "{limit: 100000}", "{include: []}", "[]"],
    "handles": ["{mastodon: '@x@example.social'}", "{github: x, matrix: '@x:example.org'}",
                "{public-email: 'mailto:x@example.org'}", "{website: 'javascript:alert(1)'}", "{x: 1}", "[a]"],
    "via": ["alice", "bob", "secret", "nobody", "Alice Example"],
    "id": ["alice", "bob", "secret", "dup", "", "a/b", ".."],
    "rating": ["0", "1", "5", "6", "-1", "4.5", "five"],
    "author": ["Ada", "{name: Ada, url: https://ada.example/}", "{name: Ada, email: ada@example.org}", "[A, B]"],
}


def _value(key: str, allow_controls: bool) -> st.SearchStrategy[str]:
    general = tag_values(allow_controls) if key.lower() == "tags" else values(allow_controls)
    if key in _SPECIAL:
        return st.one_of(st.sampled_from(_SPECIAL[key]), general)
    return general


def _set_key(paths, known, allow_controls, entry=False):
    """``SetKey`` on one of ``paths``: a key (mostly one of ``known``) and a value suited to it."""
    return st.tuples(st.sampled_from(paths), keys(known)).flatmap(
        lambda pk: st.builds(e.SetKey, st.just(pk[0]), st.just(pk[1]), _value(pk[1], allow_controls),
                             st.integers(0, 5) if entry else st.none()))


def _items(known, allow_controls) -> st.SearchStrategy[list]:
    return st.lists(keys(known).flatmap(lambda k: st.tuples(st.just(k), _value(k, allow_controls))), max_size=6)


def _new_doc(allow_controls: bool):
    md = st.builds(MarkdownDoc, st.one_of(st.none(), _items(NOTE_KEYS + READING_KEYS, allow_controls)),
                   markdown(allow_controls))
    yaml_list = st.builds(lambda top, entries, under: YamlDoc(top, entries, under),
                          _items(LIST_KEYS, allow_controls),
                          st.lists(_items(CONTACT_KEYS + READING_KEYS, allow_controls).map(Entry), max_size=3),
                          st.sampled_from([None, "people"]))
    blob = st.one_of(st.binary(max_size=200), st.just(b""), st.just(b"\xef\xbb\xbf"),
                     plain_text().map(lambda t: t.encode("utf-8", "surrogatepass"))).map(Blob)
    return st.one_of(md, md, yaml_list, blob)


@cache
def edit(allow_controls: bool = True) -> st.SearchStrategy:
    """One edit of any kind, as a user or a damaged disk would make it."""
    any_file = st.sampled_from(FILES)
    return st.one_of(
        # Front matter, site.yaml and list entries: keys and values of every type.
        _set_key(MARKDOWN_FILES, NOTE_KEYS + READING_KEYS, allow_controls),
        _set_key(MARKDOWN_FILES, NOTE_KEYS + READING_KEYS, allow_controls),
        _set_key((SITE_YAML,), SITE_KEYS, allow_controls),
        _set_key(LISTS, READING_KEYS + CONTACT_KEYS, allow_controls, entry=True),
        _set_key(("content/contacts/friends.yaml",), LIST_KEYS, allow_controls),
        st.builds(e.DropKey, st.sampled_from(MARKDOWN_FILES + (SITE_YAML,)),
                  st.sampled_from(NOTE_KEYS + READING_KEYS + SITE_KEYS)),
        st.builds(e.DropKey, st.sampled_from(LISTS), st.sampled_from(READING_KEYS + CONTACT_KEYS), st.integers(0, 5)),
        st.builds(e.SetEntry, st.sampled_from(LISTS), st.integers(0, 5), values(allow_controls)),
        st.builds(e.AddEntry, st.sampled_from(LISTS),
                  _items(READING_KEYS + CONTACT_KEYS, allow_controls).map(tuple)),
        st.builds(e.Front, st.sampled_from(MARKDOWN_FILES), st.one_of(st.none(), values(allow_controls))),
        # Markdown bodies.
        st.builds(e.Body, st.sampled_from(MARKDOWN_FILES), markdown(allow_controls),
                  st.sampled_from(["replace", "append", "prepend"])),
        # File names: renamed, twins, new files, removed files.
        st.builds(e.Rename, st.sampled_from(FILES + FOLDERS), names(allow_controls)),
        st.builds(e.Twin, st.sampled_from(FILES + FOLDERS), st.sampled_from(["upper", "lower", "title", "NFD", "NFC"])),
        st.builds(lambda folder, name, doc: e.AddFile(f"{folder}/{name}", doc),
                  st.sampled_from(NEW_FILE_FOLDERS), names(allow_controls), _new_doc(allow_controls)),
        st.builds(e.Remove, st.sampled_from(FILES + FOLDERS)),
        # Bytes, as a damaged disk or another editor leaves them.
        st.builds(e.FlipBits, any_file, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 7)),
                                                 min_size=1, max_size=8).map(tuple)),
        st.builds(e.InsertBytes, any_file, st.integers(0, 10_000), st.binary(min_size=1, max_size=16)),
        st.builds(e.Truncate, any_file, st.integers(0, 10_000)),
        st.builds(e.Reencode, st.sampled_from(FILES[:-2]),
                  st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig", "shift_jis"])),
        st.builds(e.Newlines, st.sampled_from(FILES[:-2]), st.sampled_from(["\r\n", "\r", "\n\r"])),
    )


def _cache_damage() -> st.SearchStrategy:
    return st.one_of(
        st.builds(e.CacheDamage, st.just("flip"), st.integers(0, 100),
                  st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 7)), min_size=1, max_size=6).map(tuple)),
        st.builds(lambda i, at: e.CacheDamage("truncate", i, at=at), st.integers(0, 100), st.integers(0, 100_000)),
        st.builds(lambda how, i: e.CacheDamage(how, i), st.sampled_from(["empty", "delete"]), st.integers(0, 100)),
        st.builds(lambda i, data: e.CacheDamage("garbage", i, data=data), st.integers(0, 100), st.binary(max_size=64)),
        st.builds(lambda i, j: e.CacheDamage("swap", i, other=j), st.integers(0, 100), st.integers(0, 100)),
        st.builds(lambda data: e.CacheDamage("file", data=data), st.binary(max_size=16)),
    )


_BASE_URLS = st.sampled_from(["https://example.net/", "https://example.net/sub/path/", "http://localhost:8000/",
                              "https://例え.jp/パス/", "not a url", "", "/", "https://example.net/a b/",
                              "https://example.net/?q=<x>"])


@cache
def cases(allow_controls: bool = True, damage: bool = True) -> st.SearchStrategy[e.Case]:
    """A whole case. Most build once; about one in four also builds again after further edits
    (and, with ``damage``, damage to the cache), and that build must equal a ``--no-cache`` build."""
    flags = st.builds(e.Flags, st.booleans(), st.booleans(), st.booleans(), st.one_of(st.none(), _BASE_URLS))
    edits = st.lists(edit(allow_controls), min_size=1, max_size=6).map(tuple)
    plain = st.builds(e.Case, edits, flags)
    again = st.builds(e.Case, edits, flags, st.lists(_cache_damage(), max_size=3 if damage else 0).map(tuple),
                      st.lists(edit(allow_controls), max_size=2).map(tuple))
    return st.one_of(plain, plain, plain, again)
