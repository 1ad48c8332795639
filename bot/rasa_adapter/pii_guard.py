"""Runs the PII guard on a chat turn: reads what the conversation is waiting for, masks, warns.

Kept in the adapter because it reads Rasa's tracker; the rules live in
bot.services.pii_warning."""

from __future__ import annotations

from typing import Any

from bot.chat_input import ChatMessage
from bot.config import get_settings
from bot.retention.announced import announced_periods
from bot.services.pii_warning import GuardedText, expected_kinds, pii_guard, warning_text

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
    return pii_guard().inspect(message.sender, message.text, expected)


async def warning_for(agent: Any, sender: str, kinds: tuple[str, ...]) -> str:
    settings = get_settings()
    tracker = await _tracker(agent, sender)
    language = (tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None) or settings.default_language
    return warning_text(kinds, language, announced_periods(settings).mask_minutes)
