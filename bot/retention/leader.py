"""One retention worker at a time when several replicas run.

Two workers masking the same chat would not corrupt it (every step is
idempotent and guarded), but they would double the audit trail and the load.
Leadership is kept across runs and given up only on `release()` or when the
holder dies: a Redis key with an expiry, a PostgreSQL session advisory lock
(freed when the session ends), or — on SQLite, where every replica shares one
machine — an flock on a file in var_dir (freed when the process ends).
"""

from __future__ import annotations

import fcntl
import logging
import secrets
from pathlib import Path
from typing import IO, Protocol

import redis
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from bot.config import Settings
from bot.private_files import private_file

logger = logging.getLogger(__name__)

REDIS_LEADER_KEY = "vern:retention:leader"
# Distinct from bot.db.migrate's lock id; the same in every Vern process.
ADVISORY_LOCK_ID = 727_274_002
LOCK_FILE_NAME = "retention-leader.lock"

# Renew/release only our own lock: after an expiry another replica may hold the key.
_RENEW_IF_OURS = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE_IF_OURS = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class LeaderLock(Protocol):
    def acquire(self) -> bool:
        """Become leader or, when already leader, stay leader (renewing). False: another replica leads."""

    def release(self) -> None:
        """Give up leadership, if held."""


class RedisLeaderLock:
    """SET NX PX with a random token; renewed each run, so `ttl_seconds` must exceed the run interval."""

    def __init__(self, client: redis.Redis, key: str = REDIS_LEADER_KEY, ttl_seconds: float = 120.0) -> None:
        self._redis = client
        self._key = key
        self._ttl_ms = max(1, int(ttl_seconds * 1000))
        self._token = secrets.token_hex(16)
        self._held = False
        self._renew = client.register_script(_RENEW_IF_OURS)
        self._release = client.register_script(_RELEASE_IF_OURS)

    def acquire(self) -> bool:
        if self._held and self._renew(keys=[self._key], args=[self._token, self._ttl_ms]):
            return True
        self._held = bool(self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))
        return self._held

    def release(self) -> None:
        if self._held:
            self._release(keys=[self._key], args=[self._token])
            self._held = False


class DatabaseLeaderLock:
    """PostgreSQL: a session advisory lock on a connection kept for the purpose.
    SQLite: an exclusive flock on `lock_dir/retention-leader.lock`."""

    def __init__(self, engine: Engine, lock_dir: Path, lock_id: int = ADVISORY_LOCK_ID) -> None:
        self._engine = engine
        self._lock_path = Path(lock_dir) / LOCK_FILE_NAME
        self._lock_id = lock_id
        self._connection: Connection | None = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        if self._engine.dialect.name == "postgresql":
            return self._acquire_advisory()
        return self._acquire_file()

    def _acquire_advisory(self) -> bool:
        if self._connection is not None:
            try:
                # Still our session? The lock lives exactly as long as it does.
                self._connection.execute(text("SELECT 1"))
                return True
            except DBAPIError:
                logger.warning("retention leader: database session lost; trying to lead again")
                self._drop_connection()
        connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            # Not re-entered while held: session advisory locks stack per call.
            got = connection.execute(text("SELECT pg_try_advisory_lock(:id)"), {"id": self._lock_id}).scalar()
        except BaseException:
            connection.close()
            raise
        if got:
            self._connection = connection
            return True
        connection.close()
        return False

    def _drop_connection(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            finally:
                self._connection = None

    def _acquire_file(self) -> bool:
        if self._file is not None:
            return True
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        private_file(self._lock_path)
        handle = open(self._lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            # flock belongs to the open file, so two locks in one process exclude each other too.
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": self._lock_id})
                self._connection.close()
            except DBAPIError:
                self._drop_connection()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def build_leader_lock(settings: Settings, engine: Engine, ttl_seconds: float = 120.0) -> LeaderLock:
    """Redis when the replicas share one (REDIS_URL), else the database they share."""
    if settings.redis_url:
        return RedisLeaderLock(redis.Redis.from_url(settings.redis_url), ttl_seconds=ttl_seconds)
    return DatabaseLeaderLock(engine, settings.var_dir)
