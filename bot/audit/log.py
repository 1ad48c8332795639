"""Appending to the audit log: one writer at a time, each entry chained to the last."""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.audit.chain import GENESIS_HASH, canonical_details, entry_hash
from bot.audit.models import AuditEntry, AuditHead

logger = logging.getLogger(__name__)
TABLE = AuditEntry.__table__
HEAD = AuditHead.__table__
# Serialises appenders across processes on PostgreSQL (SQLite serialises writers itself).
APPEND_LOCK_ID = 0x7665726E_0A0D
APPEND_ATTEMPTS = 20
_LOCAL_WRITER = threading.Lock()


@dataclass(frozen=True)
class StoredEntry:
    seq: int
    recorded_at: datetime
    event: str
    subject: str | None
    details: str
    prev_hash: str
    entry_hash: str


def pseudonym(secret_key: bytes, value: str) -> str:
    """The subject key the audit log uses for a conversation id, address or case: a keyed hash."""
    return hmac.new(secret_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def seal(secret_key: bytes, count: int, head: str) -> str:
    return hmac.new(secret_key, f"audit-head:{count}:{head}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SealedHead:
    count: int
    head: str
    seal_valid: bool


class AuditLog:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes, *,
                 legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key
        # The entries' chain is unkeyed; only the head's seal is. A head sealed before the keys were derived
        # (bot.keys) is still valid until the next append or `vern keys migrate` seals it anew.
        self._legacy = legacy_key

    def append(self, event: str, subject: str | None = None, details: dict[str, Any] | None = None) -> StoredEntry:
        body = canonical_details(details or {})
        # SQLite has no advisory lock: two writers can read the same last entry,
        # and the primary key on `seq` refuses the second. It simply tries again.
        for attempt in range(APPEND_ATTEMPTS):
            try:
                with _LOCAL_WRITER:
                    return self._append_once(event, subject, body)
            except IntegrityError:
                if attempt == APPEND_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _append_once(self, event: str, subject: str | None, body: str) -> StoredEntry:
        with self._engine.begin() as connection:
            return self._append_all(connection, [(event, subject, body)])[0]

    def append_many(self, entries: list[tuple[str, str | None, dict[str, Any]]],
                    connection: Connection | None = None) -> list[StoredEntry]:
        """Several entries in one transaction, one lock and one head update (the retention worker's batches).

        With `connection` they join that transaction, so they commit or vanish with the work they record;
        on PostgreSQL the append lock is then held until it commits, so add them last."""
        bodies = [(event, subject, canonical_details(details or {})) for event, subject, details in entries]
        if not bodies:
            return []
        if connection is not None:
            return self._append_all(connection, bodies)
        for attempt in range(APPEND_ATTEMPTS):
            try:
                with _LOCAL_WRITER, self._engine.begin() as own:
                    return self._append_all(own, bodies)
            except IntegrityError:
                if attempt == APPEND_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _append_all(self, connection: Connection, bodies: list[tuple[str, str | None, str]]) -> list[StoredEntry]:
        self._lock(connection)
        last = connection.execute(
            select(TABLE.c.seq, TABLE.c.entry_hash).order_by(TABLE.c.seq.desc()).limit(1)
        ).first()
        seq = last.seq if last else 0
        prev = last.entry_hash if last else GENESIS_HASH
        # Stored without timezone and microseconds so the hash reads back identically on every database.
        at = self._clock().replace(tzinfo=None, microsecond=0)
        stored: list[StoredEntry] = []
        for event, subject, body in bodies:
            seq += 1
            digest = entry_hash(prev, seq, at, event, subject, body)
            stored.append(StoredEntry(seq, at, event, subject, body, prev, digest))
            prev = digest
        connection.execute(TABLE.insert(), [
            {"seq": e.seq, "recorded_at": e.recorded_at, "event": e.event, "subject": e.subject,
             "details": e.details, "prev_hash": e.prev_hash, "entry_hash": e.entry_hash} for e in stored])
        sealed = {"count": seq, "head_hash": prev, "seal": seal(self._secret, seq, prev)}
        if connection.execute(HEAD.update().where(HEAD.c.id == 1).values(**sealed)).rowcount == 0:
            connection.execute(HEAD.insert().values(id=1, **sealed))
        return stored

    def _lock(self, connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": APPEND_LOCK_ID})

    def sealed_head(self) -> SealedHead | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(HEAD).where(HEAD.c.id == 1)).first()
        if row is None:
            return None
        valid = any(hmac.compare_digest(row.seal, seal(secret, row.count, row.head_hash))
                    for secret in (self._secret, self._legacy) if secret)
        return SealedHead(row.count, row.head_hash, valid)

    def reseal(self) -> bool:
        """Seal the head anew under the current key, if its seal holds under a key allowed now; True if done.

        A head whose seal holds under no allowed key is left as it is: resealing it would hide a break."""
        with self._engine.begin() as connection:
            self._lock(connection)
            row = connection.execute(select(HEAD).where(HEAD.c.id == 1)).first()
            if row is None or hmac.compare_digest(row.seal, seal(self._secret, row.count, row.head_hash)):
                return False
            if self._legacy is None or not hmac.compare_digest(row.seal, seal(self._legacy, row.count,
                                                                                row.head_hash)):
                return False
            connection.execute(HEAD.update().where(HEAD.c.id == 1)
                               .values(seal=seal(self._secret, row.count, row.head_hash)))
        return True

    def entries(self, batch: int = 1000) -> Iterator[StoredEntry]:
        """Every entry in chain order, read in batches so a long log never sits in memory."""
        after = 0
        while True:
            with self._engine.connect() as connection:
                rows = connection.execute(
                    select(TABLE).where(TABLE.c.seq > after).order_by(TABLE.c.seq).limit(batch)
                ).all()
            if not rows:
                return
            for row in rows:
                yield StoredEntry(
                    row.seq, row.recorded_at, row.event, row.subject, row.details, row.prev_hash, row.entry_hash
                )
            after = rows[-1].seq
