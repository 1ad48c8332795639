"""Several worker replicas: one leader; on SQLite the others wait their turn, on PostgreSQL they share the chat
backlog (tests/retention/test_parallel_workers.py) and leave the rest to the leader."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.config import Settings
from bot.db.engine import create_db_engine
from bot.retention.chat_stores import SqlChatLogStore
from bot.retention.leader import (
    ADVISORY_LOCK_ID,
    DatabaseLeaderLock,
    LeaderLock,
    RedisLeaderLock,
    build_leader_lock,
)
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededChat, SeededMasker, rasa_sql_store
from tests.retention.world import World, conversation, end_chat, leaks, start_chats
from tests.support.services import redis_url

MakeWorker = Callable[..., RetentionWorker]


@pytest.fixture
def redis_lock_key(redis_client: redis.Redis) -> Iterator[str]:
    key = f"vern:test:retention-leader:{secrets.token_hex(6)}"
    yield key
    redis_client.delete(key)


def two_rounds_of_two_replicas(
    world: World, clock: FrozenClock, chats: list[SeededChat], first: RetentionWorker, second: RetentionWorker,
    shares: bool = False,
) -> None:
    """`shares`: on PostgreSQL a follower claims due chats too (SKIP LOCKED); only the rest is the leader's."""
    world.save(chats)
    start_chats(world.engine, clock, chats)
    for chat in chats[:2]:
        end_chat(world.engine, clock, chat)
    clock.advance(minutes=15)

    reports = [first.run_once(), second.run_once()]
    assert [(r.leader, r.masked) for r in reports] == [(True, 2), (False, 0)]

    for chat in chats[2:]:
        end_chat(world.engine, clock, chat)
    clock.advance(minutes=15)
    # Leadership is kept between runs: the follower does not take the lead while the leader lives.
    reports = [second.run_once(), first.run_once()]
    if shares:
        assert [(r.leader, r.masked) for r in reports] == [(False, 2), (True, 0)], "the follower took its share"
    else:
        assert [(r.leader, r.masked) for r in reports] == [(False, 0), (True, 2)]
    assert [event for event, _, _ in world.audit_log] == ["chat.masked"] * 4
    assert all(conversation(world.engine, chat)["masked_at"] is not None for chat in chats)
    assert leaks(world.dump(), chats) == []


def test_two_replicas_on_a_redis_lock(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker, redis_client: redis.Redis, redis_lock_key: str
) -> None:
    chats = [SeededChat() for _ in range(4)]
    first_lock = RedisLeaderLock(redis.Redis.from_url(redis_url()), key=redis_lock_key)
    second_lock = RedisLeaderLock(redis.Redis.from_url(redis_url()), key=redis_lock_key)
    first = make_worker(sqlite_world, SeededMasker(chats), leader=first_lock)
    second = make_worker(sqlite_world, SeededMasker(chats), leader=second_lock)

    two_rounds_of_two_replicas(sqlite_world, clock, chats, first, second)

    assert 0 < redis_client.pttl(redis_lock_key) <= 120_000
    first_lock.release()
    assert second.run_once().leader and not first.run_once().leader


def test_a_redis_lock_is_renewed_and_released_only_by_its_holder(
    redis_client: redis.Redis, redis_lock_key: str
) -> None:
    first = RedisLeaderLock(redis_client, key=redis_lock_key, ttl_seconds=30)
    second = RedisLeaderLock(redis_client, key=redis_lock_key, ttl_seconds=30)
    assert first.acquire() and not second.acquire()
    redis_client.pexpire(redis_lock_key, 1000)
    assert first.acquire(), "a leader renews its own lock"
    assert redis_client.pttl(redis_lock_key) > 20_000

    redis_client.delete(redis_lock_key)  # as if the leader stalled past its expiry
    assert second.acquire()
    first.release()
    assert redis_client.exists(redis_lock_key), "the stale leader must not free the new leader's lock"
    assert not first.acquire()
    second.release()
    assert not redis_client.exists(redis_lock_key)


def test_two_replicas_on_the_postgresql_advisory_lock(
    pg_engine: Engine, retention_pg_url: str, clock: FrozenClock, make_worker: MakeWorker, tmp_path: Path
) -> None:
    other_replica = create_db_engine(retention_pg_url)
    world = World("postgresql", pg_engine, [SqlChatLogStore(pg_engine)], rasa_sql_store(pg_engine))
    chats = [SeededChat() for _ in range(4)]
    first_lock = DatabaseLeaderLock(pg_engine, tmp_path / "a")
    second_lock = DatabaseLeaderLock(other_replica, tmp_path / "b")
    first = make_worker(world, SeededMasker(chats), leader=first_lock)
    second = make_worker(world, SeededMasker(chats), leader=second_lock)
    try:
        two_rounds_of_two_replicas(world, clock, chats, first, second, shares=True)
        first_lock.release()
        assert second.run_once().leader and not first.run_once().leader
    finally:
        second_lock.release()
        world.close()
        other_replica.dispose()


def test_the_advisory_lock_passes_on_when_the_leaders_session_dies(pg_engine: Engine, tmp_path: Path) -> None:
    first = DatabaseLeaderLock(pg_engine, tmp_path)
    second = DatabaseLeaderLock(pg_engine, tmp_path)
    try:
        assert first.acquire() and not second.acquire()
        with pg_engine.connect() as connection:
            pids = connection.execute(
                text(
                    "SELECT pid FROM pg_locks "
                    "WHERE locktype = 'advisory' AND objid = :id AND granted "
                    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"id": ADVISORY_LOCK_ID},
            ).scalars().all()
            assert pids, "the leader's session holds the advisory lock"
            for pid in pids:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            # Termination is asynchronous: the lock is free once the backend has exited.
            deadline = time.monotonic() + 10
            while connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(:pids)"), {"pids": list(pids)}
            ).scalar_one() and time.monotonic() < deadline:
                time.sleep(0.05)
            connection.commit()
        assert second.acquire()
        assert not first.acquire(), "the old leader notices it lost its session and does not lead"
    finally:
        first.release()
        second.release()


def test_on_sqlite_a_file_lock_in_var_dir_picks_the_leader(sqlite_engine: Engine, tmp_path: Path) -> None:
    settings = Settings(database_url=str(sqlite_engine.url), var_dir=tmp_path)
    first: LeaderLock = build_leader_lock(settings, sqlite_engine)
    second: LeaderLock = build_leader_lock(settings, sqlite_engine)
    assert isinstance(first, DatabaseLeaderLock)
    assert first.acquire() and first.acquire() and not second.acquire()
    first.release()
    assert second.acquire() and not first.acquire()
    second.release()
    assert isinstance(build_leader_lock(Settings(redis_url=redis_url()), sqlite_engine), RedisLeaderLock)


def test_run_forever_gives_up_leadership_when_it_stops(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker, tmp_path: Path
) -> None:
    chat = SeededChat()
    sqlite_world.save([chat])
    start_chats(sqlite_world.engine, clock, [chat])
    end_chat(sqlite_world.engine, clock, chat)
    clock.advance(minutes=15)
    lock = DatabaseLeaderLock(sqlite_world.engine, tmp_path / "forever")
    worker = make_worker(sqlite_world, SeededMasker([chat]), leader=lock)

    worker.run_forever(interval=0, stop=threading.Event(), max_runs=2)

    assert conversation(sqlite_world.engine, chat)["masked_at"] is not None
    follower = DatabaseLeaderLock(sqlite_world.engine, tmp_path / "forever")
    assert follower.acquire()
    follower.release()
