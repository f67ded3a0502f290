"""spill.py: a one-shot build keeps its rendered texts in a temporary file until a page
shows them, and the pages are the same bytes as when they stay in memory."""

from __future__ import annotations

import os

import jinja2
import pytest

from plnsite.incremental import BuildMemo
from plnsite.spill import HtmlSpill, SpilledRendered
from plnsite.model import BuildOptions, Heading, Rendered
from plnsite.output import publish
from plnsite.parallel import fork_map
from plnsite.render.views.items import NoteView
from tests.conftest import NOW
from tests.forking import WorkerFirst

LONG = "Ünïcödé text, a lone surrogate \udc80 and an emoji 🦉. " * 20


def _rendered(html: str) -> Rendered:
    return Rendered(html=html, summary_html="<p>sum</p>", toc=(Heading(level=2, id="a", text="A"),),
                    links=("notes/x",), diagrams=True)


def test_a_long_text_goes_to_the_file_and_comes_back_the_same():
    spill = HtmlSpill()
    first, second = spill.keep(_rendered(LONG)), spill.keep(_rendered("<p>" + LONG[::-1] + "</p>"))
    assert isinstance(first, SpilledRendered) and isinstance(second, SpilledRendered)
    assert first.html == LONG
    assert second.html == "<p>" + LONG[::-1] + "</p>"
    assert (first.summary_html, first.toc, first.links, first.diagrams) == (
        "<p>sum</p>", (Heading(level=2, id="a", text="A"),), ("notes/x",), True)


def test_texts_are_written_a_chunk_at_a_time_and_read_back_before_and_after(monkeypatch):
    """The texts gather in memory and go to the file a chunk at a time (one write call for
    many texts); each reads back the same whether its chunk was written yet or not."""
    monkeypatch.setattr(HtmlSpill, "CHUNK_BYTES", 3 * len(LONG.encode("utf-8", "surrogatepass")))
    writes = []
    pwrite = os.pwrite
    monkeypatch.setattr(os, "pwrite", lambda fd, data, at: writes.append((at, len(data))) or pwrite(fd, data, at))
    spill = HtmlSpill()
    html = [f"<p>{n}</p>" + LONG for n in range(10)]
    kept = [spill.keep(_rendered(h)) for h in html]
    assert all(isinstance(k, SpilledRendered) for k in kept)
    assert len(writes) == 3 and writes[0][0] == 0 and all(size > len(LONG) for _, size in writes)
    assert os.fstat(spill._file.fileno()).st_size == sum(size for _, size in writes)  # the 10th not yet written
    assert [k.html for k in kept] == html


def test_a_failed_write_keeps_its_texts_and_the_rest_in_memory(monkeypatch):
    """A full disk: the texts of the chunk that could not be written read back from memory, and
    the texts after it are not spilled at all."""
    monkeypatch.setattr(HtmlSpill, "CHUNK_BYTES", 2 * len(LONG.encode("utf-8", "surrogatepass")))
    pwrite, calls = os.pwrite, []

    def full_after_one(fd, data, at):
        calls.append(at)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return pwrite(fd, data, at)

    monkeypatch.setattr(os, "pwrite", full_after_one)
    spill = HtmlSpill()
    html = [f"<p>{n}</p>" + LONG for n in range(6)]
    kept = [spill.keep(_rendered(h)) for h in html]
    assert [type(k) for k in kept] == [SpilledRendered] * 4 + [Rendered] * 2
    assert len(calls) == 2 and not spill.writing
    assert [k.html for k in kept] == html


def test_a_text_spilled_for_a_compared_build_keeps_its_digest_and_is_never_read_for_it(monkeypatch):
    """A build that compares with the last (the cache on) digests each spilled text as it writes
    it: html_digest gives the same SHA-256 as a text kept in memory, without reading the file."""
    import hashlib

    from plnsite.incremental.changes import html_digest

    texts = [_rendered(LONG), _rendered("<p>" + LONG[::-1] + "</p>"), _rendered("<p>short</p>")]
    expected = [hashlib.sha256(t.html.encode("utf-8", "surrogatepass")).digest() for t in texts]
    compared, plain = HtmlSpill(digests=True), HtmlSpill()
    kept = [compared.keep(t) for t in texts]
    assert [type(k) for k in kept] == [SpilledRendered, SpilledRendered, Rendered]
    assert [plain.keep(t).digest for t in texts[:2]] == [None, None]  # not compared: nothing hashed
    monkeypatch.setattr(HtmlSpill, "read", lambda *a: pytest.fail("the digest read the text back"))
    assert [html_digest(k) for k in kept] == expected == [html_digest(t) for t in texts]


