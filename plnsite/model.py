"""Every value that crosses a stage boundary. All frozen; relations are ids.

Ids are ``"<kind>/<slug>"`` strings: ``notes/two-accounts``, ``pages/about``,
``reading/net-smart``, ``contacts/hotchin``. Tags are identified by their slug.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Loc, Problem
from .kinds import ReadingKind, ReadingStatus
from .pickling import by_field_names

__all__ = [
    "Author",
    "BuildOptions",
    "BuildResult",
    "BuildStats",
    "Bytes",
    "Contact",
    "ContactList",
    "Content",
    "Copied",
    "FeedConfig",
    "FollowedPost",
    "Gzipped",
    "Heading",
    "Kept",
    "LinkRef",
    "LinkRun",
    "Markdown",
    "MarkdownResult",
    "MenuItem",
    "Network",
    "NetworkConfig",
    "NetworkNews",
    "Note",
    "Output",
    "Page",
    "Reading",
    "ReadingKind",
    "ReplyContext",
    "ReadingStatus",
    "Rendered",
    "Route",
    "RouteKind",
    "Series",
    "Site",
    "SiteConfig",
    "Staged",
    "StaticFile",
    "Tag",
    "TagHub",
    "WebmentionConfig",
    "Withheld",
]


_frozen = dict(frozen=True, slots=True, kw_only=True)


@dataclass(**_frozen)
class Author:
    """The site's author (site.yaml ``author``)."""

    name: str
    url: str | None = None


@dataclass(**_frozen)
class MenuItem:
    """One link of site.yaml's ``menu``."""

    title: str
    url: str  # as written: "/notes/" is site-root-relative, "https://…" external


@dataclass(**_frozen)
class FeedConfig:
    """site.yaml's ``feed``: how many entries, full text or summaries, which kinds."""

    limit: int = 20
    full_content: bool = True
    include: tuple[str, ...] = ("notes",)


@dataclass(**_frozen)
class WebmentionConfig:
    """site.yaml's ``webmention:``: where this site receives mentions, and what it shows of them."""

    endpoint: str  # advertised as <link rel="webmention"> on every page
    pingback: str | None = None
    api: str | None = None  # a JF2 feed of the mentions received (default: webmention.io's, for its endpoints)
    block: tuple[str, ...] = ()  # domains (and their subdomains) or URL prefixes never shown
    photos: bool = False  # show authors' photos (loaded from their sites) rather than link them
    loc: Loc | None = None  # site.yaml's `webmention:` line, where a failed read of the mentions is reported


@dataclass(**_frozen)
class NetworkConfig:
    """site.yaml's ``network:``: which pages show what the people you follow write (from the
    snapshot ``plnsite fetch`` keeps; nothing is shown without one)."""

    latest: bool = True  # /network/latest/ and its RSS and Atom feeds
    per_person: bool = True  # each card on /network/ shows that person's latest post
    hubs: int = 5  # posts on each topic hub whose categories match its tag (0: none)
    home: int = 5  # posts in the home page's "From my network" (0: none)
    days: int = 30  # only posts dated at most this many days before the snapshot was taken
    max: int = 100  # posts on /network/latest/ and in its feeds, at most


@dataclass(**_frozen)
class SiteConfig:
    """site.yaml, checked and with its defaults filled in."""

    title: str
    description: str
    base_url: str
    author: Author
    language: str
    timezone: str
    theme: str
    paginate: int
    menu: tuple[MenuItem, ...]
    feed: FeedConfig
    social: tuple[tuple[str, str], ...]
    cname: str | None
    extra: Mapping = field(default_factory=dict)
    loc: Loc | None = None
    id_authority: str = "localhost"  # host of site.yaml's base_url: feed ids survive --base-url
    theme_loc: Loc | None = None  # site.yaml's `theme:` line, where a theme that is not there is reported
    webmention: WebmentionConfig | None = None
    search: bool = True  # `search: false`: no search box, no /search/ page, no index
    strings: tuple = ()  # site.yaml's `strings:`: (English text, its words) pairs over the theme's catalogue
    language_loc: Loc | None = None  # site.yaml's `language:` line
    keep_image_metadata: bool = False  # site.yaml's `images: {keep_metadata: true}`: photos published with EXIF
    activity: bool = True  # `activity: false`: no heatmap on the home page, no /activity/ page
    cards: bool = True  # `cards: false`: no link-preview card drawn per note (they show the site's)
    network: NetworkConfig = field(default_factory=NetworkConfig)


