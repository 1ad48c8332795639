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
# The web app forwards /api/chat to the REST channel, which then sees the web app's address for everyone.
# It vouches for the client it saw with this proof (an HMAC under SECRET_KEY, which both processes hold);
# a client cannot make one.
CLIENT_PROOF_KEY = "vern_client_proof"


def client_tag(secret_key: bytes, address: str | None) -> str | None:
    if not address:
        return None
    return hmac.new(secret_key, b"chat-client:" + address.encode(), hashlib.sha256).hexdigest()[:32]


def request_address(request: Any) -> str | None:
    """The client's address as Sanic resolves it: the forwarded one from a trusted proxy, else the peer."""
    return getattr(request, "remote_addr", None) or getattr(request, "ip", None) or None


def _proof(secret_key: bytes, tag: str) -> str:
    return hmac.new(secret_key, b"chat-client-forwarded:" + tag.encode(), hashlib.sha256).hexdigest()


def vouched_client(secret_key: bytes, tag: str | None) -> dict[str, str]:
    """What the web app adds to a forwarded message's metadata: the client it saw, with its proof."""
    return {CLIENT_METADATA_KEY: tag, CLIENT_PROOF_KEY: _proof(secret_key, tag)} if tag else {}


def client_of_request(secret_key: bytes, metadata: dict[str, Any], request: Any) -> str | None:
    """The client a message came from: the one the web app vouched for, else the address this request came from."""
    tag, proof = metadata.get(CLIENT_METADATA_KEY), metadata.get(CLIENT_PROOF_KEY)
    if isinstance(tag, str) and isinstance(proof, str) and hmac.compare_digest(proof, _proof(secret_key, tag)):
        return tag
    return client_tag(secret_key, request_address(request))


def with_client(metadata: dict[str, Any], tag: str | None) -> dict[str, Any]:
    """The metadata with the server's word on the client, whatever the client sent under those keys."""
    cleaned = {key: value for key, value in metadata.items() if key not in (CLIENT_METADATA_KEY, CLIENT_PROOF_KEY)}
    if tag:
        cleaned[CLIENT_METADATA_KEY] = tag
    return cleaned
