"""«Yes, delete everything» after an erasure preview, answered in the channel like a handoff turn.

The button sends `/confirm_erasure`. It is no one's words and needs no
understanding, so it never reaches the NLU model (a new intent would retrain
the assistant): the server looks up the erasure this chat verified and
previewed (bot.dsr.erasure_confirmation), carries it out, and the channel then
erases this chat too, as after «forget this chat».
"""

from __future__ import annotations

from typing import Any

from bot.dsr.erasure_confirmation import CONFIRM_ERASURE_PAYLOAD, CONFIRM_TTL_SECONDS
from bot.i18n import translate
from bot.rasa_adapter.pii_guard import LANGUAGE_SLOT, _tracker


def is_erasure_confirmation(text: str) -> bool:
    return text.strip() == CONFIRM_ERASURE_PAYLOAD


async def confirm_erasure(agent: Any, sender: str) -> tuple[list[dict[str, Any]], bool]:
    """The replies for the chat, and whether the chat is now to be erased."""
    from bot.dsr.flow import CompletionStatus
    from bot.wiring import services

    process = services()
    tracker = await _tracker(agent, sender)
    language = (tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None) or process.settings.default_language
    completion = await process.request_flow.confirm_erasure(sender)
    if completion.status is CompletionStatus.UNAVAILABLE:
        return [{"recipient_id": sender, "text": translate("service_unavailable", language)}], False
    if completion.fulfilled != "erased":
        text = translate("erasure_nothing_pending", language, minutes=CONFIRM_TTL_SECONDS // 60)
        return [{"recipient_id": sender, "text": text}], False
    return [{"recipient_id": sender, "text": translate("subject_erased", language)}], True
