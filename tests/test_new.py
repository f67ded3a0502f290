"""plnsite new note|reading|contact: the exact files written, YAML files only ever added to, and
the site still builds with the new note, reading entry or person on it."""

from __future__ import annotations

import datetime as dt
import html
import shlex
import sys
from zoneinfo import ZoneInfo

import pytest

from plnsite.errors import Problems
from plnsite.load.notes import load_note
from plnsite.yamlio import load_yaml, yaml_quoted, yaml_scalar
from tests.conftest import build_site

VANCOUVER = "title: Test Site\nbase_url: https://example.org/\ntimezone: America/Vancouver\n"
TRICKY = ['What I learned: "this" week', "# not a comment", "- not a list", "Café, 学习 & 😀",
          "it's #1", "no", "2024", "a: b # c", "back\\slash", "  padded  "]


def page(result, file: str) -> str:
    assert result.ok, [str(p) for p in result.problems]
    return html.unescape(result.outputs[file].body.decode("utf-8"))


# ---- notes -----------------------------------------------------------------------------------

def test_note_is_written_exactly_and_builds(site_factory, run_cli):
    content = site_factory({"site.yaml": VANCOUVER})
    code, out, err = run_cli("new", "note", "What I learned this week", "--tags", "pln,reflection",
                             "--date", "2025-05-01T09:30:00")
    assert (code, err) == (0, "")
    assert out == "content/notes/2025-05-01-what-i-learned-this-week.md\n"
    written = (content / "notes" / "2025-05-01-what-i-learned-this-week.md").read_bytes()
    assert written == (b'---\ntitle: "What I learned this week"\ndate: 2025-05-01T09:30:00-07:00\n'
                       b"tags: [pln, reflection]\ndraft: false\n---\n\n")
    result = build_site(content)
    assert "What I learned this week" in page(result, "notes/what-i-learned-this-week/index.html")
    assert "tags/reflection/index.html" in result.outputs


def test_note_date_is_now_in_the_site_timezone(site_factory, run_cli):
    content = site_factory({"site.yaml": VANCOUVER})
    zone = ZoneInfo("America/Vancouver")
    before = dt.datetime.now(zone).replace(microsecond=0)
    code, out, _ = run_cli("new", "note", "Today")
    after = dt.datetime.now(zone)
    assert code == 0
    note = load_note(content.parent / out.strip(), zone, Problems())
    assert before <= note.date <= after
    meta = load_yaml((content.parent / out.strip()).read_text().split("---\n")[1], "x")
    assert meta["date"].utcoffset() == note.date.astimezone(zone).utcoffset()  # written with the zone's offset
    assert out.strip() == f"content/notes/{note.date.astimezone(zone).date().isoformat()}-today.md"


def test_note_date_option_accepts_a_day_or_another_offset(site_factory, run_cli):
    content = site_factory({"site.yaml": VANCOUVER})
    assert run_cli("new", "note", "Day only", "--date", "2025-05-01")[0] == 0
    assert "\ndate: 2025-05-01\n" in (content / "notes/2025-05-01-day-only.md").read_text()
    assert run_cli("new", "note", "Late UTC", "--date", "2025-05-02T03:00:00Z")[0] == 0
    assert "\ndate: 2025-05-01T20:00:00-07:00\n" in (content / "notes/2025-05-01-late-utc.md").read_text()
    code, _, err = run_cli("new", "note", "Bad", "--date", "someday")
    assert code == 2 and "--date" in err
    assert not (content / "notes").joinpath("someday-bad.md").exists()


def test_note_tags_and_titles_survive_any_characters(site_factory, run_cli):
    content = site_factory({})
    for n, title in enumerate(TRICKY[:5]):
        code, out, err = run_cli("new", "note", title, "--tags", "Machine Learning, no, 2024, 学习",
                                 "--date", f"2025-05-0{n + 1}")
        assert code == 0, err
        note = load_note(content.parent / out.strip(), ZoneInfo("UTC"), problems := Problems())
        assert not len(problems)
        assert note.title == title
        assert note.tags == ("Machine Learning", "no", "2024", "学习")
    assert build_site(content).ok


