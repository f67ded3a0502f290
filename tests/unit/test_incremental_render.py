"""incremental/render_memo.py and the BuildMemo of a session: which routes a build renders."""

from __future__ import annotations

import dataclasses

import pytest

from plnsite.build import build
from plnsite.incremental import BuildMemo
from plnsite.incremental.render_memo import RenderMemo
from plnsite.model import BuildOptions, Copied, Kept
from tests.conftest import NOW

FILES = {
    "notes/2024-01-01-alpha.md": "---\ntitle: Alpha\ntags: [pln]\n---\nAlpha.\n",
    "notes/2024-02-01-beta.md": "---\ntitle: Beta\ntags: [pln]\n---\nBeta links [[alpha]].\n",
    "notes/2024-03-01-gamma.md": "---\ntitle: Gamma\ntags: [other]\n---\nGamma.\n",
    "pages/about.md": "---\ntitle: About\n---\nMe.\n",
}


def pages(files, result) -> set[str]:
    """The files that are not static copies (those are always compared byte for byte)."""
    return {f for f in files if not isinstance(result.outputs[f], Copied)}


@pytest.fixture
def content(site_factory):
    return site_factory(FILES)


def test_a_session_renders_everything_once_then_only_what_changed(content):
    opts = BuildOptions(source=content, now=NOW, cache=False)
    memo = BuildMemo(opts)
    first = build(opts, memo=memo)
    assert first.ok and first.rendered == frozenset(first.outputs)
    second = build(opts, memo=memo)
    assert second.rendered == frozenset() and second.outputs == first.outputs
    gamma = content / "notes" / "2024-03-01-gamma.md"
    gamma.write_text(gamma.read_text().replace("Gamma.", "Gamma, edited."))
    memo.forget([gamma.resolve()])
    third = build(opts, memo=memo)
    assert "notes/gamma/index.html" in third.rendered
    assert "notes/alpha/index.html" not in third.rendered and "about/index.html" not in third.rendered
    assert third.outputs["notes/alpha/index.html"] is first.outputs["notes/alpha/index.html"]


def test_new_templates_render_every_route_again(content):
    opts = BuildOptions(source=content, now=NOW, cache=False)
    memo = BuildMemo(opts)
    build(opts, memo=memo)
    memo.templates_changed()
    again = build(opts, memo=memo)
    assert again.rendered == frozenset(again.outputs)


def test_a_failed_build_is_not_what_the_next_is_compared_with(content):
    opts = BuildOptions(source=content, now=NOW, cache=False, strict=True)
    memo = BuildMemo(opts)
    good = build(opts, memo=memo)
    beta = content / "notes" / "2024-02-01-beta.md"
    beta.write_text(beta.read_text().replace("[[alpha]]", "[[nowhere]]"))  # a warning: an error with --strict
    memo.forget([beta.resolve()])
    assert not build(opts, memo=memo).ok
    assert memo.site is not None and memo.site.html["notes/beta"] is good.site.html["notes/beta"]
    beta.write_text(beta.read_text().replace("[[nowhere]]", "[[alpha]]"))
    memo.forget([beta.resolve()])
    fixed = build(opts, memo=memo)
    assert fixed.ok and fixed.outputs["notes/beta/index.html"].plain() == good.outputs["notes/beta/index.html"].plain()


def test_the_first_build_into_a_folder_keeps_the_files_its_last_build_left(content, tmp_path):
    from plnsite.output import write_outputs

    out = tmp_path / "public"
    opts = BuildOptions(source=content, now=NOW)
    memo = BuildMemo(opts, out_dir=out)
    write_outputs(build(opts, memo=memo), out)
    memo.renders.save_state()
    again = BuildMemo(opts, out_dir=out)
    result = build(opts, memo=again)
    assert pages(result.rendered, result) == set(), "every page is as the last build left it"
    assert all(isinstance(o, (Kept, Copied)) for o in result.outputs.values())
    (out / "notes" / "gamma" / "index.html").unlink()
    third = build(opts, memo=BuildMemo(opts, out_dir=out))
    assert pages(third.rendered, third) == {"notes/gamma/index.html"}