def test_a_short_text_stays_in_memory():
    short = _rendered("<p>hi</p>")
    assert HtmlSpill().keep(short) is short


def test_stock_keeps_every_text_in_memory(monkeypatch):
    monkeypatch.setenv("PLNSITE_STOCK", "1")
    text = _rendered(LONG)
    assert HtmlSpill().keep(text) is text


def test_no_temporary_folder_keeps_the_texts_in_memory(monkeypatch):
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    text = _rendered(LONG)
    assert HtmlSpill().keep(text) is text


def _read_all(texts: list, chunk: list[int]) -> list:
    return [(os.getpid(), texts[i].html) for i in chunk]


def test_forked_workers_read_what_the_build_wrote(monkeypatch):
    monkeypatch.setattr(HtmlSpill, "CHUNK_BYTES", 10 * len(LONG))  # some in the file, the last ones not yet
    spill = HtmlSpill()
    texts = [spill.keep(_rendered(f"<p>{n}</p>" + LONG)) for n in range(40)]
    with WorkerFirst(_read_all) as read_all:
        read = fork_map(read_all, list(range(len(texts))), 2, 1, shared=texts)  # workers inherit them
    assert [html for _, html in read] == [f"<p>{n}</p>" + LONG for n in range(40)]
    assert len({pid for pid, _ in read}) == 2  # the worker read some: the file is shared, not copied


