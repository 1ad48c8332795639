"""Tampering of every kind is found: modification, deletion, reordering, truncation, a forged seal."""

from __future__ import annotations

import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.clock import FrozenClock


def fill(trail: AuditTrail, clock: FrozenClock, count: int = 5) -> None:
    for i in range(count):
        trail.record("chat.masked", f"subject-{i}", {"rule": "mask-bot-chats", "events": i})
        clock.advance(minutes=1)


def sql(engine: Engine, statement: str, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), values)


def test_an_untouched_log_verifies(trail: AuditTrail, clock: FrozenClock) -> None:
    assert trail.verify().ok and trail.verify().count == 0
    fill(trail, clock)
    result = trail.verify()
    assert result.ok and result.count == 5


def test_a_modified_entry_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    sql(engine, "UPDATE audit_log SET details = :d WHERE seq = 3", d='{"events":999}')
    result = trail.verify()
    assert not result.ok and result.at_seq == 3 and "modified" in result.problem


def test_a_modified_time_or_subject_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    sql(engine, "UPDATE audit_log SET subject = 'someone-else' WHERE seq = 2")
    assert trail.verify().at_seq == 2


def test_a_deleted_entry_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    sql(engine, "DELETE FROM audit_log WHERE seq = 2")
    result = trail.verify()
    assert not result.ok and result.at_seq == 2 and "missing" in result.problem


def test_reordered_entries_are_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    # Swap the contents of entries 2 and 3, hashes and all.
    sql(engine, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
    sql(engine, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
    sql(engine, "UPDATE audit_log SET seq = 3 WHERE seq = 100")
    result = trail.verify()
    assert not result.ok and result.at_seq == 2


def test_a_truncated_tail_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    sql(engine, "DELETE FROM audit_log WHERE seq >= 4")
    result = trail.verify()
    assert not result.ok and "truncated" in result.problem


def test_a_rewritten_head_without_the_key_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock)
    sql(engine, "DELETE FROM audit_log WHERE seq >= 4")
    with engine.connect() as connection:
        head = connection.execute(text("SELECT entry_hash FROM audit_log WHERE seq = 3")).scalar_one()
    sql(engine, "UPDATE audit_head SET count = 3, head_hash = :h", h=head)
    result = trail.verify()
    assert not result.ok and "altered" in result.problem


def test_concurrent_writers_keep_one_unbroken_chain(trail: AuditTrail) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                trail.record("consent.changed", f"w{worker}", {"i": i})
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    result = trail.verify()
    assert result.ok and result.count == 45
