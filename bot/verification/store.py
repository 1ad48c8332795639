"""The one store for short-lived secrets: code records, verified marks, rate-limit windows.

Every rule decision (has the code expired, is the window full) is taken on
timestamps from the caller's injected clock, passed in as `now` (seconds
since the epoch), so tests move time without sleeping. Key expiries, in real
time, are only a backstop that stops leftovers from piling up.

Two implementations: Redis (shared by every process and replica) and memory
(one process only). `new_store` picks Redis when REDIS_URL is set; bot.wiring
builds it once and hands the same store to every component of a process: a
consent session granted by the request flow must be readable by the withdraw
action (Art. 7(3)).
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

import redis

from bot.verification.errors import StoreUnavailable, VerificationConfigError
from bot.verification.store_lua import CONSUME, FAIL_ONCE, TAKE_SLOTS

KEY_PREFIX = "vern:verify:"
# Fields of a record that `fail_once` and `consume` read; a record may hold others.
TOKEN, EXPIRES_AT, FAILURES = "token", "expires_at", "failures"


@dataclass(frozen=True)
class Window:
    """At most `limit` entries within any `period_seconds`: a sliding window, not a fixed bucket."""

    key: str
    limit: int
    period_seconds: float


@dataclass(frozen=True)
class SlotDecision:
    granted: bool
    blocked_by: int | None = None  # index of the first full window
    retry_after_seconds: float = 0.0  # until that window's oldest entry leaves it


@dataclass(frozen=True)
class Put:
    key: str
    value: str
    ttl_seconds: float


class AttemptKind(str, Enum):
    GONE = "gone"  # no record, or another one than the caller read (replaced or consumed since)
    EXPIRED = "expired"
    LOCKED = "locked"  # failures already at the limit: nothing was changed
    COUNTED = "counted"  # fail_once recorded one more failure
    CONSUMED = "consumed"  # consume deleted the record (and wrote `then_put`)


@dataclass(frozen=True)
class AttemptOutcome:
    kind: AttemptKind
    failures: int


class ShortLivedStore(Protocol):
    """Atomic operations on short-lived data. Keys are relative; each store adds its prefix.

    Implementations raise `StoreUnavailable` when they cannot answer.
    """

    def put(self, key: str, value: str, ttl_seconds: float) -> None: ...

    def get(self, key: str) -> str | None: ...

    def put_if_absent(self, key: str, value: str, ttl_seconds: float) -> bool:
        """Atomically: write `value` unless `key` holds something live; True when it was written."""

    def put_record(self, key: str, fields: Mapping[str, str], ttl_seconds: float) -> None:
        """Replace the record at `key` whole (no field of an older record survives)."""

    def get_record(self, key: str) -> dict[str, str] | None: ...

    def fail_once(self, key: str, token: str, now: float, max_failures: int) -> AttemptOutcome:
        """Atomically: if the record is still `token`'s, live and below the limit, count one failure."""

    def consume(
        self, key: str, token: str, now: float, max_failures: int, *, then_put: Put | None = None
    ) -> AttemptOutcome:
        """Atomically: if the record is still `token`'s, live and below the limit, delete it and write `then_put`."""

    def take_slots(self, windows: Sequence[Window], member: str, now: float) -> SlotDecision:
        """Atomically: add `member` to every window if all have room, else to none."""

    def release_slots(self, keys: Sequence[str], member: str) -> None:
        """Give back what `take_slots` took with `member` (an undelivered code costs nothing)."""

    def delete(self, *keys: str) -> None: ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every key starting with `prefix`; returns how many."""


def _record_decision(record: Mapping[str, str] | None, token: str, now: float, max_failures: int) -> AttemptOutcome:
    """The memory store's copy of the checks at the top of the FAIL_ONCE and CONSUME scripts."""
    if record is None or record.get(TOKEN) != token:
        return AttemptOutcome(AttemptKind.GONE, 0)
    failures = int(record.get(FAILURES, "0"))
    if now >= float(record[EXPIRES_AT]):
        return AttemptOutcome(AttemptKind.EXPIRED, failures)
    if failures >= max_failures:
        return AttemptOutcome(AttemptKind.LOCKED, failures)
    return AttemptOutcome(AttemptKind.COUNTED, failures)  # "may proceed"; the caller decides what to do


