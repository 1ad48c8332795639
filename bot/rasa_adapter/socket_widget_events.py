"""The acknowledged events only Vern's own widget sends: end the chat, ask for the handoff state, e-mail a copy.

A standard Rasa client never sends these; everything it needs arrives as plain
Rasa messages (see socket_output). Each handler acts only for the session its
socket joined with `session_request`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from socketio import AsyncServer

from bot.config import Settings
from bot.i18n import translate
from bot.retention.announced import announced_periods

logger = logging.getLogger(__name__)

LANGUAGE_SLOT = "language"
_EMAIL_MAX = 320


class WidgetEvents:
    def __init__(self, sio: AsyncServer, settings: Settings, session: Callable[[str], Awaitable[str | None]],
                 tracker: Callable[[str], Awaitable[Any]], namespace: str | None = None,
                 client: Callable[[str], Awaitable[str | None]] | None = None) -> None:
        self._sio = sio
        self._client = client
        self._settings = settings
        self._session = session
        self._tracker = tracker
        self._namespace = namespace
        self._copies: Any = None

    def language(self, data: Any, key: str = "language") -> str:
        """The widget says which language it shows; used for words spoken before the chat has one."""
        wanted = data.get(key) if isinstance(data, dict) else None
        return wanted if wanted in self._settings.languages else self._settings.default_language

    async def chat_language(self, sender: str, fallback: str) -> str:
        try:
            tracker = await self._tracker(sender)
        except Exception as error:  # noqa: BLE001 - words in the widget's language are still words
            logger.warning("chat language unavailable (%s)", type(error).__name__)
            return fallback
        language = tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None
        return language if language in self._settings.languages else fallback

    async def _let_go(self, sid: str, sender: str) -> None:
        # This socket no longer speaks for that chat: the next message starts a new one.
        await self._sio.leave_room(sid, sender, namespace=self._namespace)
        # It keeps where it connected from: the code limits count per client (bot.verification).
        await self._sio.save_session(sid, {"client": await self._client_of(sid)}, namespace=self._namespace)

    async def _client_of(self, sid: str) -> str | None:
        return await self._client(sid) if self._client is not None else None

    async def end(self, sid: str, data: Any) -> dict[str, Any]:
        from bot.services.chat_end import end_chat

        sender = await self._session(sid)
        language = self.language(data)
        if sender is None:
            return {"ended": False, "text": translate("chat_ended", language,
                                                      minutes=announced_periods(self._settings).mask_minutes)}
        try:
            ended = await end_chat(self._settings, sender)
        except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
            logger.error("ending a chat failed (%s)", type(error).__name__)
            return {"error": "error_unavailable", "text": translate("error_unavailable", language)}
        await self._let_go(sid, sender)
        return {"ended": ended.ended, "text": ended.text}

    async def updates(self, sid: str, data: Any) -> dict[str, Any]:
        """The handoff state (waiting, taken, ended), and the messages that reached the chat between turns.

        The messages themselves are also pushed to the session's room as they happen; Vern's widget reads
        them from there and asks here only for the state."""
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
            await self._let_go(sid, sender)
        return reply

    def _chat_copies(self) -> Any:
        from bot.wiring import build

        if self._copies is None:
            self._copies = build(self._settings).chat_copies
        return self._copies

    async def copy_code(self, sid: str, data: Any) -> dict[str, Any]:
        sender = await self._session(sid)
        email = data.get("email") if isinstance(data, dict) else None
        language = self.language(data)
        if sender is None or not isinstance(email, str) or len(email) > _EMAIL_MAX:
            return {"ok": False, "text": translate("email_invalid", language), "field": "email"}
        try:
            language = await self.chat_language(sender, language)
            reply = await self._chat_copies().request_code(sender, email, language, client=await self._client_of(sid))
        except Exception as error:  # noqa: BLE001
            logger.error("chat copy code failed (%s)", type(error).__name__)
            return {"ok": False, "text": translate("copy_unavailable", language), "field": "email"}
        return {"ok": reply.ok, "text": reply.text, "field": reply.field}

    async def copy_send(self, sid: str, data: Any) -> dict[str, Any]:
        from bot.services.chat_copy import transcript_lines

        sender = await self._session(sid)
        data = data if isinstance(data, dict) else {}
        email, code = data.get("email"), data.get("code")
        language = self.language(data)
        if sender is None or not isinstance(email, str) or not isinstance(code, str) or len(email) > _EMAIL_MAX:
            return {"ok": False, "text": translate("copy_no_code", language), "field": "email"}
        try:
            tracker = await self._tracker(sender)
            language = await self.chat_language(sender, language)
            lines = transcript_lines([event.as_dict() for event in tracker.events]) if tracker is not None else []
            reply = await self._chat_copies().send_copy(sender, email, code[:32], language, lines)
        except Exception as error:  # noqa: BLE001
            logger.error("chat copy failed (%s)", type(error).__name__)
            return {"ok": False, "text": translate("copy_unavailable", language), "field": "code"}
        return {"ok": reply.ok, "text": reply.text, "field": reply.field}
