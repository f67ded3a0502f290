"""render/views/: what templates may see, built from a hand-made Site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest

from plnsite.errors import Loc
from plnsite.model import (
    Series,
    Author,
    Contact,
    ContactList,
    FeedConfig,
    FollowedPost,
    Markdown,
    MenuItem,
    Network,
    Note,
    Page,
    Reading,
    ReadingKind,
    ReadingStatus,
    Rendered,
    RouteKind,
    Site,
    SiteConfig,
    StaticFile,
    Tag,
    TagHub,
)
from plnsite.render.theme import load_theme
from plnsite.render.views import CONTEXTS, SiteViews, handle_link, mastodon_creator
from plnsite.routes import plan_routes
from plnsite.urls import Urls

TZ = ZoneInfo("America/Vancouver")
LOC = Loc("content/x.md", 1)


def md(text: str) -> Markdown:
    return Markdown(text=text, loc=LOC)


def when(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, tzinfo=TZ)


def note(slug: str, day: dt.datetime, tags=(), summary=None, updated=None, title=None) -> Note:
    return Note(id=f"notes/{slug}", slug=slug, title=title or slug.replace("-", " ").title(), date=day,
                updated=updated, tags=tuple(tags), summary=summary, draft=False, body=md("Body"),
                assets=(), loc=LOC)


def reading(slug: str, status: ReadingStatus, *, finished=None, started=None, via=None, rating=None,
            tags=(), has_page=False, authors=("Kristy Gray",), url="https://example.org/r") -> Reading:
    return Reading(id=f"reading/{slug}", slug=slug, title=slug.replace("-", " ").title(), authors=authors,
                   url=url, kind=ReadingKind.ARTICLE, status=status, started=started, finished=finished,
                   rating=rating, tags=tuple(tags), via=via, notes=md("Good read.") if has_page else None,
                   has_page=has_page, loc=LOC)


def make_site(base_url: str = "https://ada.github.io/portfolio/") -> tuple[Site, Urls]:
    cfg = SiteConfig(
        title="Ada's <Portfolio>", description="What I learn.", base_url=base_url,
        author=Author(name="Ada Lovelace", url="https://ada.example/"), language="en",
        timezone="America/Vancouver", theme="default", paginate=2,
        menu=(MenuItem(title="Home", url="/"), MenuItem(title="Notes", url="/notes/"),
              MenuItem(title="Tags", url="/tags/"), MenuItem(title="Elsewhere", url="https://elsewhere.example/")),
        feed=FeedConfig(), cname=None,
        social=(("github", "https://github.com/ada"), ("mastodon", "https://mastodon.social/@ada")),
        extra=MappingProxyType({"accent": "teal", "since": dt.date(2024, 9, 1), "links": ("a", "b")}),
    )
    notes = (
        note("third", when(2025, 3, 4), tags=("PLN", "Machine Learning"), summary="One *sentence* <b>.",
             updated=when(2025, 3, 9)),
        note("second", when(2025, 2, 1), tags=("pln",)),
        note("first", when(2024, 12, 31)),
    )
    page = Page(id="pages/about", slug="about", title="About", body=md("About me"), loc=LOC)
    readings = (
        reading("net-smart", ReadingStatus.FINISHED, finished=dt.date(2025, 2, 21), via="hotchin",
                rating=4, tags=("pln",), has_page=True),
        reading("old-book", ReadingStatus.FINISHED, finished=dt.date(2024, 5, 2), authors=("A", "B", "C")),
        reading("now-reading", ReadingStatus.READING, started=dt.date(2025, 3, 1)),
        reading("some-day", ReadingStatus.WANT, url=None),
        reading("gave-up", ReadingStatus.ABANDONED),
    )
    hotchin = Contact(id="hotchin", name="Jesse Hotchin", url="https://pln.example/",
                      feed="https://pln.example/feed/", role="instructor",
                      handles=(("github", "jhot"), ("bluesky", "jhot.bsky.social"),
                               ("mastodon", "@jhot@mastodon.social"), ("matrix", "@jhot:matrix.org"),
                               ("website", "https://jhot.example/")),
                      tags=("pln", "edtech"), note=md("My instructor."), list_id="colleagues", loc=LOC)
    marcus = Contact(id="marcus", name="Marcus", url=None, feed=None, role=None, handles=(), tags=(),
                     note=None, list_id="colleagues", loc=LOC)
    lists = (ContactList(id="colleagues", title="Colleagues", description="People I work with.",
                         people=("hotchin", "marcus"), loc=LOC),)
    tags = {
        "edtech": TagHub(tag=Tag(slug="edtech", name="edtech"), notes=(), readings=(), contacts=("hotchin",)),
        "machine-learning": TagHub(tag=Tag(slug="machine-learning", name="Machine Learning"),
                                   notes=("notes/third",), readings=(), contacts=()),
        "pln": TagHub(tag=Tag(slug="pln", name="pln"), notes=("notes/third", "notes/second"),
                      readings=("reading/net-smart",), contacts=("hotchin",)),
    }
    html = {
        "notes/third": Rendered(html='<p>Third <a href="/portfolio/notes/second/">second</a></p>',
                                summary_html="<p>Third</p>"),
        "notes/second": Rendered(html="<p>Second</p>", summary_html="<p>Second &amp; more</p>"),
        "notes/first": Rendered(html="<p>First</p>", summary_html="<p>First</p>"),
        "pages/about": Rendered(html="<p>About me</p>", summary_html="<p>About me</p>"),
        "reading/net-smart": Rendered(html="<p>Good read.</p>", summary_html="<p>Good read.</p>"),
        "hotchin": Rendered(html="<p>My instructor.</p>", summary_html="<p>My instructor.</p>"),
    }
    items = {i.id: i for i in (*notes, page, *readings, hotchin, marcus)}
    site = Site(
        config=cfg, notes=notes, pages=(page,), readings=readings,
        contacts=MappingProxyType({"hotchin": hotchin, "marcus": marcus}), lists=lists,
        static=(StaticFile(src=Path("favicon.svg"), dest="favicon.svg"),),
        tags=MappingProxyType(tags),
        backlinks=MappingProxyType({"notes/second": ("notes/third",), "hotchin": ("notes/third",)}),
        recommended=MappingProxyType({"hotchin": ("reading/net-smart",)}),
        html=MappingProxyType(html), problems=(), source_dir=Path("content"), items=MappingProxyType(items),
        series=MappingProxyType({"pln-notes": Series(slug="pln-notes", name="PLN notes",
                                                     notes=("notes/second", "notes/third"))}),
        related=MappingProxyType({"notes/third": ("notes/second",), "notes/second": ("notes/third",)}),
        network=_network(),
    )
    return site, Urls(base_url)


def _network() -> Network:
    """A snapshot's public part: one post of hotchin's under #pln (hostile text stays text)."""
    post = FollowedPost(person="hotchin", key="k1", title="On <script>PLNs</script>", link="https://pln.example/p",
                        published=dt.datetime(2025, 3, 5, 7, 0, tzinfo=dt.timezone.utc), summary="Why & how.",
                        categories=("PLN",))
    return Network(taken=dt.datetime(2025, 3, 6, 7, 0, tzinfo=dt.timezone.utc), latest=(post,),
                   people=MappingProxyType({"hotchin": post}), hubs=MappingProxyType({"pln": (post,)}),
                   home=(post,))


