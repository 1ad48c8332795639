"""Rasa's documented socket.io protocol, as Vern's channel speaks it, to a python-socketio client.

The channel runs in a Sanic app of its own here (the stack's Rasa cannot be
restarted with other credentials for one test), with Rasa's agent replaced by a
stand-in that echoes: what is under test is the channel's side of the protocol
(credentials.yml options, session, metadata, JWT, messages pushed between turns).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import jwt
import pytest
import socketio
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.config import get_settings
from bot.i18n import translate
from bot.rasa_adapter.socket_channel import VernSocketIOInput
from tests.support.sanic_server import sanic_test_mode, served

JWT_KEY = "socket-test-secret-0123456789abcdef"
TIMEOUT = 10


@pytest.fixture(scope="module", autouse=True)
def migrated() -> Iterator[None]:
    from bot.db import migrate
    from bot.db.engine import get_engine

    migrate.upgrade(get_engine(get_settings().database_url))
    with sanic_test_mode():
        yield


class Echo:
    """Stands in for Rasa's agent: answers each message with its text and two quick replies."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        await message.output_channel.send_response(message.sender_id, {
            "text": f"echo: {message.text}", "buttons": [{"title": "Ja", "payload": "/affirm"},
                                                        {"title": "Nei", "payload": "/deny"}]})


@asynccontextmanager
async def channel_server(credentials: dict[str, Any]) -> AsyncIterator[tuple[VernSocketIOInput, Echo, str]]:
    channel = VernSocketIOInput.from_credentials(credentials)
    assert isinstance(channel, VernSocketIOInput)
    echo = Echo()
    app = Sanic(f"socket_protocol_{time.monotonic_ns()}", configure_logging=False)
    app.blueprint(channel.blueprint(echo))
    async with served(app) as url:
        yield channel, echo, url


class _Client(socketio.AsyncClient):
    async def disconnect(self) -> None:
        # Without abort, the client waits out the long-poll in flight (about 30 s) before it lets go,
        # also when the server refused it.
        await self.eio.disconnect(abort=True)


@asynccontextmanager
async def client(url: str, path: str = "/socket.io", namespace: str = "/",
                 auth: dict[str, str] | None = None) -> AsyncIterator[tuple[socketio.AsyncClient, asyncio.Queue]]:
    sio = _Client()
    inbox: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    for event in ("session_confirm", "bot_uttered", "said", "vern_turn"):
        sio.on(event, lambda data, event=event: inbox.put_nowait((event, data)), namespace=namespace)
    origin = get_settings().widget_origins[0]
    await sio.connect(url, socketio_path=path, namespaces=[namespace], auth=auth, headers={"Origin": origin},
                      transports=["polling"], wait_timeout=TIMEOUT)
    try:
        yield sio, inbox
    finally:
        await sio.disconnect()


async def next_event(inbox: asyncio.Queue, wanted: str) -> Any:
    while True:
        event, data = await asyncio.wait_for(inbox.get(), TIMEOUT)
        if event == wanted:
            return data


async def plain_until_receipt(inbox: asyncio.Queue, event_name: str = "bot_uttered") -> list[dict[str, Any]]:
    """The messages a standard client would show (custom messages left out), up to Vern's receipt."""
    shown = []
    while True:
        event, data = await asyncio.wait_for(inbox.get(), TIMEOUT)
        if event == "vern_turn":
            return shown
        if event == event_name and "custom" not in data:
            shown.append(data)


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(test())


def test_the_documented_protocol_with_renamed_events_a_namespace_and_a_path() -> None:
    credentials = {"user_message_evt": "say", "bot_message_evt": "said", "namespace": "/chat",
                   "socketio_path": "/chat.io", "session_persistence": True}

    async def scenario() -> None:
        async with channel_server(credentials) as (_, echo, url), client(url, "/chat.io", "/chat") as (sio, inbox):
            await sio.emit("session_request", {"session_id": "page-session-1"}, namespace="/chat")
            assert await next_event(inbox, "session_confirm") == "page-session-1"
            await sio.emit("say", {"message": "hei", "session_id": "page-session-1"}, namespace="/chat")
            shown = await plain_until_receipt(inbox, "said")
        assert shown == [{"text": "echo: hei", "quick_replies": [
            {"content_type": "text", "title": "Ja", "payload": "/affirm"},
            {"content_type": "text", "title": "Nei", "payload": "/deny"}]}], "exactly what stock Rasa sends"
        assert [m.sender_id for m in echo.received] == ["page-session-1"]
        assert echo.received[0].input_channel == "socketio"

    run(scenario)


