"""routes.py: every file the site will have, planned before anything renders."""

from __future__ import annotations

import pytest

from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions, RouteKind
from plnsite.routes import plan_routes
from tests.conftest import NOW, build_site


def site_yaml(paginate: int = 20, extra: str = "") -> str:
    return f"title: T\nbase_url: https://example.org/sub/\npaginate: {paginate}\n{extra}"


def note(day: int, tags: str = "[]") -> str:
    return f"---\ntitle: Note {day}\ndate: 2025-01-{day:02d}\ntags: {tags}\n---\nBody {day}.\n"


@pytest.fixture
def plan(site_factory):
    def run(files: dict[str, str], site: str | None = None):
        content = site_factory({"site.yaml": site or site_yaml(), **files})
        linked = link(load_content(content), BuildOptions(source=content, now=NOW))
        routes, problems = plan_routes(linked)
        return {r.file: r for r in routes}, [str(p) for p in problems]

    return run


def test_every_built_in_route_of_a_small_site(plan):
    routes, problems = plan({
        "notes/2025-01-01-a.md": note(1, "[pln]"),
        "notes/2025-01-02-b/index.md": note(2),
        "notes/2025-01-02-b/pic.png": "png",
        "pages/about.md": "# About\n",
        "reading/2025.yaml": "- title: Log Entry\n  status: want\n",
        "reading/deep-book.md": "---\ntitle: Deep Book\nstatus: want\n---\nLong review.\n",
        "contacts/friends.yaml": "- name: Ada\n  tags: [pln]\n",
        "static/img/logo.svg": "<svg/>",
    }, site_yaml(extra="cname: ada.example\n"))
    assert problems == []
    assert {file: (r.kind, r.url) for file, r in routes.items()} == {
        "index.html": (RouteKind.HOME, ""),
        "activity/index.html": (RouteKind.ACTIVITY, "activity/"),
        "notes/index.html": (RouteKind.NOTES, "notes/"),
        "notes/a/index.html": (RouteKind.NOTE, "notes/a/"),
        "notes/a/card.png": (RouteKind.CARD, "notes/a/card.png"),  # its link preview (b's is pic.png)
        "notes/b/index.html": (RouteKind.NOTE, "notes/b/"),
        "notes/b/pic.png": (RouteKind.STATIC, "notes/b/pic.png"),
        "about/index.html": (RouteKind.PAGE, "about/"),
        "reading/index.html": (RouteKind.READING, "reading/"),
        "reading/deep-book/index.html": (RouteKind.READING_ENTRY, "reading/deep-book/"),
        "network/index.html": (RouteKind.NETWORK, "network/"),
        "tags/index.html": (RouteKind.TAGS, "tags/"),
        "tags/pln/index.html": (RouteKind.TAG, "tags/pln/"),
        "tags/pln/feed.xml": (RouteKind.RSS, "tags/pln/feed.xml"),
        "feed.xml": (RouteKind.RSS, "feed.xml"),
        "atom.xml": (RouteKind.ATOM, "atom.xml"),
        "feed.json": (RouteKind.JSON_FEED, "feed.json"),
        "network.opml": (RouteKind.OPML, "network.opml"),
        ".well-known/recommendations.opml": (RouteKind.OPML, ".well-known/recommendations.opml"),
        "404.html": (RouteKind.NOT_FOUND, "404.html"),
        "search/index.html": (RouteKind.SEARCH, "search/"),
        "sitemap.xml": (RouteKind.SITEMAP, "sitemap.xml"),
        "robots.txt": (RouteKind.ROBOTS, "robots.txt"),
        ".nojekyll": (RouteKind.NOJEKYLL, ".nojekyll"),
        "CNAME": (RouteKind.CNAME, "CNAME"),
        "card.png": (RouteKind.CARD, "card.png"),
        "img/logo.svg": (RouteKind.STATIC, "img/logo.svg"),
    }
    assert routes["notes/a/index.html"].template == "note.html"
    assert routes["404.html"].template == "404.html"
    assert routes["feed.xml"].template is None
    assert routes["notes/a/index.html"].subject == "notes/a"
    assert routes["tags/pln/index.html"].subject == "pln"
    assert routes["reading/index.html"].items == ("reading/log-entry", "reading/deep-book"), "file path order"


def test_html_routes_are_folders_with_index_html(plan):
    routes, _ = plan({"notes/2025-01-01-a.md": note(1)})
    for file, route in routes.items():
        if route.template is not None and route.kind is not RouteKind.NOT_FOUND:
            assert file == route.url + "index.html"
            assert route.url == "" or route.url.endswith("/")


def test_no_cname_route_without_cname(plan):
    routes, _ = plan({})
    assert "CNAME" not in routes


def test_a_static_cname_wins_over_site_yaml(plan):
    routes, _ = plan({"static/CNAME": "mine.example\n"}, site_yaml(extra="cname: ada.example\n"))
    assert routes["CNAME"].kind is RouteKind.STATIC


