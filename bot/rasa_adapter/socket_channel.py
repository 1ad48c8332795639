"""Vern's socket.io channel: Rasa's documented socket.io protocol, what rasa-webchat and Vern's widget talk to.

Registered under Rasa's name "socketio" (path /socket.io by default). It
honours the options of Rasa's channel in credentials.yml (`user_message_evt`,
`bot_message_evt`, `namespace`, `session_persistence`, `socketio_path`,
`jwt_key`/`jwt_method`, `metadata_key`) and speaks the protocol as stock Rasa
3.6 does (`session_request`/`session_confirm`, `user_uttered`, `bot_uttered`
with `{"text"}` or `{"text", "quick_replies"}`). On top of it:

- it opens only to the pages of the configured origins (WIDGET_ORIGINS); the
  check is python-engineio's, on every transport, before any event;
- each message goes through the same checks, PII guard, handoff routing and
  erasure as the REST channel (`run_turn`); errors and the personal-data
  warning are plain messages, so every client shows them;
- Vern's widget gets its extras (masked echo, error codes, caseworker marker,
  "clear your transcript") as custom messages and a `vern_turn` receipt that
  other clients may ignore (see socket_output);
- replies to intents triggered from outside a turn (a caseworker, a guardian)
  go to the session's room, as in stock Rasa; with Redis configured, through
  Redis, so they reach the socket whichever replica holds it.

A socket acts only for the session it joined with `session_request`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.chat_input import MAX_BODY_BYTES, SENDER_PATTERN, ChatMessage, InputRejected, parse_chat_payload
from bot.config import Settings
from bot.i18n import translate
from bot.keys import KeyRing, Purpose
from bot.rasa_adapter.channels import run_turn
from bot.rasa_adapter.client_identity import client_tag, request_address, with_client
from bot.rasa_adapter.socket_metadata import jwt_allows, page_metadata, raw_metadata
from bot.rasa_adapter.socket_output import CLEAR_TRANSCRIPT, VernSocketOutput, next_is, socket_messages, vern_extra
from bot.rasa_adapter.socket_widget_events import WidgetEvents

logger = logging.getLogger(__name__)

CHANNEL = "socketio"
_MESSAGE_ID_MAX = 64


class _AppAwareBlueprint(SocketBlueprint):
    """Keeps the Sanic app it is registered on: socket events have no request to find Rasa's agent through."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)


def _client_manager(settings: Settings) -> Any:
    """With Redis, an emit to a session's room reaches its socket on any replica (Rasa's own channel
    cannot: it warns that external events fail with several instances)."""
    if not settings.redis_url:
        return None
    from urllib.parse import urlsplit

    from socketio import AsyncRedisManager

    # Redis's pub/sub spans its databases: the database number keeps deployments sharing a server apart.
    database = urlsplit(settings.redis_url).path.strip("/") or "0"
    return AsyncRedisManager(settings.redis_url, channel=f"vern-socketio-{database}")


class VernSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            # Vern's default differs from Rasa's: the widget's reload must find its chat again.
            bool(credentials.get("session_persistence", True)),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
        )

    def get_output_channel(self) -> OutputChannel | None:
        """Where replies to an intent triggered from outside a turn go: the session's room, as stock Rasa."""
        if self.sio is None:
            return CollectingOutputChannel()
        return VernSocketOutput(self.sio, self.bot_message_evt, self.namespace)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from bot.wiring import services

        settings = services().settings
        sio = AsyncServer(
            async_mode="sanic",
            client_manager=_client_manager(settings),
            cors_allowed_origins=list(settings.widget_origins),
            max_http_buffer_size=MAX_BODY_BYTES,
            logger=False,
            engineio_logger=False,
        )
        blueprint = _AppAwareBlueprint(sio, self.socketio_path, "vern_socketio_webhook", __name__)
        self.sio = sio
        events = _SocketEvents(self, sio, blueprint, on_new_message, settings)

        @blueprint.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        namespace = self.namespace
        sio.on("connect", events.connect, namespace=namespace)
        sio.on("session_request", events.session_request, namespace=namespace)
        sio.on(self.user_message_evt, events.user_uttered, namespace=namespace)
        widget = events.widget
        sio.on("vern_end", widget.end, namespace=namespace)
        sio.on("vern_updates", widget.updates, namespace=namespace)
        sio.on("vern_copy_code", widget.copy_code, namespace=namespace)
        sio.on("vern_copy_send", widget.copy_send, namespace=namespace)
        return blueprint


