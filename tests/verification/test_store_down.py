"""When Redis is down nobody gets a code and nobody counts as verified (fail closed)."""

from __future__ import annotations

import pytest
import redis

from bot.clock import FrozenClock
from bot.verification import (
    CodeCheckResult,
    CodeCheckStatus,
    CodeRequestResult,
    CodeRequestStatus,
    RedisShortLivedStore,
    StoreUnavailable,
    VerificationService,
)
from tests.support.services import free_port
from tests.verification.fakes import SECRET_KEY, RecordingSender


@pytest.fixture
def service_without_redis(sender: RecordingSender, clock: FrozenClock) -> VerificationService:
    closed_port = free_port()  # bound and released: nothing listens there
    client = redis.Redis(host="127.0.0.1", port=closed_port, socket_connect_timeout=1, socket_timeout=1)
    return VerificationService(RedisShortLivedStore(client), sender, clock, SECRET_KEY)


async def test_no_code_is_sent_without_the_store(
    service_without_redis: VerificationService, sender: RecordingSender
) -> None:
    result = await service_without_redis.request_code("conv-1", "req-1", "kari@example.org", "nb")

    assert result == CodeRequestResult(CodeRequestStatus.UNAVAILABLE)
    assert sender.attempts == 0  # not even tried: a code we cannot store must not go out


async def test_no_entry_is_accepted_without_the_store(service_without_redis: VerificationService) -> None:
    result = await service_without_redis.check_code("conv-1", "req-1", "123456")

    assert result == CodeCheckResult(CodeCheckStatus.UNAVAILABLE)


async def test_nobody_counts_as_verified_without_the_store(service_without_redis: VerificationService) -> None:
    # Raised, not False: the caller can say "try later" instead of asking for a code that cannot be checked.
    with pytest.raises(StoreUnavailable) as raised:
        await service_without_redis.is_verified("conv-1", "req-1")
    assert "conv-1" not in str(raised.value)

    with pytest.raises(StoreUnavailable):
        await service_without_redis.clear("conv-1")
