"""After the e-mail code, a conversation may manage that address's consents for a short while.

Held on the server (the short-lived store), keyed by a keyed hash of the
conversation: a withdraw button from the client names a record, and the
server decides whether this conversation may act on it."""

from __future__ import annotations

import hashlib
import hmac
import json

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

    def grant(self, conversation_id: str, subject_key: str, email: str | None = None) -> None:
        # The verified address is kept as long as the session, so a receipt can be e-mailed on request.
        value = json.dumps({"subject": subject_key, "email": email})
        self._store.put(self._key(conversation_id), value, self._ttl)

    def _load(self, conversation_id: str) -> dict[str, str | None]:
        raw = self._store.get(self._key(conversation_id))
        if raw is None:
            return {}
        try:
            loaded = json.loads(raw)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def subject(self, conversation_id: str) -> str | None:
        return self._load(conversation_id).get("subject")

    def email(self, conversation_id: str) -> str | None:
        return self._load(conversation_id).get("email")

    def end(self, conversation_id: str) -> None:
        self._store.delete(self._key(conversation_id))

    def forget(self, conversation_id: str) -> int:
        """Erasure: the session (it holds the plain address) goes; 1 if there was one."""
        existed = self._store.get(self._key(conversation_id)) is not None
        self.end(conversation_id)
        return int(existed)