@pytest.fixture(scope="module")
def built():
    site, urls = make_site()
    routes, problems = plan_routes(site)
    assert problems == ()
    views = SiteViews(site, urls, stylesheets=("css/site.css", "css/pygments.css"))
    html_routes = [r for r in routes if r.template]
    return site, urls, views, html_routes


def by_kind(routes, kind: RouteKind, subject=None, page_no=None):
    return next(r for r in routes if r.kind is kind and (subject is None or r.subject == subject)
                and (page_no is None or r.page_no == page_no))


def test_every_html_route_gives_plain_json_data(built):
    _, _, views, routes = built
    for route in routes:
        ctx = views.context(route)
        json.dumps(ctx)  # only dicts, lists, str, int, bool, None: no model objects leak


def test_no_private_fields_anywhere(built):
    site, urls, views, routes = built
    text = json.dumps([views.context(r) for r in routes])
    assert "email" not in text and "phone" not in text and "address" not in text
    assert "Contact(" not in text and "Note(" not in text


def test_common_site_keys(built):
    _, _, views, routes = built
    ctx = views.context(by_kind(routes, RouteKind.NOTE, "notes/third"))
    s = ctx["site"]
    assert s["title"] == "Ada's <Portfolio>"  # escaping is the template's job
    assert s["home_url"] == "/portfolio/"
    assert s["absolute_home_url"] == "https://ada.github.io/portfolio/"
    assert s["feeds"] == {"rss": "/portfolio/feed.xml", "atom": "/portfolio/atom.xml",
                          "json": "/portfolio/feed.json", "opml": "/portfolio/network.opml"}
    assert s["stylesheets"] == ["/portfolio/css/site.css", "/portfolio/css/pygments.css"]
    assert [x["name"] for x in s["social"]] == ["mastodon", "github"]
    assert s["mastodon_creator"] == "@ada@mastodon.social"
    assert s["favicon"] == {"url": "/portfolio/favicon.svg", "type": "image/svg+xml"}
    assert s["extra"] == {"accent": "teal", "since": "2024-09-01", "links": ["a", "b"]}
    assert s["author"] == {"name": "Ada Lovelace", "url": "https://ada.example/"}


