"""cli.py: argparse → commands; exit codes; no traceback for bad input. In-process via main(argv)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

from plnsite import __version__
from plnsite.cli import main, make_parser

NOTE = "---\ntitle: A\n---\nBody.\n"
SUMMARY = re.compile(r"^built (\d+) pages, (\d+) feeds, (\d+) files in \d+\.\d\d s → (\S+) \((\d+) changed\)(; .*)?$")


def commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """Every command path (("build",), ("new", "note"), ...) the parser knows."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from commands(sub, (*prefix, name))


ALL_COMMANDS = sorted(commands(make_parser()))


def test_version(run_cli):
    code, out, err = run_cli("--version")
    assert (code, out, err) == (0, f"plnsite {__version__}\n", "")


def test_help_lists_every_command(run_cli):
    code, out, err = run_cli("--help")
    assert code == 0 and err == ""
    assert out.startswith("usage: plnsite [-h] [--version] COMMAND ...")
    for (name,) in [c for c in ALL_COMMANDS if len(c) == 1]:
        assert re.search(rf"^\s+{re.escape(name)}\s", out, re.MULTILINE), name


def test_the_spec_commands_exist():
    assert {("build",)} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_help_for_each_command(run_cli, command):
    code, out, err = run_cli(*command, "--help")
    assert code == 0, err
    assert out.startswith(f"usage: plnsite {' '.join(command)}")
    assert err == ""


@pytest.mark.parametrize("command", [c for c in ALL_COMMANDS if c[0] in ("build", "serve", "check")], ids=" ".join)
def test_site_commands_take_a_source(run_cli, command):
    _, out, _ = run_cli(*command, "--help")
    assert "-s SOURCE, --source SOURCE" in out or "-s, --source SOURCE" in out  # Python 3.13 names it once


def test_unknown_option_is_a_usage_error(run_cli):
    code, _, err = run_cli("build", "--bogus")
    assert code == 2
    assert err.splitlines()[-1] == "plnsite: error: unrecognized arguments: --bogus"


def test_unknown_command_is_a_usage_error(run_cli):
    code, _, err = run_cli("publish")
    assert code == 2 and "invalid choice: 'publish'" in err


def test_build_prints_a_summary_line_and_exits_0(site_factory, run_cli):
    site_factory({"notes/2025-01-01-a.md": NOTE, "notes/2025-01-02-b.md": NOTE.replace("A", "B")})
    code, out, err = run_cli("build")
    assert code == 0, err
    assert err == "", "no problems, no progress bar when stderr is not a terminal"
    (line,) = out.splitlines()
    match = SUMMARY.match(line)
    assert match, line
    pages, feeds, files, folder, changed = (match[1], match[2], match[3], match[4], match[5])
    assert folder == "public"
    assert int(pages) >= 8 and int(feeds) == 5 and int(changed) == int(files)

    code, out, _ = run_cli("build")
    assert code == 0
    assert SUMMARY.match(out.strip())[5] == "0", "a rebuild of the same input changes nothing"


def test_a_build_leaves_the_collector_enabled_and_its_garbage_collectable(site_factory, run_cli):
    """plnsite build runs with the collector off, and at its end counts what it made as old
    (the collector enabled over them as young would scan them all at the next allocation):
    nothing is left frozen, and garbage from before or during it is still collected."""
    import gc
    import weakref

    class Cycle:
        pass

    site_factory({"notes/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nHello [[B]].\n",
                  "notes/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\nWorld.\n"})
    frozen = gc.get_freeze_count()
    garbage = Cycle()
    garbage.me = garbage
    gone = weakref.ref(garbage)
    del garbage
    gc.disable()  # as a build running meanwhile would: the cycle is still there when it ends
    assert run_cli("build")[0] == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_build_summary_counts_warnings(site_factory, run_cli):
    site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[missing]] and [[gone]]\n"})
    code, out, err = run_cli("build")
    assert code == 0
    assert err.splitlines() == [
        "content/notes/2025-01-01-a.md:4: warning: no note named 'gone'",
        "content/notes/2025-01-01-a.md:4: warning: no note named 'missing'",
    ]
    assert out.rstrip().endswith("; 2 warnings")


def test_strict_turns_warnings_into_a_failure(site_factory, run_cli, tmp_path):
    site_factory({"notes/2025-01-01-a.md": "---\ntitle: A\n---\n[[missing]]\n"})
    code, out, err = run_cli("build", "--strict", "-o", "out")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "content/notes/2025-01-01-a.md:4: error: no note named 'missing'",
        "build failed: 1 error; nothing was written",
    ]
    assert not (tmp_path / "site" / "out").exists()


