"""The handoff service of a process, from its settings."""

from __future__ import annotations

from functools import lru_cache

from bot.clock import utc_now
from bot.config import get_settings
from bot.handoff.service import HandoffService


@lru_cache(maxsize=1)
def handoff_service() -> HandoffService:
    from bot.audit.service import audit_trail
    from bot.db.engine import get_engine

    settings = get_settings()
    return HandoffService(get_engine(settings.database_url), utc_now, settings.secret_key.reveal().encode(),
                          erase=_erase_ended_chat, audit=audit_trail().record)


def _erase_ended_chat(conversation_id: str) -> None:
    from bot.retention.erasure import chat_eraser

    # The handoff row stays (pseudonymous) so the widget can still say the chat ended; the
    # ended_handoff rule deletes it a day later.
    chat_eraser().erase([conversation_id], keep=("handoffs",))