def test_page_metadata_comes_through_as_a_dict_or_a_json_string_under_either_key() -> None:
    async def scenario() -> None:
        async with channel_server({"metadata_key": "meta"}) as (_, echo, url), client(url) as (sio, inbox):
            await sio.emit("session_request", {"session_id": None})
            session = await next_event(inbox, "session_confirm")
            for payload in ({"meta": {"language": "en", "page": "/personvern"}},
                            {"meta": json.dumps({"language": "da"})},
                            {"customData": {"language": "nn"}},  # rasa-webchat's fixed name
                            {"meta": {"language": "xx"}}):
                await sio.emit("user_uttered", {"message": "hei", "session_id": session, **payload})
                await plain_until_receipt(inbox)
        # The server adds its own keyed tag of the client (bot.rasa_adapter.client_identity); the page's go through.
        metadata = [{k: v for k, v in (m.metadata or {}).items() if k != "vern_client"} for m in echo.received]
        assert all((m.metadata or {}).get("vern_client") for m in echo.received)
        assert metadata[0] == {"language": "en", "page": "/personvern"}
        assert metadata[1] == {"language": "da"} and metadata[2] == {"language": "nn"}
        assert not metadata[3], "a language Vern does not speak is not passed on"

    run(scenario)


def test_with_a_jwt_key_only_a_valid_token_opens_the_socket() -> None:
    good = jwt.encode({"user": {"username": "page"}}, JWT_KEY, algorithm="HS256")
    forged = jwt.encode({"user": {"username": "page"}}, "another-key-0123456789abcdef0123", algorithm="HS256")

    async def scenario() -> None:
        async with channel_server({"jwt_key": JWT_KEY, "jwt_method": "HS256"}) as (_, echo, url):
            for auth in (None, {"token": "not a jwt"}, {"token": forged}):
                with pytest.raises(socketio.exceptions.ConnectionError):
                    async with client(url, auth=auth):
                        pass
            async with client(url, auth={"token": good}) as (sio, inbox):
                await sio.emit("session_request", {})
                session = await next_event(inbox, "session_confirm")
                await sio.emit("user_uttered", {"message": "hallo", "session_id": session})
                assert await plain_until_receipt(inbox) == [{"text": "echo: hallo", "quick_replies": [
                    {"content_type": "text", "title": "Ja", "payload": "/affirm"},
                    {"content_type": "text", "title": "Nei", "payload": "/deny"}]}]

    run(scenario)


def test_errors_are_plain_messages_with_vern_extras_beside_them() -> None:
    async def scenario() -> None:
        async with channel_server({}) as (_, _echo, url), client(url) as (sio, inbox):
            await sio.emit("session_request", {})
            session = await next_event(inbox, "session_confirm")
            await sio.emit("user_uttered", {"message": "x" * 5000, "session_id": session, "message_id": "m1"})
            received = []
            while not received or received[-1][0] != "vern_turn":
                received.append(await asyncio.wait_for(inbox.get(), TIMEOUT))
        texts = [data for event, data in received if event == "bot_uttered" and "text" in data]
        assert texts == [{"text": translate("error_message_too_long", "nb", limit=2000)}]
        assert ("bot_uttered", {"custom": {"vern": "next", "as": "error", "message_id": "m1",
                                           "error": "error_message_too_long"}}) in received

    run(scenario)


def test_without_session_persistence_every_connection_is_a_new_chat() -> None:
    async def scenario() -> None:
        async with channel_server({"session_persistence": False}) as (_, _echo, url), client(url) as (sio, inbox):
            await sio.emit("session_request", {"session_id": "kept-by-the-page"})
            assert await next_event(inbox, "session_confirm") != "kept-by-the-page"

    run(scenario)


def test_replies_to_an_intent_triggered_from_outside_reach_the_sessions_room() -> None:
    """What `trigger_intent … output_channel=latest` does with a caseworker's words: Rasa asks the channel for
    its output channel and sends to the conversation id, which is the session's room."""

    async def scenario() -> None:
        async with channel_server({}) as (channel, _echo, url), client(url) as (sio, inbox), \
                client(url) as (other, other_inbox):
            await sio.emit("session_request", {"session_id": "room-session"})
            await next_event(inbox, "session_confirm")
            await other.emit("session_request", {"session_id": "someone-else"})
            await next_event(other_inbox, "session_confirm")
            output = channel.get_output_channel()
            assert output is not None
            await output.send_response("room-session", {"text": "Hei, jeg er saksbehandler.",
                                                        "custom": {"from": "caseworker"}})
            first = await next_event(inbox, "bot_uttered")
            second = await next_event(inbox, "bot_uttered")
            assert other_inbox.empty(), "only that chat's sockets hear it"
        assert first == {"custom": {"vern": "next", "as": "caseworker"}}, "Vern's widget learns whose words follow"
        assert second == {"text": "Hei, jeg er saksbehandler."}, "any client shows the words"

    run(scenario)
