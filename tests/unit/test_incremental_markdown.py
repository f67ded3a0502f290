"""incremental/markdown_cache.py: rendered Markdown kept on disk, found again by its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnsite.errors import Loc
from plnsite.incremental.markdown_cache import ENTRY, FOLDER, MarkdownCache
from plnsite.incremental.store import Damage, decode, encode, fits
from plnsite.link.rendering import MarkdownRenderer, _pack
from plnsite.markdown import render_markdown
from plnsite.model import Markdown

ROOT = Path(__file__).resolve().parents[2]


def _md(text: str) -> Markdown:
    return Markdown(text=text, loc=Loc("content/notes/n.md", 5))


TEXTS = [(f"notes/n{n}", _md(f"Text *{n}*.\n"), False) for n in range(300)]


def test_a_second_session_finds_every_text_the_first_rendered(tmp_path):
    first = MarkdownRenderer(MarkdownCache(tmp_path), jobs=1)(TEXTS)
    cache = MarkdownCache(tmp_path)
    keys = [cache.key(md.text, take) for _, md, take in TEXTS]
    found = cache.lookup(keys)
    assert len(found) == len(TEXTS)
    assert first["notes/n5"].html == render_markdown("Text *5*.\n").html


def test_a_save_in_a_session_keeps_what_the_other_texts_have_in_the_cache(tmp_path):
    """A preview save renders one text; writing its shard back must not drop the other texts
    in that shard (they are still the site's: the next build would render them again)."""
    cache = MarkdownCache(tmp_path)
    render = MarkdownRenderer(cache, jobs=1)
    render(TEXTS)
    prefixes = {cache.key(md.text, take)[:2] for _, md, take in TEXTS}
    # An edit whose text lands in a shard that holds other texts too.
    edit = next(t for n in range(10_000) if cache.key(t := f"Text {n}, edited.\n", False)[:2] in prefixes)
    render([("notes/n0", _md(edit), False)])
    keys = [cache.key(md.text, take) for _, md, take in TEXTS[1:]]
    assert len(MarkdownCache(tmp_path).lookup(keys)) == len(keys)


def test_texts_no_longer_in_the_site_leave_the_shards_the_next_session_writes(tmp_path):
    """So the cache does not grow forever: a session's first render sees every text of the site."""
    MarkdownRenderer(MarkdownCache(tmp_path), jobs=1)(TEXTS)
    MarkdownRenderer(MarkdownCache(tmp_path), jobs=1)(TEXTS[:100])  # a new session: a site of 100 texts
    cache = MarkdownCache(tmp_path)
    kept = {cache.key(md.text, take) for _, md, take in TEXTS[:100]}
    gone = [k for _, t, take in TEXTS[100:] if (k := cache.key(t.text, take))[:2] in {c[:2] for c in kept}]
    assert len(gone) > 10
    assert cache.lookup(gone) == {} and len(cache.lookup(sorted(kept))) == 100
    # and the shards none of the 100 texts falls in are gone
    assert {p.stem for p in (tmp_path / FOLDER).glob("*.bin")} == {k[:2] for k in kept}


def test_what_the_renderer_caches_has_the_shape_the_cache_checks():
    """ENTRY is what a shard's entries are checked against when read back: every Markdown file
    of this repository, packed as the renderer packs it, fits it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*.md")) if ".git" not in p.parts]
    texts.append("# T\n\n## A [[wiki|x]] and [md](other.md#part)\n\n[[y]] ![i](a.png)\n<!--more-->\nRest.\n")
    assert len(texts) > 20
    for text in texts:
        for take_title in (False, True):
            assert fits(_pack(render_markdown(text, take_title=take_title)), ENTRY)


def test_a_shard_of_another_shape_is_damaged_and_rendered_again(tmp_path):
    MarkdownRenderer(MarkdownCache(tmp_path), jobs=1)(TEXTS)
    for path in (tmp_path / FOLDER).glob("*.bin"):
        magic, key, entries = decode(path, path.read_bytes())
        path.write_bytes(encode(path, magic, key, {k: (html, summary, toc, links) for k, (html, summary, toc, links, *_)
                                                     in entries.items()}))
    damage = Damage(tmp_path)
    again = MarkdownRenderer(MarkdownCache(tmp_path, damage), jobs=1)(TEXTS)
    assert again["notes/n5"].html == render_markdown("Text *5*.\n").html
    assert len(damage.found) == len(list((tmp_path / FOLDER).glob("*.bin"))) > 100
    cache = MarkdownCache(tmp_path, damage)
    assert len(cache.lookup([cache.key(md.text, take) for _, md, take in TEXTS])) == len(TEXTS)


def test_a_texts_key_comes_from_the_digest_its_markdown_carries():
    """A Markdown value hashes its text once, where it is made; the cache's key from that digest
    is the key of the text, and the digest is the text's alone (not in equality or repr, which
    the build's comparison digests)."""
    import hashlib

    text = "Ünïcödé, a lone surrogate \udc80 and an owl 🦉.\n"
    md = _md(text)
    assert md.digest == hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    for take in (False, True):
        assert MarkdownCache.key_of(md.digest, take) == MarkdownCache.key(text, take)
    assert MarkdownCache.key_of(md.digest, True) != MarkdownCache.key_of(md.digest, False)
    assert _md(text + "x").digest != md.digest
    assert "digest" not in repr(md) and md == Markdown(text=text, loc=md.loc)


def test_a_note_read_back_from_the_parse_cache_keeps_its_texts_digest(site_factory, tmp_path, monkeypatch):
    """A warm build's notes come from the parse cache (unpickled: no __post_init__); their
    Markdown's digest comes with them, and no text is hashed again."""
    import hashlib

    from plnsite.incremental import BuildMemo
    from plnsite.load import load_content
    from plnsite.model import BuildOptions
    from tests.conftest import NOW

    content = site_factory({f"notes/2024-01-0{n}-n{n}.md": f"---\ntitle: N{n}\n---\nText {n} 🦉.\n" for n in range(1, 4)})
    opts = BuildOptions(source=content, now=NOW)
    first = load_content(content, memo=BuildMemo(opts, out_dir=tmp_path / "out").load)  # fills the parse cache
    monkeypatch.setattr(Markdown, "__post_init__", lambda self: pytest.fail("a text was hashed again"))
    again = load_content(content, memo=BuildMemo(opts, out_dir=tmp_path / "out").load)
    assert [n.body.text for n in again.notes] == [n.body.text for n in first.notes] != []
    assert [n.body.digest for n in again.notes] == [
        hashlib.sha256(n.body.text.encode()).digest() for n in first.notes]