def test_pagination(plan):
    routes, problems = plan({f"notes/2025-01-{d:02d}-n{d}.md": note(d, "[pln]") for d in range(1, 6)}, site_yaml(2))
    assert problems == []
    pages = [routes[f] for f in ("notes/index.html", "notes/page/2/index.html", "notes/page/3/index.html")]
    assert [p.url for p in pages] == ["notes/", "notes/page/2/", "notes/page/3/"]
    assert [p.items for p in pages] == [("notes/n5", "notes/n4"), ("notes/n3", "notes/n2"), ("notes/n1",)]
    assert [(p.page_no, p.page_count) for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [(p.prev_url, p.next_url) for p in pages] == [
        (None, "notes/page/2/"), ("notes/", "notes/page/3/"), ("notes/page/2/", None)]
    assert "notes/page/1/index.html" not in routes, "page 1 is the folder itself"
    assert "notes/page/4/index.html" not in routes
    tag_pages = sorted(f for f in routes if f.startswith("tags/pln/") and f.endswith(".html"))
    assert tag_pages == ["tags/pln/index.html", "tags/pln/page/2/index.html", "tags/pln/page/3/index.html"]
    assert routes["tags/pln/page/3/index.html"].prev_url == "tags/pln/page/2/"
    assert routes["index.html"].prev_url is routes["index.html"].next_url is None  # the home page has no pager
    assert routes["index.html"].items == ("notes/n5", "notes/n4")


def test_exactly_full_pages(plan):
    routes, _ = plan({f"notes/2025-01-{d:02d}-n{d}.md": note(d) for d in range(1, 5)}, site_yaml(2))
    assert sorted(f for f in routes if f.startswith("notes/") and "page" in f) == ["notes/page/2/index.html"]


def test_no_notes_is_one_empty_archive_page(plan):
    routes, _ = plan({})
    assert routes["notes/index.html"].items == () and routes["notes/index.html"].page_count == 1


def test_feeds_list_items_newest_first_within_the_limit(plan):
    routes, _ = plan(
        {f"notes/2025-01-{d:02d}-n{d}.md": note(d) for d in range(1, 6)},
        site_yaml(extra="feed: {limit: 3}\n"),
    )
    for name in ("feed.xml", "atom.xml", "feed.json"):
        assert routes[name].items == ("notes/n5", "notes/n4", "notes/n3")


def test_feed_includes_finished_readings_only_when_asked(plan):
    files = {
        "notes/2025-01-02-n.md": note(2),
        "reading/2025.yaml": (
            "- title: Done\n  status: finished\n  finished: 2025-01-03\n"
            "- title: Want\n  status: want\n"
            "- title: Now\n  status: reading\n  started: 2025-01-04\n"
            "- title: Old\n  finished: 2025-01-01\n"
        ),
    }
    routes, _ = plan(files)
    assert routes["feed.xml"].items == ("notes/n",)
    routes, _ = plan(files, site_yaml(extra="feed: {include: [notes, reading]}\n"))
    assert routes["feed.xml"].items == ("reading/done", "notes/n", "reading/old")
    routes, _ = plan(files, site_yaml(extra="feed: {include: [reading], limit: 1}\n"))
    assert routes["feed.xml"].items == ("reading/done",)


# ---- clashes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pages/tags.md": "# My tags\n"}, "content/pages/tags.md:1: error: 'tags/index.html' is already made by the tags page"),
        ({"pages/notes.md": "# N\n"}, "content/pages/notes.md:1: error: 'notes/index.html' is already made by the notes page"),
        ({"pages/reading.md": "# R\n"}, "content/pages/reading.md:1: error: 'reading/index.html' is already made by the reading page"),
        ({"pages/network.md": "# N\n"}, "content/pages/network.md:1: error: 'network/index.html' is already made by the network page"),
        ({"static/feed.xml": "x"}, "content/static/feed.xml: error: 'feed.xml' is already made by the rss page"),
        ({"static/robots.txt": "x"}, "content/static/robots.txt: error: 'robots.txt' is already made by the robots page"),
        ({"static/404.html": "x"}, "content/static/404.html: error: '404.html' is already made by the 404 page"),
        ({"static/notes/a/index.html": "x", "notes/2025-01-01-a.md": note(1)},
         "content/static/notes/a/index.html: error: 'notes/a/index.html' is already made by content/notes/2025-01-01-a.md:1"),
        ({"static/about/index.html": "x", "pages/about.md": "# About\n"},
         "content/static/about/index.html: error: 'about/index.html' is already made by content/pages/about.md:1"),
    ],
)
def test_a_clash_is_an_error_at_the_users_file(plan, files, expected):
    routes, problems = plan(files)
    assert problems == [expected]


def test_the_built_in_route_is_kept_on_a_clash(plan):
    routes, _ = plan({"pages/tags.md": "# My tags\n"})
    assert routes["tags/index.html"].kind is RouteKind.TAGS


def test_a_clash_fails_the_build_and_names_the_file(site_factory, run_cli):
    site_factory({"pages/tags.md": "---\ntitle: Tags\n---\nMine.\n"})
    code, out, err = run_cli("build")
    assert code == 1
    assert "content/pages/tags.md:1: error: 'tags/index.html' is already made by the tags page" in err.splitlines()


def test_routes_are_deterministic(site_factory):
    content = site_factory({f"notes/2025-01-{d:02d}-n{d}.md": note(d, "[b, a]") for d in range(1, 4)})
    first = build_site(content)
    second = build_site(content)
    assert list(first.outputs) == list(second.outputs)


def test_an_items_meta_id_is_one_string_in_every_route_naming_it(plan):
    """A note's ``meta:`` id is named by its neighbours' pages, the archive and tag pages
    and its card: one string shared by all their deps (the plan's memory at 100,000 notes)."""
    routes, problems = plan({f"notes/2025-01-{d:02d}-n{d}.md": note(d, "[pln]") for d in range(1, 6)})
    assert problems == []
    objects: dict[str, set[int]] = {}
    naming = 0
    for route in routes.values():
        for dep in route.deps:
            if dep.startswith("meta:"):
                objects.setdefault(dep, set()).add(id(dep))
        naming += "meta:notes/n3" in route.deps
    assert naming >= 4  # n2's and n4's pages, n3's card, the archive, the tag page
    assert objects.keys() >= {f"meta:notes/n{d}" for d in range(1, 6)}
    assert all(len(ids) == 1 for ids in objects.values()), objects
