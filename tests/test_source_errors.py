"""Files a person's editor may have saved wrongly: not UTF-8 (UTF-16 from Notepad, Latin-1,
Windows-1252), a UTF-8 byte order mark (fine), and the YAML mistakes people make most. Each is
a real file built through the CLI: one `path:line: error: message` with a plain hint, exit 1."""

from __future__ import annotations

import codecs

import pytest

from tests.conftest import MINIMAL_SITE

SAVE = ("save it as UTF-8 in your editor (VS Code: click the encoding in the status bar, then "
        "Save with Encoding; Notepad: Save As, Encoding: UTF-8)")
NOTE = "---\ntitle: A note\ndate: 2025-01-02\n---\nBody.\n"

# One valid file of every kind plnsite reads (path under content/, text).
KINDS = {
    "note": ("notes/2025-01-02-a.md", NOTE),
    "page": ("pages/about.md", "---\ntitle: About me\n---\nHello.\n"),
    "reading log": ("reading/2025.yaml", "- title: A Book\n  status: want\n"),
    "reading page": ("reading/a-paper.md", "---\ntitle: A Paper\nstatus: want\n---\nWhy.\n"),
    "contact list": ("contacts/friends.yaml", "people:\n  - name: Ada Lovelace\n    id: ada\n"),
    "site.yaml": ("site.yaml", "title: The Site\nbase_url: https://example.org/\n"),
    "theme.yaml": ("../themes/default/theme.yaml", "stylesheets: [css/site.css, css/extra.css]\n"),
}


def _build(site_factory, run_cli, files: dict[str, bytes | str]):
    content = site_factory({})
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    code, out, err = run_cli("build")
    assert "Traceback" not in err
    return code, out, err.splitlines()


def _shown(rel: str) -> str:
    return rel[3:] if rel.startswith("../") else f"content/{rel}"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_how_to_save_as_utf8(site_factory, run_cli, kind, encoding):
    rel, text = KINDS[kind]
    code, out, lines = _build(site_factory, run_cli, {rel: text.encode(encoding)})
    assert (code, out) == (1, "")
    assert lines == [
        f"{_shown(rel)}:1: error: the file is not UTF-8 text (it looks like UTF-16, which Notepad calls "
        f"Unicode); {SAVE}",
        "build failed: 1 error; nothing was written",
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_utf8_byte_order_mark_is_utf8(site_factory, run_cli, tmp_path, kind):
    rel, text = KINDS[kind]
    files = {rel: codecs.BOM_UTF8 + text.encode("utf-8")}
    if kind == "theme.yaml":
        files["../themes/default/static/css/extra.css"] = "p { color: red }\n"
    code, _, lines = _build(site_factory, run_cli, files)
    assert code == 0, lines
    public = tmp_path / "site" / "public"
    shown = {
        "note": ("notes/a/index.html", "A note"),
        "page": ("about/index.html", "About me"),
        "reading log": ("reading/index.html", "A Book"),
        "reading page": ("reading/a-paper/index.html", "A Paper"),
        "contact list": ("network/index.html", 'id="ada"'),
        "site.yaml": ("index.html", "<title>The Site</title>"),
        "theme.yaml": ("index.html", "theme/css/extra.css"),
    }[kind]
    assert shown[1] in (public / shown[0]).read_text(encoding="utf-8")


def test_latin1_names_the_first_bad_line_and_the_character(site_factory, run_cli):
    note = "---\ntitle: Caf\xe9\ndate: 2025-01-02\n---\nNa\xefve.\n".encode("latin-1")
    code, _, lines = _build(site_factory, run_cli, {"notes/2025-01-02-a.md": note})
    assert code == 1
    assert lines == [
        "content/notes/2025-01-02-a.md:2: error: the file is not UTF-8 text (it looks like Latin-1: byte 0xE9 "
        f"on this line would be 'é'); {SAVE}",
        "build failed: 1 error; nothing was written",
    ]


def test_windows_1252_quotes_from_a_word_processor(site_factory, run_cli):
    log = "- title: A Book\n  status: want\n- title: \u201cQuoted\u201d\n  status: want\n".encode("cp1252")
    code, _, lines = _build(site_factory, run_cli, {"reading/2025.yaml": log})
    assert code == 1
    assert lines[0] == ("content/reading/2025.yaml:3: error: the file is not UTF-8 text (it looks like "
                        f"Windows-1252: byte 0x93 on this line would be '\u201c'); {SAVE}")


def test_one_latin1_character_pasted_into_a_utf8_file(site_factory, run_cli):
    note = "---\ntitle: Naïve\ndate: 2025-01-02\n---\nCaf".encode("utf-8") + b"\xe9 au lait.\n"
    code, _, lines = _build(site_factory, run_cli, {"notes/2025-01-02-a.md": note})
    assert code == 1
    assert lines[0] == ("content/notes/2025-01-02-a.md:5: error: the file is not all UTF-8 text: byte 0xE9 on "
                        "this line is not UTF-8 (in Latin-1 it would be 'é'); retype that character, then save "
                        "the file as UTF-8")


def test_every_unreadable_file_is_reported_at_once(site_factory, run_cli):
    code, _, lines = _build(site_factory, run_cli, {
        "notes/2025-01-02-a.md": NOTE.encode("utf-16"),
        "pages/about.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "contacts/friends.yaml": "people:\n  - name: Ada\n".encode("utf-16-le"),
    })
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        "content/contacts/friends.yaml:1", "content/notes/2025-01-02-a.md:1", "content/pages/about.md:2",
        "build failed: 3 errors; nothing was written",
    ]


