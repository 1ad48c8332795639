"""Failed console logins slow down the account tried and the source trying.

Every attempt is counted as a failure *before* its password is checked, in one
transaction holding a row lock on each counter (SELECT ... FOR UPDATE), so 60
parallel guesses cannot all slip through while the first ones are still being
checked; a success takes its count back. After a few free failures the next
attempt waits, doubling each time (2 s, 4 s, ...):

- per account, from the fifth failure: at most 60 seconds, which caps guesses
  at about 60 an hour however many addresses share them, while the owner, with
  the right password and code, is never kept out for more than a minute by
  someone else's guesses (the old uncapped delay overflowed and locked everyone
  out with HTTP 500);
- per source (client address), from the 21st failure (an office behind one
  address shares it): at most 30 seconds, and no more than 100 failures an
  hour, so one address cannot spray guesses over many accounts.

Counters are keyed by keyed hashes, so the table is no list of usernames or
addresses, and unknown names are throttled like real ones."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.console.models import LoginCounter
from bot.models.conversation import utc_naive

COUNTERS = LoginCounter.__table__
WINDOW = timedelta(hours=1)
# The exponent stops here: 2**20 s is far above any cap, and timedelta never overflows (it did at ~50 failures).
MAX_EXPONENT = 20


@dataclass(frozen=True)
class Rule:
    prefix: str
    free_failures: int
    max_delay: timedelta
    hourly_limit: int | None

    def wait(self, row: Any, now: datetime) -> int:
        """Seconds until the next attempt may be checked (0: now)."""
        if row is None or now - row.window_started_at >= WINDOW or row.last_failed_at is None:
            return 0
        if self.hourly_limit is not None and row.failures >= self.hourly_limit:
            return max(1, _ceil_seconds(row.window_started_at + WINDOW - now))
        if row.failures <= self.free_failures:
            return 0
        exponent = min(row.failures - self.free_failures, MAX_EXPONENT)
        delay = min(self.max_delay, timedelta(seconds=2**exponent))
        return max(0, _ceil_seconds(row.last_failed_at + delay - now))


SOURCE = Rule("source", free_failures=20, max_delay=timedelta(seconds=30), hourly_limit=100)
ACCOUNT = Rule("account", free_failures=4, max_delay=timedelta(seconds=60), hourly_limit=None)
HOURLY_LIMIT = SOURCE.hourly_limit


def _ceil_seconds(delta: timedelta) -> int:
    return int(delta.total_seconds() + 0.999)


class LoginThrottle:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key

    def _key(self, rule: Rule, value: str) -> str:
        digest = hmac.new(self._secret, f"console-login:{rule.prefix}:{value}".encode(), hashlib.sha256)
        return f"{rule.prefix}:{digest.hexdigest()}"

    def _keys(self, username: str, source: str) -> list[tuple[str, Rule]]:
        # Sorted: every attempt locks the two rows in the same order, so two attempts never deadlock.
        return sorted([(self._key(ACCOUNT, username.strip().lower()[:64]), ACCOUNT),
                       (self._key(SOURCE, source[:64]), SOURCE)], key=lambda pair: pair[0])

    def admit(self, username: str, source: str) -> int:
        """0: the attempt may be checked now, and is already counted as a failure; else seconds to wait."""
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            rows = [(key, rule, self._locked(connection, key, now)) for key, rule in self._keys(username, source)]
            wait = max(rule.wait(row, now) for _, rule, row in rows)
            if wait:
                return wait
            for key, _, row in rows:
                fresh = now - row.window_started_at >= WINDOW
                connection.execute(update(COUNTERS).where(COUNTERS.c.key == key).values(
                    failures=1 if fresh else row.failures + 1,
                    window_started_at=now if fresh else row.window_started_at, last_failed_at=now))
        return 0

    def _locked(self, connection: Connection, key: str, now: datetime) -> Any:
        query = select(COUNTERS).where(COUNTERS.c.key == key).with_for_update()
        row = connection.execute(query).first()
        if row is not None:
            return row
        try:
            with connection.begin_nested():
                connection.execute(COUNTERS.insert().values(key=key, failures=0, window_started_at=now,
                                                            last_failed_at=None))
        except IntegrityError:
            pass  # a parallel attempt created it first; its lock is waited for below
        return connection.execute(query).one()

    def succeeded(self, username: str, source: str) -> None:
        """The owner got in: the account's count goes; the source's presumed failure is taken back."""
        account_key = self._key(ACCOUNT, username.strip().lower()[:64])
        with self._engine.begin() as connection:
            connection.execute(delete(COUNTERS).where(COUNTERS.c.key == account_key))
            connection.execute(update(COUNTERS).where(COUNTERS.c.key == self._key(SOURCE, source[:64]),
                                                      COUNTERS.c.failures > 0)
                               .values(failures=COUNTERS.c.failures - 1))

    def purge(self) -> int:
        """Counters whose hour is long over (called with the login, so the table stays small)."""
        cutoff = utc_naive(self._clock()) - 24 * WINDOW
        with self._engine.begin() as connection:
            return int(connection.execute(delete(COUNTERS).where(COUNTERS.c.window_started_at < cutoff)).rowcount
                       or 0)