class _SocketEvents:
    def __init__(
        self,
        channel: VernSocketIOInput,
        sio: AsyncServer,
        blueprint: _AppAwareBlueprint,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        settings: Settings,
    ) -> None:
        self._channel = channel
        self._sio = sio
        self._blueprint = blueprint
        self._on_new_message = on_new_message
        self._settings = settings
        self._ns = channel.namespace
        self.widget = WidgetEvents(sio, settings, self._session, self._tracker, channel.namespace, self._client)

    @property
    def _agent(self) -> Any:
        app = getattr(self._blueprint.ctx, "app", None)
        return getattr(app.ctx, "agent", None) if app is not None else None

    async def _session(self, sid: str) -> str | None:
        try:
            session = await self._sio.get_session(sid, namespace=self._ns)
        except KeyError:
            return None
        found = session.get("session_id")
        return found if isinstance(found, str) else None

    async def _client(self, sid: str) -> str | None:
        try:
            found = (await self._sio.get_session(sid, namespace=self._ns)).get("client")
        except KeyError:
            return None
        return found if isinstance(found, str) else None

    async def _tracker(self, sender: str) -> Any:
        agent = self._agent
        if agent is None or getattr(agent, "tracker_store", None) is None:
            return None
        return await agent.tracker_store.retrieve(sender)

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
        # The origin was checked by engineio already; this is Rasa's optional JWT on top.
        if not jwt_allows(auth, self._channel.jwt_key, self._channel.jwt_algorithm or "HS256"):
            return False
        # Where the socket came from, as a keyed tag: the code limits count per client (bot.verification).
        address = request_address(environ.get("sanic.request")) or environ.get("REMOTE_ADDR")
        client_key = KeyRing.from_settings(self._settings).key(Purpose.CHAT_CLIENTS)
        await self._sio.save_session(sid, {"client": client_tag(client_key, address)},
                                     namespace=self._ns)
        return True

    async def session_request(self, sid: str, data: Any) -> None:
        wanted = data.get("session_id") if isinstance(data, dict) else None
        keep = self._channel.session_persistence and isinstance(wanted, str) and SENDER_PATTERN.fullmatch(wanted)
        # Without session persistence (Rasa's meaning) every connection is a new chat.
        session_id = wanted if keep else uuid.uuid4().hex
        previous = await self._session(sid)
        if previous and previous != session_id:
            await self._sio.leave_room(sid, previous, namespace=self._ns)
        await self._sio.enter_room(sid, session_id, namespace=self._ns)
        await self._sio.save_session(sid, {"session_id": session_id, "client": await self._client(sid)},
                                     namespace=self._ns)
        await self._emit(sid, session_id, "session_confirm")

    async def user_uttered(self, sid: str, data: Any) -> None:
        data = data if isinstance(data, dict) else {}
        if data and "message" not in data:
            # rasa-webchat opens a chat with its `initPayload`, and without one sends no message at all:
            # nothing was said, so nothing is answered (an "empty message" error would greet every visitor).
            return
        message_id = str(data.get("message_id") or "")[:_MESSAGE_ID_MAX]
        sender = await self._session(sid)
        raw = raw_metadata(data, self._channel.metadata_key or "metadata")
        metadata = page_metadata(raw, self._settings.languages)
        language = metadata.get("language") or self.widget.language(raw, "widget_language")
        if sender is None:
            await self._error(sid, message_id, "error_bad_request", language)
            return
        metadata = with_client(metadata, await self._client(sid))
        parsed = parse_chat_payload(
            {"sender": sender, "message": data.get("message"), "metadata": metadata}, self._settings.max_message_chars
        )
        if isinstance(parsed, InputRejected):
            await self._error(sid, message_id, parsed.code, await self.widget.chat_language(sender, language))
            return
        await self._turn(sid, sender, parsed, message_id, language)

    async def _emit(self, room: str, message: Any, event: str | None = None) -> None:
        # A turn's answer goes to the sockets of that session on this replica, not through Redis: the socket
        # that asked is here, and "try again shortly" must reach it while Redis is down.
        await self._sio.emit(event or self._channel.bot_message_evt, message, room=room, namespace=self._ns,
                             ignore_queue=True)

    async def _turn(self, sid: str, sender: str, message: ChatMessage, message_id: str, language: str) -> None:
        outcome = await run_turn(message, self._on_new_message, CHANNEL, self._agent)
        if outcome.error:
            await self._error(sid, message_id, outcome.error, language)
            return
        turn: dict[str, Any] = {"message_id": message_id}
        if outcome.stored_text and outcome.stored_text != message.text:
            turn["stored_text"] = outcome.stored_text
        if outcome.warning:
            # The warning is a plain message (every client shows it); the receipt tells Vern's widget
            # which text it is, so it can show it beside the person's message instead.
            turn["warning"] = outcome.warning
            await self._emit(sid, next_is("warning", message_id=message_id))
            await self._emit(sender, {"text": outcome.warning})
        for reply in outcome.messages:
            for part in socket_messages(reply):
                await self._emit(sender, part)
        if outcome.to_caseworker:
            turn["to_caseworker"] = True
        if outcome.forgotten:
            turn["forgotten"] = True
            await self._emit(sender, vern_extra(CLEAR_TRANSCRIPT))
        else:
            turn["language"] = await self.widget.chat_language(sender, language)
        await self._emit(sid, turn, "vern_turn")

    async def _error(self, sid: str, message_id: str, code: str, language: str) -> None:
        words = translate(code, language, limit=self._settings.max_message_chars)
        await self._emit(sid, next_is("error", message_id=message_id, error=code))
        await self._emit(sid, {"text": words})
        await self._emit(sid, {"message_id": message_id, "error": code}, "vern_turn")
