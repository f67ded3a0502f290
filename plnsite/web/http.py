"""A careful HTTP client for commands that read or write other people's sites (``fetch``,
Webmention): the one home of httpx.

Every request is bounded: a connect timeout and a total deadline that a server cannot stretch by
trickling bytes (the whole exchange, redirects included, is cancelled when it passes), a cap on
the bytes read (a larger body is an error, never a truncated one), redirects followed by hand up to
a number of hops (a loop is an error; a permanent one is reported so the user can update a link),
only http and https. With ``allow_private=False`` a URL whose host resolves to a loopback,
link-local, private, unspecified, multicast or reserved address is refused, at every hop.

Failures are :class:`HttpError`, whose text is one line for the user; an HTTP status is not a
failure (the caller decides what a 304, 410 or 429 means). Many requests run concurrently on one
event loop, at most ``concurrency`` at a time (:meth:`HttpClient.request_many`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__

__all__ = ["Headers", "HttpClient", "HttpError", "Limits", "Request", "Response", "user_agent"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})


def user_agent(base_url: str = "") -> str:
    """``plnsite/0.1.0 (+https://example.org/)``: who is asking, and where to read about them."""
    return f"plnsite/{__version__} (+{base_url})" if base_url else f"plnsite/{__version__}"


@dataclass(frozen=True)
class Limits:
    connect: float = 10.0  # seconds to open the connection
    total: float = 30.0  # seconds for the whole exchange, redirects and body included
    max_bytes: int = 4 * 1024 * 1024  # of the (decompressed) body
    max_redirects: int = 5


class HttpError(Exception):
    """A request that gave no response: its text is one line for the user (no traceback)."""

    def __init__(self, url: str, message: str, kind: str) -> None:
        super().__init__(message)
        self.url = url
        self.message = message
        self.kind = kind  # "timeout", "too-large", "redirects", "loop", "scheme", "address", "connect", "protocol"

    def __str__(self) -> str:
        return self.message


class Headers:
    """Response headers: names case-insensitive, every value of a repeated header kept
    (``get_all("link")``), in the order the server sent them."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items = tuple((name.lower(), value) for name, value in items)

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value of ``name``, or ``default``."""
        name = name.lower()
        return next((value for key, value in self._items if key == name), default)

    def get_all(self, name: str) -> tuple[str, ...]:
        name = name.lower()
        return tuple(value for key, value in self._items if key == name)

    def items(self) -> tuple[tuple[str, str], ...]:
        return self._items

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Headers) and other._items == self._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Headers({list(self._items)!r})"


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: Headers
    body: bytes  # decompressed
    moved_to: str = ""  # where the redirects that were all permanent, from the first, led; else ""
    redirects: tuple[str, ...] = ()  # each hop's URL after the first
    elapsed: float = 0.0  # seconds

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class Request:
    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    data: Mapping[str, str] | None = field(default=None, hash=False)  # a form (POST)
    content: bytes | None = None


