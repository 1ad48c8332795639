"""Timeliness: catching up after downtime oldest first, the 15-minute limit, the status figures."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from datetime import timedelta

import redis
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.models.conversation import Conversation, utc_naive
from bot.models.retention_run import RetentionRun
from bot.retention.chat_stores import RedisChatLogStore
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
from bot.retention.status import retention_status
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededChat, SeededMasker, rasa_redis_store
from tests.retention.world import World, conversation, end_chat, leaks, start_chats
from tests.support.services import redis_url

MakeWorker = Callable[..., RetentionWorker]


def test_a_worker_that_was_down_catches_up_oldest_first(
    sqlite_engine: Engine, redis_client: redis.Redis, redis_prefix: str, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    chats = [SeededChat() for _ in range(500)]  # chats[i] ended i * 5 minutes after chats[0]
    rasa = rasa_redis_store(redis_url(), redis_prefix)
    pipe = redis_client.pipeline(transaction=False)
    for chat in chats:
        # What RedisTrackerStore.save writes, in one round trip instead of 500.
        pipe.set(rasa.key_prefix + chat.sender_id, rasa.serialise_tracker(chat.tracker(short=True)), ex=86400)
    pipe.execute()
    now = utc_naive(clock())
    first_end = now - timedelta(days=2)
    positions = list(range(len(chats)))
    random.Random(42).shuffle(positions)  # row ids in another order than the ends
    with sqlite_engine.begin() as connection:
        connection.execute(
            insert(Conversation.__table__),
            [
                {
                    "conversation_id": chats[i].sender_id,
                    "channel": "rest",
                    "language": "nb",
                    "started_at": first_end + timedelta(minutes=5 * i - 3),
                    "last_activity_at": first_end + timedelta(minutes=5 * i),
                    "ended_at": first_end + timedelta(minutes=5 * i),
                    "end_reason": "goodbye",
                    "handed_off": False,
                    "message_count": 1,
                }
                for i in positions
            ],
        )
    before = retention_status(sqlite_engine, clock)
    assert (before["pending_masking"], before["oldest_unmasked_age_seconds"]) == (500, 2 * 86400)
    world = World(
        "redis", sqlite_engine, [RedisChatLogStore(redis_client, f"{redis_prefix}:tracker:")], rasa, redis_client,
        redis_prefix,
    )  # fmt: skip
    worker = make_worker(world, SeededMasker(chats), batch_size=50)

    report = worker.run_once()

    assert (report.masked, report.failed) == (500, 0)
    masked_order = [subject for _, subject, _ in world.audit_log]
    assert masked_order == [hashlib.sha256(chat.sender_id.encode()).hexdigest() for chat in chats]
    assert leaks(world.dump(), chats) == []
    after = retention_status(sqlite_engine, clock)
    assert (after["pending_masking"], after["oldest_unmasked_age_seconds"]) == (0, None)
    assert redis_client.ttl(rasa.key_prefix + chats[0].sender_id) > 86000


def test_running_every_five_minutes_masks_every_chat_within_fifteen_minutes(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    world = sqlite_world
    chats = [SeededChat() for _ in range(12)]
    world.save(chats)
    start_chats(world.engine, clock, chats)
    ends = dict(zip(random.Random(7).sample(range(60), len(chats)), chats, strict=True))
    # `lead`: the worker runs every 5 minutes, so it acts 5 minutes before each limit.
    worker = make_worker(world, SeededMasker(chats), lead=timedelta(minutes=5), inactivity=timedelta(hours=3))

    for minute in range(90):
        if minute in ends:
            end_chat(world.engine, clock, ends[minute])
        if minute % 5 == 0:
            worker.run_once()
        now = utc_naive(clock())
        for chat in chats:
            row = conversation(world.engine, chat)
            if row["ended_at"] is not None and row["ended_at"] <= now - timedelta(minutes=15):
                assert row["masked_at"] is not None, f"unmasked {now - row['ended_at']} after its end"
            if row["masked_at"] is not None:
                assert row["masked_at"] - row["ended_at"] >= timedelta(minutes=10), "masked before the policy says"
        clock.advance(minutes=1)
    assert leaks(world.dump(), chats) == []


def test_status_shows_pending_work_overdue_chats_and_the_last_run(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    world = sqlite_world
    policy = load_policy(DEFAULT_POLICY_FILE)
    early, late, talking = SeededChat(), SeededChat(), SeededChat()
    start_chats(world.engine, clock, [early, late, talking])
    end_chat(world.engine, clock, early)
    clock.advance(minutes=10)
    end_chat(world.engine, clock, late)
    clock.advance(minutes=10)

    status = retention_status(world.engine, clock, policy)

    assert status["pending_masking"] == 2
    assert status["oldest_unmasked_age_seconds"] == 20 * 60
    assert status["overdue_masking"] == 1
    assert status["last_run"] is None

    make_worker(world, SeededMasker([early, late, talking]), policy=policy).run_once()
    status = retention_status(world.engine, clock, policy)

    assert (status["pending_masking"], status["oldest_unmasked_age_seconds"], status["overdue_masking"]) == (1, 600, 0)
    last_run = status["last_run"]
    assert (last_run["masked"], last_run["deleted"], last_run["failed"]) == (1, 0, 0)
    assert last_run["finished_at"] == utc_naive(clock()).isoformat() + "Z"
    assert last_run["rule_counts"] == {"mask-bot-chats": 1}
    assert status["rule_counts_last_24h"] == {"mask-bot-chats": 1}


def test_the_run_log_keeps_a_month(sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker) -> None:
    worker = make_worker(sqlite_world, SeededMasker())
    worker.run_once()
    clock.advance(days=31)
    worker.run_once()
    with sqlite_world.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(RetentionRun.__table__)).scalar_one() == 1
    assert retention_status(sqlite_world.engine, clock)["rule_counts_last_24h"] == {}
