"""Which client a chat message came from, as a keyed tag the channel puts in the message's metadata.

The verification limits need it (one connection may spend only part of an address's codes), and only the
server may set it: a client's own `metadata` can claim anything, so the channels overwrite this key on every
message. The tag is an HMAC of the address the server saw, never the address itself (it lands in the
tracker with the message). Behind a reverse proxy that address is the proxy's unless Sanic is told which
proxies to trust (SANIC_PROXIES_COUNT / SANIC_REAL_IP_HEADER / SANIC_FORWARDED_SECRET; docs/security.md)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

CLIENT_METADATA_KEY = "vern_client"


def client_tag(secret_key: bytes, address: str | None) -> str | None:
    if not address:
        return None
    return hmac.new(secret_key, b"chat-client:" + address.encode(), hashlib.sha256).hexdigest()[:32]


def request_address(request: Any) -> str | None:
    """The client's address as Sanic resolves it: the forwarded one from a trusted proxy, else the peer."""
    return getattr(request, "remote_addr", None) or getattr(request, "ip", None) or None


def with_client(metadata: dict[str, Any], tag: str | None) -> dict[str, Any]:
    """The metadata with the server's word on the client, whatever the client sent under that key."""
    cleaned = {key: value for key, value in metadata.items() if key != CLIENT_METADATA_KEY}
    if tag:
        cleaned[CLIENT_METADATA_KEY] = tag
    return cleaned
