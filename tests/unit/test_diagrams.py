"""Mermaid: the script is the site's own, published only when a text has a diagram, loaded
only by the pages that show one, and its licence is published beside it."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

NOTE = "---\ntitle: {title}\ndate: 2024-01-0{day}\n---\n{body}\n"
DIAGRAM = "Flow:\n\n```mermaid\ngraph TD\n  A-->B\n```\n"


def _scripts(path: str) -> list[str]:
    doc = lxml_html.fromstring(Path(path).read_bytes())
    return [s.get("src") for s in doc.iter("script")]


def test_only_pages_with_a_diagram_load_the_script(site_factory, run_cli):
    site_factory({
        "site.yaml": "title: T\nbase_url: https://example.org/sub/\n",
        "notes/diagram.md": NOTE.format(title="Diagram", day=1, body=DIAGRAM),
        "notes/plain.md": NOTE.format(title="Plain", day=2, body="No pictures."),
    })
    assert run_cli("build")[0] == 0
    assert _scripts("public/notes/diagram/index.html") == [
        "/sub/theme/js/mermaid/mermaid.min.js", "/sub/theme/js/mermaid-init.js"]
    assert _scripts("public/notes/plain/index.html") == []
    assert _scripts("public/index.html") == []  # lists show summaries: this one has no diagram
    page = Path("public/notes/diagram/index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid">graph TD\n  A--&gt;B\n</pre>' in page and "highlight" not in page
    assert Path("public/theme/js/mermaid/mermaid.min.js").stat().st_size > 1_000_000
    assert "MIT License" in Path("public/theme/js/mermaid/LICENSE").read_text(encoding="utf-8")
    assert "mermaid.render" in Path("public/theme/js/mermaid-init.js").read_text(encoding="utf-8")


def test_a_site_without_diagrams_does_not_publish_mermaid(site_factory, run_cli):
    site_factory({"notes/plain.md": NOTE.format(title="Plain", day=2, body="No pictures.")})
    assert run_cli("build")[0] == 0
    # (theme/js/ holds the search page's script, which every site with search publishes)
    assert [p.name for p in Path("public/theme/js").iterdir()] == ["search.js"]
    assert Path("public/theme/css/site.css").is_file()


def test_a_summary_with_a_diagram_loads_it_on_the_lists(site_factory, run_cli):
    site_factory({"notes/diagram.md": NOTE.format(title="Diagram", day=1, body=DIAGRAM + "\n<!--more-->\nRest.")})
    assert run_cli("build")[0] == 0
    assert "/theme/js/mermaid-init.js" in _scripts("public/notes/index.html")


def test_which_texts_hold_a_diagram_comes_back_from_the_markdown_cache(site_factory, run_cli):
    """Whether a text holds a diagram is found when its Markdown is rendered and kept with it in
    the Markdown cache: a build that renders nothing (every text cached, the pages removed so
    they are made again) still loads the script where a diagram is, and nowhere else."""
    import shutil

    site_factory({
        "site.yaml": "title: T\nbase_url: https://example.org/sub/\n",
        "notes/diagram.md": NOTE.format(title="Diagram", day=1, body=DIAGRAM),
        "notes/plain.md": NOTE.format(title="Plain", day=2, body="No pictures."),
    })
    assert run_cli("build")[0] == 0
    first = {p: Path(p).read_bytes() for p in ("public/notes/diagram/index.html", "public/notes/plain/index.html")}
    shutil.rmtree("public")
    assert run_cli("build")[0] == 0
    assert list(Path(".plnsite-cache/markdown").glob("*.bin")), "the texts came from the cache"
    assert _scripts("public/notes/diagram/index.html") == [
        "/sub/theme/js/mermaid/mermaid.min.js", "/sub/theme/js/mermaid-init.js"]
    assert _scripts("public/notes/plain/index.html") == []
    assert {p: Path(p).read_bytes() for p in first} == first
