"""A code proves control of the address for one request of one conversation, once, for ten minutes."""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.verification import CodeCheckResult, CodeCheckStatus, CodeRequestResult, CodeRequestStatus
from bot.verification import VerificationService as Service
from tests.verification.fakes import RecordingSender, other_code

EMAIL = "kari.nordmann@example.org"


async def test_the_mailed_code_verifies_the_request(service: Service, sender: RecordingSender) -> None:
    assert not await service.is_verified("conv-1", "req-1")

    result = await service.request_code("conv-1", "req-1", EMAIL, "nn")

    assert result == CodeRequestResult(CodeRequestStatus.SENT, valid_for_seconds=600)
    assert [(d.email, d.language) for d in sender.delivered] == [(EMAIL, "nn")]
    assert len(sender.last_code) == 6 and sender.last_code.isascii() and sender.last_code.isdigit()
    assert await service.check_code("conv-1", "req-1", sender.last_code) == CodeCheckResult(CodeCheckStatus.VERIFIED)
    assert await service.is_verified("conv-1", "req-1")


@pytest.mark.parametrize("layout", ["{a} {b}", "{a}-{b}", " {a}{b} ", "{a}\u2013{b}", "{a} - {b}"])
async def test_codes_copied_with_spaces_or_dashes_are_accepted(
    service: Service, sender: RecordingSender, layout: str
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    code = sender.last_code
    typed = layout.format(a=code[:3], b=code[3:])

    assert (await service.check_code("conv-1", "req-1", typed)).verified


async def test_code_expires_after_ten_minutes(service: Service, sender: RecordingSender, clock: FrozenClock) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    await service.request_code("conv-1", "req-2", EMAIL, "nb")
    first, second = (d.code for d in sender.delivered)

    clock.advance(minutes=9, seconds=59)
    assert (await service.check_code("conv-1", "req-1", first)).verified

    clock.advance(seconds=1)
    assert (await service.check_code("conv-1", "req-2", second)).status is CodeCheckStatus.EXPIRED
    assert not await service.is_verified("conv-1", "req-2")


async def test_a_code_works_only_once(service: Service, sender: RecordingSender) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    assert (await service.check_code("conv-1", "req-1", sender.last_code)).verified

    again = await service.check_code("conv-1", "req-1", sender.last_code)

    assert again.status is CodeCheckStatus.NO_CODE


async def test_checking_without_a_code_says_so(service: Service) -> None:
    assert (await service.check_code("conv-1", "req-1", "123456")).status is CodeCheckStatus.NO_CODE


async def test_the_code_is_bound_to_its_conversation(service: Service, sender: RecordingSender) -> None:
    await service.request_code("victim", "req-1", EMAIL, "nb")
    await service.request_code("attacker", "req-1", "attacker@example.org", "nb")
    victims_code = sender.delivered[0].code

    result = await service.check_code("attacker", "req-1", victims_code)

    assert result == CodeCheckResult(CodeCheckStatus.WRONG, attempts_left=4)
    assert not await service.is_verified("attacker", "req-1")


async def test_the_code_is_bound_to_its_request(service: Service, sender: RecordingSender) -> None:
    await service.request_code("conv-1", "access", EMAIL, "nb")
    await service.request_code("conv-1", "erasure", EMAIL, "nb")
    access_code = sender.delivered[0].code

    result = await service.check_code("conv-1", "erasure", access_code)

    assert result.status is CodeCheckStatus.WRONG
    assert not await service.is_verified("conv-1", "erasure")
    assert (await service.check_code("conv-1", "access", access_code)).verified


async def test_five_wrong_entries_kill_the_code(service: Service, sender: RecordingSender) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    right = sender.last_code
    wrong = other_code(right)

    answers = [await service.check_code("conv-1", "req-1", wrong) for _ in range(5)]

    assert [a.attempts_left for a in answers[:4]] == [4, 3, 2, 1]
    assert {a.status for a in answers[:4]} == {CodeCheckStatus.WRONG}
    assert answers[4].status is CodeCheckStatus.LOCKED
    assert (await service.check_code("conv-1", "req-1", right)).status is CodeCheckStatus.LOCKED
    assert not await service.is_verified("conv-1", "req-1")


@pytest.mark.parametrize("entry", ["abcdef", "12345", "1234567", "", "١٢٣٤٥٦", "12 34 5x"])
async def test_entries_that_cannot_be_a_code_use_up_an_attempt(
    service: Service, sender: RecordingSender, entry: str
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")

    result = await service.check_code("conv-1", "req-1", entry)

    assert result == CodeCheckResult(CodeCheckStatus.WRONG, attempts_left=4)
    assert (await service.check_code("conv-1", "req-1", sender.last_code)).verified


async def test_a_new_code_replaces_the_old_one_and_its_wrong_entries(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    old = sender.last_code
    for _ in range(3):
        await service.check_code("conv-1", "req-1", other_code(old))
    clock.advance(seconds=60)
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    new = sender.last_code

    if old != new:  # one chance in a million that the new code repeats the old one
        assert (await service.check_code("conv-1", "req-1", old)) == CodeCheckResult(
            CodeCheckStatus.WRONG, attempts_left=4
        )
    assert (await service.check_code("conv-1", "req-1", new)).verified


async def test_verification_is_remembered_for_thirty_minutes(
    service: Service, sender: RecordingSender, clock: FrozenClock
) -> None:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    await service.check_code("conv-1", "req-1", sender.last_code)

    clock.advance(minutes=29, seconds=59)
    assert await service.is_verified("conv-1", "req-1")
    assert not await service.is_verified("conv-1", "req-2")
    assert not await service.is_verified("conv-2", "req-1")
    clock.advance(seconds=1)
    assert not await service.is_verified("conv-1", "req-1")


async def test_clear_forgets_everything_of_the_conversation_only(
    service: Service, sender: RecordingSender
) -> None:
    await service.request_code("conv-1", "verified", EMAIL, "nb")
    await service.check_code("conv-1", "verified", sender.last_code)
    await service.request_code("conv-1", "pending", EMAIL, "nb")
    pending = sender.last_code
    await service.request_code("conv-2", "req-1", EMAIL, "nb")
    others = sender.last_code

    await service.clear("conv-1")

    assert not await service.is_verified("conv-1", "verified")
    assert (await service.check_code("conv-1", "pending", pending)).status is CodeCheckStatus.NO_CODE
    assert (await service.check_code("conv-2", "req-1", others)).verified
    # The conversation's own hourly window went with it; a fresh request is served.
    assert (await service.request_code("conv-1", "pending", EMAIL, "nb")).status is CodeRequestStatus.SENT