def test_menu_current_item(built):
    _, _, views, routes = built
    menu = views.context(by_kind(routes, RouteKind.NOTE, "notes/third"))["site"]["menu"]
    assert [(m["url"], m["current"], m["aria_current"]) for m in menu] == [
        ("/portfolio/", False, None), ("/portfolio/notes/", True, "true"),
        ("/portfolio/tags/", False, None), ("https://elsewhere.example/", False, None)]
    home_menu = views.context(by_kind(routes, RouteKind.HOME))["site"]["menu"]
    assert home_menu[0]["aria_current"] == "page" and not home_menu[1]["current"]
    notes_menu = views.context(by_kind(routes, RouteKind.NOTES, page_no=1))["site"]["menu"]
    assert notes_menu[1]["aria_current"] == "page"


def test_note_view(built):
    _, _, views, routes = built
    ctx = views.context(by_kind(routes, RouteKind.NOTE, "notes/third"))
    n = ctx["note"]
    assert n["url"] == "/portfolio/notes/third/"
    assert n["absolute_url"] == "https://ada.github.io/portfolio/notes/third/"
    assert n["date_iso"] == "2025-03-04T00:00:00-08:00"
    assert n["date_display"] == "March 4, 2025"  # CLDR's long date for `language: en`
    assert n["updated_display"] == "March 9, 2025"
    assert n["tags"] == [{"name": "pln", "slug": "pln", "url": "/portfolio/tags/pln/"},
                         {"name": "Machine Learning", "slug": "machine-learning",
                          "url": "/portfolio/tags/machine-learning/"}]
    # a front-matter summary is plain text, escaped
    assert n["summary_html"] == "<p>One *sentence* &lt;b&gt;.</p>"
    assert n["content_html"].startswith("<p>Third")
    assert n["prev"] == {"title": "Second", "url": "/portfolio/notes/second/"}  # older
    assert n["next"] is None  # newest
    page = ctx["page"]
    assert page["og_type"] == "article" and page["title"] == "Third"
    assert page["absolute_url"] == "https://ada.github.io/portfolio/notes/third/"
    assert page["article"]["published_iso"] == "2025-03-04T00:00:00-08:00"
    second = views.note("notes/second")
    assert second["backlinks"] == [{"title": "Third", "url": "/portfolio/notes/third/"}]
    assert second["summary_html"] == "<p>Second &amp; more</p>"
    assert second["summary_text"] == "Second & more"
    assert second["next"]["title"] == "Third" and second["prev"]["title"] == "First"


def test_note_views_are_shared(built):
    _, _, views, routes = built
    a = views.context(by_kind(routes, RouteKind.NOTES, page_no=1))["notes"][0]
    b = views.context(by_kind(routes, RouteKind.HOME))["home"]["latest"][0]
    assert a is b


def test_pagination_urls(built):
    _, _, views, routes = built
    p1 = views.context(by_kind(routes, RouteKind.NOTES, page_no=1))["page"]
    p2 = views.context(by_kind(routes, RouteKind.NOTES, page_no=2))["page"]
    assert (p1["page_no"], p1["page_count"], p1["prev_url"], p1["next_url"]) == (1, 2, None, "/portfolio/notes/page/2/")
    assert (p2["prev_url"], p2["next_url"]) == ("/portfolio/notes/", None)
    assert p2["url"] == "/portfolio/notes/page/2/"
    home = views.context(by_kind(routes, RouteKind.HOME))["page"]
    assert home["prev_url"] is None and home["next_url"] is None and home["page_no"] is None


def test_read_status_mapping(built):
    _, _, views, _ = built
    got = {r.slug: views.reading(r.id)["read_status"] for r in built[0].readings}
    assert got == {"net-smart": "finished", "old-book": "finished", "now-reading": "reading",
                   "some-day": "to-read", "gave-up": "abandoned"}


