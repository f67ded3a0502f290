"""plnsite.web.http against real servers on 127.0.0.1: each rule of the careful client."""

from __future__ import annotations

import socket
import threading

import pytest

from plnsite import __version__
from plnsite.web.http import HttpClient, HttpError, Limits, Request, user_agent
from tests.webserver import LocalWeb, answer, hang, stream_forever, trickle


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


def failure(client: HttpClient, url: str) -> HttpError:
    with pytest.raises(HttpError) as caught:
        client.get(url)
    error = caught.value
    assert "\n" not in str(error) and "Traceback" not in str(error)
    return error


def test_user_agent_names_plnsite_and_the_site(web):
    web.routes["/"] = answer(body="hi")
    response = HttpClient(user_agent("https://me.example/")).get(web.url("/"))
    assert response.ok and response.body == b"hi" and response.status == 200
    hit = web.requested("/")[0]
    assert hit.headers["user-agent"] == f"plnsite/{__version__} (+https://me.example/)"
    assert "gzip" in hit.headers["accept-encoding"]


def test_gzip_body_is_decompressed(web):
    web.routes["/z"] = answer(body="<rss>" + "x" * 5000 + "</rss>", gzipped=True)
    assert HttpClient().get(web.url("/z")).body == b"<rss>" + b"x" * 5000 + b"</rss>"


def test_damaged_gzip_is_a_one_line_error(web):
    web.routes["/bad"] = answer(body=b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert failure(HttpClient(), web.url("/bad")).kind == "protocol"


def test_post_sends_a_form_and_extra_headers(web):
    web.routes["/endpoint"] = answer(202, "accepted", {"Location": "/status/1"})
    response = HttpClient().post(web.url("/endpoint"), data={"source": "https://a.example/", "target": "https://b.example/"},
                                 headers={"X-Test": "1"})
    assert response.status == 202 and response.headers["location"] == "/status/1"
    hit = web.requested("/endpoint")[0]
    assert hit.method == "POST" and hit.headers["x-test"] == "1"
    assert hit.body == b"source=https%3A%2F%2Fa.example%2F&target=https%3A%2F%2Fb.example%2F"
    assert hit.headers["content-type"] == "application/x-www-form-urlencoded"


def test_statuses_are_responses_not_errors(web):
    web.routes["/304"] = answer(304, headers={"ETag": '"v1"'})
    web.routes["/410"] = answer(410, "gone")
    web.routes["/429"] = answer(429, "slow down", {"Retry-After": "120"})
    client = HttpClient()
    assert client.get(web.url("/304"), headers={"If-None-Match": '"v1"'}).status == 304
    assert web.requested("/304")[0].headers["if-none-match"] == '"v1"'
    assert client.get(web.url("/410")).status == 410
    slow = client.get(web.url("/429"))
    assert (slow.status, slow.headers.get("retry-after"), slow.ok) == (429, "120", False)


def test_headers_are_case_insensitive_and_keep_every_link(web):
    web.routes["/"] = answer(body="x", headers={"Link": '<https://a.example/wm>; rel="webmention"', "X-One": "1"})

    def two_links(request, server):
        request.send_response(200)
        request.send_header("Link", '<https://a.example/wm>; rel="webmention"')
        request.send_header("link", '<https://a.example/feed>; rel="alternate"')
        request.send_header("Content-Length", "0")
        request.end_headers()

    web.routes["/links"] = two_links
    headers = HttpClient().get(web.url("/links")).headers
    assert headers.get_all("LINK") == ('<https://a.example/wm>; rel="webmention"', '<https://a.example/feed>; rel="alternate"')
    assert headers.get("Link") == '<https://a.example/wm>; rel="webmention"' and "content-length" in headers


def test_a_server_that_never_answers_times_out(web):
    web.routes["/hang"] = hang
    error = failure(HttpClient(limits=Limits(total=0.5)), web.url("/hang"))
    assert error.kind == "timeout" and "timed out" in str(error)


def test_trickling_bytes_cannot_stretch_the_total_deadline(web):
    # Each byte comes well within any per-read timeout; only a deadline on the whole ends it.
    web.routes["/slow"] = trickle(0.05)
    assert failure(HttpClient(limits=Limits(total=0.6)), web.url("/slow")).kind == "timeout"


def test_an_endless_body_is_an_error_not_a_truncated_body(web):
    web.routes["/endless"] = stream_forever
    error = failure(HttpClient(limits=Limits(max_bytes=200_000)), web.url("/endless"))
    assert error.kind == "too-large" and "larger than" in str(error)


def test_an_announced_length_over_the_cap_is_refused(web):
    web.routes["/big"] = answer(body=b"x" * 5000)
    assert failure(HttpClient(limits=Limits(max_bytes=1000)), web.url("/big")).kind == "too-large"
    assert HttpClient(limits=Limits(max_bytes=5000)).get(web.url("/big")).body == b"x" * 5000


def test_a_gzip_bomb_is_capped_after_decompression(web):
    web.routes["/bomb"] = answer(body=b"\0" * 3_000_000, gzipped=True)  # a few KB on the wire
    assert failure(HttpClient(limits=Limits(max_bytes=1_000_000)), web.url("/bomb")).kind == "too-large"


def test_connection_refused_is_a_one_line_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = failure(HttpClient(), f"http://127.0.0.1:{port}/")
    assert error.kind == "connect" and str(error).startswith("could not connect")


def test_redirects_are_followed_and_resolved_against_each_hop(web):
    web.routes["/a"] = answer(301, headers={"Location": "/dir/b"})
    web.routes["/dir/b"] = answer(302, headers={"Location": "c"})  # relative to /dir/b
    web.routes["/dir/c"] = answer(200, "end")
    response = HttpClient().get(web.url("/a"))
    assert response.body == b"end" and response.url == web.url("/dir/c")
    assert response.redirects == (web.url("/dir/b"), web.url("/dir/c"))
    assert response.moved_to == web.url("/dir/b")  # permanent up to the first temporary hop


def test_a_chain_of_permanent_redirects_reports_its_end(web):
    web.routes["/old"] = answer(301, headers={"Location": web.url("/older")})
    web.routes["/older"] = answer(308, headers={"Location": "/new"})
    web.routes["/new"] = answer(200, "here")
    assert HttpClient().get(web.url("/old")).moved_to == web.url("/new")


def test_temporary_redirects_report_no_move(web):
    web.routes["/t"] = answer(307, headers={"Location": "/u"})
    web.routes["/u"] = answer(200, "u")
    response = HttpClient().get(web.url("/t"))
    assert response.moved_to == "" and response.redirects == (web.url("/u"),)


def test_a_redirect_loop_is_an_error(web):
    web.routes["/x"] = answer(302, headers={"Location": "/y"})
    web.routes["/y"] = answer(302, headers={"Location": "/x"})
    error = failure(HttpClient(), web.url("/x"))
    assert error.kind == "loop" and "loop" in str(error)


def test_redirects_stop_after_the_limit(web):
    for n in range(10):
        web.routes[f"/r{n}"] = answer(302, headers={"Location": f"/r{n + 1}"})
    error = failure(HttpClient(limits=Limits(max_redirects=3)), web.url("/r0"))
    assert error.kind == "redirects" and "more than 3 redirects" in str(error)
    assert not web.requested("/r4")


def test_post_after_303_becomes_a_get(web):
    web.routes["/form"] = answer(303, headers={"Location": "/done"})
    web.routes["/done"] = answer(200, "ok")
    assert HttpClient().post(web.url("/form"), data={"a": "1"}).body == b"ok"
    assert web.requested("/done")[0].method == "GET"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/feed", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost"])
