"""Between showing what an erasure will remove and the person's «Yes, erase»: what was verified.

Held on the server, keyed by a keyed hash of the chat, so the confirm button
carries nothing: only the chat that passed the code check and saw the preview
can confirm, and only for the case it opened. It holds the case reference and
two keyed hashes, never the address.

It lives in the database, not the short-lived store: the action server writes
it and the chat channel in the Rasa process reads it, and on the embedded
default (no Redis) those two processes share only the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.models.conversation import utc_naive
from bot.models.erasure_confirmation import AwaitedErasureRow

CONFIRM_TTL_SECONDS = 15 * 60
# What the preview's «Yes, delete everything» button sends; the channel answers it (bot.rasa_adapter.erasure_turn).
CONFIRM_ERASURE_PAYLOAD = "/confirm_erasure"


TABLE = AwaitedErasureRow.__table__


@dataclass(frozen=True)
class AwaitedErasure:
    reference: str
    subject_key: str
    consent_key: str


class ErasureConfirmations:
    def __init__(self, engine: Engine, secret_key: bytes, clock: Callable[[], datetime],
                 ttl_seconds: float = CONFIRM_TTL_SECONDS, *, legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._secret = secret_key
        # A question asked before the keys were derived (bot.keys) is still found for its quarter hour.
        self._legacy = legacy_key
        self._clock = clock
        self._ttl = timedelta(seconds=ttl_seconds)

    def _key(self, conversation_id: str, secret: bytes | None = None) -> str:
        return hmac.new(secret or self._secret, b"erasure-confirm:" + conversation_id.encode(),
                        hashlib.sha256).hexdigest()

    def _keys(self, conversation_id: str) -> list[str]:
        return [self._key(conversation_id, secret) for secret in (self._secret, self._legacy) if secret]

    def await_confirmation(self, conversation_id: str, awaited: AwaitedErasure) -> None:
        now = utc_naive(self._clock())
        key = self._key(conversation_id)
        with self._engine.begin() as connection:
            # Expired ones go on the way: the table holds at most the last quarter hour's previews.
            connection.execute(delete(TABLE).where(TABLE.c.chat_key.in_(self._keys(conversation_id))
                                                   | (TABLE.c.expires_at <= now)))
            connection.execute(TABLE.insert().values(chat_key=key, awaited=json.dumps(awaited.__dict__),
                                                     expires_at=now + self._ttl))

    def take(self, conversation_id: str) -> AwaitedErasure | None:
        """The awaited erasure, removed: a confirmation counts once (the one whose delete removed the row)."""
        keys = self._keys(conversation_id)
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            row = connection.execute(select(TABLE.c.chat_key, TABLE.c.awaited, TABLE.c.expires_at)
                                     .where(TABLE.c.chat_key.in_(keys))).first()
            if row is None:
                return None
            if not connection.execute(delete(TABLE).where(TABLE.c.chat_key == row.chat_key)).rowcount:
                return None  # another turn took it first
        if row.expires_at <= now:
            return None
        try:
            return AwaitedErasure(**json.loads(row.awaited))
        except (ValueError, TypeError):
            return None

    def forget(self, conversation_id: str) -> int:
        with self._engine.begin() as connection:
            return int(connection.execute(delete(TABLE).where(TABLE.c.chat_key.in_(self._keys(conversation_id))))
                       .rowcount or 0)