@dataclass(**_frozen)
class Markdown:
    """Markdown source; ``loc.line`` is the file line of ``text``'s first line."""

    text: str
    loc: Loc
    # SHA-256 of ``text``, made once where the text is read (a parse worker; the parse cache
    # keeps it with the note): the Markdown cache's key needs it for every text of every build
    # (10,000 keys: 51 ms when each text was hashed there, 7 ms from the digests). Made from the
    # text, so left out of equality and repr.
    digest: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).digest())


@dataclass(**_frozen)
class StaticFile:
    """A file of ``static/`` (or a note bundle's) published as it is."""

    src: Path
    dest: str  # output file path, POSIX, relative to the output root


@dataclass(**_frozen)
class ReplyContext:
    """What a note answers: the page it replies to, likes, reposts or bookmarks."""

    kind: str  # the microformats property: "in-reply-to", "like-of", "repost-of" or "bookmark-of"
    url: str  # an http(s) URL


@dataclass(**_frozen)
class Note:
    """A note of ``notes/``: its front matter, its Markdown and where it came from."""

    id: str
    slug: str
    title: str
    date: dt.datetime
    updated: dt.datetime | None
    tags: tuple[str, ...]  # as spelled in the file
    summary: str | None  # front-matter summary (Markdown text), else None
    draft: bool
    body: Markdown
    assets: tuple[StaticFile, ...]
    loc: Loc
    title_from_heading: bool = False  # the body's leading "# h1" is the title
    tags_loc: Loc | None = None  # where `tags:` is written, for messages about tags
    series: str | None = None  # `series:` as written: the notes sharing it are read in order
    series_order: int | None = None  # `series_order:`: its place in the series, if given
    series_loc: Loc | None = None  # where `series:` is written
    syndication: tuple[str, ...] = ()  # `syndication:`: http(s) URLs of its copies elsewhere (Mastodon…)
    replies_to: tuple[ReplyContext, ...] = ()  # `in_reply_to:`, `like_of:`, `repost_of:`, `bookmark_of:`
    webmention: bool = True  # `webmention: false`: `plnsite webmention send` leaves this note alone


@dataclass(**_frozen)
class Page:
    """A page of ``pages/`` (about, now…)."""

    id: str
    slug: str
    title: str
    body: Markdown
    loc: Loc
    title_from_heading: bool = False
    date: dt.datetime | None = None  # optional; a future one keeps the page out unless --future
    draft: bool = False


@dataclass(**_frozen)
class Reading:
    """One entry of a reading log (``reading/*.yaml``) or a reading page (``reading/*.md``)."""

    id: str
    slug: str
    title: str
    authors: tuple[str, ...]
    url: str | None
    kind: ReadingKind
    status: ReadingStatus
    started: dt.date | None
    finished: dt.date | None
    rating: int | None
    tags: tuple[str, ...]
    via: str | None  # contact id
    notes: Markdown | None
    has_page: bool
    loc: Loc
    date: dt.datetime | None = None  # finished (or started) as an aware datetime, for sorting/feeds
    draft: bool = False
    tags_loc: Loc | None = None  # where `tags:` is written, for messages about tags
    pages: int | None = None  # a book's length, when given (the activity page adds them up)
    hours: float | None = None  # a video's, podcast's or course's length, when given


@dataclass(**_frozen)
class Contact:
    """A public person. There is deliberately no email, phone or address field."""

    id: str
    name: str
    url: str | None
    feed: str | None
    role: str | None
    handles: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    note: Markdown | None
    list_id: str
    loc: Loc


@dataclass(**_frozen)
class ContactList:
    """A contact list (``contacts/<id>.yaml``): its public people only."""

    id: str
    title: str
    description: str | None
    people: tuple[str, ...]  # contact ids, in file order
    loc: Loc


@dataclass(**_frozen)
class Withheld:
    """Where something private is: a person, a whole contact list, or a private field.

    Only ``Content`` holds these (``Site`` has no such field, so no template or feed can reach
    them): a link to a private person is an error naming ``loc``, and ``plnsite check`` warns
    when a file git tracks holds one.
    """

    kind: str  # "person" | "list" | "field"
    key: str  # the person's id, the list's id, or the field's key ("email", "handles.phone")
    name: str | None  # a person's name (what ``[[Their Name]]`` links by)
    loc: Loc