class HttpClient:
    """``HttpClient(user_agent("https://me.example/")).get(url)`` → :class:`Response` or
    :class:`HttpError`. ``trusted_hosts`` are hosts the address guard lets through (named, exactly
    as they appear in URLs)."""

    def __init__(self, agent: str | None = None, *, limits: Limits = Limits(), allow_private: bool = True,
                 trusted_hosts: Iterable[str] = ()) -> None:
        self.agent = agent or user_agent()
        self.limits = limits
        self.allow_private = allow_private
        self.trusted_hosts = frozenset(host.lower() for host in trusted_hosts)

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        return self.request(Request(url, "GET", tuple((headers or {}).items())))

    def post(self, url: str, *, data: Mapping[str, str] | None = None, content: bytes | None = None,
             headers: Mapping[str, str] | None = None) -> Response:
        return self.request(Request(url, "POST", tuple((headers or {}).items()), data, content))

    def request(self, request: Request) -> Response:
        """One request; raises :class:`HttpError` when it gives no response."""
        result = self.request_many([request], concurrency=1)[0]
        if isinstance(result, HttpError):
            raise result
        return result

    def request_many(self, requests: Sequence[Request], *, concurrency: int = 8,
                     on_done: Callable[[int, Response | HttpError], None] | None = None,
                     ) -> list[Response | HttpError]:
        """Every request, at most ``concurrency`` at a time: a Response or HttpError for each, in
        the order given. ``on_done(index, result)`` is called in this thread as each ends."""
        return asyncio.run(self._many(list(requests), max(1, concurrency), on_done))

    async def _many(self, requests, concurrency, on_done):
        results: list[Response | HttpError] = [None] * len(requests)  # type: ignore[list-item]
        gate = asyncio.Semaphore(concurrency)
        timeout = httpx.Timeout(self.limits.total, connect=self.limits.connect)
        pool = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(timeout=timeout, limits=pool, follow_redirects=False, trust_env=False,
                                     headers={"User-Agent": self.agent, "Accept-Encoding": "gzip, deflate"},
                                     ) as client:
            async def one(index: int, request: Request) -> None:
                async with gate:
                    results[index] = await self._bounded(client, request)
                if on_done is not None:
                    on_done(index, results[index])

            await asyncio.gather(*(one(i, r) for i, r in enumerate(requests)))
        return results

    async def _bounded(self, client, request: Request) -> Response | HttpError:
        started = time.monotonic()
        try:
            return await asyncio.wait_for(self._follow(client, request, started), self.limits.total)
        except asyncio.TimeoutError:
            return HttpError(request.url, f"no complete answer within {self.limits.total:g} s (timed out)", "timeout")
        except HttpError as error:
            return error
        except httpx.ConnectTimeout:
            return HttpError(request.url, f"could not connect within {self.limits.connect:g} s (timed out)", "timeout")
        except httpx.TimeoutException:
            return HttpError(request.url, f"no complete answer within {self.limits.total:g} s (timed out)", "timeout")
        except httpx.DecodingError:
            return HttpError(request.url, "the response's compressed body is damaged", "protocol")
        except httpx.ConnectError as error:
            return HttpError(request.url, f"could not connect: {_reason(error)}", "connect")
        except (httpx.HTTPError, httpx.InvalidURL, ssl.SSLError, OSError, UnicodeError, ValueError) as error:
            return HttpError(request.url, f"the exchange failed: {_reason(error)}", "protocol")

    async def _follow(self, client, request: Request, started: float) -> Response:
        url, method, data, content = request.url, request.method.upper(), request.data, request.content
        seen = {_normal(url)}
        hops: list[str] = []
        moved_to, permanent_so_far = "", True
        while True:
            await self._check(url, request.url)
            async with client.stream(method, url, headers=list(request.headers), data=data, content=content) as answer:
                location = answer.headers.get("location")
                if answer.status_code in _REDIRECTS and location:
                    target = urljoin(url, location.strip())
                    if len(hops) >= self.limits.max_redirects:
                        raise HttpError(request.url, f"more than {self.limits.max_redirects} redirects", "redirects")
                    if _normal(target) in seen:
                        raise HttpError(request.url, f"redirect loop: {target} was already visited", "loop")
                    seen.add(_normal(target))
                    hops.append(target)
                    permanent_so_far = permanent_so_far and answer.status_code in _PERMANENT
                    if permanent_so_far:
                        moved_to = target
                    # 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
                    if answer.status_code == 303 or (answer.status_code in (301, 302) and method == "POST"):
                        method, data, content = "GET", None, None
                    url = target
                    continue
                body = await self._read(answer, request.url)
                return Response(url=str(answer.url), status=answer.status_code,
                                headers=Headers(answer.headers.multi_items()), body=body, moved_to=moved_to,
                                redirects=tuple(hops), elapsed=time.monotonic() - started)

    async def _read(self, answer, first_url: str) -> bytes:
        cap = self.limits.max_bytes
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and answer.headers.get("content-encoding") in (None, "identity") and int(declared) > cap:
            raise HttpError(first_url, f"larger than {_size(cap)} ({_size(int(declared))} announced)", "too-large")
        chunks, size = [], 0
        async for chunk in answer.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise HttpError(first_url, f"larger than {_size(cap)} (stopped reading)", "too-large")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _check(self, url: str, first_url: str) -> None:
        """Refuse what this client must not ask for: another scheme, or (with the guard on) a
        host that resolves to an address that is not public."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise HttpError(first_url, f"not an http(s) URL: {_short(url)}", "scheme")
        host = parts.hostname.lower()
        if self.allow_private or host in self.trusted_hosts:
            return
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            raise HttpError(first_url, f"not a valid port in {_short(url)}", "scheme") from None
        for address in await _addresses(host, port, first_url):
            if not _public(address):
                raise HttpError(first_url, f"refused: {host} is a local or private address ({address})", "address")


async def _addresses(host: str, port: int, first_url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]").split("%")[0])]
    except ValueError:
        pass
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise HttpError(first_url, f"could not resolve {host}: {_reason(error)}", "connect") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable unicast address (an IPv4-mapped IPv6 address judged by its IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_loopback or address.is_link_local or address.is_private
                                      or address.is_unspecified or address.is_multicast or address.is_reserved)


def _normal(url: str) -> str:
    return url.split("#", 1)[0]


def _short(url: str, limit: int = 120) -> str:
    url = "".join(c if c.isprintable() else repr(c)[1:-1] for c in url)
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB" if n >= 1024 else f"{n} bytes"


def _reason(error: BaseException) -> str:
    """The innermost cause's words, on one line."""
    for _ in range(10):  # a chain is short; a cycle must not hang
        inner = error.__cause__ or error.__context__
        if inner is None or not str(inner):
            break
        error = inner
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]

