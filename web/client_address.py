"""Whose request this is. Behind a reverse proxy every request comes from the proxy, and
the visitor's address is in `X-Forwarded-For` — a header anyone can send. It counts only
when the peer is one of FRONTDESK_TRUSTED_PROXIES (default: none); then the client is the
right-most address in it that is not itself a trusted proxy. The server runs without its
own proxy-header handling (`frontdesk serve`), so this is the one place that decides.

Sign-in and booking-code limits count per client address: a forged header must not give
an attacker a fresh address per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from starlette.types import Scope

Network = IPv4Network | IPv6Network


def parse_networks(values: Sequence[str]) -> list[Network]:
    """Addresses or CIDR ranges; raises ValueError naming a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network") from None
    return networks


def _within(host: str, networks: Sequence[Network]) -> bool:
    try:
        address = ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def forwarded_client(peer: str, forwarded: str, trusted: Sequence[Network]) -> str:
    """The client behind `peer`, from an `X-Forwarded-For` value (`peer` when untrusted)."""
    if not _within(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            try:
                return str(ip_address(hop))
            except ValueError:
                return peer  # garbage in the header: the proxy is all we know
    return hops[0] if hops else peer


def forwarded_scope(scope: Scope, trusted: Sequence[Network]) -> Scope:
    """The ASGI scope with `client` set to the forwarded client when a trusted proxy sent
    the request; otherwise the scope itself (`web.edge` applies it to every request)."""
    client = scope.get("client")
    if trusted and scope["type"] in ("http", "websocket") and client:
        values = [v.decode("latin-1") for k, v in scope["headers"] if k == b"x-forwarded-for"]
        if values:
            host = forwarded_client(client[0], ",".join(values), trusted)
            return dict(scope, client=(host, 0))
    return scope


def client_host(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