def test_the_users_files_are_never_rewritten(site_factory, run_cli, tmp_path):
    data = NOTE.encode("utf-16")
    _build(site_factory, run_cli, {"notes/2025-01-02-a.md": data})
    assert (tmp_path / "site" / "content" / "notes" / "2025-01-02-a.md").read_bytes() == data


# --------------------------------------------------------------------------- YAML mistakes, with a plain hint

YAML_CASES = {
    "a tab indents a line": (
        "notes/2025-01-02-a.md", "---\ntitle: A\ntags:\n\t- pln\n---\n",
        "content/notes/2025-01-02-a.md:4: error: invalid YAML: while scanning for the next token, found character "
        "that cannot start any token; a tab indents this line: YAML needs spaces",
    ),
    "an unquoted ': ' in a value": (
        "notes/2025-01-02-a.md", "---\ntitle: Why: a story\ndate: 2025-01-02\n---\n",
        "content/notes/2025-01-02-a.md:2: error: invalid YAML: mapping values are not allowed in this context; "
        "a value that holds ': ' needs quotes: title: \"Why: a story\"",
    ),
    "an unclosed double quote": (
        "notes/2025-01-02-a.md", "---\ntitle: \"Why it matters\ndate: 2025-01-02\ntags: [pln]\n---\n",
        "content/notes/2025-01-02-a.md:2: error: invalid YAML: while scanning a quoted scalar, found unexpected end "
        "of stream; the \" that opens the value on line 2 is never closed: end the value with \"",
    ),
    "an unclosed quote that a later quote closes": (
        "site.yaml", "title: 'My site\nbase_url: https://example.org/\ndescription: 'Notes'\n",
        "content/site.yaml:3: error: invalid YAML: while parsing a block mapping, did not find expected key; "
        "the ' that opens the value on line 1 is never closed: end the value with '",
    ),
    "text after a closing quote": (
        "notes/2025-01-02-a.md", "---\ntitle: \"Why\" it matters\ndate: 2025-01-02\n---\n",
        "content/notes/2025-01-02-a.md:2: error: invalid YAML: while parsing a block mapping, did not find expected "
        "key; text follows the closing quote: put the whole value in quotes: title: '\"Why\" it matters'",
    ),
    "an unclosed bracket": (
        "reading/2025.yaml", "- title: A Book\n  tags: [pln, feeds\n  status: want\n",
        "content/reading/2025.yaml:3: error: invalid YAML: while parsing a flow sequence, did not find expected "
        "',' or ']'; the '[' opened on line 2 is not closed with ']' (a value in it that holds ',' or ':' needs "
        "quotes)",
    ),
    "a list item among keys": (
        "notes/2025-01-02-a.md", "---\ntitle: A\ndate: 2025-01-02\n- pln\n---\n",
        "content/notes/2025-01-02-a.md:4: error: invalid YAML: while parsing a block mapping, did not find expected "
        "key; a '- ' list item among `key: value` lines: put the list under a key (`tags:`, the items indented "
        "below it), or make every entry a list item",
    ),
    "a key among list items": (
        "reading/2025.yaml", "- title: A Book\n  status: want\ntitle: Another\n",
        "content/reading/2025.yaml:3: error: invalid YAML: while parsing a block collection, did not find expected "
        "'-' indicator; a `key: value` line among '- ' list items: indent it under its item, or start it with '- ' "
        "to make a new item",
    ),
    "a Windows path in double quotes": (
        "contacts/friends.yaml", "people:\n  - name: Ada\n    photo: \"C:\\Users\\ada\\me.png\"\n",
        "content/contacts/friends.yaml:3: error: invalid YAML: while parsing a quoted scalar, did not find expected "
        "hexdecimal number; in double quotes a backslash starts an escape: write the path in single quotes "
        "(photo: 'C:\\Users\\ada\\me.png') or with forward slashes",
    ),
    "a value starting with @": (
        "contacts/friends.yaml", "people:\n  - name: Ada\n    handles: {mastodon: @ada@example.social}\n",
        "content/contacts/friends.yaml:3: error: invalid YAML: while scanning for the next token, found character "
        "that cannot start any token; a value cannot start with '@': put it in quotes: mastodon: "
        "\"@ada@example.social\"",
    ),
    "a line indented under a value": (
        "site.yaml", "title: My site\n  base_url: https://example.org/\n",
        "content/site.yaml:2: error: invalid YAML: mapping values are not allowed in this context; this line is "
        "indented more than the one above: line it up with the other keys (or, if it goes on with the value above, "
        "put that value in quotes)",
    ),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_yaml_mistakes_get_a_plain_hint(site_factory, run_cli, case):
    rel, text, expected = YAML_CASES[case]
    code, out, lines = _build(site_factory, run_cli, {rel: text})
    assert (code, out) == (1, "")
    assert lines == [expected, "build failed: 1 error; nothing was written"]


def test_valid_yaml_gets_no_hint(site_factory, run_cli):
    code, _, lines = _build(site_factory, run_cli, {
        "site.yaml": MINIMAL_SITE + "description: 'Time: well spent'\n",
        "notes/2025-01-02-a.md": "---\ntitle: \"Why: a story\"\ndate: 2025-01-02\n---\n",
    })
    assert code == 0, lines


TAGGED = {  # a YAML tag on a value that is not of its type: read by the field's own check, at its line
    "notes/2025-01-02-a.md": ("---\ntitle: A\ndate: !!timestamp soon\n---\n",
                              "content/notes/2025-01-02-a.md:3: error: 'date' is not a date"),
    "reading/2025.yaml": ("- title: A\n  status: finished\n  finished: 2025-01-02\n  rating: !!int five\n",
                          "content/reading/2025.yaml:4: error: rating must be a whole number from 1 to 5, not 'five'"),
    "site.yaml": ("title: T\nbase_url: https://example.org/\npaginate: !!int ten\n",
                  "content/site.yaml:3: error: paginate must be a whole number of at least 1, not 'ten'"),
    "contacts/friends.yaml": ("people:\n  - name: Ada\n    private: !!bool maybe\n",
                              "content/contacts/friends.yaml:3: error: private must be true or false, not 'maybe'"),
}


@pytest.mark.parametrize("rel", sorted(TAGGED))
def test_a_tagged_value_of_the_wrong_type_is_a_located_error_not_a_traceback(site_factory, run_cli, rel):
    text, expected = TAGGED[rel]
    code, out, lines = _build(site_factory, run_cli, {rel: text})
    assert (code, out) == (1, "")
    assert lines[0].startswith(expected) and lines[-1] == "build failed: 1 error; nothing was written"
