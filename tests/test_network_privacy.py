"""Privacy holds for the network snapshot too: a post of a private person (every spelling of
test_privacy.py's site: visibility, private, Private, hidden, a private list, a git-ignored
.private.yaml file) or of someone no longer in contacts/ reaches no output file, however the
snapshot came to hold it; the public person's posts are shown."""

from __future__ import annotations

import json

from plnsite.output import write_outputs
from plnsite.snapshots.network import NetworkPost, NetworkSnapshot, write_snapshot
from tests.clients import require_module

from .conftest import build_site
from .test_privacy import SECRET_WORDS, SECRETS, SITE, output_leaks, written

# The ids the private people of SECRETS have (given, or made from their names).
PRIVATE_IDS = ["private-id-secret-5", "private-true-secret-40", "private-yes-secret-43", "private-hidden-secret-45",
               "private-bare-secret-15", "club-person-secret-49", "circle-person-secret-53", "file-person-secret-55"]
GONE = "gone-person-secret-61"
WORDS = [*SECRET_WORDS, "secret-61", "post-secret-62", "link-secret-63", "summary-secret-64"]


def _post(person: str, title: str) -> NetworkPost:
    return NetworkPost(person, f"https://{person}.example/feed.xml", f"id-{title}", title,
                       f"https://{person}.example/link-secret-63/{title}", "2025-05-20T10:00:00Z", person.upper(),
                       ("pln",), f"summary-secret-64 of {person}")


def test_posts_of_private_people_and_of_people_gone_reach_no_output_file(site_factory, tmp_path):
    content = site_factory({**SECRETS, "site.yaml": SITE})
    posts = [_post(person, f"post-secret-62 {person}") for person in (*PRIVATE_IDS, GONE)]
    posts.append(NetworkPost("public-person", "https://public.example.org/feed.xml", "p", "A public post",
                             "https://public.example.org/p", "2025-05-21T10:00:00Z", "", ("pln",), "Open words."))
    assert write_snapshot(content.parent, NetworkSnapshot(taken="2025-05-30T10:00:00Z", posts=tuple(posts), feeds=()))
    result = build_site(content)
    assert result.ok, [str(p) for p in result.problems]
    out = tmp_path / "public"
    write_outputs(result, out)
    files = written(out)
    assert {"network/latest/index.html", "network/latest/feed.xml", "network/latest/atom.xml"} <= set(files)
    assert output_leaks(files, WORDS) == []
    # The public person's post is there: on the latest page, their card, the pln hub and the home page.
    for name in ("network/latest/index.html", "network/index.html", "tags/pln/index.html", "index.html"):
        assert b"A public post" in files[name], name
    mf2py = require_module("mf2py")
    for name, data in files.items():
        if name.endswith(".html"):
            parsed = mf2py.parse(doc=data.decode("utf-8"), url="https://example.org/sub/")
            assert output_leaks({name: json.dumps(parsed).encode()}, WORDS) == []
