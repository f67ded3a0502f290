"""What the fuzzer (tests/fuzz/) found, each as the build a user would run."""

from __future__ import annotations

import re

import pytest

from plnsite.yamlio import YamlError, load_yaml
from tests.fuzz.harness import build

PROBLEM_LINE = re.compile(r"\S.*?: (error|warning): \S.*|build failed: \S.*")


def _one_line_problems(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(PROBLEM_LINE.fullmatch(line) for line in lines), err
    return lines


def test_a_character_yaml_refuses_is_one_problem_line_at_its_line():
    # Found: PyYAML's two-line message ("…\n  in "<unicode string>", position 13") was printed
    # as it was, at the first line of the front matter whatever line held the character.
    with pytest.raises(YamlError) as caught:
        load_yaml('title: x\ntags: [a]\nsummary: "a\x7fb"\n', "content/notes/x.md", line_offset=1)
    problem = caught.value.problem
    assert str(problem.loc) == "content/notes/x.md:4"
    assert problem.message.startswith("invalid YAML: unacceptable character #x007f: ")
    assert "\n" not in problem.message

def test_a_character_yaml_refuses_in_front_matter_is_reported_on_one_line(site_factory, run_cli):
    site_factory({"notes/2024-01-01-x.md": '---\ntitle: X\ntags: [a]\nsummary: "a\x7fb"\n---\nText.\n'})
    code, _, err = run_cli("build", "-j", "1")
    lines = _one_line_problems(err)
    assert lines[0].startswith("content/notes/2024-01-01-x.md:4: "), err


def test_an_index_md_in_notes_itself_is_a_note_not_a_bundle_of_all_notes(site_factory, run_cli, tmp_path):
    # Found: `notes/index.md` made the whole notes/ folder a bundle: every other note was
    # dropped from the site and its source copied out as a file of the bundle, a draft's too.
    content = site_factory({
        "notes/index.md": "---\ntitle: About these notes\ndate: 2024-01-01\n---\nAn introduction.\n",
        "notes/2024-01-02-kept.md": "---\ntitle: Kept\n---\nA note.\n",
        "notes/2024-01-03-hidden.md": "---\ntitle: Hidden\ndraft: true\n---\nDRAFT-TEXT-SECRET\n",
    })
    code, _, err = run_cli("build", "-j", "1")
    assert code == 0, err
    public = content.parent / "public"
    assert (public / "notes" / "kept" / "index.html").is_file()
    assert (public / "notes" / "notes" / "index.html").is_file()  # named, as any index.md, after its folder
    assert not any(b"DRAFT-TEXT-SECRET" in p.read_bytes() for p in public.rglob("*") if p.is_file())
    assert not list(public.rglob("*.md"))


def test_a_long_word_in_a_contact_is_checked_for_email_addresses_in_linear_time(site_factory):
    # Found: the search for "pat [at] example [dot] org" was tried at every letter of a long
    # word, in time growing with the square of its length: a 100,000-letter note took minutes.
    # The build runs under the fuzzer's watchdog (20 s; the build takes a fraction of one).
    content = site_factory({"contacts/friends.yaml": f"- name: Pat\n  note: {'a' * 100_000}\n"})
    result = build(content.parent, "public", ["-j", "1"])
    assert not result.hang and result.code == 0, result.err


@pytest.mark.parametrize("name", ["America", "x" * 300])
def test_a_timezone_that_names_a_folder_of_the_zone_database_or_no_file_is_an_error(site_factory, run_cli, name):
    # Found: `timezone: America` (a folder of the zone database, not a zone) ended the build
    # with IsADirectoryError; a 300-letter name with OSError "File name too long".
    site_factory({"site.yaml": f"title: T\nbase_url: https://example.org/\ntimezone: {name}\n"})
    code, _, err = run_cli("build", "-j", "1")
    assert code == 1
    assert err.splitlines()[0] == (f"content/site.yaml:3: error: unknown timezone '{name}' "
                                   "(use an IANA name such as 'Europe/Berlin')")


@pytest.mark.parametrize("name", ["/", "..", "a/b", "x" * 300])
def test_a_theme_must_be_named_by_a_folder_name(site_factory, name):
    # Found: `theme: /` made the whole disk the theme folder (every file under / was listed,
    # 55 s, then OSError from a file of /proc); `theme: ..` made the site folder one; a
    # 300-letter name ended with OSError "File name too long". The fuzzer's watchdog (20 s)
    # stands between this test and a build that lists the disk.
    content = site_factory({"site.yaml": f'title: T\nbase_url: https://example.org/\ntheme: "{name}"\n'})
    result = build(content.parent, "public", ["-j", "1"])
    assert result.code == 1 and result.error is None, result.trace or result.err
    assert result.err.splitlines()[0].startswith(f"content/site.yaml:3: error: theme '{name}' is not a folder name: ")


def test_a_value_of_several_lines_quoted_in_a_problem_keeps_it_one_line(site_factory, run_cli):
    # Found: `visibility: |` with two lines below made "…: error: visibility 'literal line"
    # and a second line "  more' is not one of…" that no tool reading `path:line:` lines sees.
    site_factory({"contacts/friends.yaml": "- name: Pat\n  visibility: |\n    literal line\n      more\n"})
    code, _, err = run_cli("build", "-j", "1")
    assert code == 1
    lines = _one_line_problems(err)
    assert lines[0].startswith("content/contacts/friends.yaml:2: error: ") and "literal line\\n  more" in lines[0]


def test_a_control_character_in_a_file_name_is_shown_escaped_in_its_problem(site_factory, run_cli):
    # Found: a file name with an ANSI colour code (or a NEL) was printed raw: the terminal
    # coloured the rest of the output, and a NEL broke the line.
    site_factory({"notes/x\x1b[31mred\x85.md": "---\ntitle: [unclosed\n---\nText.\n"})
    code, _, err = run_cli("build", "-j", "1")
    assert code == 1
    assert "\x1b" not in err and "\x85" not in err
    assert _one_line_problems(err)[0].startswith("content/notes/x\\x1b[31mred\\x85.md:2: error: ")


@pytest.mark.parametrize("line", [
    "  tags: {a: " + "x" * 60_000 + ", c: %x}",  # the key before the '%' was searched from every letter
    "  title: @b" + " " * 60_000 + "#c",  # a comment was searched from every space
    "  title: @b" + " " * 60_000 + "c",  # so was the end of the value
])
def test_the_hint_for_a_long_yaml_line_takes_time_in_proportion_to_it(site_factory, line):
    # Found: the plain hint added to a YAML error ("a value cannot start with '%': put it in
    # quotes") took time growing with the square of the line's length: 60,000 characters took
    # about 40 s. The build runs under the fuzzer's watchdog (20 s; it takes a fraction of one).
    content = site_factory({"reading/log.yaml": f"- title: T\n{line}\n"})
    result = build(content.parent, "public", ["-j", "1"])
    assert not result.hang and result.code == 1, result.trace or result.err
    assert result.err.startswith("content/reading/log.yaml:2: error: invalid YAML: ")
    assert "a value cannot start with" in result.err
