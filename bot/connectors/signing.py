"""HMAC signatures for webhook requests, both ways: `t=<unix time>,v2=<hex sha256>`.

The signed text is "<t>.<METHOD>.<path>.<body>": the timestamp stops replays
of an old, captured request, and the method and path (which carry a case
reference) stop a report signed for one case from being sent for another.
A v1 signature (timestamp and body only) is refused: it is not bound to a case.
Within the validity window the receiving side also refuses a signature it has
seen before (`ReplayCache`), so each request, retries included, is signed afresh."""

from __future__ import annotations

import hashlib
import hmac
import re

from bot.verification.store import ShortLivedStore

SIGNATURE_HEADER = "X-Vern-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_AGE_SECONDS = 300
_PARTS = re.compile(r"^t=(\d{1,12}),v2=([0-9a-f]{64})$")


def signed_text(method: str, path: str, timestamp: int, body: bytes) -> bytes:
    return f"{timestamp}.{method.upper()}.{path}.".encode() + body


def sign(secret: bytes, body: bytes, timestamp: int, *, method: str, path: str) -> str:
    digest = hmac.new(secret, signed_text(method, path, timestamp, body), hashlib.sha256).hexdigest()
    return f"t={timestamp},v2={digest}"


def verify(secret: bytes, body: bytes, header: str | None, now: float, *, method: str, path: str) -> str | None:
    """The signature's digest when it is valid for this request now (the replay cache's key), else None."""
    match = _PARTS.match(header or "")
    if match is None:
        return None
    timestamp = int(match.group(1))
    if abs(now - timestamp) > MAX_AGE_SECONDS:
        return None
    expected = sign(secret, body, timestamp, method=method, path=path).split("v2=", 1)[1]
    return match.group(2) if hmac.compare_digest(expected, match.group(2)) else None


class ReplayCache:
    """Signatures seen within the validity window, in the short-lived store (shared by every replica on Redis).

    A signature stays valid for MAX_AGE_SECONDS either side of its timestamp, so it is remembered for
    twice that: a replay at any moment it could still verify finds it."""

    PREFIX = "connector-seen:"

    def __init__(self, store: ShortLivedStore) -> None:
        self._store = store

    def first_sighting(self, digest: str) -> bool:
        """Atomically records the signature; False when it was seen before. Raises `StoreUnavailable`."""
        return self._store.put_if_absent(self.PREFIX + digest, "1", 2 * MAX_AGE_SECONDS + 1)
