"""Codes cannot be used to flood an inbox or to learn whether Vern knows an address."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.verification import CodeCheckStatus, CodeRequestResult, CodeRequestStatus, RateLimitScope
from bot.verification import VerificationService as Service
from tests.verification.fakes import RecordingSender

EMAIL = "kari.nordmann@example.org"


async def test_resend_waits_a_minute(service: Service, sender: RecordingSender, clock: FrozenClock) -> None:
    assert (await service.request_code("conv-1", "req-1", EMAIL, "nb")).status is CodeRequestStatus.SENT

    clock.advance(seconds=15)
    assert await service.request_code("conv-1", "req-1", EMAIL, "nb") == CodeRequestResult(
        CodeRequestStatus.COOLDOWN, retry_after_seconds=45
    )
    clock.advance(seconds=44.5)
    assert await service.request_code("conv-1", "req-1", EMAIL, "nb") == CodeRequestResult(
        CodeRequestStatus.COOLDOWN, retry_after_seconds=1
    )
    clock.advance(seconds=0.5)
    assert (await service.request_code("conv-1", "req-1", EMAIL, "nb")).status is CodeRequestStatus.SENT
    assert len(sender.delivered) == 2


async def test_an_address_gets_five_codes_an_hour_whichever_conversations_ask(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    for n in range(5):
        result = await service.request_code(f"conv-{n}", "req-1", EMAIL, "nb")
        assert result.status is CodeRequestStatus.SENT
        clock.advance(minutes=10)

    # Upper case and spaces are the same inbox.
    sixth = await service.request_code("conv-5", "req-1", "  Kari.Nordmann@EXAMPLE.org ", "nb")

    assert sixth == CodeRequestResult(CodeRequestStatus.RATE_LIMITED, retry_after_seconds=600,
                                      limited_by=RateLimitScope.ADDRESS)
    assert (await service.request_code("conv-5", "req-1", "someone.else@example.org", "nb")).status is (
        CodeRequestStatus.SENT
    )
    clock.advance(minutes=10)  # the first code is now an hour old
    assert (await service.request_code("conv-6", "req-1", EMAIL, "nb")).status is CodeRequestStatus.SENT
    assert len(sender.delivered) == 7


async def test_a_conversation_gets_five_codes_an_hour_whichever_addresses_it_names(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    for n in range(5):
        assert (await service.request_code("conv-1", f"req-{n}", f"person{n}@example.org", "nb")).status is (
            CodeRequestStatus.SENT
        )

    assert await service.request_code("conv-1", "req-9", "fresh@example.org", "nb") == CodeRequestResult(
        CodeRequestStatus.RATE_LIMITED, retry_after_seconds=3600, limited_by=RateLimitScope.CHAT
    )
    assert (await service.request_code("conv-2", "req-9", "fresh@example.org", "nb")).status is (
        CodeRequestStatus.SENT
    )
    clock.advance(hours=1)
    assert (await service.request_code("conv-1", "req-9", "fresh@example.org", "nb")).status is (
        CodeRequestStatus.SENT
    )


async def test_the_reply_does_not_depend_on_the_address(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    # The service has no way to know an address; this pins that its answer carries nothing of one.
    known = await service.request_code("conv-1", "req-1", "has.a.case@example.org", "nb")
    unknown = await service.request_code("conv-2", "req-1", "never.seen@example.net", "nb")
    assert known == unknown
    assert repr(known) == repr(unknown)

    clock.advance(seconds=1)
    assert await service.request_code("conv-1", "req-1", "has.a.case@example.org", "nb") == (
        await service.request_code("conv-2", "req-1", "never.seen@example.net", "nb")
    )


async def test_a_failed_delivery_costs_nothing_and_can_be_retried(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    first = sender.last_code
    clock.advance(seconds=60)

    sender.failing = True
    failed = [await service.request_code("conv-1", "req-1", EMAIL, "nb") for _ in range(6)]
    assert failed == [CodeRequestResult(CodeRequestStatus.DELIVERY_FAILED)] * 6

    sender.failing = False
    resent = await service.request_code("conv-1", "req-1", EMAIL, "nb")
    assert resent.status is CodeRequestStatus.SENT  # no cooldown, no hourly slot used by the failures
    new = sender.last_code
    if new != first:
        assert (await service.check_code("conv-1", "req-1", first)).status is CodeCheckStatus.WRONG
    assert (await service.check_code("conv-1", "req-1", new)).verified


async def test_the_code_of_a_failed_delivery_is_never_valid_and_the_old_one_stays(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    first = sender.last_code
    clock.advance(seconds=60)
    sender.failing = True

    assert (await service.request_code("conv-1", "req-1", EMAIL, "nb")).status is CodeRequestStatus.DELIVERY_FAILED

    assert (await service.check_code("conv-1", "req-1", first)).verified


async def test_throwaway_chats_from_one_client_cannot_block_a_persons_codes(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    # The attack that worked on main: five chats, one after the other, each asking for the victim's address.
    attempts = []
    for n in range(5):
        attempts.append(await service.request_code(f"throwaway-{n}", "req-1", EMAIL, "nb", client="203.0.113.7"))
        clock.advance(minutes=2)
    assert [a.status for a in attempts[:3]] == [CodeRequestStatus.SENT] * 3
    assert {a.limited_by for a in attempts[3:]} == {RateLimitScope.CLIENT}, "the attacker hears it is their own"
    assert attempts[3].retry_after_seconds == 3600 - 6 * 60, "until their first code is an hour old"
    # The person, from their own connection, still gets a code this hour.
    mine = await service.request_code("my-chat", "req-1", EMAIL, "nb", client="198.51.100.20")
    assert mine.status is CodeRequestStatus.SENT
    assert sender.delivered[-1].email == EMAIL and len(sender.delivered) == 4


async def test_one_chat_cannot_spend_an_address_budget_either(service: Service, clock: FrozenClock) -> None:
    for n in range(3):
        assert (await service.request_code("conv-1", f"req-{n}", EMAIL, "nb")).status is CodeRequestStatus.SENT
        clock.advance(minutes=2)
    fourth = await service.request_code("conv-1", "req-9", EMAIL, "nb")
    assert fourth.status is CodeRequestStatus.RATE_LIMITED and fourth.limited_by is RateLimitScope.CHAT
    assert (await service.request_code("conv-2", "req-1", EMAIL, "nb")).status is CodeRequestStatus.SENT


async def test_an_address_spent_by_several_askers_is_reported_as_the_address(
    service: Service, clock: FrozenClock
) -> None:
    for n in range(5):
        result = await service.request_code(f"conv-{n}", "req-1", EMAIL, "nb", client=f"192.0.2.{n}")
        assert result.status is CodeRequestStatus.SENT
        clock.advance(minutes=1)
    sixth = await service.request_code("conv-9", "req-1", EMAIL, "nb", client="192.0.2.99")
    assert sixth.limited_by is RateLimitScope.ADDRESS
    assert sixth.retry_after_seconds == 3600 - 5 * 60, "until the oldest of the five is an hour old"