def test_note_draft_flag(site_factory, run_cli):
    content = site_factory({})
    assert run_cli("new", "note", "Half done", "--draft", "--date", "2025-05-01")[0] == 0
    assert "\ndraft: true\n" in (content / "notes/2025-05-01-half-done.md").read_text()
    result = build_site(content)
    assert result.ok and "notes/half-done/index.html" not in result.outputs
    assert "notes/half-done/index.html" in build_site(content, drafts=True).outputs


@pytest.mark.parametrize("existing", [
    "notes/2025-05-01-weekly-notes.md",          # the very same file
    "notes/2024-01-01-weekly-notes.md",          # same slug, another date
    "notes/weekly-notes.markdown",               # no date prefix
    "notes/2023-02-02-weekly-notes/index.md",    # a bundle
    "notes/sub/whatever.md",                     # a `slug:` that says so
])
def test_a_note_slug_clash_is_refused(site_factory, run_cli, existing):
    body = "---\ntitle: Old\ndate: 2024-01-01\nslug: weekly-notes\n---\nOld.\n"
    content = site_factory({existing: body})
    before = sorted(p.relative_to(content).as_posix() for p in content.rglob("*"))
    code, out, err = run_cli("new", "note", "Weekly Notes", "--date", "2025-05-01")
    assert (code, out) == (1, "")
    assert "slug 'weekly-notes' already exists" in err and f"content/{existing}" in err
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == before
    assert (content / existing).read_text() == body


def test_a_title_without_letters_is_refused(site_factory, run_cli):
    site_factory({})
    code, _, err = run_cli("new", "note", "???")
    assert code == 2 and "file name" in err


# ---- --edit ----------------------------------------------------------------------------------

