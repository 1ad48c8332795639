"""The addresses a chat has used, as keyed hashes, so a child's own address cannot answer as their guardian.

Every address a chat asks an e-mail code for is noted here (the consent pseudonym, never the address), for
as long as a guardian link can be answered. When the chat's consent needs a guardian, the invitation is
issued with these keys as the ones that may not answer (bot.consent.invitations)."""

from __future__ import annotations

import hashlib
import hmac
import json

from bot.consent.invitations import VALID_FOR
from bot.verification.store import ShortLivedStore

MAX_KEYS = 20  # a chat that names more addresses than this is not a person's; the oldest are dropped


class ChatAddresses:
    def __init__(self, store: ShortLivedStore, secret_key: bytes) -> None:
        self._store = store
        self._secret = secret_key

    def _key(self, conversation_id: str) -> str:
        tag = hmac.new(self._secret, b"chat-addresses:" + conversation_id.encode(), hashlib.sha256).hexdigest()
        return f"chataddresses:{tag[:32]}"

    def keys(self, conversation_id: str) -> list[str]:
        raw = self._store.get(self._key(conversation_id))
        try:
            loaded = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [key for key in loaded if isinstance(key, str)] if isinstance(loaded, list) else []

    def note(self, conversation_id: str, pseudonym: str) -> None:
        # Read-then-write is enough: one chat's turns run one at a time (Rasa's lock store).
        known = [key for key in self.keys(conversation_id) if key != pseudonym] + [pseudonym]
        self._store.put(self._key(conversation_id), json.dumps(known[-MAX_KEYS:]), VALID_FOR.total_seconds())

    def forget(self, conversation_id: str) -> None:
        """«Forget this chat» and erasure: the chat's address hashes go with it."""
        self._store.delete(self._key(conversation_id))

