"""A signed completion report completes its own case, once, and only while the case is open.

Attacks that worked on main: a report signed for one case, sent to another case's URL, completed that case
(the signature covered only timestamp and body); the same request sent again within five minutes was accepted
again; a report for a closed case was an idempotent 200."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import Engine

from bot.cases.service import CaseService
from bot.cases.status import CaseStatus
from bot.clock import FrozenClock
from bot.connectors.completion import CompletionReceiver, completion_path
from bot.connectors.signing import MAX_AGE_SECONDS, ReplayCache, sign
from bot.verification import ShortLivedStore
from tests.cases.conftest import SECRET

CONNECTOR_SECRET = b"connector-secret-0123456789"


@pytest.fixture
def cases(engine: Engine, clock: FrozenClock) -> CaseService:
    return CaseService(engine, clock, SECRET)


@pytest.fixture
def receiver(cases: CaseService, store: ShortLivedStore, clock: FrozenClock) -> CompletionReceiver:
    return CompletionReceiver(lambda: cases, ReplayCache(store), CONNECTOR_SECRET, lambda: clock().timestamp())


def signed(reference: str, body: dict[str, object], clock: FrozenClock, offset: int = 0) -> tuple[bytes, str]:
    raw = json.dumps(body).encode()
    return raw, sign(CONNECTOR_SECRET, raw, int(clock().timestamp()) + offset, method="POST",
                     path=completion_path(reference))


def open_case(cases: CaseService, email: str) -> str:
    return cases.open_case("access", email, "nb", "web").case.reference


async def test_a_report_signed_for_one_case_does_not_complete_another(
    receiver: CompletionReceiver, cases: CaseService, clock: FrozenClock
) -> None:
    mine, other = open_case(cases, "a@example.org"), open_case(cases, "b@example.org")
    body, signature = signed(mine, {"status": "completed"}, clock)
    reply = await receiver.receive(other, body, signature)
    assert reply.status == 401
    assert cases.status_of(other) is CaseStatus.VERIFIED
    assert (await receiver.receive(mine, body, signature)).status == 200
    assert cases.status_of(mine) is CaseStatus.COMPLETED


async def test_a_replayed_report_is_refused(receiver: CompletionReceiver, cases: CaseService,
                                            clock: FrozenClock) -> None:
    reference = open_case(cases, "c@example.org")
    body, signature = signed(reference, {"status": "rejected", "note": "not in our systems"}, clock)
    assert (await receiver.receive(reference, body, signature)).status == 200
    clock.advance(seconds=MAX_AGE_SECONDS - 1)  # still inside the signature's window
    replay = await receiver.receive(reference, body, signature)
    assert replay.status == 409 and "received before" in replay.body["error"]


async def test_a_report_for_a_closed_case_is_refused_clearly(
    receiver: CompletionReceiver, cases: CaseService, clock: FrozenClock
) -> None:
    reference = open_case(cases, "d@example.org")
    assert (await receiver.receive(reference, *signed(reference, {"status": "completed"}, clock))).status == 200
    for status in ("completed", "rejected"):
        reply = await receiver.receive(reference, *signed(reference, {"status": status}, clock, offset=1))
        assert reply.status == 409
        assert reply.body["status"] == "completed" and "closed" in reply.body["error"]
    assert cases.status_of(reference) is CaseStatus.COMPLETED


async def test_old_style_and_stale_signatures_and_bad_bodies(
    receiver: CompletionReceiver, cases: CaseService, clock: FrozenClock
) -> None:
    reference = open_case(cases, "e@example.org")
    body, signature = signed(reference, {"status": "completed"}, clock, offset=-MAX_AGE_SECONDS - 1)
    assert (await receiver.receive(reference, body, signature)).status == 401
    v1 = signature.replace("v2=", "v1=")
    assert (await receiver.receive(reference, body, v1)).status == 401
    assert (await receiver.receive(reference, *signed(reference, {"status": "maybe"}, clock))).status == 400
    unknown = "VRN-ZZZZ-ZZ"
    assert (await receiver.receive(unknown, *signed(unknown, {"status": "completed"}, clock))).status == 404
    assert cases.status_of(reference) is CaseStatus.VERIFIED