def test_errors_exit_1_with_every_problem_and_write_nothing(site_factory, run_cli, tmp_path):
    site_factory({"notes/undated.md": "---\ntitle: A\n---\n", "notes/2025-01-01-bad.md": "---\ntitle: B\ndate: 2025-13-45\n---\n"})
    code, out, err = run_cli("build")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "content/notes/2025-01-01-bad.md:3: error: 'date' is not a date: '2025-13-45' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM)",
        "content/notes/undated.md:1: error: note has no date: add `date: YYYY-MM-DD` or start the file name with YYYY-MM-DD-",
        "build failed: 2 errors; nothing was written",
    ]
    assert not (tmp_path / "site" / "public").exists()


def test_missing_content_folder(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("build", "-s", "nope")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: no content folder at 'nope' (use -s to point at one)",
                                "build failed: 1 error; nothing was written"]


def test_missing_site_yaml(site_factory, run_cli):
    site_factory({}, with_config=False)
    code, out, err = run_cli("build")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "content/site.yaml: error: site.yaml is missing: every site needs one (run `plnsite init` for a start)",
        "build failed: 1 error; nothing was written",
    ]


def test_unusable_site_yaml_is_reported_as_path_line_message(site_factory, run_cli):
    site_factory({"site.yaml": "title: [T\nbase_url: https://example.org/\n"})
    code, out, err = run_cli("build")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [
        "content/site.yaml:2: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']';"
        " the '[' opened on line 1 is not closed with ']' (a value in it that holds ',' or ':' needs quotes)",
        "build failed: 1 error; nothing was written",
    ]


def test_unknown_theme(site_factory, run_cli):
    site_factory({"site.yaml": "title: T\nbase_url: https://example.org/\ntheme: nope\n"})
    code, _, err = run_cli("build")
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines() == [
        "content/site.yaml:3: error: no theme named 'nope': no themes/nope/ folder beside the content folder, "
        "and the bundled themes are: default",
        "build failed: 1 error; nothing was written",
    ]


def test_a_refused_output_folder_ends_with_the_summary_line(site_factory, run_cli):
    site_factory({})
    code, out, err = run_cli("build", "-o", "content/public")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ")
    assert lines[1] == "build failed: 1 error; nothing was written"


def test_base_url_override(site_factory, run_cli, tmp_path):
    site_factory({"notes/2025-01-01-a.md": NOTE})
    code, _, err = run_cli("build", "--base-url", "https://preview.example/sub/")
    assert code == 0, err
    feed = (tmp_path / "site" / "public" / "feed.xml").read_text()
    assert "<link>https://preview.example/sub/</link>" in feed


def test_drafts_and_future_flags(site_factory, run_cli, tmp_path):
    site_factory({
        "notes/2025-01-01-a.md": NOTE,
        "notes/2025-01-02-d.md": "---\ntitle: D\ndraft: true\n---\n",
        "notes/2999-01-01-f.md": "---\ntitle: F\n---\n",
    })
    public = tmp_path / "site" / "public" / "notes"
    assert run_cli("build")[0] == 0
    assert sorted(p.name for p in public.iterdir() if p.is_dir()) == ["a"]
    assert run_cli("build", "--drafts", "--future")[0] == 0
    assert sorted(p.name for p in public.iterdir() if p.is_dir()) == ["a", "d", "f"]
    assert run_cli("build")[0] == 0
    assert sorted(p.name for p in public.iterdir() if p.is_dir()) == ["a"], "stale pages are removed again"


def test_main_returns_instead_of_exiting():
    assert main(["--version"]) == 0
    assert main(["build", "--bogus"]) == 2