def test_the_digests_it_compares_are_made_in_a_child_beside_the_plan(content, tmp_path, monkeypatch):
    """A ``plnsite build`` (one thread) digests the site in a forked child while it plans: the
    caller never digests it itself, and what it compares and saves is the same digest."""
    import plnsite.incremental.render_memo as render_memo
    import plnsite.parallel as parallel
    from plnsite.incremental.changes import fingerprints
    from plnsite.output import write_outputs

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(render_memo, "_DIGEST_IN_CHILD_FROM", 4)  # (this site's items; a real one: 1,000)
    here: list[int] = []  # the calls made in this process (a child's are its own)
    monkeypatch.setattr(render_memo, "fingerprints", lambda site: here.append(1) or fingerprints(site))
    out = tmp_path / "public"
    opts = BuildOptions(source=content, now=NOW, jobs=2)
    memo = BuildMemo(opts, out_dir=out)
    write_outputs(build(opts, memo=memo), out)
    memo.renders.save_state()
    gamma = content / "notes" / "2024-03-01-gamma.md"
    gamma.write_text(gamma.read_text().replace("Gamma.", "Gamma, edited."))
    again = BuildMemo(opts, out_dir=out)
    result = build(opts, memo=again)
    assert here == [] and again.renders.digesting is None
    assert again.renders.state.deps == fingerprints(result.site)
    assert "notes/gamma/index.html" in result.rendered and "about/index.html" not in result.rendered
    one = BuildMemo(opts, out_dir=out)
    one.renders.compare_soon(result.site, 1)  # -j 1: one process, no child
    assert one.renders.digesting is None
    monkeypatch.setattr(render_memo, "_DIGEST_IN_CHILD_FROM", 5)  # a site smaller than that: no fork
    small = BuildMemo(opts, out_dir=out)
    small.renders.compare_soon(result.site, 2)
    assert small.renders.digesting is None


def test_a_render_memo_without_a_last_build_renders_every_route(content):
    opts = BuildOptions(source=content, now=NOW, cache=False)
    result = build(opts)
    memo = RenderMemo()
    todo, kept = memo.todo(result.site, result.routes, theme=object())
    assert todo == result.routes and kept == {}
    memo.all_outputs(result.site, result.routes, "theme", dict(result.outputs), ok=True)
    todo, _ = memo.todo(result.site, result.routes, "theme")
    assert todo == ()
    todo, _ = memo.todo(result.site, tuple(dataclasses.replace(r) for r in result.routes), "another theme")
    assert len(todo) == len(result.routes)


@pytest.mark.parametrize("edit, reused", [(("Gamma.", "Gamma, edited."), True), (("title: Gamma", "title: Gamma Ray"), True),
                                          (("Gamma.", "Gamma links [[beta]]."), False)])  # a new backlink
def test_a_plan_reused_whole_renders_what_a_plan_made_afresh_renders(content, edit, reused):
    """incremental/plan_reuse.py and routes_meeting: the same routes rendered, the same bytes."""
    opts = BuildOptions(source=content, now=NOW, cache=False)
    reusing, afresh = BuildMemo(opts), BuildMemo(opts)
    first, _ = build(opts, memo=reusing), build(opts, memo=afresh)
    gamma = content / "notes" / "2024-03-01-gamma.md"
    gamma.write_text(gamma.read_text().replace(*edit))
    for memo in (reusing, afresh):
        memo.forget([gamma.resolve()])
    afresh.routes.last_plan = None  # plans again, and compares route by route
    with_reuse, without = build(opts, memo=reusing), build(opts, memo=afresh)
    assert (with_reuse.routes is first.routes) is reused and without.routes is not first.routes
    assert with_reuse.rendered == without.rendered and "notes/gamma/index.html" in with_reuse.rendered
    assert with_reuse.outputs == without.outputs == build(opts).outputs
