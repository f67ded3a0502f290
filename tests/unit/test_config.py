"""config.py: site.yaml → SiteConfig; defaults, typo hints, extra keys, every problem at path:line."""

from __future__ import annotations

import textwrap

import pytest

from plnsite.config import DEFAULT_MENU, read_config
from plnsite.errors import Level, Problems
from plnsite.model import Author, FeedConfig, MenuItem
from plnsite.sources import SAVE_AS_UTF8


@pytest.fixture
def config(tmp_path, monkeypatch):
    """site.yaml text → (SiteConfig or None, ["path:line: message", ...])."""
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()

    def read(text: str | None, base_url: str | None = None):
        if text is not None:
            (content / "site.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        problems = Problems()
        cfg = read_config(content, problems, base_url)
        return cfg, [str(p) for p in problems.freeze()]

    return read


def test_full_site_yaml(config):
    cfg, problems = config("""\
        title: Ada's Learning Portfolio
        description: What I learn, read, and who I learn from.
        base_url: https://ada.github.io/portfolio/
        author: {name: Ada Lovelace, url: https://ada.example/}
        language: en-CA
        timezone: America/Vancouver
        theme: default
        paginate: 5
        menu: [{title: Notes, url: /notes/}, {title: Elsewhere, url: "https://x.example/"}]
        feed: {limit: 7, full_content: false, include: [notes, reading]}
        social: {mastodon: "https://mastodon.social/@ada", github: "https://github.com/ada"}
        cname: ada.example
    """)
    assert problems == []
    assert cfg.title == "Ada's Learning Portfolio"
    assert cfg.description == "What I learn, read, and who I learn from."
    assert cfg.base_url == "https://ada.github.io/portfolio/"
    assert cfg.author == Author(name="Ada Lovelace", url="https://ada.example/")
    assert cfg.language == "en-CA"
    assert cfg.timezone == "America/Vancouver"
    assert cfg.paginate == 5
    assert cfg.menu == (MenuItem(title="Notes", url="/notes/"), MenuItem(title="Elsewhere", url="https://x.example/"))
    assert cfg.feed == FeedConfig(limit=7, full_content=False, include=("notes", "reading"))
    assert cfg.social == (("mastodon", "https://mastodon.social/@ada"), ("github", "https://github.com/ada"))
    assert cfg.cname == "ada.example"
    assert dict(cfg.extra) == {}
    assert str(cfg.loc) == "content/site.yaml:1"
    assert cfg.id_authority == "ada.github.io"


def test_defaults(config):
    cfg, problems = config("title: T\nbase_url: https://example.org\n")
    assert problems == []
    assert cfg.base_url == "https://example.org/"
    assert cfg.description == ""
    assert cfg.author == Author(name="T"), "the author defaults to the site title"
    assert (cfg.language, cfg.timezone, cfg.theme, cfg.paginate) == ("en", "UTC", "default", 20)
    assert cfg.menu == DEFAULT_MENU
    assert cfg.feed == FeedConfig(limit=20, full_content=True, include=("notes",))
    assert cfg.social == ()
    assert cfg.cname is None


def test_author_as_plain_text(config):
    cfg, _ = config("title: T\nbase_url: https://example.org/\nauthor: Ada Lovelace\n")
    assert cfg.author == Author(name="Ada Lovelace", url=None)


def test_unknown_keys_are_kept_as_extra_and_typos_get_a_hint(config):
    cfg, problems = config("""\
        title: T
        base_url: https://example.org/
        titel: Typo
        timezon: UTC
        accent: teal
        since: 2024-09-01
        tags_on_home: [no, on]
    """)
    assert problems == [
        "content/site.yaml:3: warning: unknown key 'titel' (did you mean 'title'?)",
        "content/site.yaml:4: warning: unknown key 'timezon' (did you mean 'timezone'?)",
    ]
    assert cfg.title == "T"
    assert set(cfg.extra) == {"titel", "timezon", "accent", "since", "tags_on_home"}
    assert cfg.extra["accent"] == "teal"
    assert cfg.extra["tags_on_home"] == ["no", "on"]


def test_missing_site_yaml(config):
    cfg, problems = config(None)
    assert cfg is None
    assert problems == ["content/site.yaml: error: site.yaml is missing: every site needs one (run `plnsite init` for a start)"]


def test_invalid_yaml(config):
    cfg, problems = config("title: [T\nbase_url: https://example.org/\n")
    assert cfg is None
    assert problems == [
        "content/site.yaml:2: error: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"
        "; the '[' opened on line 1 is not closed with ']' (a value in it that holds ',' or ':' needs quotes)"
    ]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n"])
def test_not_a_mapping(config, text):
    cfg, problems = config(text)
    assert cfg is None
    assert problems == ["content/site.yaml:1: error: site.yaml must be a mapping of `key: value` lines"]


def test_not_utf8(config, tmp_path):
    (tmp_path / "content" / "site.yaml").write_bytes(b"title: caf\xe9\n")
    cfg, problems = config(None)
    assert cfg is None
    assert problems == ["content/site.yaml:1: error: the file is not UTF-8 text (it looks like Latin-1: byte 0xE9 on "
                        f"this line would be 'é'); {SAVE_AS_UTF8}"]


def test_all_problems_at_once_each_at_its_line(config):
    cfg, problems = config("""\
        description: no title here
        timezone: Mars/Olympus
        paginate: 0
        feed:
          limit: lots
          include: [notes, podcasts]
        social:
          mastodon: "@ada@mastodon.social"
        menu:
          - {title: Notes}
    """)
    assert cfg is not None, "a config is still made, so the rest of the build can report too"
    assert sorted(problems) == sorted([
        "content/site.yaml:1: error: site.yaml needs a 'title'",
        "content/site.yaml:1: error: site.yaml needs a 'base_url' (the address the site is published at)",
        "content/site.yaml:2: error: unknown timezone 'Mars/Olympus' (use an IANA name such as 'Europe/Berlin')",
        "content/site.yaml:3: error: paginate must be a whole number of at least 1, not 0",
        "content/site.yaml:10: error: each menu item needs a 'title' and a 'url'",
        "content/site.yaml:6: error: feed.include 'podcasts' is not one of: notes, reading",
        "content/site.yaml:5: error: feed.limit must be a whole number of at least 1, not 'lots'",
        "content/site.yaml:8: error: social.mastodon must be an http(s) URL, not '@ada@mastodon.social'",
    ])
    assert cfg.timezone == "UTC" and cfg.paginate == 20


@pytest.mark.parametrize("value", ["true", "2.5", "-1", "'10'"])
def test_paginate_must_be_a_positive_whole_number(config, value):
    cfg, problems = config(f"title: T\nbase_url: https://example.org/\npaginate: {value}\n")
    assert len(problems) == 1 and problems[0].startswith("content/site.yaml:3: error: paginate must be a whole number")


@pytest.mark.parametrize("base_url", ["example.org", "ftp://example.org/", "/portfolio/", "https://"])
def test_base_url_must_be_absolute_http(config, base_url):
    _, problems = config(f"title: T\nbase_url: '{base_url}'\n")
    assert problems == [f"content/site.yaml:2: error: base_url must be an absolute http(s) URL, not {base_url!r}"]


def test_base_url_override_wins_and_ids_keep_the_written_host(config):
    cfg, problems = config("title: T\nbase_url: https://ada.example/portfolio/\n", "https://deploy-preview-3--ada.netlify.app")
    assert problems == []
    assert cfg.base_url == "https://deploy-preview-3--ada.netlify.app/"
    assert cfg.id_authority == "ada.example", "feed ids must not change with --base-url"


def test_bad_base_url_override_is_reported_without_a_file_line(config):
    _, problems = config("title: T\nbase_url: https://example.org/\n", "not a url")
    assert problems == ["error: base_url must be an absolute http(s) URL, not 'not a url'"]


def test_found_a_control_character_in_the_base_url_override_crashed_the_feed_writer(config):
    _, problems = config("title: T\nbase_url: https://example.org/\n", "https://example.org/a\x1b/")
    assert problems == ["error: base_url must be an absolute http(s) URL without control characters, "
                        "not 'https://example.org/a\\x1b/'"]


def test_base_url_override_supplies_a_missing_base_url(config):
    cfg, problems = config("title: T\n", "https://example.org/x")
    assert problems == [] and cfg.base_url == "https://example.org/x/"


def test_feed_must_be_a_mapping(config):
    cfg, problems = config("title: T\nbase_url: https://example.org/\nfeed: 10\n")
    assert problems == ["content/site.yaml:3: error: feed must be a mapping (limit, full_content, include)"]
    assert cfg.feed == FeedConfig()


def test_feed_include_as_one_word(config):
    cfg, problems = config("title: T\nbase_url: https://example.org/\nfeed: {include: reading}\n")
    assert problems == [] and cfg.feed.include == ("reading",)


def test_social_must_be_a_mapping(config):
    _, problems = config("title: T\nbase_url: https://example.org/\nsocial: [x]\n")
    assert problems == ["content/site.yaml:3: error: social must be a mapping of network: profile URL"]


def test_warnings_are_warnings_and_errors_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site.yaml").write_text("titel: T\nbase_url: https://example.org/\n", encoding="utf-8")
    problems = Problems()
    read_config(tmp_path, problems)
    levels = sorted((p.level.value, p.message) for p in problems.freeze())
    assert levels == [
        (Level.ERROR.value, "site.yaml needs a 'title'"),
        (Level.WARNING.value, "unknown key 'titel' (did you mean 'title'?)"),
    ]


def test_cname_is_stripped_text(config):
    cfg, _ = config("title: T\nbase_url: https://example.org/\ncname: ' ada.example '\n")
    assert cfg.cname == "ada.example"
