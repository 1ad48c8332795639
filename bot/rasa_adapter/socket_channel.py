"""Vern's socket.io channel: what the web widget talks to.

Registered under Rasa's name "socketio" (path /socket.io), speaking Rasa's
socket.io protocol (`session_request`/`session_confirm`, `user_uttered`,
`bot_uttered` with `quick_replies`), so a standard Rasa socket.io client works
too. On top of Rasa's channel it:

- opens only to the pages of the configured origins (WIDGET_ORIGINS); the
  check is python-engineio's, on every transport, before any event;
- runs each message through the same checks, PII guard, handoff routing and
  erasure as the REST channel (`run_turn`), and answers errors in words;
- tells the widget, per message, what was kept of it (high-risk numbers
  masked) and the one-time warning, so it can show that next to the message;
- carries the widget's other actions as acknowledged events: end the chat,
  fetch messages pushed between turns, and e-mail a copy of the chat.

A socket acts only for the session it joined with `session_request`; the
session id (a random UUID the browser keeps in sessionStorage) is the chat.
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
from bot.config import Settings, get_settings
from bot.i18n import translate
from bot.rasa_adapter.channels import run_turn
from bot.retention.announced import announced_periods

logger = logging.getLogger(__name__)

CHANNEL = "socketio"
LANGUAGE_SLOT = "language"
_MESSAGE_ID_MAX = 64


class _AppAwareBlueprint(SocketBlueprint):
    """Keeps the Sanic app it is registered on: socket events have no request to find Rasa's agent through."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)


def socket_message(message: dict[str, Any]) -> dict[str, Any]:
    """A collected reply in Rasa's socket.io format: buttons become `quick_replies`."""
    out: dict[str, Any] = {}
    if message.get("text"):
        out["text"] = message["text"]
    if message.get("buttons"):
        out["quick_replies"] = [
            {"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")}
            for b in message["buttons"]
        ]
    if isinstance(message.get("custom"), dict):
        out["custom"] = message["custom"]
    return out


class VernSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        # Session persistence is not optional: the widget's reload must find its chat again.
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            None,
            True,
            credentials.get("socketio_path", "/socket.io"),
        )

    def get_output_channel(self) -> OutputChannel | None:
        """Where replies to an intent triggered from outside a turn (a caseworker, a guardian) go: nowhere.

        The widget fetches them from the conversation (`vern_updates`), which works whichever
        replica holds its socket; a push from this process would reach only sockets connected here,
        and Rasa's socket output cannot carry Vern's custom payloads."""
        return CollectingOutputChannel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        settings = get_settings()
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=list(settings.widget_origins),
            max_http_buffer_size=MAX_BODY_BYTES,
            logger=False,
            engineio_logger=False,
        )
        blueprint = _AppAwareBlueprint(sio, self.socketio_path, "vern_socketio_webhook", __name__)
        self.sio = sio
        events = _SocketEvents(sio, blueprint, on_new_message, settings, self.bot_message_evt)

        @blueprint.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        sio.on("session_request", events.session_request)
        sio.on(self.user_message_evt, events.user_uttered)
        sio.on("vern_end", events.end)
        sio.on("vern_updates", events.updates)
        sio.on("vern_copy_code", events.copy_code)
        sio.on("vern_copy_send", events.copy_send)
        return blueprint


