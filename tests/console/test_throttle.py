"""Failed console logins: counted before the check, atomically, with capped delays per source and account."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.console.throttle import COUNTERS, HOURLY_LIMIT, LoginThrottle
from tests.support.databases import migrated_sqlite

SECRET = b"console-test-secret-0123456789abc"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        with migrated_sqlite(tmp_path / "throttle.sqlite3") as db:
            yield db
        return
    db = request.getfixturevalue("postgres_engine")
    with db.begin() as connection:
        connection.execute(delete(COUNTERS))
    yield db


def fail(throttle: LoginThrottle, username: str, source: str, times: int = 1) -> None:
    for _ in range(times):
        assert throttle.admit(username, source) == 0


def test_a_few_typos_cost_nothing_then_the_delay_doubles(engine: Engine, clock: FrozenClock) -> None:
    throttle = LoginThrottle(engine, clock, SECRET)
    fail(throttle, "kari", "10.0.0.1", 5)
    assert throttle.admit("kari", "10.0.0.1") == 2
    clock.advance(seconds=2)
    fail(throttle, "kari", "10.0.0.1")
    assert throttle.admit("kari", "10.0.0.1") == 4, "the delay doubles"
    assert throttle.admit("ola", "10.0.0.9") == 0, "another account from another address is not slowed"


def test_the_owner_gets_in_after_at_most_a_minute_whatever_others_tried(engine: Engine, clock: FrozenClock) -> None:
    throttle = LoginThrottle(engine, clock, SECRET)
    for attempt in range(80):  # an attacker with many addresses: the account's delay stays capped
        # A refused attempt is not counted, so retrying the moment the wait is over is the attacker's best.
        while wait := throttle.admit("kari", f"198.51.100.{attempt}"):
            clock.advance(seconds=wait)
    wait = throttle.admit("kari", "10.0.0.2")
    assert 0 < wait <= 60, "no timedelta overflow, no lock-out: at most a minute"
    clock.advance(seconds=wait)
    assert throttle.admit("kari", "10.0.0.2") == 0
    throttle.succeeded("kari", "10.0.0.2")
    assert throttle.admit("kari", "10.0.0.2") == 0, "a success clears the account's count"


def test_one_source_stops_for_the_hour_after_100_failures(engine: Engine, clock: FrozenClock) -> None:
    throttle = LoginThrottle(engine, clock, SECRET)
    for number in range(HOURLY_LIMIT):
        while wait := throttle.admit(f"user{number}", "203.0.113.7"):
            clock.advance(seconds=wait)
    assert throttle.admit("someone-new", "203.0.113.7") > 60, "the hourly cap of the source"
    assert throttle.admit("someone-new", "203.0.113.8") == 0, "another source is not affected"


def test_parallel_guesses_are_counted_before_they_are_checked(engine: Engine, clock: FrozenClock) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("parallel writers need the real server's row locks")
    throttle = LoginThrottle(engine, clock, SECRET)
    with ThreadPoolExecutor(max_workers=20) as pool:
        waits = list(pool.map(lambda _: throttle.admit("kari", "10.0.0.1"), range(60)))
    assert waits.count(0) == 5, "five free attempts, not sixty"
    assert all(wait == 2 for wait in waits if wait)
