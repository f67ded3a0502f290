"""What the fuzzer (tests/fuzz/) found, each as the build a user would run."""

from __future__ import annotations

import re

import pytest

from plnsite.yamlio import YamlError, load_yaml

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

