"""HMAC signatures for webhook bodies, both ways: `t=<unix time>,v1=<hex sha256>` over "<t>.<body>".

The timestamp inside the signature stops replays of an old, captured request."""

from __future__ import annotations

import hashlib
import hmac
import re

SIGNATURE_HEADER = "X-Vern-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_AGE_SECONDS = 300
_PARTS = re.compile(r"^t=(\d{1,12}),v1=([0-9a-f]{64})$")


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: bytes, body: bytes, header: str | None, now: float) -> bool:
    match = _PARTS.match(header or "")
    if match is None:
        return False
    timestamp = int(match.group(1))
    if abs(now - timestamp) > MAX_AGE_SECONDS:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, match.group(2))