@dataclass(**_frozen)
class FollowedPost:
    """A post of someone you follow, as the network snapshot holds it: their words, plain text."""

    person: str  # the contact's id (a bare id, as written in contacts/)
    key: str  # unique in the snapshot and stable between fetches: the feed and the entry's id
    title: str  # may be ""
    link: str | None  # an absolute http(s) URL, else None
    published: dt.datetime | None  # aware (UTC); None when the feed gave no believable date
    summary: str
    categories: tuple[str, ...]


@dataclass(**_frozen)
class NetworkNews:
    """The network snapshot as load read it: every post, whoever wrote it (link keeps the public)."""

    taken: dt.datetime  # when the fetch that wrote it ran (UTC)
    posts: tuple[FollowedPost, ...]  # newest first, undated last


@dataclass(**_frozen)
class Network:
    """What of the snapshot the site shows (link/network.py): public people's posts only."""

    taken: dt.datetime
    latest: tuple[FollowedPost, ...]  # /network/latest/ and its feeds: newest first, undated last
    people: Mapping[str, FollowedPost]  # contact id → their latest post (the cards on /network/)
    hubs: Mapping[str, tuple[FollowedPost, ...]]  # tag slug → the posts its hub shows
    home: tuple[FollowedPost, ...]  # the home page's "From my network"


@dataclass(**_frozen)
class Content:
    """What load produces: every source file parsed, nothing linked yet."""

    config: SiteConfig
    notes: tuple[Note, ...]
    pages: tuple[Page, ...]
    readings: tuple[Reading, ...]
    contacts: tuple[Contact, ...]
    lists: tuple[ContactList, ...]
    static: tuple[StaticFile, ...]
    problems: tuple[Problem, ...]
    source_dir: Path
    theme_dirs: tuple[Path, ...] = ()
    withheld: tuple[Withheld, ...] = ()  # private people, lists and fields: never handed to Site
    mentions: tuple = ()  # snapshots.mentions.Mention: the Webmentions last fetched (none without `webmention:`)
    network: NetworkNews | None = None  # the network snapshot, if plnsite fetch wrote one


@dataclass(**_frozen)
class Tag:
    """A tag: its slug and the spelling shown."""

    slug: str
    name: str  # the most frequent spelling


@dataclass(**_frozen)
class TagHub:
    """What a tag's page lists: the ids of its notes, readings and contacts."""

    tag: Tag
    notes: tuple[str, ...]  # ids, newest first
    readings: tuple[str, ...]
    contacts: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.notes) + len(self.readings) + len(self.contacts)


@dataclass(**_frozen)
class Series:
    """Notes that name the same ``series:``, in order."""

    slug: str
    name: str  # as its first part spells it
    notes: tuple[str, ...]  # ids, in reading order (link/series.py)


@dataclass(**_frozen)
class Heading:
    """A heading of a rendered text, for its table of contents."""

    level: int
    id: str
    text: str


@dataclass(**_frozen)
class LinkRef:
    """A link in Markdown that must be resolved against the site.

    ``kind`` is "wiki" (``[[target|text]]``) or "md" (``[x](other.md#frag)``).
    ``line`` is relative to the Markdown text (0-based); add ``Markdown.loc.line``.
    """

    kind: str
    target: str
    fragment: str
    line: int


@dataclass(**_frozen)
class MarkdownResult:
    """Markdown rendered on its own, before links are resolved (so it can be cached).

    ``html`` and ``summary_html`` hold placeholders for ``links[n]``, filled by
    ``markdown.fill_links`` once the site knows every URL.
    """

    html: str
    summary_html: str  # text before <!--more-->, else the first paragraph; no ids
    toc: tuple[Heading, ...]
    links: tuple[LinkRef, ...]
    may_rebase: bool = True  # False once known to hold no root-relative URL (nothing to rebase)
    warnings: tuple[tuple[int, str], ...] = ()  # (0-based line, message): a formula shown as code
    may_link_private: bool = True  # False once known to hold no href that could name a private person
    diagrams: bool  # holds a ```mermaid diagram: found once with the HTML (and cached with it), not per link