def test_only_http_and_https(url):
    assert failure(HttpClient(), url).kind == "scheme"


def test_a_redirect_to_another_scheme_is_refused(web):
    web.routes["/to-file"] = answer(302, headers={"Location": "file:///etc/passwd"})
    assert failure(HttpClient(), web.url("/to-file")).kind == "scheme"


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1.2.3", "localhost", "[::1]", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "100.64.0.1", "[::]", "[fe80::1]", "[fc00::1]", "[ff02::1]",
    "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]",
])
def test_the_guard_refuses_addresses_that_are_not_public(host):
    error = failure(HttpClient(allow_private=False), f"http://{host}:9/feed")
    assert error.kind == "address" and "refused" in str(error)


def test_the_guard_is_off_by_default(web):
    web.routes["/"] = answer(body="local")
    assert HttpClient().get(web.url("/")).body == b"local"


def test_the_guard_checks_every_redirect_hop(web):
    web.routes["/start"] = answer(302, headers={"Location": web.url("/inside", host="localhost")})
    web.routes["/inside"] = answer(200, "secret")
    client = HttpClient(allow_private=False, trusted_hosts=["127.0.0.1"])  # the first hop let through
    error = failure(client, web.url("/start"))
    assert error.kind == "address" and "localhost" in str(error)
    assert web.requested("/start") and not web.requested("/inside")


def test_many_requests_are_bounded_and_independent(web):
    lock, running, most = threading.Lock(), [0], [0]

    def counted(request, server):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        server.stopping.wait(0.05)
        with lock:
            running[0] -= 1
        answer(200, request.path)(request, server)

    for n in range(20):
        web.routes[f"/f{n}"] = counted
    web.routes["/f7"] = hang
    done = []
    requests = [Request(web.url(f"/f{n}")) for n in range(20)]
    results = HttpClient(limits=Limits(total=1)).request_many(requests, concurrency=3,
                                                               on_done=lambda i, r: done.append(i))
    assert sorted(done) == list(range(20))
    assert isinstance(results[7], HttpError) and results[7].kind == "timeout"
    assert [r.body for i, r in enumerate(results) if i != 7] == [f"/f{n}".encode() for n in range(20) if n != 7]
    assert 1 <= most[0] <= 3

