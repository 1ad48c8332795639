"""The server's record of a request that waits for its e-mail code.

The dialogue's slots are not evidence: a client can set them (Rasa's
`/intent{"slot": ...}` shortcut). What was asked, for which address, and in
which conversation is kept here, encrypted, and only this record decides what
a verified code opens. It lives as long as a code can be re-sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.dsr.kinds import RequestKind, kind_value, parse_kind
from bot.verification.store import ShortLivedStore

PENDING_TTL_SECONDS = 3600.0
_KEY_INFO = b"vern-pending-request-v1"


@dataclass(frozen=True)
class PendingRequest:
    request_id: str
    kind: RequestKind
    email: str
    language: str
    channel: str
    received_at: datetime
    details: dict[str, str] = field(default_factory=dict)

    def with_email(self, email: str) -> PendingRequest:
        # A new address is a new request: the old code must not open it.
        return PendingRequest(
            new_request_id(), self.kind, email, self.language, self.channel, self.received_at, dict(self.details)
        )


def new_request_id() -> str:
    return secrets.token_hex(12)


class PendingRequestStore:
    """Pending requests by conversation, in the store for short-lived secrets (Redis or memory)."""

    def __init__(self, store: ShortLivedStore, secret_key: bytes, ttl_seconds: float = PENDING_TTL_SECONDS) -> None:
        derived = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=_KEY_INFO).derive(secret_key)
        self._tag_key = derived[:32]
        self._fernet = Fernet(base64.urlsafe_b64encode(derived[32:]))
        self._store = store
        self._ttl = ttl_seconds

    def _key(self, conversation_id: str) -> str:
        # A keyed tag: the store's key names reveal no conversation id.
        tag = hmac.new(self._tag_key, conversation_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
        return f"pending:{tag}"

    def save(self, conversation_id: str, request: PendingRequest) -> None:
        document = {
            "request_id": request.request_id,
            "kind": kind_value(request.kind),
            "email": request.email,
            "language": request.language,
            "channel": request.channel,
            "received_at": request.received_at.isoformat(),
            "details": request.details,
        }
        token = self._fernet.encrypt(json.dumps(document).encode("utf-8")).decode("ascii")
        self._store.put(self._key(conversation_id), token, self._ttl)

    def load(self, conversation_id: str) -> PendingRequest | None:
        token = self._store.get(self._key(conversation_id))
        if token is None:
            return None
        try:
            document = json.loads(self._fernet.decrypt(token.encode("ascii")))
        except (InvalidToken, ValueError):
            return None  # written under another secret key: as good as expired
        return PendingRequest(
            request_id=document["request_id"],
            kind=parse_kind(document["kind"]),
            email=document["email"],
            language=document["language"],
            channel=document["channel"],
            received_at=datetime.fromisoformat(document["received_at"]),
            details=dict(document.get("details") or {}),
        )

    def delete(self, conversation_id: str) -> None:
        self._store.delete(self._key(conversation_id))
