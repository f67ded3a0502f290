"""plnsite import jekyll / hugo: posts → notes that build at once, Liquid and shortcodes
converted (the rest kept and reported at path:line), bundles and images copied, re-import."""

from __future__ import annotations

import shutil

from plnsite.load.frontmatter import split_front_matter

from .conftest import FIXTURES, built, tree

JEKYLL = FIXTURES / "jekyll"
HUGO = FIXTURES / "hugo"


def front(path):
    fm, problem = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert problem is None
    return fm.meta, fm.body


def test_jekyll_posts(content, run_cli):
    code, out, err = run_cli("import", "jekyll", str(JEKYLL))
    assert code == 0, err
    notes = content / "notes"
    assert sorted(p.name for p in notes.iterdir()) == [
        "2019-01-02-hello-world.md", "2019-02-03-unfinished.md", "2019-03-04-second-thoughts.md"]
    meta, body = front(notes / "2019-01-02-hello-world.md")
    assert list(meta) == ["title", "date", "tags", "imported_from"]  # layout, comments, … are Jekyll's
    assert meta["title"] == "Hello, world: my first post" and str(meta["date"]) == "2019-01-02"  # from the name
    assert meta["tags"] == ["pln", "meta", "Blogging"]
    assert meta["imported_from"] == "jekyll:_posts/2019-01-02-hello-world.md"
    assert "```ruby\ndef greet(name)\n  puts \"Hello, #{name}\"\nend\n```" in body
    assert "{% raw %}" not in body and "Liquid shown as text: {{ page.title }} and {% include x.html %}." in body
    assert "![A pixel](/assets/img/pixel.svg)" in body
    assert "[the second post](2019-03-04-second-thoughts.md)" in body
    assert front(notes / "2019-02-03-unfinished.md")[0]["draft"] is True  # published: false
    meta, body = front(notes / "2019-03-04-second-thoughts.md")
    assert meta["tags"] == ["learning", "reflection"]  # `category: Learning` is the same tag as `learning`
    assert str(meta["date"]) == "2019-03-04 10:30:00-05:00" and meta["summary"] == "What I changed my mind about."
    assert (content / "static" / "assets" / "img" / "pixel.svg").read_bytes() == (
        JEKYLL / "assets" / "img" / "pixel.svg").read_bytes()
    shown = str(JEKYLL / "_posts")
    assert err.splitlines() == [
        f"{shown}/2019-04-05-old-page.html:1: warning: not a Markdown post: not imported",
        f"{shown}/2019-01-02-hello-world.md:19: warning: Liquid tag '{{% include newsletter.html %}}' kept as it is "
        "(plnsite does not run Liquid)",
        f"{shown}/2019-03-04-second-thoughts.markdown:12: warning: Liquid output "
        "'{{ page.date | date: \"%B %Y\" }}' kept as it is (plnsite does not run Liquid)",
    ]

    output = built(content)
    hello = output["notes/hello-world/index.html"].decode()
    assert '<div class="highlight">' in hello and 'src="/assets/img/pixel.svg"' in hello
    assert 'href="/notes/second-thoughts/"' in hello
    assert output["assets/img/pixel.svg"] == (JEKYLL / "assets" / "img" / "pixel.svg").read_bytes()
    assert "notes/unfinished/index.html" not in output  # a draft
    assert "tags/blogging/index.html" in output  # categories are tags
    assert 'href="/notes/hello-world/"' in output["notes/second-thoughts/index.html"].decode()


def test_hugo_site_with_bundle_and_shortcodes(content, run_cli):
    code, out, err = run_cli("import", "hugo", str(HUGO))
    assert code == 0, err
    notes = content / "notes"
    assert sorted(p.relative_to(notes).as_posix() for p in notes.rglob("*") if p.is_file()) == [
        "draft-post.md", "learning-in-public.md", "trip-to-seoul/index.md", "trip-to-seoul/palace.svg"]
    meta, body = front(notes / "trip-to-seoul" / "index.md")
    assert meta["title"] == "서울 여행: a trip to Seoul" and meta["tags"] == ["travel", "korean", "Life"]
    assert "aliases" not in meta and meta["imported_from"] == "hugo:posts/trip-to-seoul/index.md"
    assert '![Gyeongbokgung palace](palace.svg "The palace in the rain")' in body
    assert "[my notes on learning](../learning-in-public.md)" in body
    assert 'To show a shortcode, write {{< figure src="x.png" >}}.' in body
    meta, body = front(notes / "learning-in-public.md")  # TOML front matter
    assert meta["tags"] == ["pln", "Learning"] and meta["summary"] == "Why I share what I learn."
    assert '```go\nfmt.Println("share")\n```' in body
    assert (content / "static" / "images" / "banner.svg").exists()
    assert front(notes / "draft-post.md")[0]["draft"] is True
    shown = str(HUGO / "content" / "posts")
    assert err.splitlines() == [
        f"{shown}/learning-in-public.md:15: warning: shortcode '{{{{% notice info %}}}}' kept as it is "
        "(plnsite has no shortcodes)",
        f"{shown}/trip-to-seoul/index.md:13: warning: shortcode '{{{{< youtube dQw4w9WgXcQ >}}}}' kept as it is "
        "(plnsite has no shortcodes)",
    ]

    output = built(content)
    seoul = output["notes/trip-to-seoul/index.html"].decode()
    assert 'src="palace.svg"' in seoul and 'alt="Gyeongbokgung palace"' in seoul
    assert 'href="/notes/learning-in-public/"' in seoul
    assert output["notes/trip-to-seoul/palace.svg"] == (HUGO / "content/posts/trip-to-seoul/palace.svg").read_bytes()
    assert 'src="/images/banner.svg"' in output["notes/learning-in-public/index.html"].decode()
    assert "images/banner.svg" in output and "notes/draft-post/index.html" not in output


