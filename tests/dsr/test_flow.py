"""The request flow on real parts: SQLite cases, the memory and Redis stores, a recording mailer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.dsr import STATUS_LOOKUP, PendingRequestStore
from bot.dsr.flow import CompletionStatus, RequestFlow
from bot.mail import MailDeliveryFailed, OutgoingMail
from bot.verification import (
    CodeCheckStatus,
    CodeRequestStatus,
    MemoryShortLivedStore,
    ShortLivedStore,
    StoreUnavailable,
    VerificationService,
)
from tests.verification.fakes import SECRET_KEY, START, RecordingSender, other_code

CHAT = "chat-1"


@dataclass
class RecordingMailer:
    sent: list[OutgoingMail] = field(default_factory=list)
    failing: bool = False

    async def send(self, mail: OutgoingMail) -> None:
        if self.failing:
            raise MailDeliveryFailed(mail.kind, 3, permanent=False)
        self.sent.append(mail)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'flow.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@dataclass
class World:
    flow: RequestFlow
    store: ShortLivedStore
    sender: RecordingSender
    mailer: RecordingMailer
    clock: FrozenClock
    verification: VerificationService


def build(engine: Engine, store: ShortLivedStore | None = None) -> World:
    store = store or MemoryShortLivedStore()
    clock = FrozenClock(START)
    sender = RecordingSender()
    mailer = RecordingMailer()
    verification = VerificationService(store, sender, clock, SECRET_KEY)
    cases = CaseService(engine, clock, SECRET_KEY)
    flow = RequestFlow(PendingRequestStore(store, SECRET_KEY), verification, cases, mailer, Settings(), clock)
    return World(flow, store, sender, mailer, clock, verification)


@pytest.fixture
def world(engine: Engine) -> World:
    return build(engine)


async def test_a_request_becomes_a_case_only_after_the_right_code(world: World) -> None:
    sent = await world.flow.begin(CHAT, RequestType.ERASURE, "Kari@Example.org", "nb", "rest")
    assert sent.status is CodeRequestStatus.SENT
    assert world.sender.delivered[-1].email == "kari@example.org"
    assert (await world.flow.complete(CHAT)).status is CompletionStatus.NOT_VERIFIED

    assert (await world.flow.check_code(CHAT, other_code(world.sender.last_code))).status is CodeCheckStatus.WRONG
    assert (await world.flow.check_code(CHAT, world.sender.last_code)).status is CodeCheckStatus.VERIFIED
    done = await world.flow.complete(CHAT)
    assert done.status is CompletionStatus.OPENED and done.case is not None
    assert done.case.request_type is RequestType.ERASURE
    assert done.receipt_sent and world.mailer.sent[-1].kind == "case_received"
    assert done.case.reference in world.mailer.sent[-1].text
    # The request is gone from the server: a second completion opens nothing.
    assert (await world.flow.complete(CHAT)).status is CompletionStatus.NO_REQUEST


async def test_the_month_runs_from_the_request_not_from_the_code(world: World) -> None:
    await world.flow.begin(CHAT, RequestType.ACCESS, "kari@example.org", "en", "rest", {"scope": "everything"})
    world.clock.advance(minutes=9)
    await world.flow.check_code(CHAT, world.sender.last_code)
    done = await world.flow.complete(CHAT)
    assert done.case is not None and done.case.received_at.replace(tzinfo=None) == START.replace(tzinfo=None)
    assert done.case.details == {"scope": "everything"}


async def test_a_failed_receipt_still_leaves_the_case(world: World) -> None:
    await world.flow.begin(CHAT, RequestType.OBJECTION, "kari@example.org", "da", "rest")
    await world.flow.check_code(CHAT, world.sender.last_code)
    world.mailer.failing = True
    done = await world.flow.complete(CHAT)
    assert done.status is CompletionStatus.OPENED and not done.receipt_sent


async def test_a_corrected_address_kills_the_old_code(world: World) -> None:
    await world.flow.begin(CHAT, RequestType.ERASURE, "wrong@example.org", "nb", "rest")
    old_code = world.sender.last_code
    world.clock.advance(seconds=61)
    changed = await world.flow.change_email(CHAT, "right@example.org")
    assert changed is not None and changed.status is CodeRequestStatus.SENT
    assert world.sender.delivered[-1].email == "right@example.org"
    if old_code != world.sender.last_code:
        assert (await world.flow.check_code(CHAT, old_code)).status is not CodeCheckStatus.VERIFIED
    assert (await world.flow.check_code(CHAT, world.sender.last_code)).status is CodeCheckStatus.VERIFIED
    done = await world.flow.complete(CHAT)
    assert done.case is not None
    assert done.case.subject_key == CaseService(create_db_engine("sqlite://"), world.clock, SECRET_KEY).subject_key(
        "right@example.org"
    )


async def test_the_address_is_not_readable_in_the_store(world: World) -> None:
    assert isinstance(world.store, MemoryShortLivedStore)
    await world.flow.begin(CHAT, RequestType.RECTIFICATION, "kari@example.org", "nb", "rest",
                           {"what_is_wrong": "etternavnet", "correct_value": "Hansen"})
    dump = repr(world.store.__dict__)
    assert "kari@example.org" not in dump and "Hansen" not in dump and CHAT not in dump


async def test_status_shows_only_the_verified_persons_cases(world: World) -> None:
    await world.flow.begin(CHAT, RequestType.ERASURE, "kari@example.org", "nb", "rest")
    await world.flow.check_code(CHAT, world.sender.last_code)
    reference = (await world.flow.complete(CHAT)).case.reference  # type: ignore[union-attr]

    world.clock.advance(minutes=2)
    await world.flow.begin("chat-2", STATUS_LOOKUP, "kari@example.org", "nb", "rest", {"reference": reference})
    await world.flow.check_code("chat-2", world.sender.last_code)
    found = await world.flow.complete("chat-2")
    assert found.status is CompletionStatus.STATUS_FOUND and [c.reference for c in found.cases] == [reference]

    await world.flow.begin("chat-3", STATUS_LOOKUP, "someone.else@example.org", "nb", "rest", {"reference": reference})
    await world.flow.check_code("chat-3", world.sender.last_code)
    assert (await world.flow.complete("chat-3")).cases == []


class DeadStore(MemoryShortLivedStore):
    def __getattribute__(self, name: str) -> object:
        if name in {"put", "get", "put_record", "get_record", "take_slots", "consume", "fail_once", "delete",
                    "delete_prefix", "release_slots"}:
            def dead(*args: object, **kwargs: object) -> None:
                raise StoreUnavailable("store down")
            return dead
        return super().__getattribute__(name)


async def test_a_dead_store_fails_closed(engine: Engine) -> None:
    world = build(engine, DeadStore())
    assert (await world.flow.begin(CHAT, RequestType.ERASURE, "kari@example.org", "nb", "rest")).status is (
        CodeRequestStatus.UNAVAILABLE
    )
    assert world.sender.delivered == []
    assert (await world.flow.check_code(CHAT, "123456")).status is CodeCheckStatus.UNAVAILABLE
    assert (await world.flow.complete(CHAT)).status is CompletionStatus.UNAVAILABLE


async def test_a_dead_database_after_the_code_loses_nothing(engine: Engine, tmp_path: Path) -> None:
    world = build(engine)
    await world.flow.begin(CHAT, RequestType.ERASURE, "kari@example.org", "nb", "rest")
    await world.flow.check_code(CHAT, world.sender.last_code)
    dead = create_db_engine("postgresql://postgres@127.0.0.1:1/nowhere")
    broken = RequestFlow(PendingRequestStore(world.store, SECRET_KEY), world.verification,
                         CaseService(dead, world.clock, SECRET_KEY), world.mailer, Settings(), world.clock)
    assert (await broken.complete(CHAT)).status is CompletionStatus.UNAVAILABLE
    # The database is back: the passed check still counts, any next message finishes the request.
    assert (await world.flow.check_code(CHAT, "anything")).status is CodeCheckStatus.VERIFIED
    assert (await world.flow.complete(CHAT)).status is CompletionStatus.OPENED
