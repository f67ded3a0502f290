"""Related notes are kept in .plnsite-cache/related/ (incremental/related_cache.py): a warm build
whose notes, tags, links and series are as before reads them back instead of working them out;
any change of those inputs works them out again; a damaged record is a miss."""

from __future__ import annotations

from plnsite.incremental.related_cache import FOLDER, RelatedCache, related_inputs
from plnsite.incremental.store import CACHE_DIR
from tests.conftest import build_site


def _note(title: str, day: int, tags: str, body: str = "Text.") -> str:
    return f"---\ntitle: {title}\ndate: 2024-01-{day:02d}\ntags: [{tags}]\n---\n{body}\n"


def _site(site_factory):
    return site_factory({
        "notes/2024-01-01-a.md": _note("A", 1, "pln"),
        "notes/2024-01-02-b.md": _note("B", 2, "pln"),
        "notes/2024-01-03-c.md": _note("C", 3, "code"),
        "notes/2024-01-04-d.md": _note("D", 4, "code"),
    })


def _cache(content) -> RelatedCache:
    return RelatedCache(content.parent / CACHE_DIR)


def test_a_warm_build_reads_the_related_notes_it_kept(site_factory):
    content = _site(site_factory)
    first = build_site(content)
    assert first.site.related["notes/a"] == ("notes/b",) and first.site.related["notes/c"] == ("notes/d",)
    digest = related_inputs(first.site.notes, first.site.tags, first.site.backlinks, first.site.series)
    # What the cache holds is what the next build uses: mark it, and a body edit keeps it.
    _cache(content).store.write("last", (digest, {"notes/a": ("notes/d",)}))
    (content / "notes" / "2024-01-01-a.md").write_text(_note("A", 1, "pln", "New text."), encoding="utf-8")
    warm = build_site(content)
    assert dict(warm.site.related) == {"notes/a": ("notes/d",)}


def test_a_new_tag_works_them_out_again(site_factory):
    content = _site(site_factory)
    build_site(content)
    (content / "notes" / "2024-01-01-a.md").write_text(_note("A", 1, "code"), encoding="utf-8")
    warm = build_site(content)
    assert warm.site.related["notes/a"] == ("notes/d", "notes/c") and "notes/b" not in warm.site.related
    assert dict(warm.site.related) == dict(build_site(content, cache=False).site.related)


def test_a_damaged_record_is_a_miss_and_is_removed(site_factory):
    content = _site(site_factory)
    first = build_site(content)
    digest = related_inputs(first.site.notes, first.site.tags, first.site.backlinks, first.site.series)
    _cache(content).store.write("last", (digest, {"notes/a": "not a tuple"}))
    again = build_site(content)
    assert dict(again.site.related) == dict(first.site.related)
    shard = _cache(content).store.read("last")
    assert shard is not None and shard.payload[1]["notes/a"] == ("notes/b",)
    assert (content.parent / CACHE_DIR / FOLDER / "last.bin").is_file()
