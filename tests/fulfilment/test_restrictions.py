"""Art. 18: a restricted subject's chats are known, so nothing but answering them uses their data."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.engine import Engine

from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.fulfilment.restrictions import RestrictionRegister

SECRET = b"restriction-test-secret-0123456789"


def test_restricted_subjects_and_their_chats_are_listed_and_can_be_lifted(engine: Engine) -> None:
    clock = FrozenClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))
    cases = CaseService(engine, clock, SECRET)
    mine = cases.open_case(RequestType.RESTRICTION, "kari@example.org", "nb", "rest", conversation_id="chat-kari")
    cases.open_case(RequestType.ACCESS, "ola@example.org", "nb", "rest", conversation_id="chat-ola")
    register = RestrictionRegister(engine, clock)
    key = cases.subject_key("kari@example.org")

    register.restrict(key, mine.reference)
    register.restrict(key, mine.reference)  # idempotent

    assert register.is_restricted(key)
    assert not register.is_restricted(cases.subject_key("ola@example.org"))
    assert register.restricted_conversations() == {"chat-kari"}
    register.lift(key)
    assert register.restricted_conversations() == set()
