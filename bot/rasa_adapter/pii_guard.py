"""Runs the PII guard on a chat turn: reads what the conversation is waiting for, masks, warns.

Kept in the adapter because it reads Rasa's tracker; the rules live in
bot.services.pii_warning."""

from __future__ import annotations

from typing import Any

from bot.chat_input import ChatMessage
from bot.pii import mask
from bot.retention.announced import announced_periods
from bot.services.pii_warning import GuardedText, expected_kinds, warning_text
from bot.wiring import services

LANGUAGE_SLOT = "language"


async def _tracker(agent: Any, sender: str) -> Any:
    if agent is None or getattr(agent, "tracker_store", None) is None:
        return None
    return await agent.tracker_store.retrieve(sender)


async def guard_incoming(agent: Any, message: ChatMessage) -> GuardedText:
    tracker = await _tracker(agent, message.sender)
    if tracker is None:
        expected = expected_kinds(None, None)
    else:
        expected = expected_kinds(tracker.active_loop_name, tracker.get_slot("requested_slot"))
    return services().pii_guard.inspect(message.sender, message.text, expected)


async def warning_for(agent: Any, sender: str, kinds: tuple[str, ...]) -> str:
    settings = services().settings
    tracker = await _tracker(agent, sender)
    language = (tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None) or settings.default_language
    return warning_text(kinds, language, announced_periods(settings).mask_minutes)


def guard_metadata(metadata: dict[str, Any]) -> dict[str, Any] | None:
    """Request metadata as it may reach the tracker: every key and value masked.

    A client can put anything in it ("name": "Kari Nordmann"), and Rasa stores it with the event,
    where the person's own words are guarded; metadata must not be a way around that (issue 14 item 5).
    The client tag is the server's own keyed hash (the client's value under that key was replaced), and the
    code limits count by it, so it passes as it is."""
    from bot.rasa_adapter.client_identity import CLIENT_METADATA_KEY

    server_said = {key: metadata[key] for key in (CLIENT_METADATA_KEY,) if key in metadata}
    client_said = {key: value for key, value in metadata.items() if key not in server_said}
    return {**_masked(client_said), **server_said} or None


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        masked = mask(str(value))
        return value if masked == str(value) else masked
    if isinstance(value, list):
        return [_masked(item) for item in value]
    if isinstance(value, dict):
        return {mask(str(key)): _masked(item) for key, item in value.items()}
    return mask(str(value))