@dataclass(**_frozen)
class Rendered:
    """A text's Markdown as HTML, with what was found while rendering it."""

    html: str
    summary_html: str
    toc: tuple[Heading, ...] = ()
    links: tuple[str, ...] = ()  # ids this text links to (resolved)
    files: tuple[StaticFile, ...] = ()  # resized copies of the photos it shows, to publish (link/media.py)
    diagrams: bool = False  # holds a ```mermaid diagram (the page loads Mermaid: render/diagrams.py)


@dataclass(**_frozen)
class Site:
    """What link produces: published items only, indexed, Markdown rendered."""

    config: SiteConfig
    notes: tuple[Note, ...]  # newest first (link/order.py)
    pages: tuple[Page, ...]
    readings: tuple[Reading, ...]
    contacts: Mapping[str, Contact]
    lists: tuple[ContactList, ...]
    static: tuple[StaticFile, ...]
    tags: Mapping[str, TagHub]  # by slug, sorted by slug
    backlinks: Mapping[str, tuple[str, ...]]  # id → ids linking to it
    recommended: Mapping[str, tuple[str, ...]]  # contact id → reading ids with via
    html: Mapping[str, Rendered]  # id → rendered Markdown
    problems: tuple[Problem, ...]
    source_dir: Path
    theme_dirs: tuple[Path, ...] = ()

    items: Mapping[str, object] = field(default_factory=dict)  # every id above → its Note/Page/Reading/Contact
    mentions: Mapping[str, tuple] = field(default_factory=dict)  # note id → its Mentions shown, in order
    series: Mapping[str, "Series"] = field(default_factory=dict)  # by slug, sorted
    related: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # note id → related note ids, best first
    today: dt.date | None = None  # the build's day in site.yaml's time zone (streaks, heatmaps)
    network: Network | None = None  # what the people you follow write (None: no snapshot)
    run: LinkRun | None = None  # which link() of a session made it, and what it swapped since the last
    diagrams: bool = False  # a text holds a diagram: the theme's Mermaid is published (render/diagrams.py)


@dataclass(**_frozen)
class LinkRun:
    """A site's place in a session of links (the preview server's): the ``number`` of the link()
    that made it and, when it kept the last run's items in their order (``after``: that run's
    number), the ids whose item or rendered text is another object than in that run's site.
    ``after`` None: anything may differ."""

    number: int
    after: int | None = None
    swapped: frozenset[str] = frozenset()

    def since(self, earlier: "Site") -> frozenset[str] | None:
        """The swapped ids, when ``earlier`` is the site of the run these are counted from."""
        run = earlier.run
        return self.swapped if self.after is not None and run is not None and run.number == self.after else None


class RouteKind(str, enum.Enum):
    HOME = "home"
    NOTES = "notes"  # archive page N
    NOTE = "note"
    PAGE = "page"
    READING = "reading"
    READING_ENTRY = "reading_entry"
    NETWORK = "network"
    TAGS = "tags"
    TAG = "tag"
    SERIES = "series"
    SERIES_INDEX = "series_index"  # every series, at /series/
    NOT_FOUND = "404"
    SEARCH = "search"
    ACTIVITY = "activity"
    NETWORK_LATEST = "network_latest"  # /network/latest/: what the people you follow write
    NETWORK_RSS = "network_rss"  # its feeds
    NETWORK_ATOM = "network_atom"
    RSS = "rss"
    ATOM = "atom"
    JSON_FEED = "json_feed"
    OPML = "opml"
    SITEMAP = "sitemap"
    ROBOTS = "robots"
    NOJEKYLL = "nojekyll"
    CNAME = "cname"
    STATIC = "static"
    CARD = "card"  # a link-preview image (PNG) drawn for a note or the site


@dataclass(**_frozen)
class Route:
    """One output file to make: what kind, its URL and file, and what it is made from."""

    kind: RouteKind
    url: str  # site-relative, no leading slash: "notes/x/", "feed.xml", "" for home
    file: str  # output path: "notes/x/index.html"
    template: str | None = None  # HTML routes: "<kind>.html"
    subject: str | None = None  # an item id, or a tag slug for TAG and tag feeds
    page_no: int | None = None  # archive pages: 1-based
    page_count: int | None = None
    prev_url: str | None = None  # archive pages: the newer page's site-relative URL, if any
    next_url: str | None = None  # archive pages: the older page's
    items: tuple[str, ...] = ()  # ids shown on this route (archive pages, feeds)
    deps: frozenset[str] = frozenset()  # source ids / "all:notes" etc. it was made from
    static_src: Path | None = None


