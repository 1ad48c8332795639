"""Simultaneous entries are counted one by one: a code verifies once, and five wrong guesses are five."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.verification import CodeCheckStatus
from bot.verification import VerificationService as Service
from tests.verification.fakes import RecordingSender, other_code


async def test_fifty_simultaneous_right_entries_verify_exactly_once(
    service: Service, sender: RecordingSender
) -> None:
    await service.request_code("conv-1", "req-1", "kari@example.org", "nb")

    # The service runs store calls in worker threads; on Redis each uses its own pooled connection.
    results = await asyncio.gather(*(service.check_code("conv-1", "req-1", sender.last_code) for _ in range(50)))

    statuses = Counter(r.status for r in results)
    assert statuses[CodeCheckStatus.VERIFIED] == 1
    assert statuses[CodeCheckStatus.NO_CODE] == 49
    assert await service.is_verified("conv-1", "req-1")


async def test_a_burst_of_wrong_guesses_cannot_exceed_five(service: Service, sender: RecordingSender) -> None:
    await service.request_code("conv-1", "req-1", "kari@example.org", "nb")
    right = sender.last_code

    results = await asyncio.gather(*(service.check_code("conv-1", "req-1", other_code(right)) for _ in range(30)))

    statuses = Counter(r.status for r in results)
    assert statuses[CodeCheckStatus.WRONG] == 4
    assert statuses[CodeCheckStatus.LOCKED] == 26
    assert sorted(r.attempts_left for r in results if r.status is CodeCheckStatus.WRONG) == [1, 2, 3, 4]
    assert (await service.check_code("conv-1", "req-1", right)).status is CodeCheckStatus.LOCKED


async def test_simultaneous_requests_send_one_code(service: Service, sender: RecordingSender) -> None:
    results = await asyncio.gather(
        *(service.request_code("conv-1", "req-1", "kari@example.org", "nb") for _ in range(20))
    )

    assert Counter(r.status.value for r in results) == {"sent": 1, "cooldown": 19}
    assert len(sender.delivered) == 1
