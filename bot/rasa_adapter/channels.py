"""Vern's REST channel: Rasa's REST webhook with input checks and plain errors.

Registered under Rasa's own name "rest", so the URL stays
`/webhooks/rest/webhook`. Unlike Rasa's RestInput it rejects malformed,
binary, empty and oversized messages with a clear answer, never logs what the
person typed, and turns store outages into "try again shortly" instead of a
silent empty reply.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.chat_errors import chat_error_body, chat_error_response
from bot.chat_input import ChatMessage, InputRejected, parse_chat_request
from bot.keys import KeyRing, Purpose
from bot.rasa_adapter.client_identity import client_of_request, with_client
from bot.rasa_adapter.erasure_turn import confirm_erasure, is_erasure_confirmation
from bot.rasa_adapter.errors import StoreUnavailable
from bot.rasa_adapter.pii_guard import guard_incoming, guard_metadata, warning_for
from bot.retention.forget import FORGET_CHAT_CONTROL, erase_chat
from bot.wiring import services


def forget_requested(messages: list[dict[str, Any]]) -> bool:
    """The forget-chat action asks for erasure with a control message; it is removed before the reply goes out.

    Only Vern's own action can emit it (it is bot output, not user input), and
    the chat can only be erased after the turn, once Rasa has saved the tracker."""
    found = False
    for message in list(messages):
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("vern_control") == FORGET_CHAT_CONTROL:
            messages.remove(message)
            found = True
    return found

logger = logging.getLogger(__name__)


def error_response(code: str, status: int, sender: str | None, text: str = "") -> HTTPResponse:
    """A turn that did not happen: bot messages a person sees (see bot.chat_errors.chat_error_status)."""
    return chat_error_response(services().settings, code, status, sender, text)


def updates_error_response(code: str, status: int, sender: str | None) -> HTTPResponse:
    # The updates endpoint answers an object, so its errors are objects too (with the words as messages).
    return response.json(chat_error_body(services().settings, code, sender), status=status)


class VernRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("vern_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = services().settings
            parsed = parse_chat_request(request.body or b"", settings.max_message_chars)
            if isinstance(parsed, InputRejected):
                return error_response(parsed.code, parsed.status, parsed.sender, parsed.text_for_language)
            client_key = KeyRing.from_settings(settings).key(Purpose.CHAT_CLIENTS)
            client = client_of_request(client_key, parsed.metadata, request)
            parsed = dataclasses.replace(parsed, metadata=with_client(parsed.metadata, client))
            return await handle_message(parsed, on_new_message, self.name(), getattr(request.app.ctx, "agent", None))

        @webhook.route("/updates", methods=["POST"])
        async def updates(request: Request) -> HTTPResponse:
            # REST clients poll here for what reached the chat between their turns (a guardian's answer,
            # a caseworker's words) and for the handoff state; see docs/rasa-clients.md.
            return await rest_updates(request.body or b"", getattr(request.app.ctx, "agent", None))

        return webhook


@dataclass
class TurnOutcome:
    """One chat turn's result, for any channel to put into its own words and wire format."""

    messages: list[dict[str, Any]] = field(default_factory=list)  # the bot's replies
    stored_text: str = ""  # what was kept of the person's message: high-risk numbers already masked
    warning: str | None = None  # the once-per-kind warning about personal data in the chat, if due
    error: str | None = None  # an i18n error code when the turn did not happen
    status: int = 200
    to_caseworker: bool = False  # handed off: the caseworker reads it, the bot stays out
    forgotten: bool = False  # the person confirmed "forget this chat" and it is erased


async def run_turn(
    message: ChatMessage,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    channel: str,
    agent: Any = None,
) -> TurnOutcome:
    """Guard, route and run one message; never raises, so no channel can leak a traceback to a person."""
    collector = CollectingOutputChannel()
    try:
        guarded = await guard_incoming(agent, message)
        if await asyncio.to_thread(_to_caseworker, message.sender, guarded.text):
            return TurnOutcome(stored_text=guarded.text, to_caseworker=True)
        if is_erasure_confirmation(guarded.text):
            # A button, not words: answered here, without the NLU (bot.rasa_adapter.erasure_turn).
            replies, erase = await confirm_erasure(agent, message.sender)
            collector.messages.extend(replies)
            if erase:
                collector.messages.append({"recipient_id": message.sender,
                                           "custom": {"vern_control": FORGET_CHAT_CONTROL}})
        else:
            await on_new_message(
                UserMessage(
                    guarded.text,
                    collector,
                    message.sender,
                    input_channel=channel,
                    metadata=guard_metadata(message.metadata),
                )
            )
    except StoreUnavailable as error:
        logger.error("Chat turn refused: %s", error)
        return TurnOutcome(error="error_unavailable", status=503)
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        if _caused_by_store_outage(error):
            logger.error("Chat turn refused: store unavailable (%s)", type(error).__name__)
            return TurnOutcome(error="error_unavailable", status=503)
        logger.error("Chat turn failed (%s)", type(error).__name__, exc_info=_debugging())
        return TurnOutcome(error="error_internal", status=500)
    if forget_requested(collector.messages):
        try:
            await asyncio.to_thread(erase_chat, message.sender)
        except Exception as error:  # noqa: BLE001 - the person must not think it is gone
            logger.error("Forgetting a chat failed (%s)", type(error).__name__)
            return TurnOutcome(error="error_unavailable", status=503)
        return TurnOutcome(messages=collector.messages, forgotten=True)
    warning = await warning_for(agent, message.sender, guarded.warn) if guarded.warn else None
    return TurnOutcome(messages=collector.messages, stored_text=guarded.text, warning=warning)


async def handle_message(
    message: ChatMessage,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    channel: str,
    agent: Any = None,
) -> HTTPResponse:
    outcome = await run_turn(message, on_new_message, channel, agent)
    if outcome.error:
        return error_response(outcome.error, outcome.status, message.sender, message.text)
    if outcome.to_caseworker:
        # Handed off: the caseworker reads it in the console; the bot stays out of this chat.
        return response.json([{"recipient_id": message.sender, "custom": {"vern_control": "to_caseworker"}}])
    messages = list(outcome.messages)
    if outcome.warning:
        messages.append({"recipient_id": message.sender, "text": outcome.warning})
    if outcome.forgotten:
        # The chat is erased here; a client that keeps a transcript should drop it too.
        messages.append({"recipient_id": message.sender, "custom": {"vern": "clear_transcript"}})
    return response.json(messages)


async def rest_updates(body: bytes, agent: Any) -> HTTPResponse:
    from bot.web.updates import parse_updates_request, updates_reply

    parsed = parse_updates_request(body)
    if parsed is None:
        return updates_error_response("error_bad_request", 400, None)
    sender, since = parsed
    try:
        tracker = await agent.tracker_store.retrieve(sender) if agent is not None else None
        events = [event.as_dict() for event in tracker.events] if tracker is not None else []
    except Exception as error:  # noqa: BLE001 - the client polls again
        logger.error("chat updates unavailable (%s)", type(error).__name__)
        return updates_error_response("error_unavailable", 503, sender)
    return response.json(await updates_reply(sender, events, since))


def _to_caseworker(sender: str, text: str) -> bool:
    return services().handoff.person_says(sender, text)


def _caused_by_store_outage(error: BaseException) -> bool:
    import redis
    import sqlalchemy.exc

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, (redis.exceptions.ConnectionError, sqlalchemy.exc.OperationalError, StoreUnavailable)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _debugging() -> bool:
    return logger.isEnabledFor(logging.DEBUG)


__all__ = ["VernRestInput", "InputChannel"]