def test_python_dash_m_plnsite():
    done = subprocess.run([sys.executable, "-m", "plnsite", "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"plnsite {__version__}\n", "")


def test_the_console_script_flushes_what_it_printed_before_exiting(tmp_path):
    (tmp_path / "content/notes").mkdir(parents=True)
    (tmp_path / "content/site.yaml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    (tmp_path / "content/notes/2025-01-02-a.md").write_text(NOTE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "plnsite", "build"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert SUMMARY.match(done.stdout.strip()), done.stdout
    (tmp_path / "content/notes/b.md").write_text("---\ntitle: B\ndate: someday\n---\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "plnsite", "build"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert failed.returncode == 1
    assert "b.md:3" in failed.stderr and "Traceback" not in failed.stderr


# --------------------------------------------------------------------------- habits from other tools


def test_plnsite_alone_prints_the_help_and_exits_0(run_cli):
    code, out, err = run_cli()
    assert (code, err) == (0, "")
    assert out == make_parser().format_help()
    assert "Also accepted" in out and "gh-deploy" in out


@pytest.mark.parametrize("alias, command", [
    (("server",), ("serve",)),
    (("new", "site"), ("init",)),
    (("gh-deploy",), ("deploy", "gh-pages")),
])
def test_other_tools_spellings_are_the_same_commands(run_cli, alias, command):
    code, out, err = run_cli(*alias, "--help")
    assert (code, err) == (0, "")
    assert out == run_cli(*command, "--help")[1]


def test_the_aliases_are_not_listed_as_commands(run_cli):
    _, out, _ = run_cli("--help")
    listed = out.split("Also accepted")[0]
    assert "server" not in listed and "gh-deploy" not in listed


def test_new_site_makes_a_site(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("new", "site", "mysite")
    assert code == 0, err
    assert (tmp_path / "mysite" / "content" / "site.yaml").is_file()


@pytest.mark.parametrize("command", [("build",), ("serve",), ("check",)], ids=" ".join)
def test_short_flags_for_drafts_future_and_base_url(command):
    # Parsed, not read off --help: Python 3.13's argparse writes "-b, --base-url BASE_URL".
    args = make_parser().parse_args([*command, "-D", "-F", "-b", "https://example.org/x/"])
    assert (args.drafts, args.future, args.base_url) == (True, True, "https://example.org/x/")


def test_deploy_takes_b_for_base_url():
    args = make_parser().parse_args(["deploy", "gh-pages", "-b", "https://example.org/x/"])
    assert args.base_url == "https://example.org/x/"


def test_short_flags_build_drafts_and_future_with_a_base_url(site_factory, run_cli, tmp_path):
    site_factory({
        "notes/2025-01-01-a.md": NOTE,
        "notes/2025-01-02-d.md": "---\ntitle: D\ndraft: true\n---\n",
        "notes/2999-01-01-f.md": "---\ntitle: F\n---\n",
    })
    code, _, err = run_cli("build", "-D", "-F", "-b", "https://preview.example/sub/")
    assert code == 0, err
    public = tmp_path / "site" / "public"
    assert sorted(p.name for p in (public / "notes").iterdir() if p.is_dir()) == ["a", "d", "f"]
    assert "<link>https://preview.example/sub/</link>" in (public / "feed.xml").read_text()


# --------------------------------------------------------------------------- -s: the content folder or the site folder


def _site_in(folder, run_cli_dir=None):
    content = folder / "content"
    (content / "notes").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n", encoding="utf-8")
    (content / "notes" / "2025-01-02-a.md").write_text(NOTE, encoding="utf-8")
    return content


@pytest.mark.parametrize("given", ["mysite", "mysite/content"])
def test_source_may_name_the_site_folder_and_output_and_cache_go_beside_content(tmp_path, monkeypatch, run_cli, given):
    _site_in(tmp_path / "mysite")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("build", "-s", given)
    assert code == 0, err
    assert SUMMARY.match(out.strip())[4] == "mysite/public"
    assert (tmp_path / "mysite" / "public" / "notes" / "a" / "index.html").is_file()
    assert (tmp_path / "mysite" / ".plnsite-cache").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mysite"], "nothing is written into the current folder"


def test_an_explicit_output_is_relative_to_the_current_folder(tmp_path, monkeypatch, run_cli):
    _site_in(tmp_path / "mysite")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("build", "-s", "mysite", "-o", "out")
    assert code == 0, err
    assert (tmp_path / "out" / "notes" / "a" / "index.html").is_file()
    assert not (tmp_path / "mysite" / "public").exists()


def test_every_site_command_accepts_the_site_folder(tmp_path, monkeypatch, run_cli):
    _site_in(tmp_path / "mysite")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "-s", "mysite")
    assert code == 0, err + out
    code, out, err = run_cli("new", "note", "Second thoughts", "-s", "mysite", "--date", "2025-02-01")
    assert code == 0, err
    assert out.strip() == "mysite/content/notes/2025-02-01-second-thoughts.md"
    code, out, err = run_cli("new", "contact", "Ada", "-s", "mysite")
    assert code == 0, err
    assert (tmp_path / "mysite" / "content" / "contacts" / "following.yaml").is_file()
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/feed"/></body></opml>',
                    encoding="utf-8")
    code, out, err = run_cli("import", "opml", "subs.opml", "-s", "mysite")
    assert code == 0, err
    assert "b.example" in (tmp_path / "mysite" / "content" / "contacts" / "following.yaml").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mysite", "subs.opml"]


def test_a_folder_that_is_no_site_is_still_an_error(tmp_path, monkeypatch, run_cli):
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("build", "-s", "empty")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "empty/site.yaml: error: site.yaml is missing: every site needs one (run `plnsite init` for a start)",
        "build failed: 1 error; nothing was written",
    ]


@pytest.mark.parametrize("argv, unwanted", [
    (["--version"], "plnsite.commands.build"),
    (["--help"], "plnsite.build"),
    (["init", "--help"], "plnsite.build"),
])
def test_a_command_imports_only_what_it_uses(argv, unwanted):
    """`plnsite --version` (and the help of a command that builds nothing) must not load the
    build: every command's module would otherwise be imported to declare its arguments."""
    probe = ("import sys\nfrom plnsite.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted(m for m in sys.modules if m.startswith('plnsite'))))" % argv)
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert "plnsite.cli" in loaded
    assert unwanted not in loaded


def test_the_help_of_a_lazy_parser_is_the_whole_parsers():
    """Only the command run is declared in full; the listing of commands stays the same."""
    for name in ("", "build", "new"):
        assert make_parser(name).format_help() == make_parser().format_help()
