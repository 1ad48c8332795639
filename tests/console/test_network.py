"""Where a console request comes from: X-Forwarded-For is believed only from a trusted proxy."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.console.network import allowed, client_address, network_of, parse_networks

PROXY = parse_networks(["127.0.0.1/32", "10.255.0.0/24"])


def ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(text)


def test_the_header_counts_only_when_the_peer_is_a_trusted_proxy() -> None:
    assert client_address("203.0.113.9", "10.1.1.1", PROXY) == ip("203.0.113.9"), "a client cannot claim an office IP"
    assert client_address("127.0.0.1", "10.1.1.1", PROXY) == ip("10.1.1.1")
    assert client_address("127.0.0.1", "10.1.1.1", ()) == ip("127.0.0.1"), "no trusted proxies: the peer"


def test_the_right_most_untrusted_hop_is_the_client() -> None:
    # The client wrote "10.1.1.1" itself; the proxies appended its real address and their own.
    assert client_address("127.0.0.1", "10.1.1.1, 198.51.100.4, 10.255.0.7", PROXY) == ip("198.51.100.4")
    assert client_address("127.0.0.1", "10.255.0.8", PROXY) == ip("127.0.0.1"), "only proxies: the nearest"
    assert client_address("127.0.0.1", "garbage, 10.1.1.1", PROXY) == ip("10.1.1.1")
    assert client_address("127.0.0.1", "10.1.1.1, garbage", PROXY) is None
    assert client_address("::ffff:127.0.0.1", "10.1.1.1", PROXY) == ip("10.1.1.1"), "IPv4 on an IPv6 socket"


def test_the_allow_list() -> None:
    office = parse_networks(["10.0.0.0/8", "2001:db8::/32"])
    assert allowed(ip("10.3.4.5"), office) and allowed(ip("2001:db8::1"), office)
    assert not allowed(ip("192.0.2.1"), office) and not allowed(None, office)
    assert allowed(ip("192.0.2.1"), ()) and allowed(None, ()), "empty: any"
    assert network_of(ip("10.3.4.5")) == "10.3.4.0/24" and network_of(ip("2001:db8:1:2::9")) == "2001:db8:1::/48"


def test_settings_name_a_bad_network(tmp_path: Path) -> None:
    base = {"VERN_ENV": "test", "VERN_VAR_DIR": str(tmp_path)}
    settings = load_settings({**base, "CONSOLE_ALLOWED_NETWORKS": "10.1.2.3/16, ::1", "TRUSTED_PROXIES": "127.0.0.1"})
    assert settings.console.allowed_networks == ("10.1.0.0/16", "::1/128")
    assert settings.console.trusted_proxies == ("127.0.0.1/32",)
    with pytest.raises(ConfigError, match="CONSOLE_ALLOWED_NETWORKS.*'10.0.0.300/8'"):
        load_settings({**base, "CONSOLE_ALLOWED_NETWORKS": "10.0.0.300/8"})
    with pytest.raises(ConfigError, match="CONSOLE_ALERT_REVEALS_PER_HOUR"):
        load_settings({**base, "CONSOLE_ALERT_REVEALS_PER_HOUR": "0"})
