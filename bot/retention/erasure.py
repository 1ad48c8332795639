"""Erasure everywhere: one function removes a person's chats from every store.

Used by the "forget this chat" command and by erasure requests (Art. 17):
the tracker store (Redis or SQL), the chat's bookkeeping row (kept as a
content-free tombstone so the worker does not wait for it), short-lived state
keyed to the chat, and an audit entry with a pseudonymous subject."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine

from bot.models.conversation import Conversation, utc_naive
from bot.retention.chat_stores import ChatLogStore
from bot.retention.worker import subject_of

logger = logging.getLogger(__name__)
Audit = Callable[[str, "str | None", dict], None]


@dataclass(frozen=True)
class ErasureReport:
    conversations: int
    events_deleted: int


class ChatEraser:
    def __init__(
        self,
        stores: list[ChatLogStore],
        engine: Engine,
        clock: Callable[[], datetime],
        audit: Audit | None = None,
        forget_hooks: Iterable[Callable[[str], Any]] = (),
    ) -> None:
        self._stores = stores
        self._engine = engine
        self._clock = clock
        self._audit = audit
        self._hooks = list(forget_hooks)

    def erase(self, conversation_ids: Iterable[str]) -> ErasureReport:
        erased = events = 0
        for conversation_id in dict.fromkeys(conversation_ids):
            deleted = sum(store.delete_conversation(conversation_id) for store in self._stores)
            self._tombstone(conversation_id)
            for hook in self._hooks:
                try:
                    hook(conversation_id)
                except Exception as error:  # noqa: BLE001 - short-lived state expires on its own
                    logger.warning("erasure: a forget hook failed (%s)", type(error).__name__)
            if self._audit is not None:
                self._audit("chat.erased", subject_of(conversation_id), {"events": deleted})
            erased += 1
            events += deleted
        return ErasureReport(erased, events)

    def _tombstone(self, conversation_id: str) -> None:
        now = utc_naive(self._clock())
        table = Conversation.__table__
        with self._engine.begin() as connection:
            connection.execute(
                update(table).where(table.c.conversation_id == conversation_id, table.c.ended_at.is_(None))
                .values(ended_at=now, end_reason="erased")
            )
            connection.execute(
                update(table).where(table.c.conversation_id == conversation_id).values(deleted_at=now)
            )


@lru_cache(maxsize=1)
def chat_eraser() -> ChatEraser:
    from bot.audit.service import audit_trail
    from bot.clock import utc_now
    from bot.config import get_settings
    from bot.db.engine import get_engine
    from bot.dsr.pending import PendingRequestStore
    from bot.retention.chat_stores import build_chat_stores
    from bot.services.pii_warning import pii_guard
    from bot.training.forget import ForgetList
    from bot.verification import build_store

    settings = get_settings()
    engine = get_engine()
    pending = PendingRequestStore(build_store(settings), settings.secret_key.reveal().encode())
    # AISVS C11: the erased chat's lines must also leave the training data and the models trained on them.
    training = ForgetList(engine, settings.secret_key.reveal().encode(), utc_now)
    return ChatEraser(
        build_chat_stores(settings, engine), engine, utc_now, audit_trail().record,
        forget_hooks=(pii_guard().forget, pending.delete, training.forget_erased_chat),
    )
