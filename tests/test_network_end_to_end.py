"""From feeds to pages: `plnsite fetch` against real feeds on 127.0.0.1, then `plnsite build`:
the public person's posts are on network/latest/, their card and the home page, hostile entries
stay text, and the private person's feed is never even requested."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.webserver import LocalWeb, answer

NOW = dt.datetime.now(dt.timezone.utc)
RECENT, OLDER = ((NOW - dt.timedelta(days=d)).strftime("%a, %d %b %Y %H:%M:%S +0000") for d in (2, 3))
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ada</title><link>https://ada.example/</link><description>d</description>
<item><title>Loops, plainly</title><link>https://ada.example/loops</link><guid>https://ada.example/loops</guid>
<pubDate>{RECENT}</pubDate><category>python</category>
<description>&lt;p&gt;On &lt;em&gt;loops&lt;/em&gt;.&lt;/p&gt;</description></item>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Hostile</title><link>javascript:alert(1)</link>
<guid>h1</guid><pubDate>{OLDER}</pubDate>
<description>&lt;img src=x onerror=alert(1)&gt;Text</description></item>
</channel></rss>"""


def test_what_fetch_reads_is_what_the_site_shows(site_factory, run_cli):
    with LocalWeb() as web:
        web.routes["/ada.xml"] = answer(body=FEED, headers={"Content-Type": "application/rss+xml"})
        web.routes["/private.xml"] = answer(body=FEED, headers={"Content-Type": "application/rss+xml"})
        site_factory({
            "contacts/friends.yaml": f"""\
                people:
                  - name: Ada Lovelace
                    id: ada
                    feed: {web.url('/ada.xml')}
                  - name: Hidden Person
                    visibility: private
                    feed: {web.url('/private.xml')}
                """,
            "notes/2026-01-01-loops.md": "---\ntitle: My loops\ntags: [python]\n---\nBody.\n",
        })
        code, out, err = run_cli("fetch")
        assert code == 0, err
        assert web.requested("/private.xml") == []
    code, _, err = run_cli("build")
    assert code == 0, err
    public = Path("public")
    latest = (public / "network" / "latest" / "index.html").read_text()
    assert '<a class="u-url" href="https://ada.example/loops">Loops, plainly</a>' in latest
    assert '<a class="p-author h-card" href="/network/#ada">Ada Lovelace</a>' in latest
    assert "<script" not in latest and "<img" not in latest and "javascript:" not in latest
    assert re.search(r"card-title post-title\">[^<]*Hostile</h3>", latest)  # no link: text only
    assert "Loops, plainly" in (public / "network" / "index.html").read_text()
    assert "Loops, plainly" in (public / "tags" / "python" / "index.html").read_text()
    assert "Loops, plainly" in (public / "index.html").read_text()
    for path in public.rglob("*"):
        if path.is_file():
            assert b"Hidden Person" not in path.read_bytes(), path