def test_reading_view(built):
    _, _, views, _ = built
    r = views.reading("reading/net-smart")
    assert r["via"] == {"name": "Jesse Hotchin", "url": "/portfolio/network/#hotchin"}
    assert r["page_url"] == "/portfolio/reading/net-smart/"
    assert r["url"] == "https://example.org/r"
    assert (r["rating"], r["stars"]) == (4, "★★★★☆")
    assert r["finished_iso"] == "2025-02-21" and r["year"] == 2025
    assert r["notes_html"] == "<p>Good read.</p>"
    assert r["tags"][0]["url"] == "/portfolio/tags/pln/"
    plain = views.reading("reading/old-book")
    assert plain["page_url"] is None and plain["link_url"] == "/portfolio/reading/#old-book"
    assert plain["authors_text"] == "A, B, and C" and plain["via"] is None and plain["stars"] is None
    assert views.reading("reading/some-day")["url"] is None


def test_urls_written_in_content():
    site, urls = make_site()
    odd = dataclasses.replace(site.items["reading/old-book"], url="/files/paper.pdf")
    bad = dataclasses.replace(site.items["reading/gave-up"], url="javascript:alert(1)")
    site = dataclasses.replace(site, items=MappingProxyType({**site.items, odd.id: odd, bad.id: bad}))
    views = SiteViews(site, urls)
    assert views.reading(odd.id)["url"] == "/portfolio/files/paper.pdf"
    assert views.reading(bad.id)["url"] is None


def test_reading_groups(built):
    _, _, views, routes = built
    groups = views.context(by_kind(routes, RouteKind.READING))["reading"]
    assert [r["slug"] for r in groups["current"]] == ["now-reading"]
    assert [(y["year"], [r["slug"] for r in y["entries"]]) for y in groups["finished_years"]] == [
        (2025, ["net-smart"]), (2024, ["old-book"])]
    assert [r["slug"] for r in groups["want"]] == ["some-day"]
    assert [r["slug"] for r in groups["abandoned"]] == ["gave-up"]
    assert groups["counts"] == {"total": 5, "reading": 1, "finished": 2, "want": 1, "abandoned": 1}
    assert groups["kinds"] == [{"kind": "article", "label": "Articles", "count": 5}]


def test_contact_view_and_handles(built):
    _, _, views, routes = built
    network = views.context(by_kind(routes, RouteKind.NETWORK))["network"]
    assert network["people_count"] == 2 and network["list_count"] == 1 and network["feed_count"] == 1
    c = network["lists"][0]["people"][0]
    assert c["anchor"] == "hotchin" and c["list_title"] == "Colleagues"
    assert [(h["label"], h["url"]) for h in c["handles"]] == [
        ("GitHub", "https://github.com/jhot"),
        ("Bluesky", "https://bsky.app/profile/jhot.bsky.social"),
        ("Mastodon", "https://mastodon.social/@jhot"),
        ("Matrix", None),
        ("Website", "https://jhot.example/"),
    ]
    assert c["handles"][3]["text"] == "@jhot:matrix.org"
    assert [r["slug"] for r in c["recommended"]] == ["net-smart"]
    assert c["linked_from"] == [{"title": "Third", "url": "/portfolio/notes/third/"}]
    assert c["note_html"] == "<p>My instructor.</p>"
    assert set(c) >= {"id", "name", "url", "feed", "role", "handles", "tags", "note_html"}
    assert not {"email", "phone", "address", "visibility"} & set(c)


def test_tag_hub(built):
    _, _, views, routes = built
    p1 = views.context(by_kind(routes, RouteKind.TAG, "pln", page_no=1))
    tag = p1["tag"]
    assert tag["feed_url"] == "/portfolio/tags/pln/feed.xml"
    assert [n["slug"] for n in tag["notes"]] == ["third", "second"]
    assert [r["slug"] for r in tag["readings"]] == ["net-smart"]
    assert [c["name"] for c in tag["people"]] == ["Jesse Hotchin"]
    assert p1["page"]["alternates"][0]["url"] == "/portfolio/tags/pln/feed.xml"
    tags = views.context(by_kind(routes, RouteKind.TAGS))["tags"]
    assert tags[2] == {"name": "pln", "slug": "pln", "url": "/portfolio/tags/pln/", "notes": 2, "readings": 1,
                       "people": 1, "total": 4}


