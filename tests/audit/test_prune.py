"""Audit entries older than the rule's year go, and the chain keeps verifying across the cut.

Defect (issue 14): the audit log was kept forever; no rule could cut it without breaking the chain.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.clock import FrozenClock
from tests.audit.test_chain import fill, sql


def _seqs(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT seq FROM audit_log ORDER BY seq")).scalars())


def test_a_signed_cut_keeps_the_chain_verifiable(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock, 5)
    old_checkpoint = trail.checkpoint()
    clock.advance(days=400)
    fill(trail, clock, 2)
    assert trail.prune_before(clock() - timedelta(days=365)) == 5
    assert _seqs(engine) == [6, 7, 8], "the year-old entries went; the signed cut (8) was appended"
    result = trail.verify()
    assert result.ok and result.count == 8, result.problem
    assert trail.verify(old_checkpoint).ok, "a regulator's older checkpoint is covered by the signed cut"
    assert trail.prune_before(clock() - timedelta(days=365)) == 0, "nothing more is due"
    fill(trail, clock, 1)
    assert trail.verify().ok


def test_removing_more_than_the_cut_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock, 3)
    clock.advance(days=400)
    fill(trail, clock, 2)
    trail.prune_before(clock() - timedelta(days=365))
    sql(engine, "DELETE FROM audit_log WHERE seq = 4")
    result = trail.verify()
    assert not result.ok and "signed cut" in result.problem


def test_a_forged_cut_is_found(trail: AuditTrail, clock: FrozenClock, engine: Engine) -> None:
    fill(trail, clock, 3)
    sql(engine, "DELETE FROM audit_log WHERE seq <= 2")
    assert not trail.verify().ok, "entries removed without a signed cut"
