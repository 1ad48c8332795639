"""Rasa's HTTP API on Rasa's port: internal callers only, the token from a header, no raw numbers stored.

Rasa serves its HTTP API (`/conversations`, `/model`, `/status`, …) on the same
port as the chat channels the public must reach (`/webhooks/…`, the socket).
The API can read, rewrite and replay every conversation, so (issue 15 item 8):

- its paths answer only requests from RASA_API_NETWORKS that did not come through
  a reverse proxy (a proxy marks what it forwards with X-Forwarded-For,
  Forwarded or X-Real-IP); everything else gets 403 before Rasa sees it;
- the API token may come as `Authorization: Bearer <token>` (Rasa reads only
  `?token=`, which lands in access logs); Vern's own calls use the header;
- text that enters a conversation through the API (`POST …/messages`, events
  appended to a tracker) passes the same high-risk-number mask as the chat.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings

logger = logging.getLogger(__name__)

PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
# Where text enters a conversation through the API.
_TEXT_PATHS = re.compile(r"^/conversations/[^/]+/(messages|tracker/events)$")


def is_public_path(path: str, public_prefixes: Iterable[str]) -> bool:
    return path == "/" or any(path == p.rstrip("/") or path.startswith(p.rstrip("/") + "/") for p in public_prefixes)


def is_internal(request: Request, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    if any(request.headers.get(h) for h in PROXY_HEADERS):
        return False
    try:
        peer = ipaddress.ip_address(request.ip)
    except ValueError:
        return False
    return any(peer in network for network in networks)


def bearer_as_token(request: Request, api_token: str) -> None:
    """Lets Rasa's `?token=` check accept the same token from `Authorization: Bearer`."""
    header = request.headers.get("authorization") or ""
    if not header.lower().startswith("bearer ") or not api_token:
        return
    given = header[len("bearer "):].strip()
    if hmac.compare_digest(given.encode(), api_token.encode()):
        request.args["token"] = [api_token]  # Sanic caches the parsed query; Rasa reads it from there


def _masked_event(event: Any) -> Any:
    from bot.services.pii_warning import storable_text

    if isinstance(event, dict) and event.get("event") == "user":
        if isinstance(event.get("text"), str):
            event["text"] = storable_text(event["text"])
        parse_data = event.get("parse_data")
        if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
            parse_data["text"] = storable_text(parse_data["text"])
    return event


def masked_body(path: str, body: bytes) -> bytes | None:
    """The request body with the person's text masked, or None when there is nothing to change."""
    from bot.services.pii_warning import storable_text

    try:
        payload = json.loads(body or b"null")
    except (ValueError, RecursionError):
        return None  # Rasa answers a malformed body itself
    if path.endswith("/messages") and isinstance(payload, dict):
        if payload.get("sender") == "user" and isinstance(payload.get("text"), str):
            payload["text"] = storable_text(payload["text"])
            parse_data = payload.get("parse_data")
            if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
                parse_data["text"] = storable_text(parse_data["text"])
    elif isinstance(payload, list):
        payload = [_masked_event(e) for e in payload]
    else:
        payload = _masked_event(payload)
    return json.dumps(payload).encode()


def install_api_guard(app: Sanic, settings: Settings, public_prefixes: Iterable[str]) -> None:
    networks = tuple(ipaddress.ip_network(n) for n in settings.rasa_api_networks)
    public = tuple(public_prefixes)
    api_token = settings.rasa_api_token.reveal()

    @app.on_request
    async def guard_api(request: Request) -> HTTPResponse | None:
        if is_public_path(request.path, public):
            return None
        if not is_internal(request, networks):
            return response.json({"error": "Rasa's HTTP API is reachable only from the internal network"},
                                 status=403)
        bearer_as_token(request, api_token)
        if request.method in ("POST", "PUT") and _TEXT_PATHS.match(request.path):
            masked = masked_body(request.path, request.body)
            if masked is not None:
                request.body = masked
                request.parsed_json = None  # Rasa reads request.json: parse the masked body
        return None