def test_home(built):
    _, _, views, routes = built
    home = views.context(by_kind(routes, RouteKind.HOME))["home"]
    assert home["intro"] == "What I learn."
    assert [r["slug"] for r in home["currently_reading"]] == ["now-reading"]
    assert [r["slug"] for r in home["recently_finished"]] == ["net-smart", "old-book"]
    assert home["network"] == {"people": 2, "lists": 1, "feeds": 1}
    assert home["activity"] == {"notes": 3, "readings": 5, "tags": 3}
    heatmap = home["consistency"]["heatmap"]
    noted = {d["date"]: d["level"] for d in heatmap["days"] if d["level"]}
    assert heatmap["notes"] == sum(m["notes"] for m in heatmap["table"]) == 3
    assert all(day[:7] in {m["key"] for m in heatmap["table"]} for day in noted)
    assert home["consistency"]["url"] == "/portfolio/activity/"


def test_page_and_404(built):
    _, _, views, routes = built
    ctx = views.context(by_kind(routes, RouteKind.PAGE, "pages/about"))
    assert ctx["page"]["title"] == "About" and ctx["content_html"] == "<p>About me</p>"
    nf = views.context(by_kind(routes, RouteKind.NOT_FOUND))
    assert nf["page"]["noindex"] is True and nf["page"]["url"] == "/portfolio/404.html"


def test_root_base_url():
    site, urls = make_site("https://ada.example")
    routes, _ = plan_routes(site)
    views = SiteViews(site, urls, ("css/site.css",))
    ctx = views.context(by_kind(routes, RouteKind.NOTE, "notes/third"))
    assert ctx["note"]["url"] == "/notes/third/" and ctx["site"]["stylesheets"] == ["/css/site.css"]
    again = views.context(by_kind(routes, RouteKind.NOTE, "notes/second"))
    assert again["note"] is views.note("notes/second")  # one view per note, shared by the pages that show it


def test_every_kind_of_html_page_has_its_context(built):
    _, _, _, routes = built
    assert {r.kind for r in routes} == set(CONTEXTS)
    assert all(r.template == f"{r.kind.value}.html" for r in routes)


def test_unicode_tag_url():
    site, urls = make_site()
    hub = TagHub(tag=Tag(slug="学习", name="学习"), notes=("notes/first",), readings=(), contacts=())
    first = dataclasses.replace(site.items["notes/first"], tags=("学习",))
    site = dataclasses.replace(site, tags=MappingProxyType({**site.tags, "学习": hub}),
                               notes=(*site.notes[:2], first), items=MappingProxyType({**site.items, first.id: first}))
    tag = SiteViews(site, urls).note("notes/first")["tags"][0]
    assert tag["name"] == "学习" and tag["url"] == "/portfolio/tags/%E5%AD%A6%E4%B9%A0/"


@pytest.mark.parametrize("name, value, url", [
    ("github", "ada", "https://github.com/ada"),
    ("github", "@ada", "https://github.com/ada"),
    ("GitHub", "https://github.com/ada", "https://github.com/ada"),
    ("mastodon", "https://fosstodon.org/@ada", "https://fosstodon.org/@ada"),
    ("mastodon", "@ada@fosstodon.org", "https://fosstodon.org/@ada"),
    ("mastodon", "ada", None),
    ("bluesky", "ada.bsky.social", "https://bsky.app/profile/ada.bsky.social"),
    ("homepage", "https://ada.example/", "https://ada.example/"),
    ("homepage", "javascript:alert(1)", None),
    ("discord", "ada#1234", None),
])
def test_handle_link(name, value, url):
    assert handle_link(name, value)["url"] == url


def test_the_public_email_handle_is_a_mailto_link_marked_as_an_email():
    assert handle_link("public-email", "mailto:ada@example.org") == {
        "name": "public-email", "label": "Email", "text": "mailto:ada@example.org",
        "url": "mailto:ada@example.org", "property": "u-email"}
    assert handle_link("github", "ada")["property"] == "u-url"


@pytest.mark.parametrize("value, creator", [
    ("https://mastodon.social/@ada", "@ada@mastodon.social"),
    ("https://mastodon.social/@ada/", "@ada@mastodon.social"),
    ("@ada@hachyderm.io", "@ada@hachyderm.io"),
    ("https://github.com/ada", None),
    (None, None),
])
def test_mastodon_creator(value, creator):
    assert mastodon_creator(value) == creator


# -- the bundled templates render every view under StrictUndefined ---------------------------

THEME = Path(__file__).resolve().parents[2] / "themes" / "default" / "templates"


@pytest.fixture(scope="module")
def rendered(built):
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    _, _, views, routes = built
    env.globals.update(load_theme("default", THEME.parents[2]).env.globals)  # t(), names(): the theme's words
    return {r.file: env.get_template(r.template).render(views.context(r)) for r in routes}


