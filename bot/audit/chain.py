"""How an audit entry is hashed: the one definition both writing and verifying use."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_details(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(
    prev_hash: str, seq: int, recorded_at: datetime, event: str, subject: str | None, details: str
) -> str:
    # Every field is inside the hash, and the previous hash too: changing,
    # removing or reordering any entry breaks every hash after it.
    payload = json.dumps(
        [prev_hash, seq, recorded_at.replace(microsecond=recorded_at.microsecond).isoformat(), event, subject, details],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
