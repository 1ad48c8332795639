"""Between showing what an erasure will remove and the person's «Yes, erase»: what was verified.

Held on the server (the short-lived store), keyed by a keyed hash of the chat,
so the confirm button carries nothing: only the chat that passed the code
check and saw the preview can confirm, and only for the case it opened. It
holds the case reference and two keyed hashes, never the address.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from bot.verification.store import ShortLivedStore

CONFIRM_TTL_SECONDS = 15 * 60
# What the preview's «Yes, delete everything» button sends; the channel answers it (bot.rasa_adapter.erasure_turn).
CONFIRM_ERASURE_PAYLOAD = "/confirm_erasure"


@dataclass(frozen=True)
class AwaitedErasure:
    reference: str
    subject_key: str
    consent_key: str


class ErasureConfirmations:
    def __init__(self, store: ShortLivedStore, secret_key: bytes, ttl_seconds: float = CONFIRM_TTL_SECONDS) -> None:
        self._store = store
        self._secret = secret_key
        self._ttl = ttl_seconds

    def _key(self, conversation_id: str) -> str:
        tag = hmac.new(self._secret, b"erasure-confirm:" + conversation_id.encode(), hashlib.sha256).hexdigest()
        return f"erasureconfirm:{tag[:32]}"

    def await_confirmation(self, conversation_id: str, awaited: AwaitedErasure) -> None:
        self._store.put(self._key(conversation_id), json.dumps(awaited.__dict__), self._ttl)

    def take(self, conversation_id: str) -> AwaitedErasure | None:
        """The awaited erasure, removed: a confirmation counts once."""
        key = self._key(conversation_id)
        raw = self._store.get(key)
        self._store.delete(key)
        if raw is None:
            return None
        try:
            return AwaitedErasure(**json.loads(raw))
        except (ValueError, TypeError):
            return None

    def forget(self, conversation_id: str) -> int:
        existed = self._store.get(self._key(conversation_id)) is not None
        self._store.delete(self._key(conversation_id))
        return int(existed)
