"""link/media.py: where an image written in a text is, measured or not, in which pages' URLs."""

from __future__ import annotations

from plnsite.images import Images
from plnsite.link import link
from plnsite.load import load_content
from plnsite.model import BuildOptions
from tests.conftest import NOW

SITE = "title: T\nbase_url: https://example.org/sub/\ntimezone: UTC\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>'


def _link(site_factory, files, images=None):
    content = site_factory({"site.yaml": SITE, **files})
    return link(load_content(content), BuildOptions(source=content, now=NOW), images=images)


def _warnings(site):
    return sorted(f"{p.loc.line}: {p.message.split(':')[0]}" for p in site.problems)


def test_where_images_are_found(site_factory, tmp_path):
    site = _link(site_factory, {
        "notes/2024-01-01-b/index.md": "---\ntitle: B\n---\n![here](pic.svg) ![up](../b/pic.svg) ![root](/img/s.svg)"
                                       " ![out](../../../x.svg) ![web](https://x.example/a.svg) ![data](data:image/png;base64,AA==)\n",
        "notes/2024-01-01-b/pic.svg": SVG,
        "static/img/s.svg": SVG,
        "pages/about.md": "---\ntitle: About\n---\n![rel](img/s.svg) ![root](/img/s.svg)\n",
    }, images=Images(tmp_path / "cache", jobs=1))
    (note,) = [r.html for r in site.html.values() if 'alt="here"' in r.html]
    assert note.count('width="40" height="30"') == 3  # here, up (the same file), root
    assert 'src="/sub/img/s.svg"' in note and 'src="https://x.example/a.svg" alt="web">' in note
    assert _warnings(site) == ["4: missing image '../../../x.svg'", "4: missing image 'img/s.svg'"]


def test_without_a_measurer_images_are_still_checked_and_rebased(site_factory):
    site = _link(site_factory, {
        "notes/n.md": "---\ntitle: N\ndate: 2024-01-01\n---\n![](/img/s.svg)\n",
        "static/img/s.svg": SVG,
    })
    (html,) = [r.html for r in site.html.values()]
    assert html == '<p><img src="/sub/img/s.svg" alt=""></p>\n'
    assert _warnings(site) == ["5: image '/img/s.svg' has no alt text"]
