"""Real stores for the retention tests: SQLite, a PostgreSQL database of their own, Redis."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.retention.chat_stores import ChatLogStore, RedisChatLogStore, SqlChatLogStore
from bot.retention.leader import DatabaseLeaderLock, LeaderLock
from bot.retention.policy import DEFAULT_POLICY_FILE, RetentionPolicy, load_policy
from bot.retention.worker import RetentionWorker
from tests.retention.chats import rasa_redis_store, rasa_sql_store
from tests.retention.world import World
from tests.support.databases import own_postgres_database
from tests.support.services import own_database_name, redis_url

RETENTION_DB = own_database_name("retention")
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def retention_pg_url() -> Iterator[str]:
    # A database of its own: the stack's `test` database is never touched.
    with own_postgres_database(RETENTION_DB) as url:
        yield url


def _empty_tables(engine: Engine) -> None:
    present = set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        for table in ("events", "retention_runs", "conversations"):
            if table in present:
                connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def pg_engine(retention_pg_url: str) -> Iterator[Engine]:
    engine = create_db_engine(retention_pg_url)
    _empty_tables(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


@pytest.fixture
def redis_client() -> redis.Redis:
    return redis.Redis.from_url(redis_url())


@pytest.fixture
def redis_prefix(redis_client: redis.Redis) -> Iterator[str]:
    """An alphanumeric Rasa key prefix of the test's own; only its keys are removed afterwards."""
    prefix = "rt" + secrets.token_hex(6)
    yield prefix
    keys = list(redis_client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        redis_client.delete(*keys)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    """Conversations on SQL; chat logs in Rasa's SQL store (SQLite, PostgreSQL) or in Redis."""
    if request.param == "redis":
        engine = request.getfixturevalue("sqlite_engine")
        client = request.getfixturevalue("redis_client")
        prefix = request.getfixturevalue("redis_prefix")
        stores: list[ChatLogStore] = [RedisChatLogStore(client, key_prefix=f"{prefix}:tracker:")]
        vern = World("redis", engine, stores, rasa_redis_store(redis_url(), prefix), client, prefix)
    else:
        engine = request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
        vern = World(request.param, engine, [SqlChatLogStore(engine)], rasa_sql_store(engine))
    yield vern
    vern.close()


@pytest.fixture
def sqlite_world(sqlite_engine: Engine) -> Iterator[World]:
    vern = World("sqlite", sqlite_engine, [SqlChatLogStore(sqlite_engine)], rasa_sql_store(sqlite_engine))
    yield vern
    vern.close()


@pytest.fixture
def make_worker(tmp_path: Path, clock: FrozenClock) -> Iterator[Callable[..., RetentionWorker]]:
    """Workers with a real leader lock (file lock on SQLite, advisory lock on PostgreSQL), released afterwards."""
    locks: list[LeaderLock] = []

    def build(
        world: World,
        masker: Callable[[str], str],
        policy: RetentionPolicy | None = None,
        leader: LeaderLock | None = None,
        **options: Any,
    ) -> RetentionWorker:
        lock = leader or DatabaseLeaderLock(world.engine, tmp_path)
        locks.append(lock)
        return RetentionWorker(
            world.engine,
            world.stores,
            policy or load_policy(DEFAULT_POLICY_FILE),
            clock,
            masker,
            world.audit,
            lock,
            **options,
        )

    yield build
    for lock in locks:
        lock.release()
