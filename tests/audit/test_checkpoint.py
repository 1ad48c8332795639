"""Signed checkpoints let a regulator prove later that the log still holds what it saw."""

from __future__ import annotations

import base64
import dataclasses

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.audit.checkpoint import Checkpoint, signature_holds, signing_key
from bot.audit.service import AuditTrail
from bot.clock import FrozenClock
from tests.audit.conftest import SECRET


def fill(trail: AuditTrail, clock: FrozenClock, count: int) -> None:
    for i in range(count):
        trail.record("chat.deleted", f"s{i}", {"rule": "delete-handed-off-chats"})
        clock.advance(seconds=30)


def test_a_checkpoint_is_signed_and_survives_later_entries(trail: AuditTrail, clock: FrozenClock) -> None:
    fill(trail, clock, 4)
    checkpoint = Checkpoint.from_json(trail.checkpoint().to_json())
    assert checkpoint.count == 4 and signature_holds(checkpoint)
    fill(trail, clock, 3)
    assert trail.verify(checkpoint).ok


def test_history_rewritten_before_the_checkpoint_is_found_even_with_the_key(
    trail: AuditTrail, clock: FrozenClock, engine: Engine
) -> None:
    fill(trail, clock, 4)
    checkpoint = trail.checkpoint()
    # An insider with the database and the secret rebuilds a clean chain without entry 2.
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
        connection.execute(text("DELETE FROM audit_head"))
    for i in (0, 2, 3):
        trail.record("chat.deleted", f"s{i}", {"rule": "delete-handed-off-chats"})
    assert trail.verify().ok, "the rebuilt chain is internally consistent"
    result = trail.verify(checkpoint)
    assert not result.ok and "truncated" in result.problem


def test_a_forged_or_altered_checkpoint_does_not_verify(trail: AuditTrail, clock: FrozenClock) -> None:
    fill(trail, clock, 2)
    checkpoint = trail.checkpoint()
    assert not signature_holds(dataclasses.replace(checkpoint, count=1))
    other_key = signing_key(base64.b64encode(b"k" * 32).decode(), SECRET)
    trusted = base64.b64encode(
        other_key.public_key().public_bytes_raw()  # type: ignore[attr-defined]
    ).decode()
    assert not signature_holds(checkpoint, trusted)
