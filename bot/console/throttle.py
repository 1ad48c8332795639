"""Failed console logins slow an account down, and stop it for the hour after 100.

From the fifth failure in a row the next attempt must wait, doubling each time
(2 s, 4 s, ... at most 15 minutes); no more than 100 failures per account per
hour are ever checked. Accounts are keyed by a keyed hash of the name tried,
so the table is no list of usernames, and unknown names are throttled alike."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from bot.console.models import LoginFailure
from bot.models.conversation import utc_naive

FAILURES = LoginFailure.__table__
HOURLY_LIMIT = 100
FREE_FAILURES = 4
MAX_DELAY = timedelta(minutes=15)


class LoginThrottle:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key

    def _key(self, username: str) -> str:
        name = username.strip().lower()[:64].encode()
        return hmac.new(self._secret, b"console-login:" + name, hashlib.sha256).hexdigest()

    def wait_seconds(self, username: str) -> int:
        """0 if an attempt may be checked now; otherwise how long to wait."""
        now = utc_naive(self._clock())
        key = self._key(username)
        with self._engine.connect() as connection:
            hour = connection.execute(
                select(func.count(), func.max(FAILURES.c.at)).where(
                    FAILURES.c.account_key == key, FAILURES.c.at > now - timedelta(hours=1))
            ).one()
        count, last = int(hour[0]), hour[1]
        if count >= HOURLY_LIMIT:
            oldest = self._oldest_in_hour(key, now)
            return max(1, int((oldest + timedelta(hours=1) - now).total_seconds()))
        if count <= FREE_FAILURES or last is None:
            return 0
        delay = min(MAX_DELAY, timedelta(seconds=2 ** (count - FREE_FAILURES)))
        remaining = (last + delay - now).total_seconds()
        return max(0, int(remaining + 0.999))

    def _oldest_in_hour(self, key: str, now: datetime) -> datetime:
        with self._engine.connect() as connection:
            oldest: datetime = connection.execute(
                select(func.min(FAILURES.c.at)).where(FAILURES.c.account_key == key,
                                                      FAILURES.c.at > now - timedelta(hours=1))
            ).scalar_one()
        return oldest

    def failed(self, username: str) -> None:
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            connection.execute(FAILURES.insert().values(account_key=self._key(username), at=now))
            connection.execute(delete(FAILURES).where(FAILURES.c.at < now - timedelta(days=1)))

    def succeeded(self, username: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(FAILURES).where(FAILURES.c.account_key == self._key(username)))