class _SocketEvents:
    def __init__(
        self,
        sio: AsyncServer,
        blueprint: _AppAwareBlueprint,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        settings: Settings,
        bot_message_evt: str,
    ) -> None:
        self._sio = sio
        self._blueprint = blueprint
        self._on_new_message = on_new_message
        self._settings = settings
        self._bot_evt = bot_message_evt
        self._copies: Any = None

    @property
    def _agent(self) -> Any:
        app = getattr(self._blueprint.ctx, "app", None)
        return getattr(app.ctx, "agent", None) if app is not None else None

    async def _session(self, sid: str) -> str | None:
        try:
            session = await self._sio.get_session(sid)
        except KeyError:
            return None
        found = session.get("session_id")
        return found if isinstance(found, str) else None

    def _language(self, data: Any, key: str = "language") -> str:
        """The widget says which language it shows; used for words spoken before the chat has one."""
        wanted = data.get(key) if isinstance(data, dict) else None
        return wanted if wanted in self._settings.languages else self._settings.default_language

    async def _chat_language(self, sender: str, fallback: str) -> str:
        try:
            tracker = await self._tracker(sender)
        except Exception as error:  # noqa: BLE001 - words in the widget's language are still words
            logger.warning("chat language unavailable (%s)", type(error).__name__)
            return fallback
        language = tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None
        return language if language in self._settings.languages else fallback

    async def _tracker(self, sender: str) -> Any:
        agent = self._agent
        if agent is None or getattr(agent, "tracker_store", None) is None:
            return None
        return await agent.tracker_store.retrieve(sender)

    async def session_request(self, sid: str, data: Any) -> None:
        wanted = data.get("session_id") if isinstance(data, dict) else None
        session_id = wanted if isinstance(wanted, str) and SENDER_PATTERN.fullmatch(wanted) else uuid.uuid4().hex
        previous = await self._session(sid)
        if previous and previous != session_id:
            await self._sio.leave_room(sid, previous)
        await self._sio.enter_room(sid, session_id)
        await self._sio.save_session(sid, {"session_id": session_id})
        await self._sio.emit("session_confirm", session_id, room=sid)

    async def user_uttered(self, sid: str, data: Any) -> None:
        data = data if isinstance(data, dict) else {}
        message_id = str(data.get("message_id") or "")[:_MESSAGE_ID_MAX]
        sender = await self._session(sid)
        language = self._language(data.get("metadata"), "widget_language")
        if sender is None:
            await self._error(sid, message_id, "error_bad_request", language)
            return
        metadata = {}
        picked = (data.get("metadata") or {}).get("language") if isinstance(data.get("metadata"), dict) else None
        if picked in self._settings.languages:
            # The person chose a language in the widget's picker: it counts as asking for it.
            metadata["language"] = picked
        parsed = parse_chat_payload(
            {"sender": sender, "message": data.get("message"), "metadata": metadata}, self._settings.max_message_chars
        )
        if isinstance(parsed, InputRejected):
            await self._error(sid, message_id, parsed.code, await self._chat_language(sender, language))
            return
        await self._turn(sid, sender, parsed, message_id, language)

    async def _turn(self, sid: str, sender: str, message: ChatMessage, message_id: str, language: str) -> None:
        outcome = await run_turn(message, self._on_new_message, CHANNEL, self._agent)
        if outcome.error:
            await self._error(sid, message_id, outcome.error, language)
            return
        for reply in outcome.messages:
            formatted = socket_message(reply)
            if formatted:
                await self._sio.emit(self._bot_evt, formatted, room=sender)
        turn: dict[str, Any] = {"message_id": message_id}
        if outcome.stored_text and outcome.stored_text != message.text:
            turn["stored_text"] = outcome.stored_text
        if outcome.warning:
            turn["warning"] = outcome.warning
        if outcome.to_caseworker:
            turn["to_caseworker"] = True
        if outcome.forgotten:
            turn["forgotten"] = True
        else:
            turn["language"] = await self._chat_language(sender, language)
        await self._sio.emit("vern_turn", turn, room=sid)

    async def _error(self, sid: str, message_id: str, code: str, language: str) -> None:
        words = translate(code, language, limit=self._settings.max_message_chars)
        await self._sio.emit(self._bot_evt, {"text": words, "vern_error": code}, room=sid)
        await self._sio.emit("vern_turn", {"message_id": message_id, "error": code}, room=sid)

    async def end(self, sid: str, data: Any) -> dict[str, Any]:
        from bot.services.chat_end import end_chat

        sender = await self._session(sid)
        language = self._language(data)
        if sender is None:
            return {"ended": False, "text": translate("chat_ended", language,
                                                      minutes=announced_periods(self._settings).mask_minutes)}
        try:
            ended = await end_chat(self._settings, sender)
        except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
            logger.error("ending a chat failed (%s)", type(error).__name__)
            return {"error": "error_unavailable", "text": translate("error_unavailable", language)}
        # This socket no longer speaks for that chat: the next message starts a new one.
        await self._sio.leave_room(sid, sender)
        await self._sio.save_session(sid, {})
        return {"ended": ended.ended, "text": ended.text}

    async def updates(self, sid: str, data: Any) -> dict[str, Any]:
        """Messages that reached the chat between the person's turns (a guardian, a caseworker)."""
        from bot.web.updates import updates_reply

        sender = await self._session(sid)
        if sender is None:
            return {"messages": []}
        try:
            since = float(data.get("since") or 0) if isinstance(data, dict) else 0.0
        except (TypeError, ValueError):
            since = 0.0
        try:
            tracker = await self._tracker(sender)
            events = [event.as_dict() for event in tracker.events] if tracker is not None else []
        except Exception as error:  # noqa: BLE001 - the next poll tries again
            logger.error("chat updates unavailable (%s)", type(error).__name__)
            return {"messages": [], "error": "error_unavailable"}
        reply = await updates_reply(sender, events, since)
        if reply.get("handoff") == "ended":
            await self._sio.leave_room(sid, sender)
            await self._sio.save_session(sid, {})
        return reply

    def _chat_copies(self) -> Any:
        from bot.services.chat_copy import chat_copies

        if self._copies is None:
            self._copies = chat_copies(self._settings)
        return self._copies

    async def copy_code(self, sid: str, data: Any) -> dict[str, Any]:
        sender = await self._session(sid)
        email = data.get("email") if isinstance(data, dict) else None
        language = self._language(data)
        if sender is None or not isinstance(email, str) or len(email) > 320:
            return {"ok": False, "text": translate("email_invalid", language), "field": "email"}
        try:
            language = await self._chat_language(sender, language)
            reply = await self._chat_copies().request_code(sender, email, language)
        except Exception as error:  # noqa: BLE001
            logger.error("chat copy code failed (%s)", type(error).__name__)
            return {"ok": False, "text": translate("copy_unavailable", language), "field": "email"}
        return {"ok": reply.ok, "text": reply.text, "field": reply.field}

    async def copy_send(self, sid: str, data: Any) -> dict[str, Any]:
        from bot.services.chat_copy import transcript_lines

        sender = await self._session(sid)
        data = data if isinstance(data, dict) else {}
        email, code = data.get("email"), data.get("code")
        language = self._language(data)
        if sender is None or not isinstance(email, str) or not isinstance(code, str) or len(email) > 320:
            return {"ok": False, "text": translate("copy_no_code", language), "field": "email"}
        try:
            tracker = await self._tracker(sender)
            language = await self._chat_language(sender, language)
            lines = transcript_lines([event.as_dict() for event in tracker.events]) if tracker is not None else []
            reply = await self._chat_copies().send_copy(sender, email, code[:32], language, lines)
        except Exception as error:  # noqa: BLE001
            logger.error("chat copy failed (%s)", type(error).__name__)
            return {"ok": False, "text": translate("copy_unavailable", language), "field": "code"}
        return {"ok": reply.ok, "text": reply.text, "field": reply.field}
