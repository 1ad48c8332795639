"""Several retention workers on PostgreSQL share the backlog: each chat is masked by exactly one of them,
with exactly one audit entry, and a batch that fails is rolled back whole."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from bot.audit.models import AuditEntry
from bot.audit.service import AuditTrail
from bot.clock import FrozenClock
from bot.db.engine import create_db_engine
from bot.retention.chat_stores import SqlChatLogStore
from bot.retention.leader import DatabaseLeaderLock
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
from bot.retention.worker import RetentionWorker, RunReport
from tests.retention.chats import SeededChat, SeededMasker, rasa_sql_store
from tests.retention.world import World, conversation, end_chat, leaks, start_chats

CHATS = 40
SECRET = b"parallel-workers-test-secret-0123456789"


class TrailAudit:
    """The real hash-chained audit trail, as `vern retention run` hands it to the worker."""

    def __init__(self, trail: AuditTrail) -> None:
        self.trail = trail

    def __call__(self, event: str, subject: str | None, details: dict) -> None:
        self.trail.record(event, subject, details)

    def record_many(self, entries: list[tuple[str, str | None, dict]], connection: Any) -> None:
        self.trail.record_many(entries, connection)


class SlowMasker(SeededMasker):
    """The seeded masker at a speed where two workers' batches really overlap."""

    def __call__(self, text: str) -> str:
        time.sleep(0.0005)
        return super().__call__(text)


@pytest.fixture
def replicas(pg_engine: Engine, retention_pg_url: str) -> Iterator[list[Engine]]:
    """Two worker processes' engines (own pools, own sessions) on one database."""
    engines = [pg_engine, create_db_engine(retention_pg_url)]
    with pg_engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
        connection.execute(text("DELETE FROM audit_head"))
    yield engines
    engines[1].dispose()


def worker(engine: Engine, chats: list[SeededChat], clock: FrozenClock, lock_dir: Path) -> RetentionWorker:
    return RetentionWorker(
        engine, [SqlChatLogStore(engine)], load_policy(DEFAULT_POLICY_FILE), clock, SlowMasker(chats),
        TrailAudit(AuditTrail(engine, clock, SECRET)), DatabaseLeaderLock(engine, lock_dir), claim_size=3,
    )  # fmt: skip


def masked_audit(engine: Engine) -> Counter[str]:
    table = AuditEntry.__table__
    with engine.connect() as connection:
        subjects = connection.execute(select(table.c.subject).where(table.c.event == "chat.masked")).scalars()
        return Counter(subjects)


def test_two_workers_at_once_mask_every_chat_exactly_once(
    replicas: list[Engine], clock: FrozenClock, tmp_path: Path
) -> None:
    engine = replicas[0]
    world = World("postgresql", engine, [SqlChatLogStore(engine)], rasa_sql_store(engine))
    chats = [SeededChat() for _ in range(CHATS)]
    try:
        world.save(chats)
        start_chats(engine, clock, chats)
        for chat in chats:
            end_chat(engine, clock, chat)
        clock.advance(minutes=15)
        workers = [worker(replica, chats, clock, tmp_path / str(n)) for n, replica in enumerate(replicas)]
        reports: list[RunReport] = []
        start = threading.Barrier(len(workers))

        def run(one: RetentionWorker) -> None:
            start.wait()
            reports.append(one.run_once())

        threads = [threading.Thread(target=run, args=(one,)) for one in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        for one in workers:
            one._leader.release()  # noqa: SLF001 - the test's own workers

        assert len(reports) == 2 and sorted(r.leader for r in reports) == [False, True], "one leader, one helper"
        assert all(r.masked > 0 for r in reports), f"both workers took part: {[r.masked for r in reports]}"
        assert sum(r.masked for r in reports) == CHATS and not any(r.failed for r in reports)
        assert all(conversation(engine, chat)["masked_at"] is not None for chat in chats)
        assert leaks(world.dump(), chats) == []

        audited = masked_audit(engine)
        assert audited == Counter({hashlib.sha256(c.sender_id.encode()).hexdigest(): 1 for c in chats}), (
            "one audit entry per chat, none twice")
        verification = AuditTrail(engine, clock, SECRET).verify()
        assert verification.ok and verification.count == CHATS, verification.problem

        again = [one.run_once() for one in workers]
        assert [r.masked for r in again] == [0, 0], "nothing is masked twice"
        for one in workers:
            one._leader.release()  # noqa: SLF001
    finally:
        world.close()


def test_a_batch_whose_audit_fails_is_rolled_back_and_retried(
    replicas: list[Engine], clock: FrozenClock, tmp_path: Path
) -> None:
    """Masked events, masked_at and the audit entries commit together, or none of them does."""
    engine = replicas[0]
    world = World("postgresql", engine, [SqlChatLogStore(engine)], rasa_sql_store(engine))
    chats = [SeededChat() for _ in range(4)]

    class BrokenAudit(TrailAudit):
        def record_many(self, entries: list[tuple[str, str | None, dict]], connection: Any) -> None:
            raise ConnectionError("audit log unreachable")

    try:
        world.save(chats)
        start_chats(engine, clock, chats)
        for chat in chats:
            end_chat(engine, clock, chat)
        clock.advance(minutes=15)
        broken = RetentionWorker(
            engine, [SqlChatLogStore(engine)], load_policy(DEFAULT_POLICY_FILE), clock, SeededMasker(chats),
            BrokenAudit(AuditTrail(engine, clock, SECRET)), DatabaseLeaderLock(engine, tmp_path), claim_size=2,
        )  # fmt: skip
        report = broken.run_once()
        broken._leader.release()  # noqa: SLF001
        assert report.masked == 0 and report.failed == 4
        assert all(conversation(engine, chat)["masked_at"] is None for chat in chats)
        assert len(leaks(world.dump(), chats)) > 0, "the events were not left masked without their audit entry"

        fixed = worker(engine, chats, clock, tmp_path)
        assert fixed.run_once().masked == 4
        fixed._leader.release()  # noqa: SLF001
        assert leaks(world.dump(), chats) == [] and sum(masked_audit(engine).values()) == 4
    finally:
        world.close()
