"""Where a console request comes from, and whether the console answers there.

The connecting address is the client unless it is one of TRUSTED_PROXIES;
then the right-most address of X-Forwarded-For that is not itself a trusted
proxy is. Anything else in that header was written by the client and proves
nothing (a forged header from the internet must not pass the allow-list)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(cidrs: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _address(text: str | None) -> Address | None:
    try:
        address = ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket arrives as ::ffff:a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _within(address: Address, networks: Sequence[Network]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> Address | None:
    """The client's address; None if it cannot be told (then nothing that needs one is allowed)."""
    current = _address(peer)
    if current is None or not _within(current, trusted) or not forwarded_for:
        return current
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            return None  # a garbled chain: the proxy did not write it
        if not _within(address, trusted):
            return address
    return current


def allowed(address: Address | None, networks: Sequence[Network]) -> bool:
    """Empty list: any address; otherwise only addresses inside one of the networks."""
    if not networks:
        return True
    return address is not None and _within(address, networks)


def network_of(address: Address) -> str:
    """The network an address belongs to for 'a login from somewhere new': the /24 or the /48."""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
