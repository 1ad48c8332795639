"""Neither the stored data nor the logs hold a code, an address or a code's digest."""

from __future__ import annotations

import logging

import pytest
import redis

from bot.clock import FrozenClock
from bot.verification import MemoryShortLivedStore, RedisShortLivedStore, VerificationService
from bot.verification.codes import Keyring
from tests.verification.fakes import SECRET_KEY, RecordingSender, other_code

EMAIL = "Stored.Nowhere@Example.org"


def _dump(client: redis.Redis, key: bytes) -> list[bytes]:
    kind = client.type(key)
    if kind == b"hash":
        return [b for pair in client.hgetall(key).items() for b in pair]
    if kind == b"zset":
        return [m for m, _ in client.zrange(key, 0, -1, withscores=True)] + [
            repr(s).encode() for _, s in client.zrange(key, 0, -1, withscores=True)
        ]
    if kind == b"string":
        return [client.get(key) or b""]
    return []


def assert_holds_nothing_readable(stored: list[bytes], codes: list[str]) -> None:
    """Numbers are timestamps and counters; text is tags, tokens and digests: no code hides in either."""
    for raw in stored:
        value = raw.decode()
        try:
            number = float(value)
        except ValueError:
            assert not any(code in value for code in codes)
            continue
        assert not 100 <= number < 1_000_000, "a six-digit number is stored"


async def _exercise(service: VerificationService, sender: RecordingSender, clock: FrozenClock) -> list[str]:
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    codes = [sender.last_code]
    await service.check_code("conv-1", "req-1", other_code(codes[0]))
    clock.advance(seconds=61)
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    codes.append(sender.last_code)
    await service.request_code("conv-1", "req-2", EMAIL, "nb")
    codes.append(sender.last_code)
    await service.check_code("conv-1", "req-2", codes[2])
    return codes


@pytest.mark.redis
async def test_redis_holds_no_code_and_no_address(
    redis_client: redis.Redis, redis_prefix: str, sender: RecordingSender, clock: FrozenClock
) -> None:
    service = VerificationService(RedisShortLivedStore(redis_client, prefix=redis_prefix), sender, clock, SECRET_KEY)
    codes = await _exercise(service, sender, clock)
    keyring = Keyring(SECRET_KEY)
    digests = [keyring.code_digest("conv-1", req, c) for req, c in (("req-1", codes[0]), ("req-1", codes[1]))]
    forbidden = [*codes, EMAIL, EMAIL.lower(), "Stored.Nowhere", "stored.nowhere", "conv-1", "req-1", "req-2"]

    ours = [key for key in redis_client.scan_iter(match=f"{redis_prefix}*", count=1000)]
    assert len(ours) >= 5  # code records, verified mark, windows: the scan saw the real thing
    assert_holds_nothing_readable([*ours, *(value for key in ours for value in _dump(redis_client, key))], codes)
    stored = b"\n".join([*ours, *(value for key in ours for value in _dump(redis_client, key))]).decode()
    for secret in forbidden:
        assert secret not in stored
    # The digest is stored, as designed; it must not be derivable without the key (another key, other digests).
    other = Keyring(b"some-other-secret-key-0123456789")
    assert other.code_digest("conv-1", "req-1", codes[1]) not in stored
    assert digests[1] in stored

    # And no key anywhere in the test database carries the address.
    for key in redis_client.scan_iter(count=1000):
        assert b"stored.nowhere" not in key.lower()


async def test_memory_store_holds_no_code_and_no_address(sender: RecordingSender, clock: FrozenClock) -> None:
    store = MemoryShortLivedStore()
    codes = await _exercise(VerificationService(store, sender, clock, SECRET_KEY), sender, clock)

    stored = repr(store._values)  # everything the store holds, keys and values
    for secret in [EMAIL, EMAIL.lower(), "stored.nowhere", "conv-1", "req-1"]:
        assert secret not in stored
    for code in codes:
        assert f"'{code}'" not in stored


async def test_logs_hold_no_code_no_address_no_ids(
    service: VerificationService, sender: RecordingSender, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    codes = await _exercise(service, sender, clock)
    sender.failing = True
    clock.advance(seconds=61)
    await service.request_code("conv-1", "req-1", EMAIL, "nb")
    for _ in range(5):
        await service.check_code("conv-1", "req-1", "000000" if codes[1] != "000000" else "111111")

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "verification code sent" in text  # the log was captured at all
    for secret in [*codes, EMAIL, EMAIL.lower(), "conv-1", "req-1", "mail server unavailable"]:
        assert secret not in text
