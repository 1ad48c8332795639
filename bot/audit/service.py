"""The audit trail as the rest of Vern sees it: record an event, verify the chain, export a checkpoint."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.engine import Engine

from bot.audit import prune
from bot.audit.checkpoint import Checkpoint, sign_checkpoint, signing_key
from bot.audit.log import AuditLog
from bot.audit.verify import Verification, verify_entries
from bot.keys import KeyRing, Purpose

logger = logging.getLogger(__name__)


class AuditTrail:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], keys: KeyRing | bytes,
                 signing_key_b64: str | None = None,
                 on_broken: Callable[[Verification], None] | None = None) -> None:
        # Bytes (tests, tools) stand for a deployment's SECRET_KEY: its keys are derived as wiring's are.
        ring = keys if isinstance(keys, KeyRing) else KeyRing(keys)
        self.log = AuditLog(engine, clock, ring.key(Purpose.AUDIT_SEAL), legacy_key=ring.legacy(Purpose.AUDIT_SEAL))
        self._engine = engine
        self._clock = clock
        self._signing = signing_key(signing_key_b64, ring.key(Purpose.AUDIT_SIGNING))
        # Told of every failed verification (the deployment opens a breach: bot.breach.detect).
        self._on_broken = on_broken

    def record(self, event: str, subject: str | None = None, details: dict[str, Any] | None = None) -> None:
        self.log.append(event, subject, details)

    def record_many(self, entries: list[tuple[str, str | None, dict[str, Any]]], connection: Any = None) -> None:
        """Several entries in one transaction: `connection`'s, when given (see AuditLog.append_many)."""
        self.log.append_many(entries, connection)

    @property
    def public_key(self) -> str:
        raw = self._signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def verify(self, checkpoint: Checkpoint | None = None) -> Verification:
        result = self._verify(checkpoint)
        if not result.ok and self._on_broken is not None:
            self._on_broken(result)
        return result

    def _verify(self, checkpoint: Checkpoint | None) -> Verification:
        start = None
        first = prune.first_seq(self._engine)
        if first is not None and first > 1:
            cut = prune.signed_cut(self._engine, first, self.public_key)
            if cut is None:
                return Verification(False, 0, "", f"entries before {first} were removed without a signed cut",
                                    first - 1)
            start = (cut.through, cut.head)
        result = verify_entries(self.log.entries(), checkpoint, start)
        if not result.ok:
            return result
        head = self.log.sealed_head()
        if head is None:
            if result.count:
                return Verification(False, result.count, result.head, "the sealed head record is missing", None)
            return result
        if not head.seal_valid:
            return Verification(False, result.count, result.head, "the sealed head record was altered", None)
        if head.count != result.count or head.head != result.head:
            return Verification(
                False, result.count, result.head,
                f"the log holds {result.count} entries but {head.count} were written: it was truncated",
                result.count + 1,
            )
        return result

    def prune_before(self, cutoff: datetime) -> int:
        """Delete entries recorded at or before `cutoff`, after signing a cut into the chain (bot.audit.prune)."""
        due = prune.last_due(self._engine, cutoff)
        if due is None:
            return 0
        result = self.verify()
        if not result.ok:
            raise ValueError(f"refusing to prune a broken chain: {result.problem}")
        cut = sign_checkpoint(due[0], due[1], self._clock(), self._signing)
        self.log.append(prune.PRUNED_EVENT, None, prune.cut_details(cut))
        return prune.delete_through(self._engine, due[0])

    def checkpoint(self) -> Checkpoint:
        result = self.verify()
        if not result.ok:
            raise ValueError(f"refusing to sign a broken chain: {result.problem}")
        return sign_checkpoint(result.count, result.head, self._clock(), self._signing)