class _Output:
    """What every output case answers: its bytes as published when they are in memory
    (``plain()``), and the file they are in when they are not (``src``)."""

    __slots__ = ()
    body: bytes | None = None  # the bytes held in memory, as held (see Gzipped)
    src: Path | None = None  # the file the bytes are in, when they are not in memory
    media_type: str = ""  # "" where the file name says it (copies)
    encoding: str = ""  # how ``body`` is held: "gzip", or "" for the bytes as published

    def plain(self) -> bytes | None:
        """The bytes as published, when they are in memory."""
        return self.body


@dataclass(**_frozen)
class Bytes(_Output):
    """A rendered file, its bytes in memory."""

    file: str  # output path: "notes/x/index.html"
    body: bytes
    media_type: str = "text/html"
    url: str = ""


@dataclass(**_frozen)
class Gzipped(_Output):
    """A rendered file held gzip-compressed in memory (the preview server holds pages so)."""

    file: str
    body: bytes  # a gzip stream of the bytes as published
    media_type: str = "text/html"
    url: str = ""
    encoding = "gzip"  # how ``body`` is held (what an HTTP Content-Encoding would say)

    def plain(self) -> bytes:
        return zlib.decompress(self.body, wbits=31)


@dataclass(**_frozen)
class Copied(_Output):
    """A source file published as it is (static files, a bundle's files, theme assets)."""

    file: str
    src: Path
    url: str = ""


@dataclass(**_frozen)
class Staged(_Output):
    """A rendered file whose bytes wait in a staging file (``src``), to be moved into place."""

    file: str
    src: Path
    media_type: str = "text/html"
    url: str = ""


@dataclass(**_frozen)
class Kept(_Output):
    """A file unchanged since the last build: the one already in the output folder is right."""

    file: str
    url: str = ""


# What a build makes of each file: a small sum of cases (match on the class).
Output = Bytes | Gzipped | Copied | Staged | Kept


@dataclass(**_frozen)
class BuildStats:
    """What a build made and wrote, for its summary line."""

    pages: int = 0
    feeds: int = 0
    files: int = 0
    seconds: float = 0.0
    written: int | None = None  # files written to the output folder (a published build)


@dataclass(**_frozen)
class BuildResult:
    """What a build made: every output file, the problems, and the values it made them from."""

    outputs: Mapping[str, Output]  # by output file path
    problems: tuple[Problem, ...]
    stats: BuildStats = field(default_factory=BuildStats)
    site: Site | None = None  # what this build linked (None if it got no further than site.yaml)
    routes: tuple[Route, ...] = ()  # every route it planned
    rendered: frozenset[str] = frozenset()  # the files it rendered (the rest of ``outputs`` it had already)
    theme_dirs: tuple[Path, ...] = ()  # the theme's folders, most specific first
    deferred: tuple[Route, ...] = ()  # routes left to render later (build's ``defer``): not in ``outputs``

    @property
    def ok(self) -> bool:
        from .errors import has_errors

        return not has_errors(self.problems)


class ChangeKind(str, enum.Enum):
    """What a saved file is, for the preview server (as Zola's fs_utils sorts events)."""

    CONTENT = "content"  # a note, page, reading log or contact list: re-parse that file
    CONFIG = "config"  # site.yaml or theme.yaml: full rebuild
    TEMPLATE = "template"  # re-render, no re-parse
    STATIC = "static"  # copied as is; CSS alone can be swapped without a reload


@dataclass(**_frozen)
class ChangeSet:
    """Files the watcher saw change in one burst of saves."""

    kinds: frozenset[ChangeKind]
    paths: frozenset[Path]


@dataclass(**_frozen)
class Change:
    """What one rebuild tells the browser: the URLs whose bytes changed."""

    version: int
    urls: tuple[str, ...]
    css_only: bool
    problems: tuple[Problem, ...]
    seconds: float = 0.0


@dataclass(**_frozen)
class BuildOptions:
    """How to build: the command line's options (and the clock) as one value."""

    source: Path = Path("content")
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False
    jobs: int | None = None
    cache: bool = True
    now: dt.datetime | None = None  # injected so stages never read the clock
    fingerprint: bool = True  # stylesheet links carry ?v=<content hash> (the preview server's do not)


by_field_names(globals(), __name__)  # pickling.py: the same pickles, without fields() per object