def test_posts_folder_given_directly_is_the_same_import(content, run_cli):
    assert run_cli("import", "jekyll", str(JEKYLL))[0] == 0
    code, out, _ = run_cli("import", "jekyll", str(JEKYLL / "_posts"))
    assert code == 0 and "imported 0 notes; 3 already in your content" in out


def test_reimport_keeps_edits_even_after_moving_a_note(content, run_cli):
    assert run_cli("import", "hugo", str(HUGO))[0] == 0
    assert run_cli("import", "jekyll", str(JEKYLL))[0] == 0
    moved = content / "notes" / "2019" / "hello.md"
    moved.parent.mkdir()
    (content / "notes" / "2019-01-02-hello-world.md").rename(moved)
    moved.write_text(moved.read_text(encoding="utf-8").replace("My first post.", "My very first post."),
                     encoding="utf-8")
    before = tree(content)
    for engine, path in (("hugo", HUGO), ("jekyll", JEKYLL)):
        code, out, _ = run_cli("import", engine, str(path))
        assert code == 0 and "imported 0 notes; 3 already in your content" in out
    assert tree(content) == before
    assert "My very first post." in built(content)["notes/hello/index.html"].decode()  # its new name


def test_a_taken_name_gets_a_suffix(site_factory, run_cli):
    content = site_factory({"notes/hello-world.md": "---\ntitle: Mine\ndate: 2024-01-01\n---\nMine.\n"})
    code, _, err = run_cli("import", "jekyll", str(JEKYLL))
    assert code == 0
    assert "2019-01-02-hello-world.md:1: warning: a note named 'hello-world' exists already: imported as " \
           "'hello-world-2'" in err
    assert (content / "notes" / "2019-01-02-hello-world-2.md").exists()
    output = built(content)
    assert "notes/hello-world/index.html" in output and "notes/hello-world-2/index.html" in output


def test_broken_front_matter_stops_the_import_before_writing(content, run_cli, tmp_path):
    blog = tmp_path / "blog"
    shutil.copytree(JEKYLL, blog)
    (blog / "_posts" / "2020-01-01-broken.md").write_text("---\ntitle: [oops\n---\nBody\n", encoding="utf-8")
    code, _, err = run_cli("import", "jekyll", str(blog))
    assert code == 1
    assert "2020-01-01-broken.md:2: error: invalid YAML" in err and "Traceback" not in err  # the line of the "["
    assert not (content / "notes").exists() and not (content / "static").exists()


def test_not_a_blog(content, run_cli, tmp_path):
    code, _, err = run_cli("import", "jekyll", str(tmp_path))
    assert code == 1 and err.strip().endswith("has no _posts folder; expected a Jekyll site (with a _posts "
                                              "folder) or its _posts folder")
    code, _, err = run_cli("import", "hugo", str(tmp_path / "missing"))
    assert code == 1 and "missing: error: not a folder; expected a Hugo site" in err


def test_dry_run_writes_nothing(content, run_cli):
    before = tree(content)
    code, out, _ = run_cli("import", "hugo", str(HUGO), "--dry-run")
    assert code == 0 and tree(content) == before
    assert "would create content/notes/trip-to-seoul/index.md:\n---\ntitle: '서울 여행: a trip to Seoul'\n" in out
    assert f"would copy {HUGO}/content/posts/trip-to-seoul/palace.svg → content/notes/trip-to-seoul/palace.svg" in out
    assert out.rstrip().endswith("would import 3 notes; would copy 2 files")
