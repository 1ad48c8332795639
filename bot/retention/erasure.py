"""Erasure everywhere: one function removes a person's chats from every store.

Used by the "forget this chat" command and by erasure requests (Art. 17):
the tracker store (Redis or SQL), the chat's bookkeeping row (kept as a
content-free tombstone so the worker does not wait for it), every store keyed
to the chat (handoffs and their messages, the consent session holding the
plain address, verification codes and marks, PII warnings, the pending
request), and an audit entry with a pseudonymous subject listing how many
records each store lost (counts only)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine

from bot.db.sqlite import clear_sqlite_wal
from bot.models.conversation import Conversation, utc_naive
from bot.retention.chat_stores import ChatLogStore
from bot.retention.worker import subject_of

logger = logging.getLogger(__name__)
Audit = Callable[[str, "str | None", dict[str, Any]], None]
# A store keyed to a chat: forgets the chat, returns how many records it removed.
Cleaner = Callable[[str], "int | None"]


@dataclass(frozen=True)
class ErasureReport:
    conversations: int
    events_deleted: int
    # Store name -> records removed, summed over the chats (inventory names, counts only).
    stores: dict[str, int] = field(default_factory=dict)


class ChatEraser:
    def __init__(
        self,
        stores: list[ChatLogStore],
        engine: Engine,
        clock: Callable[[], datetime],
        audit: Audit | None = None,
        forget_hooks: Iterable[Callable[[str], Any]] = (),
        cleaners: Mapping[str, Cleaner] | None = None,
    ) -> None:
        self._stores = stores
        self._engine = engine
        self._clock = clock
        self._audit = audit
        self._hooks = list(forget_hooks)
        self._cleaners = dict(cleaners or {})

    def erase(self, conversation_ids: Iterable[str], keep: Collection[str] = ()) -> ErasureReport:
        """`keep`: cleaner names to skip (a handoff that just ended keeps its row for the widget's last word)."""
        erased = events = 0
        totals: dict[str, int] = {}
        for conversation_id in dict.fromkeys(conversation_ids):
            deleted = sum(store.delete_conversation(conversation_id) for store in self._stores)
            self._tombstone(conversation_id)
            counts = {"tracker_events": deleted, **self._clean(conversation_id, keep)}
            for hook in self._hooks:
                try:
                    hook(conversation_id)
                except Exception as error:  # noqa: BLE001 - short-lived state expires on its own
                    logger.warning("erasure: a forget hook failed (%s)", type(error).__name__)
            if self._audit is not None:
                self._audit("chat.erased", subject_of(conversation_id), {"events": deleted, "stores": counts})
            erased += 1
            events += deleted
            for name, count in counts.items():
                totals[name] = totals.get(name, 0) + count
        if erased:
            clear_sqlite_wal(self._engine)
        return ErasureReport(erased, events, totals)

    def _clean(self, conversation_id: str, keep: Collection[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for name, cleaner in self._cleaners.items():
            if name in keep:
                continue
            try:
                counts[name] = int(cleaner(conversation_id) or 0)
            except Exception as error:  # noqa: BLE001 - the others still go; short-lived keys expire anyway
                logger.warning("erasure: store %s failed (%s)", name, type(error).__name__)
                counts[name] = 0
        return counts

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
