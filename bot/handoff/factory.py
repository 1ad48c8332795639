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
    from bot.retention.forget import erase_chat

    settings = get_settings()
    return HandoffService(get_engine(settings.database_url), utc_now, settings.secret_key.reveal().encode(),
                          erase=erase_chat, audit=audit_trail().record)