class MemoryShortLivedStore:
    """Dicts behind one lock.

    Per-process: another process (or replica) sees none of these codes, marks
    or limits. That is fine for the single-process embedded default, which is
    what runs when REDIS_URL is unset; anything with several processes needs
    Redis. The lock makes each operation atomic across threads (the service
    runs store calls in worker threads), and no operation awaits, so asyncio
    tasks cannot interleave inside one either.
    """

    _SWEEP_EVERY = 256  # writes between sweeps of expired entries

    def __init__(self, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._monotonic = monotonic  # real time, for the backstop expiry only
        self._values: dict[str, tuple[Any, float]] = {}
        self._writes = 0

    def _live(self, key: str) -> Any | None:
        entry = self._values.get(key)
        if entry is None:
            return None
        if entry[1] <= self._monotonic():
            del self._values[key]
            return None
        return entry[0]

    def _write(self, key: str, value: Any, ttl_seconds: float) -> None:
        self._values[key] = (value, self._monotonic() + ttl_seconds)
        self._writes += 1
        if self._writes % self._SWEEP_EVERY == 0:
            now = self._monotonic()
            for dead in [k for k, (_, deadline) in self._values.items() if deadline <= now]:
                del self._values[dead]

    def put(self, key: str, value: str, ttl_seconds: float) -> None:
        with self._lock:
            self._write(key, value, ttl_seconds)

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._live(key)
            return value if isinstance(value, str) else None

    def put_if_absent(self, key: str, value: str, ttl_seconds: float) -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._write(key, value, ttl_seconds)
            return True

    def put_record(self, key: str, fields: Mapping[str, str], ttl_seconds: float) -> None:
        with self._lock:
            self._write(key, dict(fields), ttl_seconds)

    def get_record(self, key: str) -> dict[str, str] | None:
        with self._lock:
            value = self._live(key)
            return dict(value) if isinstance(value, dict) else None

    def fail_once(self, key: str, token: str, now: float, max_failures: int) -> AttemptOutcome:
        with self._lock:
            live = self._live(key)
            record: dict[str, str] | None = live if isinstance(live, dict) else None
            outcome = _record_decision(record, token, now, max_failures)
            if record is None or outcome.kind is not AttemptKind.COUNTED:
                return outcome
            record[FAILURES] = str(outcome.failures + 1)
            return AttemptOutcome(AttemptKind.COUNTED, outcome.failures + 1)

    def consume(
        self, key: str, token: str, now: float, max_failures: int, *, then_put: Put | None = None
    ) -> AttemptOutcome:
        with self._lock:
            record = self._live(key)
            outcome = _record_decision(record if isinstance(record, dict) else None, token, now, max_failures)
            if outcome.kind is not AttemptKind.COUNTED:
                return outcome
            del self._values[key]
            if then_put is not None:
                self._write(then_put.key, then_put.value, then_put.ttl_seconds)
            return AttemptOutcome(AttemptKind.CONSUMED, outcome.failures)

    def take_slots(self, windows: Sequence[Window], member: str, now: float) -> SlotDecision:
        with self._lock:
            kept: list[list[tuple[float, str]]] = []
            for index, window in enumerate(windows):
                live = self._live(window.key)
                entries = [(at, m) for at, m in (live or []) if at > now - window.period_seconds]
                if len(entries) >= window.limit:
                    oldest = min(at for at, _ in entries)
                    return SlotDecision(False, index, oldest + window.period_seconds - now)
                kept.append(entries)
            for window, entries in zip(windows, kept, strict=True):
                self._write(window.key, [*entries, (now, member)], window.period_seconds)
            return SlotDecision(True)

    def release_slots(self, keys: Sequence[str], member: str) -> None:
        with self._lock:
            for key in keys:
                live = self._live(key)
                if isinstance(live, list):
                    self._values[key] = ([e for e in live if e[1] != member], self._values[key][1])

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._values.pop(key, None)

    def delete_prefix(self, prefix: str) -> int:
        with self._lock:
            doomed = [key for key in self._values if key.startswith(prefix)]
            for key in doomed:
                del self._values[key]
            return len(doomed)


def _ms(seconds: float) -> int:
    return max(1, math.ceil(seconds * 1000))


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class RedisShortLivedStore:
    """Redis: shared by every process; atomic through Lua scripts and MULTI."""

    def __init__(self, client: redis.Redis, *, prefix: str = KEY_PREFIX) -> None:
        self._redis = client
        self._prefix = prefix
        # register_script sends nothing yet; calls use EVALSHA and reload after a Redis restart.
        self._fail_once = client.register_script(FAIL_ONCE)
        self._consume = client.register_script(CONSUME)
        self._take_slots = client.register_script(TAKE_SLOTS)

    @contextmanager
    def _guard(self, operation: str) -> Iterator[None]:
        try:
            yield
        except redis.exceptions.RedisError as exc:
            raise StoreUnavailable(operation) from exc

    def _key(self, key: str) -> str:
        return self._prefix + key

    def put(self, key: str, value: str, ttl_seconds: float) -> None:
        with self._guard("put"):
            self._redis.set(self._key(key), value, px=_ms(ttl_seconds))

    def get(self, key: str) -> str | None:
        with self._guard("get"):
            value = self._redis.get(self._key(key))
        return None if value is None else _text(value)

    def put_if_absent(self, key: str, value: str, ttl_seconds: float) -> bool:
        with self._guard("put_if_absent"):
            return bool(self._redis.set(self._key(key), value, px=_ms(ttl_seconds), nx=True))

    def put_record(self, key: str, fields: Mapping[str, str], ttl_seconds: float) -> None:
        with self._guard("put_record"), self._redis.pipeline(transaction=True) as multi:
            multi.delete(self._key(key))
            multi.hset(self._key(key), mapping=dict(fields))
            multi.pexpire(self._key(key), _ms(ttl_seconds))
            multi.execute()

    def get_record(self, key: str) -> dict[str, str] | None:
        with self._guard("get_record"):
            raw = self._redis.hgetall(self._key(key))
        return {_text(k): _text(v) for k, v in raw.items()} if raw else None

    def fail_once(self, key: str, token: str, now: float, max_failures: int) -> AttemptOutcome:
        with self._guard("fail_once"):
            kind, failures = self._fail_once(keys=[self._key(key)], args=[token, repr(now), max_failures])
        return AttemptOutcome(AttemptKind(_text(kind)), int(failures))

    def consume(
        self, key: str, token: str, now: float, max_failures: int, *, then_put: Put | None = None
    ) -> AttemptOutcome:
        keys = [self._key(key)]
        args: list[str | int] = [token, repr(now), max_failures]
        if then_put is not None:
            keys.append(self._key(then_put.key))
            args += [then_put.value, _ms(then_put.ttl_seconds)]
        with self._guard("consume"):
            kind, failures = self._consume(keys=keys, args=args)
        return AttemptOutcome(AttemptKind(_text(kind)), int(failures))

    def take_slots(self, windows: Sequence[Window], member: str, now: float) -> SlotDecision:
        args: list[str | int] = [repr(now), member]
        for window in windows:
            args += [window.limit, repr(float(window.period_seconds))]
        with self._guard("take_slots"):
            blocked, oldest = self._take_slots(keys=[self._key(w.key) for w in windows], args=args)
        if int(blocked) == 0:
            return SlotDecision(True)
        index = int(blocked) - 1  # Lua counts from 1
        return SlotDecision(False, index, float(_text(oldest)) + windows[index].period_seconds - now)

    def release_slots(self, keys: Sequence[str], member: str) -> None:
        with self._guard("release_slots"), self._redis.pipeline(transaction=True) as multi:
            for key in keys:
                multi.zrem(self._key(key), member)
            multi.execute()

    def delete(self, *keys: str) -> None:
        if keys:
            with self._guard("delete"):
                self._redis.delete(*(self._key(k) for k in keys))

    def delete_prefix(self, prefix: str) -> int:
        # SCAN, not KEYS: it does not block Redis for everyone else while it walks the keyspace.
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self._key(prefix)) + "*"
        deleted = 0
        with self._guard("delete_prefix"):
            batch: list[bytes | str] = []
            for key in self._redis.scan_iter(match=pattern, count=500):
                batch.append(key)
                if len(batch) >= 500:
                    deleted += int(self._redis.delete(*batch))
                    batch = []
            if batch:
                deleted += int(self._redis.delete(*batch))
        return deleted


def new_store(redis_url: str | None) -> ShortLivedStore:
    """A short-lived store: Redis when REDIS_URL is set, else memory (the embedded default).

    Only bot.wiring calls this, once per process: every component must share that one store."""
    if not redis_url:
        return MemoryShortLivedStore()
    try:
        # Short timeouts: a hung Redis must turn into "try again later" quickly, not a stalled chat.
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
    except ValueError:
        # The URL may carry a password: it stays out of the message.
        raise VerificationConfigError("REDIS_URL is not a Redis URL") from None
    return RedisShortLivedStore(client)
