"""The preview server holds its pages gzip-compressed: what it keeps is smaller, and everything
that reads a page (responses, the 404 page, --output, the diff of a save) gets the plain bytes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

import plnsite.render
from plnsite.model import BuildOptions, Bytes, Copied, Output
from plnsite.output import MANIFEST
from plnsite.serve.app import _accepts_gzip, inject_client
from plnsite.serve.rebuild import Rebuilder, compressed

from tests.conftest import NOW

from .conftest import SUBPATH_SITE, Preview, edit

LONG = "\n\n".join(f"Paragraph {i}: the same words again and again, as notes have them." for i in range(60))
FILES = {
    "site.yaml": SUBPATH_SITE,
    "notes/2024-01-01-hello.md": f"---\ntitle: Hello\ndate: 2024-01-01\ntags: [pln]\n---\nHello text.\n\n{LONG}\n",
    "notes/2024-02-01-other.md": "---\ntitle: Other\ndate: 2024-02-01\ntags: [misc]\n---\nSee [[hello]].\n",
    "pages/about.md": "---\ntitle: About\n---\nAbout text.\n",
    "static/x.css": "body { color: red; }\n",
}


@pytest.fixture
def preview(site_factory) -> Preview:
    return Preview(site_factory(FILES))


def held(preview: Preview) -> dict[str, Output]:
    return {f: o for f, o in preview.rebuilder.outputs.items() if o.body is not None}


# --------------------------------------------------------------------------- what is held


def test_every_rendered_page_is_held_gzip_compressed_and_smaller(preview):
    pages = held(preview)
    assert "notes/hello/index.html" in pages and "feed.xml" in pages
    for file, output in pages.items():
        assert output.encoding == "gzip", file
        assert gzip.decompress(output.body) == output.plain(), file
    plain = sum(len(o.plain()) for o in pages.values())
    assert sum(len(o.body) for o in pages.values()) < plain / 2
    hello = pages["notes/hello/index.html"]
    assert hello.plain().startswith(b"<!doctype html") and b"Paragraph 59" in hello.plain()
    assert len(hello.plain()) > 4000
    assert len(hello.body) < len(hello.plain()) / 3
    # Static files stay where they are: neither held nor compressed.
    css = preview.rebuilder.outputs["x.css"]
    assert css.body is None and css.src is not None and css.plain() is None


def test_compression_is_deterministic(preview):
    page = held(preview)["notes/hello/index.html"]
    plain = Bytes(file=page.file, body=page.plain(), media_type=page.media_type, url=page.url)
    assert compressed(plain) == page == compressed(plain)
    assert compressed(plain).plain() == plain.body


def test_a_plain_output_is_its_own_plain_bytes():
    assert Bytes(file="a.html", body=b"<p>a</p>").plain() == b"<p>a</p>"
    assert Copied(file="a.css", src=Path("a.css")).plain() is None


def test_forked_render_workers_compress_too(site_factory, monkeypatch):
    content = site_factory(FILES)
    one = Rebuilder(BuildOptions(source=content, now=NOW, jobs=1))
    one.first_build()
    monkeypatch.setattr(plnsite.render, "_PARALLEL_MIN", 1)  # fork even for this small site
    two = Rebuilder(BuildOptions(source=content, now=NOW, jobs=2))
    assert two.first_build().problems == ()
    assert two.outputs == one.outputs
    assert all(o.encoding == "gzip" for o in two.outputs.values() if o.body is not None)


# --------------------------------------------------------------------------- responses


def test_html_responses_are_the_plain_page_and_the_client(preview):
    version = preview.events.version
    for file in ("notes/hello/index.html", "index.html", "about/index.html", "tags/pln/index.html"):
        url = "/portfolio/" + file[: -len("index.html")]
        for headers in ({}, {"Accept-Encoding": "gzip, deflate"}):
            response = preview.get(url, headers=headers)
            assert response.status == 200, url
            assert "Content-Encoding" not in response.headers
            assert response.body == inject_client(preview.rebuilder.outputs[file].plain(), version), url


def test_the_404_page_is_the_plain_page_and_the_client(preview):
    response = preview.get("/portfolio/no/such/page/", headers={"Accept-Encoding": "gzip"})
    assert response.status == 404
    assert "Content-Encoding" not in response.headers
    assert response.body == inject_client(preview.rebuilder.outputs["404.html"].plain(), preview.events.version)


@pytest.mark.parametrize("path, file", [
    ("/portfolio/feed.xml", "feed.xml"),
    ("/portfolio/sitemap.xml", "sitemap.xml"),
    ("/portfolio/feed.json", "feed.json"),
    ("/portfolio/robots.txt", "robots.txt"),
])
def test_other_files_go_out_gzipped_only_to_a_client_that_accepts_gzip(preview, path, file):
    plain_bytes = preview.rebuilder.outputs[file].plain()
    asked = preview.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert asked.status == 200
    assert asked.headers["Content-Encoding"] == "gzip"
    assert asked.headers["Vary"] == "Accept-Encoding"
    assert int(asked.headers["Content-Length"]) == len(asked.body)
    assert gzip.decompress(asked.body) == plain_bytes
    head = preview.head(path, headers={"Accept-Encoding": "gzip"})
    assert head.body == b"" and head.headers["Content-Length"] == asked.headers["Content-Length"]
    for headers in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0, deflate"}):
        plain = preview.get(path, headers=headers)
        assert plain.status == 200
        assert "Content-Encoding" not in plain.headers
        assert plain.headers["Vary"] == "Accept-Encoding"
        assert plain.body == plain_bytes


@pytest.mark.parametrize("header, accepts", [
    ("gzip", True), ("deflate, gzip", True), ("GZIP;q=0.5", True), ("*", True), ("br;q=1, *;q=0.1", True),
    ("", False), ("identity", False), ("gzip;q=0", False), ("gzip; q=0.0, *", False), ("*;q=0", False),
    ("gzip;q=oops", False), ("x-gzip-ish", False),
])
def test_accept_encoding(header, accepts):
    assert _accepts_gzip({"HTTP_ACCEPT_ENCODING": header}) is accepts


# --------------------------------------------------------------------------- saves and --output


def test_a_save_announces_exactly_the_urls_whose_plain_bytes_changed(preview):
    before = {f: o.plain() for f, o in held(preview).items()}
    note = edit(preview.content / "notes" / "2024-01-01-hello.md", "Hello text.", "Hello text, edited.")
    change = preview.save(note)
    after = {f: o.plain() for f, o in held(preview).items()}
    changed = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
    assert "notes/hello/index.html" in changed and "about/index.html" not in changed
    urls = {"/portfolio/" + (f[: -len("index.html")] if f.endswith("index.html") else f) for f in changed}
    assert set(change.urls) == urls
    assert b"Hello text, edited." in preview.get("/portfolio/notes/hello/").body
    # The same bytes saved again: nothing to announce.
    assert preview.save(note).urls == ()


def test_serve_output_writes_the_plain_files_plnsite_build_writes(site_factory, run_cli, tmp_path, monkeypatch):
    content = site_factory(FILES)
    served = tmp_path / "served"
    preview = Preview(content, output=served)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))  # the preview's day (the heatmap shows it)
    assert run_cli("build", "-s", str(content), "-o", str(tmp_path / "built"))[0] == 0

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    written = tree(served)
    for file, output in held(preview).items():
        assert written[file] == output.plain(), file
    # The preview's stylesheet links carry no content hash; apart from that, the same bytes. (The
    # preview keeps its search index in memory: `serve -o` writes none.)
    built = {f: re.sub(rb"(\.css)\?v=[0-9a-f]+", rb"\1", b) for f, b in tree(tmp_path / "built").items()
             if not f.startswith("pagefind/")}
    listed = json.loads(built.pop(MANIFEST))
    assert json.loads(written.pop(MANIFEST)) == [f for f in listed if not f.startswith("pagefind/")]
    assert written == built
    # And after a save, the rewritten page is plain too.
    edit(content / "notes" / "2024-02-01-other.md", "See", "Do see")
    preview.save(content / "notes" / "2024-02-01-other.md")
    page = (served / "notes" / "other" / "index.html").read_bytes()
    assert page.startswith(b"<!doctype html") and b"Do see" in page
    assert page == preview.rebuilder.outputs["notes/other/index.html"].plain()

