"""Which address `plnsite serve --host` listens on, the URL it prints, and who can reach it.

``--host`` may be an IPv4 or IPv6 address or a name. A name is resolved once, IPv4 first, so
``localhost`` stays 127.0.0.1 wherever it also means ::1; an IPv6 address (``::1``, ``::``) or
a name with IPv6 addresses only is served over IPv6. Whether other machines can reach the
preview is decided on the address actually bound: only loopback addresses (all of
127.0.0.0/8, and ::1) are private to this machine.
"""

from __future__ import annotations

import ipaddress
import socket

from ..errors import UsageError

__all__ = ["browsable_host", "is_wildcard", "listen_address", "reachable_from_elsewhere"]


def listen_address(host: str, port: int) -> tuple[socket.AddressFamily, tuple]:
    """The address family and socket address to bind for ``host``: IPv4 when it has an IPv4
    address, else IPv6. A UsageError names a host that does not resolve."""
    try:
        found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise UsageError(f"cannot serve on {host}:{port}: {reason} (--host takes an address such as "
                         "127.0.0.1 or ::1, or a name this machine resolves)") from None
    for family in (socket.AF_INET, socket.AF_INET6):
        for info in found:
            if info[0] == family:
                return family, info[4]
    raise UsageError(f"cannot serve on {host}:{port}: it has no IPv4 or IPv6 address")


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.partition("%")[0])  # a link-local address may carry its interface
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def reachable_from_elsewhere(address: str) -> bool:
    """True unless the bound ``address`` is a loopback one: every other address, and the
    unspecified ones (0.0.0.0, ::) that listen on all of them, can be reached from the network."""
    return not _ip(address).is_loopback


def is_wildcard(address: str) -> bool:
    """0.0.0.0 or "::": listening on every address of the machine."""
    return _ip(address).is_unspecified


def browsable_host(address: str) -> str:
    """``address`` as it goes in a URL: IPv6 in brackets; for a wildcard, this machine's loopback
    address of the same family, which a browser here can open (0.0.0.0 and :: are no places
    to browse to)."""
    if is_wildcard(address):
        address = "::1" if ":" in address else "127.0.0.1"
    # A link-local address's interface (fe80::1%eth0) is written %25eth0 in a URL (RFC 6874).
    return f"[{address.replace('%', '%25')}]" if ":" in address else address