@pytest.fixture
def recorder(tmp_path):
    """An editor command that records the arguments it was given, one per line."""
    script = tmp_path / "fake editor.py"
    record = tmp_path / "editor-args.txt"
    script.write_text(f"import sys\nopen({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --wait", record


def test_edit_runs_editor_with_the_new_path(site_factory, run_cli, recorder, monkeypatch):
    command, record = recorder
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", command)
    content = site_factory({})
    code, out, err = run_cli("new", "note", "Edit me", "--edit", "--date", "2025-05-01")
    assert (code, err) == (0, "")
    assert record.read_text().split("\n") == ["--wait", "content/notes/2025-05-01-edit-me.md"]
    assert out == "content/notes/2025-05-01-edit-me.md\n"
    assert (content / "notes/2025-05-01-edit-me.md").is_file()


def test_edit_prefers_visual(site_factory, run_cli, recorder, monkeypatch):
    command, record = recorder
    monkeypatch.setenv("VISUAL", command)
    monkeypatch.setenv("EDITOR", "no-such-editor-xyz")
    site_factory({})
    assert run_cli("new", "note", "Visual", "--edit", "--date", "2025-05-01")[0] == 0
    assert record.read_text().endswith("content/notes/2025-05-01-visual.md")


def test_edit_without_an_editor_says_so(site_factory, run_cli, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    content = site_factory({})
    code, out, err = run_cli("new", "note", "No editor", "--edit", "--date", "2025-05-01")
    assert code == 0 and out == "content/notes/2025-05-01-no-editor.md\n"
    assert "$EDITOR" in err
    assert (content / "notes/2025-05-01-no-editor.md").is_file()


def test_edit_with_a_missing_editor_is_an_error_not_a_traceback(site_factory, run_cli, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-xyz --flag")
    content = site_factory({})
    code, _, err = run_cli("new", "note", "Lost", "--edit", "--date", "2025-05-01")
    assert code == 1 and "no-such-editor-xyz" in err and "Traceback" not in err
    assert (content / "notes/2025-05-01-lost.md").is_file()


# ---- reading ---------------------------------------------------------------------------------

READING_LOG = (
    b"# My reading, 2025.   Odd formatting on purpose: keep it!\n"
    b"-   title:   'Deep Work'      # a comment after a value\n"
    b"    author: Cal Newport\n"
    b"    kind: book\n"
    b"    status: reading\n"
    b"    started: 2025-01-02\n"
    b"\n"
    b"- {title: \"Flow style entry\", status: want}\n"
    b"\n"
    b"# trailing comment, no newline at the end"
)


def test_reading_is_appended_keeping_every_byte(site_factory, run_cli):
    content = site_factory({"site.yaml": VANCOUVER, "reading/2025.yaml": READING_LOG})
    code, out, err = run_cli("new", "reading", "Leveraging social media: a #PLN guide",
                             "--url", "https://www.edutopia.org/article/x#part-2", "--date", "2025-05-01")
    assert (code, err) == (0, "")
    assert out == 'content/reading/2025.yaml: added "Leveraging social media: a #PLN guide"\n'
    new = (content / "reading/2025.yaml").read_bytes()
    assert new.startswith(READING_LOG)
    assert new == READING_LOG + (
        b"\n\n"  # the missing final newline, then a blank line as between the other entries
        b'- title: "Leveraging social media: a #PLN guide"\n'
        b"  url: https://www.edutopia.org/article/x#part-2\n"
        b"  kind: article\n"
        b"  status: want\n"
    )
    text = page(build_site(content), "reading/index.html")
    assert "Leveraging social media: a #PLN guide" in text and "Deep Work" in text


def test_reading_in_a_new_year_file_and_finished_status(site_factory, run_cli):
    content = site_factory({"site.yaml": VANCOUVER, "reading/2025.yaml": READING_LOG})
    code, out, _ = run_cli("new", "reading", "A paper", "--url", "http://example.org/p.pdf", "--kind", "paper",
                           "--status", "finished", "--author", "Ada", "--tags", "pln, on",
                           "--date", "2026-01-01T07:00:00Z")  # still 2025 in Vancouver
    assert code == 0 and out.startswith("content/reading/2025.yaml")
    code, out, _ = run_cli("new", "reading", "New year", "--url", "https://x.example/", "--status", "reading",
                           "--date", "2026-01-02")
    assert code == 0
    assert (content / "reading/2026.yaml").read_bytes() == (
        b'- title: "New year"\n  url: https://x.example/\n  kind: article\n  status: reading\n'
        b"  started: 2026-01-02\n")
    assert (content / "reading/2025.yaml").read_bytes().endswith(
        b'- title: "A paper"\n  author: "Ada"\n  url: http://example.org/p.pdf\n  kind: paper\n'
        b'  status: finished\n  finished: 2025-12-31\n  tags: [pln, "on"]\n')
    # Both entries are dated after the tests' clock (2025-06-01): published with --future.
    text = page(build_site(content, future=True), "reading/index.html")
    assert "A paper" in text and "New year" in text and "Flow style entry" in text


def test_reading_titles_round_trip_whatever_their_characters(site_factory, run_cli):
    content = site_factory({})
    for title in TRICKY:
        assert run_cli("new", "reading", title, "--url", "https://example.org/", "--date", "2025-05-01")[0] == 0
    titles = [entry["title"] for entry in load_yaml((content / "reading/2025.yaml").read_text(), "x")]
    assert titles == [t.strip() for t in TRICKY]
    assert build_site(content).ok


def test_reading_uses_an_existing_yml_file_and_crlf(site_factory, run_cli):
    old = b"- title: Old\r\n  status: want\r\n"
    content = site_factory({"reading/2025.yml": old})
    assert run_cli("new", "reading", "New", "--url", "https://x.example/", "--date", "2025-03-03")[0] == 0
    assert not (content / "reading/2025.yaml").exists()
    assert (content / "reading/2025.yml").read_bytes() == old + (
        b'- title: "New"\r\n  url: https://x.example/\r\n  kind: article\r\n  status: want\r\n')
    assert build_site(content).ok


@pytest.mark.parametrize(("argv", "message"), [
    (["deep WORK", "--url", "https://x.example/"], "'Deep Work' is already in this reading log"),
    (["Other", "--url", "ftp://x.example/"], "--url must be an http(s) URL"),
    (["Other", "--url", "javascript:alert(1)"], "--url must be an http(s) URL"),
    (["Other", "--url", "https://x.example/ a"], "--url must be an http(s) URL"),
    (["Other"], "--url"),
    (["Other", "--url", "https://x.example/", "--kind", "blog"], "invalid choice"),
])
def test_reading_refusals_leave_the_file_alone(site_factory, run_cli, argv, message):
    content = site_factory({"reading/2025.yaml": READING_LOG})
    code, out, err = run_cli("new", "reading", *argv, "--date", "2025-05-01")
    assert code in (1, 2) and out == "" and message in err
    assert (content / "reading/2025.yaml").read_bytes() == READING_LOG


@pytest.mark.parametrize("log", [b"[{title: A, status: want}]\n", b"title: not a list\n", b"- title: [unclosed\n"])
def test_reading_log_that_cannot_be_appended_to_is_refused(site_factory, run_cli, log):
    content = site_factory({"reading/2025.yaml": log})
    code, _, err = run_cli("new", "reading", "B", "--url", "https://x.example/", "--date", "2025-05-01")
    assert code == 1 and "content/reading/2025.yaml" in err
    assert (content / "reading/2025.yaml").read_bytes() == log


@pytest.mark.parametrize("log, first", [
    ("- title: A\n  status: want\n".encode("utf-16"),
     "content/reading/2025.yaml:1: error: the file is not UTF-8 text (it looks like UTF-16"),
    ("- title: A\n  status: want\n".encode("utf-16-le"),
     "content/reading/2025.yaml:1: error: the file is not UTF-8 text (it looks like UTF-16"),
    (b"- title: A\n  status: want\n- title: [unclosed\n",
     "content/reading/2025.yaml:3: error: invalid YAML: while parsing a flow sequence"),
])
def test_a_log_new_cannot_read_is_reported_as_the_build_reports_it(site_factory, run_cli, log, first):
    content = site_factory({"reading/2025.yaml": log})
    code, out, err = run_cli("new", "reading", "B", "--url", "https://x.example/", "--date", "2025-05-01")
    assert (code, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith(first) and line.endswith(" (fix it first; nothing was written)")
    assert (content / "reading/2025.yaml").read_bytes() == log


def test_a_log_with_a_byte_order_mark_keeps_it_and_its_layout(site_factory, run_cli):
    log = b"\xef\xbb\xbf# read in 2025\n  - title: A\n    status: want\n\n  - title: B\n    status: want\n"
    content = site_factory({"reading/2025.yaml": log})
    code, _, err = run_cli("new", "reading", "C", "--url", "https://x.example/", "--date", "2025-05-01")
    assert (code, err) == (0, "")
    assert (content / "reading/2025.yaml").read_bytes() == log + (  # indented and spaced as the others
        b'\n  - title: "C"\n    url: https://x.example/\n    kind: article\n    status: want\n')


def test_a_log_that_cannot_be_read_is_reported_as_the_build_reports_a_file(site_factory, run_cli):
    content = site_factory({})
    (content / "reading/2025.yaml").mkdir(parents=True)
    code, out, err = run_cli("new", "reading", "B", "--url", "https://x.example/", "--date", "2025-05-01")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["content/reading/2025.yaml: error: cannot read the file: Is a directory "
                                "(fix it first; nothing was written)"]


# ---- contacts --------------------------------------------------------------------------------

MAPPING_LIST = (
    b"# My colleagues.  email is never published.\n"
    b"title:    Colleagues   # odd spacing\n"
    b"description: 'People I work with'\n"
    b"people:\n"
    b"    - name: Jesse Hotchin\n"
    b"      id: hotchin\n"
    b"      email: jesse@example.org\n"
    b"\n"
    b"    - {name: Flow Person, url: 'https://flow.example/'}\n"
    b"\n"
    b"    - name: Hidden One\n"
    b"      visibility: private\n"
    b"# end of list\n"
)
BARE_LIST = b"# just people\n- name: Ann\n  role: teacher\n- name: Ben   # Ben!\n"


def test_contact_is_appended_to_a_mapping_with_people(site_factory, run_cli):
    content = site_factory({"contacts/colleagues.yaml": MAPPING_LIST})
    code, out, err = run_cli("new", "contact", "Zoë O'Brien: teacher", "--url", "https://zoe.example/",
                             "--feed", "https://zoe.example/feed.xml", "--list", "colleagues")
    assert (code, err) == (0, "")
    assert out == "content/contacts/colleagues.yaml: added \"Zoë O'Brien: teacher\" (id zoe-o-brien-teacher)\n"
    new = (content / "contacts/colleagues.yaml").read_bytes()
    assert new == MAPPING_LIST + (
        "\n"
        "    - name: \"Zoë O'Brien: teacher\"\n"
        "      id: zoe-o-brien-teacher\n"
        "      url: https://zoe.example/\n"
        "      feed: https://zoe.example/feed.xml\n"
    ).encode()
    result = build_site(content)
    network = page(result, "network/index.html")
    assert "Zoë O'Brien: teacher" in network and 'id="zoe-o-brien-teacher"' in network
    assert "https://zoe.example/feed.xml" in page(result, "network.opml")
    assert "jesse@example.org" not in network and "Hidden One" not in network


def test_contact_is_appended_to_a_bare_list(site_factory, run_cli):
    content = site_factory({"contacts/friends.yaml": BARE_LIST})
    code, _, err = run_cli("new", "contact", "- Dash #1", "--list", "friends", "--role", "no",
                           "--tags", "pln,edtech")
    assert code == 0, err
    new = (content / "contacts/friends.yaml").read_bytes()
    assert new == BARE_LIST + b'- name: "- Dash #1"\n  id: dash-1\n  role: "no"\n  tags: [pln, edtech]\n'
    network = page(build_site(content), "network/index.html")
    assert "- Dash #1" in network and "Ann" in network and "Ben" in network


def test_contact_goes_after_the_last_person_when_people_is_not_the_last_key(site_factory, run_cli):
    old = (b"title: Experts\n"
           b"people:\n"
           b"  - name: Priya\n"
           b"    note: |\n"
           b"      # a heading inside the note, not a comment\n"
           b"\n"
           b"  - name: Grace\n"
           b"    note: >-\n"
           b"      Folded text.\n"
           b"    # a comment about Grace\n"
           b"\n"
           b"# the description comes last in this file\n"
           b"description: Researchers.\n")
    content = site_factory({"contacts/experts.yaml": old})
    code, _, err = run_cli("new", "contact", "Tomás", "--list", "experts")
    assert code == 0, err
    cut = old.index(b"    # a comment about Grace\n") + len(b"    # a comment about Grace\n")
    assert (content / "contacts/experts.yaml").read_bytes() == (  # after Grace's own comment
        old[:cut] + "\n  - name: \"Tomás\"\n    id: tomas\n".encode() + old[cut:])
    data = load_yaml((content / "contacts/experts.yaml").read_text(), "x")
    assert data["people"][0]["note"] == "# a heading inside the note, not a comment\n"
    assert data["people"][1]["note"] == "Folded text."
    assert data["description"] == "Researchers."
    assert "Tomás" in page(build_site(content), "network/index.html")


def test_contact_into_an_empty_people_key_followed_by_another_key(site_factory, run_cli):
    old = b"people:\ntitle: Later\n"
    content = site_factory({"contacts/later.yaml": old})
    assert run_cli("new", "contact", "Ann", "--list", "later")[0] == 0
    assert (content / "contacts/later.yaml").read_bytes() == b'people:\n  - name: "Ann"\n    id: ann\ntitle: Later\n'
    assert build_site(content).ok


def test_contact_in_a_new_list_file(site_factory, run_cli):
    content = site_factory({"contacts/colleagues.yaml": MAPPING_LIST})
    code, out, _ = run_cli("new", "contact", "Bob", "--url", "https://bob.example/")
    assert code == 0 and out.startswith("content/contacts/following.yaml:")
    assert (content / "contacts/following.yaml").read_bytes() == (
        b'title: Following\npeople:\n  - name: "Bob"\n    id: bob\n    url: https://bob.example/\n')
    assert (content / "contacts/colleagues.yaml").read_bytes() == MAPPING_LIST
    network = page(build_site(content), "network/index.html")
    assert "Following" in network and "Bob" in network


@pytest.mark.parametrize(("argv", "message"), [
    (["Jesse Hotchin", "--id", "hotchin"], "contact id 'hotchin' is already used at content/contacts/colleagues.yaml:5"),
    (["Ann"], "contact id 'ann' is already used at content/contacts/friends.yaml:2"),
    (["Flow Person", "--list", "friends"], "contact id 'flow-person' is already used"),
    (["Hidden One"], "contact id 'hidden-one' is already used"),  # private people keep their id too
    (["Someone", "--id", "Not A Slug"], "must be a slug such as 'not-a-slug'"),
    (["Someone", "--url", "mailto:x@example.org"], "--url must be an http(s) URL"),
    (["Someone", "--feed", "feed.xml"], "--feed must be an http(s) URL"),
    (["Someone", "--list", "../escape"], "--list '../escape' must be a file stem"),
    (["Someone", "--list", "_hidden"], "must be a file stem"),
    (["Line\nbreak"], "must be one line"),
])
def test_contact_refusals_leave_every_file_alone(site_factory, run_cli, argv, message):
    content = site_factory({"contacts/colleagues.yaml": MAPPING_LIST, "contacts/friends.yaml": BARE_LIST})
    code, out, err = run_cli("new", "contact", *argv)
    assert code in (1, 2) and out == "" and message in err, err
    assert (content / "contacts/colleagues.yaml").read_bytes() == MAPPING_LIST
    assert (content / "contacts/friends.yaml").read_bytes() == BARE_LIST
    assert sorted(p.name for p in (content / "contacts").iterdir()) == ["colleagues.yaml", "friends.yaml"]


def test_contact_id_option_resolves_a_clash(site_factory, run_cli):
    content = site_factory({"contacts/friends.yaml": BARE_LIST})
    assert run_cli("new", "contact", "Ann", "--id", "ann-2", "--list", "friends")[0] == 0
    network = page(build_site(content), "network/index.html")
    assert 'id="ann-2"' in network


@pytest.mark.parametrize("text", [b"people: []\n", b"title: x\npeople: {a: 1}\n", b"42\n"])
def test_contact_list_that_cannot_be_added_to_is_refused(site_factory, run_cli, text):
    content = site_factory({"contacts/odd.yaml": text})
    code, _, err = run_cli("new", "contact", "Ann", "--list", "odd")
    assert code == 1 and "content/contacts/odd.yaml" in err
    assert (content / "contacts/odd.yaml").read_bytes() == text


def test_without_a_site_yaml_new_says_so(site_factory, run_cli):
    site_factory({}, with_config=False)
    code, _, err = run_cli("new", "note", "X")
    assert code == 1 and "site.yaml is missing" in err


# ---- yamlio helpers used above ----------------------------------------------------------------

@pytest.mark.parametrize("text", TRICKY + ["", "yes", "3.10", "~", "null", "[x]", "{x}", "a, b", "*x", "&x",
                                           "!x", "|", ">", "@x", "%x", "tab\tx", "nl\nx", "\x85\u2028\x7f\x01\ufeff"])
def test_yaml_scalars_load_back_as_written(text):
    for flow in (False, True):
        written = yaml_scalar(text, flow=flow)
        assert "\n" not in written
        doc = f"k: [{written}]\n" if flow else f"k: {written}\n"
        assert load_yaml(doc, "x")["k"] == ([text] if flow else text)
    assert load_yaml(f"k: {yaml_quoted(text)}\n", "x")["k"] == text
