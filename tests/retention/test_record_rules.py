"""Every record kind obeys its rule: closed cases, addresses, ended consents, invitations, the access log.

Defect (issue 14): closed cases with their encrypted addresses, consent records and the console
access log were kept forever, and purposes.yml's retention was read by nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.models.conversation import utc_naive
from bot.retention.record_kinds import RecordPlaces
from bot.retention.record_rules import ACCESS_LOG, CASES, CONTACTS, INVITATIONS, RECORDS
from bot.retention.status import retention_status
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededMasker
from tests.retention.world import World


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _seed(engine: Engine, clock: FrozenClock) -> None:
    now = utc_naive(clock())
    with engine.begin() as connection:
        connection.execute(insert(CONTACTS).values(subject_key="s-closed", encrypted_email="x", created_at=now))
        connection.execute(insert(CONTACTS).values(subject_key="s-open", encrypted_email="y", created_at=now))
        for ref, key, closed in (("AAAA-1111", "s-closed", now), ("BBBB-2222", "s-open", None)):
            connection.execute(insert(CASES).values(
                reference=ref, request_type="access", language="nb", channel="rest", subject_key=key,
                status="completed" if closed else "verified", received_at=now, due_at=date(2026, 4, 2),
                closed_at=closed, details="{}"))
        for record_id, purpose, status in (("r-train", "assistant-training", "withdrawn"),
                                           ("r-given", "assistant-training", "given")):
            connection.execute(insert(RECORDS).values(
                record_id=record_id, subject_key="c", controller="k", purpose_id=purpose, purpose_version=1,
                notice_language="nb", notice_hash="h", legal_basis="dpv:Consent", data_categories="[]",
                processing="[]", retention="P1Y", channel="web", rule="adult", status=status,
                created_at=now, updated_at=now))
        connection.execute(insert(INVITATIONS).values(
            invitation_id="i-1", token_hash="t", code_hash="c", record_id="r-given", intent="approve",
            language="nb", conversation_id=None, created_at=now, expires_at=now + timedelta(hours=72)))
        connection.execute(insert(ACCESS_LOG).values(at=now, username="kari", action="viewed_case",
                                                     target="AAAA-1111"))


def test_each_record_kind_goes_when_its_rule_says_and_not_before(
    sqlite_world: World, clock: FrozenClock, make_worker: Callable[..., RetentionWorker]
) -> None:
    engine = sqlite_world.engine
    _seed(engine, clock)
    # No purposes given: the worker reads purposes.yml itself (assistant-training: P1Y), never deleting proof early.
    places = RecordPlaces()
    worker = make_worker(sqlite_world, SeededMasker(), places=places)

    clock.advance(days=31)
    worker.run_once()
    assert _count(engine, INVITATIONS) == 0, "an expired guardian link goes a day after its expiry"
    assert _count(engine, CONTACTS) == 1, "the address of the person with an open case stays; the other went"
    assert _count(engine, CASES) == 2 and _count(engine, RECORDS) == 2 and _count(engine, ACCESS_LOG) == 1

    clock.advance(days=340)  # past one year: the withdrawn consent's proof (P1Y) and the access log go
    status = retention_status(engine, clock, worker._policy, places)  # noqa: SLF001 - the worker's own policy
    assert status["due_by_record_rule"]["delete-ended-consents"] == 1
    assert status["due_by_record_rule"]["delete-console-access-log"] == 1
    worker.run_once()
    with engine.connect() as connection:
        assert list(connection.execute(select(RECORDS.c.record_id)).scalars()) == ["r-given"]
    assert _count(engine, ACCESS_LOG) == 0

    clock.advance(days=3 * 365)
    worker.run_once()
    with engine.connect() as connection:
        assert list(connection.execute(select(CASES.c.reference)).scalars()) == ["BBBB-2222"], "open cases stay"
    assert "kari" not in sqlite_world.dump()