def test_a_build_spills_and_writes_the_same_pages(site_factory, tmp_path, monkeypatch):
    body = "A note with [[Second]] in it and *emphasis*.\n\n" + "Words, many words. " * 40 + "\n"
    content = site_factory({
        "notes/2024-01-01-first.md": f"---\ntitle: First\ntags: [pln]\n---\n{body}",
        "notes/2024-01-02-second.md": f"---\ntitle: Second\ntags: [pln]\n---\nShort.\n\n{body}",
        "pages/about.md": f"---\ntitle: About\n---\n{body}",
    })
    opts = BuildOptions(source=content, now=NOW, cache=False)
    trees = {}
    for name, spilled in (("spilled", True), ("kept", False)):
        out = tmp_path / name
        monkeypatch.setattr(HtmlSpill, "MIN_BYTES", 256 if spilled else 10**9)  # kept: every text is "short"
        result = publish(opts, out, memo=BuildMemo(opts, out_dir=out))
        assert result.ok
        kinds = {type(r) for r in result.site.html.values()}
        assert (SpilledRendered in kinds) is spilled
        # A one-shot build lets each source go once rendered: nothing after link reads it.
        assert [n.body.text for n in result.site.notes] == ["", ""]
        trees[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert trees["spilled"] == trees["kept"]
    assert "notes/first/index.html" in trees["spilled"]


def test_a_note_view_looks_its_text_up_without_keeping_it():
    spill = HtmlSpill()
    view = NoteView({"title": "T"})
    view._rendered = spill.keep(_rendered(LONG))
    assert "content_html" not in dict.keys(view)  # not held by the view
    assert "content_html" in view and view["content_html"] == LONG and view.get("content_html") == LONG
    assert view.get("missing", 7) == 7
    with pytest.raises(KeyError):
        view["missing"]
    assert jinja2.Template("{{ n.title }}:{{ n.content_html[:6] }}").render(n=view) == "T:" + LONG[:6]


def _tree(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("cache", [False, True])
def test_a_big_build_renders_its_markdown_part_by_part_and_writes_the_same_pages(site_factory, tmp_path,
                                                                                monkeypatch, cache):
    from plnsite.link.rendering import MarkdownRenderer

    files = {f"notes/2024-01-{n + 1:02d}-n{n}.md": f"---\ntitle: Note {n}\ntags: [t{n % 3}]\n---\n"
             f"Note {n} links [[Note {(n + 1) % 9}]].\n\n" + "Words. " * 60 + "\n" for n in range(9)}
    content = site_factory(files)
    opts = BuildOptions(source=content, now=NOW, cache=cache, jobs=1)
    made: list[int] = []
    in_groups = MarkdownRenderer.in_groups

    def counted(self, jobs):
        for group in in_groups(self, jobs):
            pieces = list(group)
            made.append(sum(map(len, pieces)))
            yield iter(pieces)

    monkeypatch.setattr(MarkdownRenderer, "in_groups", counted)
    trees = {}
    for name, size in (("whole", 10_000), ("parts", 2)):
        monkeypatch.setattr(MarkdownRenderer, "GROUP_TEXTS", size)
        if cache:
            import shutil

            shutil.rmtree(content.parent / ".plnsite-cache", ignore_errors=True)
        made.clear()
        result = publish(opts, tmp_path / name, memo=BuildMemo(opts, out_dir=tmp_path / name))
        assert result.ok, result.problems
        trees[name] = _tree(tmp_path / name)
        assert sum(made) == 9 and len(made) == (1 if size > 9 else 5), made
    assert trees["parts"] == trees["whole"]
    if cache:  # every part was saved: a second build finds each text in the cache
        from plnsite.link import rendering

        rendered: list[int] = []
        monkeypatch.setattr(rendering, "_render_packed", lambda batch: rendered.append(len(batch)) or [])
        assert publish(opts, tmp_path / "again", memo=BuildMemo(opts, out_dir=tmp_path / "again")).ok
        assert rendered == []
        assert _tree(tmp_path / "again") == trees["whole"]


def test_a_groups_texts_are_filled_piece_by_piece_and_those_with_images_at_its_end(site_factory, tmp_path,
                                                                                   monkeypatch):
    """With two processes, a group's Markdown comes back in pieces as they are rendered, and each
    piece's texts are filled at once (parallel.fork_chunks), while the rest are still rendered;
    the texts that show images wait for the group's end, so that their images are measured in
    one go. The pages are those of a build in one process."""
    import io

    from PIL import Image

    import plnsite.link as link
    from plnsite.images import Images

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "PNG")
    files = {f"notes/2024-01-{n % 28 + 1:02d}-n{n}.md": f"---\ntitle: Note {n}\n---\nNote {n} links [[Note {(n + 1) % 90}]]."
             + (f" ![a red square](/img/p{n}.png)" if n % 10 == 0 else "") + "\n\n" + "Words. " * 40 + "\n"
             for n in range(90)}
    files.update({f"static/img/p{n}.png": buffer.getvalue() for n in range(0, 90, 10)})
    content = site_factory(files)
    pieces: list[list[str]] = []
    fill = link._fill
    monkeypatch.setattr(link, "_fill", lambda item_id, *rest: pieces[-1].append(item_id) or fill(item_id, *rest))
    measured: list[list] = []
    prepare = Images.prepare
    monkeypatch.setattr(Images, "prepare", lambda self, paths: measured.append(list(paths)) or prepare(self, paths))
    media_prepare = link.Media.prepare
    monkeypatch.setattr(link.Media, "prepare", lambda self, texts: pieces.append([]) or media_prepare(self, texts))
    trees = {}
    for jobs in (2, 1):
        pieces.clear(), measured.clear()
        opts = BuildOptions(source=content, now=NOW, cache=False, jobs=jobs)
        assert publish(opts, tmp_path / f"j{jobs}", memo=BuildMemo(opts, out_dir=tmp_path / f"j{jobs}")).ok
        trees[jobs] = _tree(tmp_path / f"j{jobs}")
        filled = [piece for piece in pieces if piece]
        with_images = [piece for piece in filled if any(i.endswith("0") for i in piece)]
        assert len(with_images) == 1 and sorted(with_images[0]) == sorted(f"notes/n{n}" for n in range(0, 90, 10))
        assert filled[-1] is with_images[0], "filled at the group's end"
        assert [len(paths) for paths in measured if paths][0] == 9, "every image measured at once (then looked up)"
        assert sum(map(len, filled)) == 90
        if jobs == 2:
            assert len(filled) > 3, "the texts without images filled piece by piece, as rendered"
        else:
            assert len(filled) == 2
    assert trees[2] == trees[1] and "img/p0.png" in trees[1]


def test_a_build_that_keeps_its_pages_in_memory_keeps_its_sources(site_factory, tmp_path):
    text = "Ünïcödé words, an owl 🦉. " * 40
    content = site_factory({"notes/2024-01-01-first.md": "---\ntitle: First\n---\n" + text})
    opts = BuildOptions(source=content, now=NOW, cache=False)
    memo = BuildMemo(opts)
    held = {}
    result = publish(opts, tmp_path / "out", memo=memo, finish=lambda out: held.setdefault(out.file, out))
    assert result.ok and memo.link.spill is None  # the preview server's way: it links again on each save
    assert result.site.notes[0].body.text == text
    assert not any(isinstance(r, SpilledRendered) for r in result.site.html.values())


def test_the_file_is_closed_once_nothing_can_read_from_it():
    import gc

    spill = HtmlSpill()
    text = spill.keep(_rendered(LONG))
    file = spill._file
    del spill
    gc.collect()
    assert not file.closed and text.html == LONG  # a spilled text keeps its file open
    del text
    gc.collect()
    assert file.closed