def test_head_links_on_every_page(rendered):
    for file, html in rendered.items():
        assert '<html lang="en" dir="ltr">' in html, file
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'type="application/feed+json"' in html
        assert '<link rel="blogroll" type="text/xml"' in html and 'href="/portfolio/network.opml"' in html
        assert '<link rel="me" href="https://mastodon.social/@ada">' in html
        assert '<meta name="fediverse:creator" content="@ada@mastodon.social">' in html
        assert '<meta property="og:site_name" content="Ada&#39;s &lt;Portfolio&gt;">' in html
        assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
        assert "Built with plnsite" in html


def test_note_page_markup(rendered):
    html = rendered["notes/third/index.html"]
    assert '<article class="h-entry' in html
    assert '<time class="dt-published" datetime="2025-03-04T00:00:00-08:00">March 4, 2025</time>' in html
    assert 'class="dt-updated"' in html and 'class="e-content' in html
    assert ('<a class="p-category" href="/portfolio/tags/machine-learning/" data-pagefind-filter="tag">'
            'Machine Learning</a>') in html
    assert '<meta property="og:type" content="article">' in html
    assert '<link rel="canonical" href="https://ada.github.io/portfolio/notes/third/">' in html
    assert '<a href="/portfolio/notes/" aria-current="true">Notes</a>' in html


def test_list_and_card_markup(rendered):
    home = rendered["index.html"]
    assert 'class="p-name u-url u-uid" href="https://ada.github.io/portfolio/"' in home
    assert '<section class="h-feed' in home
    assert '<div class="h-feed' in rendered["notes/index.html"]
    network = rendered["network/index.html"]
    assert '<article class="h-card person" id="hotchin">' in network
    assert 'class="p-role role">instructor<' in network
    assert "jesse@" not in network
    reading = rendered["reading/index.html"]
    assert '<data class="p-read-status status status-want" value="to-read">' in reading
    assert '<data class="p-rating rating" value="4">' in reading
    tag = rendered["tags/pln/index.html"]
    assert 'href="/portfolio/tags/pln/feed.xml"' in tag and '<section class="h-feed' in tag
    assert '<meta name="robots" content="noindex">' in rendered["404.html"]


def test_a_note_in_a_series_and_its_related_notes(built):
    _, _, views, routes = built
    ctx = views.context(by_kind(routes, RouteKind.NOTE, "notes/third"))
    series = ctx["series"]
    assert (series["name"], series["part"], series["count"], series["url"]) == ("PLN notes", 2, 2,
                                                                               "/portfolio/series/pln-notes/")
    assert [(p["title"], p["current"]) for p in series["parts"]] == [("Second", False), ("Third", True)]
    assert ctx["related"] == [{"title": "Second", "url": "/portfolio/notes/second/"}]
    first = views.context(by_kind(routes, RouteKind.NOTE, "notes/first"))
    assert first["series"] is None and first["related"] == []
    page = views.context(by_kind(routes, RouteKind.SERIES, "pln-notes"))
    assert page["page"]["title"] == "Series: PLN notes" and page["series"]["part"] is None


def test_note_positions_are_reused_only_while_the_ids_and_their_order_are_the_same():
    from types import SimpleNamespace

    from plnsite.model import LinkRun
    from plnsite.render.views import _positions

    def site(*notes, run=None):
        return SimpleNamespace(notes=notes, run=run)

    a, b, c = (SimpleNamespace(id=f"notes/{x}") for x in "abc")
    first = _positions(site(a, b, c))
    assert first == {"notes/a": 0, "notes/b": 1, "notes/c": 2}
    assert _positions(site(SimpleNamespace(id="notes/a"), b, c)) is first  # an edited note, same place
    assert _positions(site(b, a, c)) == {"notes/b": 0, "notes/a": 1, "notes/c": 2}  # a date edit moved it
    assert _positions(site(b, a)) == {"notes/b": 0, "notes/a": 1}  # one deleted
    # A link run that only swapped items since the run of the positions kept: no look at the ids.
    made = _positions(site(a, b, c, run=LinkRun(number=1001)))
    assert _positions(site(run=LinkRun(number=1002, after=1001, swapped=frozenset({"notes/b"})))) is made
    assert _positions(site(c, b, a, run=LinkRun(number=1003, after=1001))) == {
        "notes/c": 0, "notes/b": 1, "notes/a": 2}  # not the run kept (1002): the ids are compared
