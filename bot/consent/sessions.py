"""After the e-mail code, a conversation may manage that address's consents for a short while.

Held on the server (the short-lived store), keyed by a keyed hash of the
conversation: a withdraw button from the client names a record, and the
server decides whether this conversation may act on it."""

from __future__ import annotations

import hashlib
import hmac

from bot.verification.store import ShortLivedStore

SESSION_TTL_SECONDS = 15 * 60


class ConsentSessions:
    def __init__(self, store: ShortLivedStore, secret_key: bytes, ttl_seconds: float = SESSION_TTL_SECONDS) -> None:
        self._store = store
        self._secret = secret_key
        self._ttl = ttl_seconds

    def _key(self, conversation_id: str) -> str:
        tag = hmac.new(self._secret, b"consent-session:" + conversation_id.encode(), hashlib.sha256).hexdigest()
        return f"consentsession:{tag[:32]}"

    def grant(self, conversation_id: str, subject_key: str) -> None:
        self._store.put(self._key(conversation_id), subject_key, self._ttl)

    def subject(self, conversation_id: str) -> str | None:
        return self._store.get(self._key(conversation_id))

    def end(self, conversation_id: str) -> None:
        self._store.delete(self._key(conversation_id))
