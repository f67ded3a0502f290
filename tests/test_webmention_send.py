"""``plnsite webmention send`` over real HTTP, against servers on 127.0.0.1 only: endpoint
discovery (a table of pages, each advertising its endpoint a different way), the POST each
endpoint received, the record (a second run sends nothing; an update sends again, to removed
links too), the address guard, timeouts, failures as one line each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.webserver import LocalWeb, answer, hang

SOURCE = "https://me.example/notes/links/"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def _several_link_headers(request, web) -> None:
    request.send_response(200)
    request.send_header("Link", "<https://elsewhere.example/>; rel=me")
    request.send_header("Link", "</ep/7>; rel=webmention")
    request.send_header("Content-Length", "0")
    request.end_headers()


# path of the target page → (its handler, the endpoint path its POST must reach; None: no endpoint)
def _table(web: LocalWeb) -> dict[str, tuple[object, str | None]]:
    return {
        "/t/1": (answer(headers={"Link": f"<{web.url('/ep/1')}>; rel=webmention"}), "/ep/1"),
        "/t/2": (answer(headers={"Link": "</ep/2>; rel=webmention"}), "/ep/2"),
        "/t/3": (answer(headers={"Link": '</ep/3>; rel="webmention"'}), "/ep/3"),
        "/t/4": (answer(headers={"Link": '</ep/4>; rel="author webmention"'}), "/ep/4"),
        "/t/5": (answer(headers={"LINK": "</ep/5>; REL=webmention"}), "/ep/5"),
        "/t/6": (answer(headers={"Link": '<https://elsewhere.example/>; rel="me", </ep/6>; rel=webmention'}), "/ep/6"),
        "/t/7": (_several_link_headers, "/ep/7"),
        "/t/8": (answer(body=_page('<link rel="webmention" href="/wrong/8">'),
                        headers={**HTML, "Link": "</ep/8>; rel=webmention"}), "/ep/8"),
        "/t/9": (answer(body=_page('<link rel="webmention" href="/ep/9">'), headers=HTML), "/ep/9"),
        "/t/10": (answer(body=_page(f'<link rel="webmention" href="{web.url("/ep/10")}">'), headers=HTML), "/ep/10"),
        "/t/11": (answer(body=_page('<a rel="webmention" href="/ep/11">endpoint</a>'), headers=HTML), "/ep/11"),
        "/t/12": (answer(body=_page('<a href="/ep/12" rel="webmention">a</a><link rel="webmention" href="/wrong/12">'),
                         headers=HTML), "/ep/12"),
        "/t/13": (answer(body=_page('<link rel="webmention" href="/ep/13"><a href="/wrong/13" rel="webmention">a</a>'),
                         headers=HTML), "/ep/13"),
        "/t/14": (answer(body=_page('<link rel="nofollow webmention" href="/ep/14">'), headers=HTML), "/ep/14"),
        "/t/15": (answer(body=_page("<link rel=WebMention href=/ep/15>"), headers=HTML), "/ep/15"),
        "/t/16": (answer(body=_page('<!-- <link rel="webmention" href="/wrong/16"> -->'
                                    '<a rel="webmention" href="/ep/16">e</a>'), headers=HTML), "/ep/16"),
        "/t/17": (answer(202, body=_page('<link rel="webmention" href="">'), headers=HTML), "/t/17"),
        "/t/18": (answer(headers={"Link": "</ep/18?version=1&x=y>; rel=webmention"}), "/ep/18?version=1&x=y"),
        "/t/19": (answer(302, headers={"Location": "/moved/19/"}), "/moved/19/ep"),
        "/t/20": (answer(body=_page("<p>no endpoint here</p>"), headers=HTML), None),
        "/t/21": (answer(body=_page('<link rel="not-webmention" href="/wrong/21"><link rel="webmention" href="/ep/21">'),
                         headers=HTML), "/ep/21"),
        "/t/22": (answer(body=_page('<link rel="webmention" href="/ep/22?a=1&amp;b=2">'), headers=HTML),
                  "/ep/22?a=1&b=2"),
        "/t/23": (answer(body=_page('<link rel="webmention" href="ep/23">'), headers=HTML), "/t/ep/23"),
    }


def _serve_table(web: LocalWeb) -> dict[str, str | None]:
    table = _table(web)
    for path, (handler, _) in table.items():
        web.routes[path] = handler
    web.routes["/moved/19/"] = answer(body=_page('<link rel="webmention" href="ep">'), headers=HTML)
    statuses = {"/ep/1": 201, "/ep/9": 200}  # the rest answer 202
    for _path, (_, endpoint) in table.items():
        if endpoint and endpoint != "/t/17":
            base = endpoint.split("?")[0]
            web.routes[base] = answer(statuses.get(base, 202), b"ok")
    return {path: endpoint for path, (_, endpoint) in table.items()}


def _site(site_factory, web: LocalWeb, paths, extra: str = "") -> Path:
    links = "\n".join(f"- [target {p}]({web.url(p)})" for p in paths)
    return site_factory({
        "site.yaml": "title: Me\nbase_url: https://me.example/\n",
        "notes/2025-01-02-links.md": f"---\ntitle: Links\n{extra}---\n{links}\n\n"
                                     "[my own page](https://me.example/about/) [[other]]\n",
        "notes/2025-01-01-other.md": "---\ntitle: Other\n---\nNo links.\n",
    })


def _posts(web: LocalWeb) -> list[tuple[str, dict[str, list[str]]]]:
    return [(hit.path, parse_qs(hit.body.decode())) for hit in web.hits if hit.method == "POST"]


def test_every_way_of_advertising_an_endpoint_gets_its_post(site_factory, run_cli):
    with LocalWeb() as web:
        expected = _serve_table(web)
        _site(site_factory, web, list(expected))
        code, out, err = run_cli("webmention", "send", "--allow-local")
        assert (code, err) == (0, "")
        posts = _posts(web)
        got = {path: form for path, form in posts}
        assert len(posts) == len(got) == 22  # one POST per endpoint, none to the page without one
        for page, endpoint in expected.items():
            if endpoint is None:
                continue
            assert got[endpoint] == {"source": [SOURCE], "target": [web.url(page)]}, page
        assert not any(path.startswith("/wrong/") for path, _ in posts)
        assert all(hit.headers["content-type"] == "application/x-www-form-urlencoded"
                   for hit in web.hits if hit.method == "POST")
        assert out.strip() == ("webmention: 22 sent (21 accepted), 0 failed, 1 skipped (no endpoint); "
                               "0 notes unchanged")


def test_a_second_run_sends_nothing_and_an_update_sends_again_to_removed_links(site_factory, run_cli):
    with LocalWeb() as web:
        for n in range(1, 4):
            web.routes[f"/t/{n}"] = answer(headers={"Link": f"</ep/{n}>; rel=webmention"})
            web.routes[f"/ep/{n}"] = answer(202)
        content = _site(site_factory, web, ["/t/1", "/t/2"])
        assert run_cli("webmention", "send", "--allow-local")[0] == 0
        assert sorted(p for p, _ in _posts(web)) == ["/ep/1", "/ep/2"]

        web.hits.clear()
        code, out, _ = run_cli("webmention", "send", "--allow-local")
        assert code == 0 and web.hits == []
        assert out.strip() == "webmention: 0 sent (0 accepted), 0 failed, 0 skipped (no endpoint); 2 notes unchanged"

        note = content / "notes" / "2025-01-02-links.md"
        note.write_text(note.read_text().replace(f"[target /t/1]({web.url('/t/1')})",
                                                 f"[target /t/3]({web.url('/t/3')})"))
        code, out, _ = run_cli("webmention", "send", "--allow-local")
        assert code == 0
        assert sorted(_posts(web)) == [(f"/ep/{n}", {"source": [SOURCE], "target": [web.url(f"/t/{n}")]})
                                       for n in (1, 2, 3)]  # 1: removed, so its receiver can drop it
        assert out.startswith("webmention: 3 sent (3 accepted)")


def test_a_deleted_note_notifies_its_old_targets_once(site_factory, run_cli):
    with LocalWeb() as web:
        web.routes["/t/1"] = answer(headers={"Link": "</ep/1>; rel=webmention"})
        web.routes["/ep/1"] = answer(202)
        content = _site(site_factory, web, ["/t/1"])
        run_cli("webmention", "send", "--allow-local")
        (content / "notes" / "2025-01-02-links.md").unlink()
        web.hits.clear()
        assert run_cli("webmention", "send", "--allow-local")[0] == 0
        assert _posts(web) == [("/ep/1", {"source": [SOURCE], "target": [web.url("/t/1")]})]
        web.hits.clear()
        run_cli("webmention", "send", "--allow-local")
        assert web.hits == []


def test_a_private_address_is_refused_without_allow_local(site_factory, run_cli):
    with LocalWeb() as web:
        web.routes["/t/1"] = answer(headers={"Link": "</ep/1>; rel=webmention"})
        web.routes["/ep/1"] = answer(202)
        _site(site_factory, web, ["/t/1"])
        code, out, err = run_cli("webmention", "send")
        assert code == 1
        assert web.hits == []
        assert err == (f"failed: {SOURCE} → {web.url('/t/1')}: refused: 127.0.0.1 is a local or private address "
                       "(127.0.0.1)\n")
        assert out.startswith("webmention: 0 sent (0 accepted), 1 failed")
        assert "Traceback" not in err


def test_timeouts_and_failures_are_one_line_each_and_tried_again(site_factory, run_cli):
    with LocalWeb() as web:
        web.routes["/t/slow"] = hang
        web.routes["/t/gone"] = answer(404, b"no")
        web.routes["/t/bad-endpoint"] = answer(headers={"Link": "</ep/refuses>; rel=webmention"})
        web.routes["/ep/refuses"] = answer(400, b"source does not link to target")
        web.routes["/t/slow-endpoint"] = answer(headers={"Link": "</ep/slow>; rel=webmention"})
        web.routes["/ep/slow"] = hang
        for n in range(8):  # more redirects than the client follows
            web.routes[f"/t/far/{n}"] = answer(302, headers={"Location": f"/t/far/{n + 1}"})
        _site(site_factory, web, ["/t/slow", "/t/gone", "/t/bad-endpoint", "/t/slow-endpoint", "/t/far/0"])
        code, out, err = run_cli("webmention", "send", "--allow-local", "--timeout", "1")
        assert code == 1
        lines = err.splitlines()
        assert len(lines) == 5
        assert lines[0] == f"failed: {SOURCE} → {web.url('/t/slow')}: no complete answer within 1 s (timed out)"
        assert lines[1] == f"failed: {SOURCE} → {web.url('/t/gone')}: the target answered HTTP 404"
        assert lines[2] == (f"failed: {SOURCE} → {web.url('/t/bad-endpoint')}: the endpoint "
                            f"{web.url('/ep/refuses')} answered HTTP 400")
        assert lines[3].startswith(f"failed: {SOURCE} → {web.url('/t/slow-endpoint')}: ")
        assert lines[3].endswith("(timed out)")
        assert lines[4] == f"failed: {SOURCE} → {web.url('/t/far/0')}: more than 5 redirects"
        assert out.strip() == "webmention: 0 sent (0 accepted), 5 failed, 0 skipped (no endpoint); 0 notes unchanged"

        web.routes["/t/gone"] = answer(headers={"Link": "</ep/back>; rel=webmention"})
        web.routes["/ep/back"] = answer(202)
        web.hits.clear()
        code, out, err = run_cli("webmention", "send", "--allow-local", "--timeout", "1")
        assert ("/ep/back", {"source": [SOURCE], "target": [web.url("/t/gone")]}) in _posts(web)
        assert len(err.splitlines()) == 4  # the others failed again


def test_an_endpoint_that_redirects_the_post_counts_only_if_it_accepts(site_factory, run_cli):
    """A 302 turns the POST into a GET, whose 200 proves nothing; a 307 keeps it, and a 202 after it counts."""
    with LocalWeb() as web:
        web.routes["/t/1"] = answer(headers={"Link": "</ep/moves>; rel=webmention"})
        web.routes["/ep/moves"] = answer(302, headers={"Location": "/thanks"})
        web.routes["/thanks"] = answer(200, b"thanks")
        web.routes["/t/2"] = answer(headers={"Link": "</ep/keeps>; rel=webmention"})
        web.routes["/ep/keeps"] = answer(307, headers={"Location": "/ep/new"})
        web.routes["/ep/new"] = answer(202)
        _site(site_factory, web, ["/t/1", "/t/2"])
        code, out, err = run_cli("webmention", "send", "--allow-local")
        assert code == 1
        assert err == (f"failed: {SOURCE} → {web.url('/t/1')}: the endpoint redirected the POST to "
                       f"{web.url('/thanks')}, which answered HTTP 200: the Webmention may not have arrived\n")
        assert ("/ep/new", {"source": [SOURCE], "target": [web.url("/t/2")]}) in _posts(web)
        assert out.startswith("webmention: 1 sent (1 accepted), 1 failed")


def test_replies_likes_and_bookmarks_notify_their_target_and_opted_out_notes_send_nothing(site_factory, run_cli):
    with LocalWeb() as web:
        for n in range(1, 4):
            web.routes[f"/t/{n}"] = answer(headers={"Link": f"</ep/{n}>; rel=webmention"})
            web.routes[f"/ep/{n}"] = answer(202)
        site_factory({
            "site.yaml": "title: Me\nbase_url: https://me.example/sub/\n",
            "notes/2025-01-02-reply.md": f"---\ntitle: Reply\nin_reply_to: {web.url('/t/1')}\n---\nAgreed.\n",
            "notes/2025-01-03-like.md": f"---\ntitle: Like\nlike_of: {web.url('/t/2')}#frag\n---\n",
            "notes/2025-01-04-quiet.md": f"---\ntitle: Quiet\nwebmention: false\n---\n[x]({web.url('/t/3')})\n",
            "notes/2099-01-01-future.md": f"---\ntitle: Future\n---\n[x]({web.url('/t/3')})\n",
            "notes/2025-01-05-draft.md": f"---\ntitle: Draft\ndraft: true\n---\n[x]({web.url('/t/3')})\n",
        })
        assert run_cli("webmention", "send", "--allow-local")[0] == 0
        assert sorted(_posts(web)) == [
            ("/ep/1", {"source": ["https://me.example/sub/notes/reply/"], "target": [web.url("/t/1")]}),
            ("/ep/2", {"source": ["https://me.example/sub/notes/like/"], "target": [web.url("/t/2")]}),  # no fragment
        ]


def test_dry_run_lists_and_touches_neither_network_nor_record(site_factory, run_cli):
    with LocalWeb() as web:
        web.routes["/t/1"] = answer(headers={"Link": "</ep/1>; rel=webmention"})
        web.routes["/ep/1"] = answer(202)
        content = _site(site_factory, web, ["/t/1"])
        code, out, err = run_cli("webmention", "send", "--dry-run")
        assert code == 0 and web.hits == []
        assert out.splitlines() == [f"would send: {SOURCE} → {web.url('/t/1')}",
                                    "webmention (dry run): 1 to send; 0 notes unchanged; nothing sent"]
        assert not (content.parent / ".plnsite-cache" / "webmention").exists()
        run_cli("webmention", "send", "--allow-local")
        assert len(_posts(web)) == 1


def test_a_site_with_errors_sends_nothing(site_factory, run_cli):
    site_factory({"notes/2025-01-02-bad.md": "---\ntitle: Bad\nin_reply_to: nope\n---\n"})
    code, out, err = run_cli("webmention", "send", "--allow-local")
    assert code == 1
    assert "content/notes/2025-01-02-bad.md:3: error: in_reply_to must be an http(s) URL, not 'nope'" in err
    assert err.strip().endswith("webmention send failed: 1 error; nothing was sent")


def test_build_and_serve_never_load_the_http_client():
    """They only read what fetch and send wrote: nothing they import can reach the network."""
    code = ("import sys, plnsite.build, plnsite.commands.build, plnsite.commands.serve, plnsite.serve; "
            "print(sorted(m for m in sys.modules if m.startswith(('plnsite.web', 'httpx', 'plnsite.mentions.send'))))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"


@pytest.mark.parametrize("value", ["0", "-1", "abc", "601"])
def test_a_bad_timeout_is_a_usage_error(run_cli, value):
    code, _, err = run_cli("webmention", "send", "--timeout", value)
    assert code == 2 and "--timeout" in err
