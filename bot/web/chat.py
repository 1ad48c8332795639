"""The widget's same-origin chat endpoints: /api/chat (forwarded to Rasa's REST channel), /api/chat/end and
/api/chat/updates (messages pushed into a chat between the person's turns, bot.web.updates).

The page therefore needs no cross-origin requests and can run under a strict Content-Security-Policy."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.chat_errors import ERROR_HEADER, chat_error_body, chat_error_response
from bot.chat_input import SENDER_PATTERN, InputRejected, parse_chat_request
from bot.rasa_adapter.client_identity import client_tag, request_address, vouched_client
from bot.services.chat_end import end_chat as end_the_chat
from bot.web.context import services
from bot.web.updates import parse_updates_request, updates_reply

logger = logging.getLogger(__name__)
chat = Blueprint("chat")


@chat.post("/api/chat")
async def chat_message(request: Request) -> HTTPResponse:
    ctx = services(request)
    settings = ctx.settings
    parsed = parse_chat_request(request.body or b"", settings.max_message_chars)
    if isinstance(parsed, InputRejected):
        return chat_error_response(settings, parsed.code, parsed.status, parsed.sender, parsed.text_for_language)
    # Rasa sees this app's address for every /api/chat client; the app vouches for the one it saw.
    payload = {"sender": parsed.sender, "message": parsed.text,
               "metadata": vouched_client(ctx.client_key, client_tag(ctx.client_key, request_address(request)))}
    try:
        async with ctx.http.post(ctx.rasa_webhook, json=payload) as upstream:
            body = await upstream.json(content_type=None)
            error = upstream.headers.get(ERROR_HEADER)
            return response.json(body, status=upstream.status, headers={ERROR_HEADER: error} if error else None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        logger.error("Rasa server unreachable from the web app (%s)", type(error).__name__)
        return chat_error_response(settings, "error_unavailable", 503, parsed.sender, parsed.text)


@chat.post("/api/chat/end")
async def end_chat(request: Request) -> HTTPResponse:
    # The widget's "end chat": the annex's masking clock starts now.
    settings = services(request).settings
    try:
        sender = json.loads(request.body or b"").get("sender")
    except (ValueError, AttributeError):
        sender = None
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return response.json(chat_error_body(settings, "error_bad_request", None), status=400)
    try:
        ended = await end_the_chat(settings, sender)
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        logger.error("ending a chat failed (%s)", type(error).__name__)
        return response.json(chat_error_body(settings, "error_unavailable", sender), status=503)
    return response.json({"ended": ended.ended, "text": ended.text})


@chat.post("/api/chat/updates")
async def chat_updates(request: Request) -> HTTPResponse:
    # Messages pushed into a chat from outside a turn (a guardian's answer), for the widget to poll.
    ctx = services(request)
    parsed = parse_updates_request(request.body or b"")
    if parsed is None:
        return response.json({"error": "bad request"}, status=400)
    sender, since = parsed
    url = f"{ctx.settings.rasa_url.rstrip('/')}/conversations/{quote(sender, safe='')}/tracker"
    # The token in a header, never in a URL (URLs end up in proxy and access logs).
    headers = {"Authorization": f"Bearer {ctx.settings.rasa_api_token.reveal()}"}
    try:
        async with ctx.http.get(url, params={"include_events": "APPLIED"}, headers=headers) as upstream:
            if upstream.status != 200:
                return response.json({"messages": []}, status=503 if upstream.status >= 500 else 200)
            tracker = await upstream.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        logger.error("Rasa server unreachable for chat updates (%s)", type(error).__name__)
        return response.json({"messages": []}, status=503)
    return response.json(await updates_reply(sender, tracker.get("events") or [], since))
