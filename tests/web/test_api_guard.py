"""Rasa's HTTP API behind Vern's guard: internal callers only, the token from a header, numbers masked on entry.

A stand-in app with the API's paths, so the guard is tested on its own; the
running stack's Rasa is checked in tests/e2e/test_rasa_api.py."""

from __future__ import annotations

import asyncio
import datetime
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import ConfigError, load_settings
from bot.rasa_adapter.api_guard import install_api_guard
from tests.pii.generators import norwegian_id
from tests.support.sanic_server import sanic_test_mode, served

TOKEN = "api-token-for-the-guard-test-0123"


@pytest.fixture(autouse=True)
def test_mode() -> Iterator[None]:
    with sanic_test_mode():
        yield


def api_app(tmp_path: Path, **env: str) -> Sanic:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "RASA_API_TOKEN": TOKEN, **env})
    app = Sanic(f"api_guard_{time.monotonic_ns()}", configure_logging=False)

    @app.get("/conversations/<cid>/tracker")
    async def tracker(request: Request, cid: str) -> HTTPResponse:
        return response.json({"token_seen": request.args.get("token") == TOKEN})

    @app.post("/conversations/<cid>/messages")
    async def messages(request: Request, cid: str) -> HTTPResponse:
        return response.json(request.json)

    @app.post("/webhooks/rest/webhook")
    async def webhook(request: Request) -> HTTPResponse:
        return response.json([])

    install_api_guard(app, settings, ["/webhooks", "/socket.io"])
    return app


def call(app: Sanic, method: str, path: str, headers: dict[str, str] | None = None,
         body: Any = None) -> tuple[int, Any]:
    async def go() -> tuple[int, Any]:
        async with served(app) as url, aiohttp.ClientSession() as http, \
                http.request(method, url + path, headers=headers or {}, json=body) as answer:
            return answer.status, await answer.json(content_type=None)

    return asyncio.run(go())


def test_from_outside_the_internal_networks_the_api_is_refused_and_the_chat_is_not(tmp_path: Path) -> None:
    app = api_app(tmp_path, RASA_API_NETWORKS="10.0.0.0/8")  # the test calls from 127.0.0.1
    status, _ = call(app, "GET", f"/conversations/x/tracker?token={TOKEN}")
    assert status == 403, "the token alone does not open the API to the public"
    assert call(app, "POST", "/webhooks/rest/webhook", body={"sender": "a", "message": "hei"})[0] == 200


def test_through_a_reverse_proxy_the_api_is_refused_even_from_inside(tmp_path: Path) -> None:
    app = api_app(tmp_path)
    for header in ({"X-Forwarded-For": "203.0.113.9"}, {"Forwarded": "for=203.0.113.9"},
                   {"X-Real-IP": "203.0.113.9"}):
        assert call(app, "GET", f"/conversations/x/tracker?token={TOKEN}", header)[0] == 403, header
    assert call(app, "GET", f"/conversations/x/tracker?token={TOKEN}")[0] == 200


def test_the_token_may_come_as_a_bearer_header(tmp_path: Path) -> None:
    app = api_app(tmp_path)
    assert call(app, "GET", "/conversations/x/tracker", {"Authorization": f"Bearer {TOKEN}"}) == (
        200, {"token_seen": True})
    assert call(app, "GET", "/conversations/x/tracker", {"Authorization": "Bearer wrong"}) == (
        200, {"token_seen": False}), "a wrong token is not turned into the right one"


def test_a_national_id_sent_through_the_api_is_masked_before_rasa_reads_it(tmp_path: Path) -> None:
    national_id = norwegian_id(datetime.date(1985, 2, 11), 217)
    app = api_app(tmp_path)
    body = {"text": f"mitt fødselsnummer er {national_id}", "sender": "user",
            "parse_data": {"text": f"mitt fødselsnummer er {national_id}", "intent": {"name": "inform"}}}
    status, seen = call(app, "POST", "/conversations/x/messages", {"Authorization": f"Bearer {TOKEN}"}, body)
    assert status == 200
    assert national_id not in str(seen) and "<number>" in seen["text"] and "<number>" in seen["parse_data"]["text"]


def test_in_production_the_api_networks_must_be_internal(tmp_path: Path) -> None:
    production = {"VERN_VAR_DIR": str(tmp_path), "VERN_ENV": "production", "SECRET_KEY": "s" * 32,
                  "RASA_API_TOKEN": TOKEN, "ACTION_SERVER_SECRET": "a" * 32, "SMTP_URL": "smtp://mail:25",
                  "DATABASE_URL": "postgresql://db/vern"}
    for public in ("0.0.0.0/0", "10.0.0.0/8,203.0.113.0/24", "::/0"):
        with pytest.raises(ConfigError, match="RASA_API_NETWORKS"):
            load_settings({**production, "RASA_API_NETWORKS": public})
    assert load_settings({**production, "RASA_API_NETWORKS": "10.0.0.0/8"}).rasa_api_networks == ("10.0.0.0/8",)


def test_vern_own_calls_carry_the_token_in_a_header_never_in_the_url(tmp_path: Path) -> None:
    from bot.rasa_adapter.conversation_api import RasaConversationApi

    seen: list[tuple[str, str]] = []
    app = api_app(tmp_path)

    @app.post("/conversations/<cid>/trigger_intent")
    async def trigger(request: Request, cid: str) -> HTTPResponse:
        seen.append((request.url, request.args.get("token") or ""))
        return response.json({})

    async def go() -> None:
        async with served(app) as url:
            await RasaConversationApi(url, TOKEN).trigger_intent("chat-1", "EXTERNAL_caseworker_message")

    asyncio.run(go())
    ((url, token),) = seen
    assert TOKEN not in url and "output_channel=latest" in url
    assert token == TOKEN, "Rasa's check sees the token the header carried"
