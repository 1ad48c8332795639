"""«Slett denne samtalen»: the chat the person is in is erased from every store."""

from __future__ import annotations

FORGET_CHAT_CONTROL = "forget_chat"


def erase_chat(conversation_id: str) -> int:
    from bot.wiring import services

    return services().chat_eraser.erase([conversation_id]).events_deleted
