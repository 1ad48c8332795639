"""Ending a chat on the person's request (the widget's "End chat"): the annex's masking clock starts now."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.config import Settings
from bot.i18n import translate
from bot.retention.announced import announced_periods


@dataclass(frozen=True)
class ChatEnded:
    ended: bool  # False when there was no such chat (already masked, or never started)
    text: str  # what the person is told, in the chat's language


async def end_chat(settings: Settings, sender: str) -> ChatEnded:
    """Raises on a store outage; callers tell the person to try again, nothing is half done:
    ending is idempotent, so a retry finishes the job."""
    from bot.wiring import build

    services = build(settings)
    # A chat with a caseworker ends for both sides, and is deleted at once (the annex).
    await asyncio.to_thread(services.handoff.end_for, sender, "person")
    state = await asyncio.to_thread(services.conversations.end, sender, "widget")
    language = (state.language if state else None) or settings.default_language
    text = translate("chat_ended", language, minutes=announced_periods(settings).mask_minutes)
    return ChatEnded(state is not None, text)
