"""Console sessions: a random token in an HttpOnly cookie, its hash in the database.

Sessions end after 30 minutes without a request or 8 hours in all, and at
logout. The CSRF token of a session is derived from it (HMAC), so every form
carries a value an attacker's page cannot know and the server stores nothing
more."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from bot.console.accounts import Account, AccountService
from bot.console.models import ConsoleSession
from bot.models.conversation import utc_naive

SESSIONS = ConsoleSession.__table__
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=8)


class SessionStore:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes,
                 accounts: AccountService, *, legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key
        # A form opened before the keys were derived (bot.keys) can still be sent.
        self._legacy = legacy_key
        self._accounts = accounts

    @staticmethod
    def _hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def start(self, account: Account) -> str:
        token = secrets.token_urlsafe(32)
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            connection.execute(SESSIONS.insert().values(token_hash=self._hash(token), user_id=account.id,
                                                        created_at=now, last_seen_at=now))
        return token

    def account(self, token: str | None) -> Account | None:
        """The signed-in account, if the session is alive; using it keeps it alive."""
        if not token or len(token) > 128:
            return None
        now = utc_naive(self._clock())
        key = self._hash(token)
        with self._engine.connect() as connection:
            row = connection.execute(select(SESSIONS).where(SESSIONS.c.token_hash == key)).first()
        if row is None:
            return None
        if now - row.last_seen_at > IDLE_TIMEOUT or now - row.created_at > ABSOLUTE_TIMEOUT:
            self.end(token)
            return None
        account = self._accounts.get(row.user_id)
        if account is None or account.disabled:
            self.end(token)
            return None
        with self._engine.begin() as connection:
            connection.execute(update(SESSIONS).where(SESSIONS.c.token_hash == key).values(last_seen_at=now))
        return account

    def csrf_token(self, token: str, secret: bytes | None = None) -> str:
        return hmac.new(secret or self._secret, b"console-csrf:" + token.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, token: str | None, submitted: str | None) -> bool:
        if not (token and submitted):
            return False
        # Bytes: compare_digest refuses non-ASCII str, and a forged field may hold anything.
        sent = str(submitted).encode("utf-8", "replace")
        return any(hmac.compare_digest(self.csrf_token(str(token), secret).encode(), sent)
                   for secret in (self._secret, self._legacy) if secret)

    def end(self, token: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(SESSIONS).where(SESSIONS.c.token_hash == self._hash(token)))

    def end_all(self, user_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(SESSIONS).where(SESSIONS.c.user_id == user_id))
