"""«Slett denne samtalen»: the chat the person is in is erased from every store."""

from __future__ import annotations

FORGET_CHAT_CONTROL = "forget_chat"


def erase_chat(conversation_id: str) -> int:
    from bot.retention.erasure import chat_eraser

    return chat_eraser().erase([conversation_id]).events_deleted
