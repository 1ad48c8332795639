"""Every service test runs on both stores: the machine's real Redis and the in-process memory store."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import redis

from bot.clock import FrozenClock
from bot.verification import MemoryShortLivedStore, RedisShortLivedStore, ShortLivedStore, VerificationService
from tests.support.services import redis_url
from tests.verification.fakes import SECRET_KEY, START, RecordingSender


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url())
    yield client
    client.close()


@pytest.fixture
def redis_prefix(redis_client: redis.Redis) -> Iterator[str]:
    """Keys of this test only (still under vern:verify:); only they are removed afterwards.

    Not FLUSHDB: other suites share the test database and may be running now.
    """
    prefix = f"vern:verify:t{secrets.token_hex(6)}:"
    yield prefix
    keys = list(redis_client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        redis_client.delete(*keys)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def store(request: pytest.FixtureRequest) -> ShortLivedStore:
    if request.param == "memory":
        return MemoryShortLivedStore()
    client = request.getfixturevalue("redis_client")
    return RedisShortLivedStore(client, prefix=request.getfixturevalue("redis_prefix"))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def service(store: ShortLivedStore, sender: RecordingSender, clock: FrozenClock) -> VerificationService:
    return VerificationService(store, sender, clock, SECRET_KEY)
