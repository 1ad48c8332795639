"""The other two detectors: chats left unmasked past their deadline, and repeated bad connector signatures."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import timedelta

import redis

from bot.breach.detect import SignatureFailures, open_connector_signatures, overdue_masking_job
from bot.clock import FrozenClock, utc_now
from bot.connectors.completion import CompletionReceiver
from bot.connectors.signing import ReplayCache
from bot.db.engine import create_db_engine
from bot.services.conversations import ConversationService
from bot.verification.store import MemoryShortLivedStore, RedisShortLivedStore
from tests.breach.conftest import Deployment, text_of
from tests.support.services import redis_url


def breaches(deployment: Deployment) -> list[dict]:
    return json.loads(deployment.vern("breach", "list", "--json").stdout)


def test_a_chat_unmasked_past_its_deadline_opens_one_breach(deployment: Deployment) -> None:
    engine = create_db_engine(deployment.url)
    ended = FrozenClock(utc_now() - timedelta(minutes=40))
    chats = ConversationService(engine, ended)
    for _ in range(2):
        chat = f"overdue-{uuid.uuid4().hex}"
        chats.record_user_message(chat, "rest", "nb")
        chats.end(chat, "goodbye")
    engine.dispose()
    settings = deployment.settings
    assert overdue_masking_job(settings) == 0
    assert overdue_masking_job(settings) == 0, "the second run finds the same, still open breach"
    (breach,) = breaches(deployment)
    assert breach["cause"] == "overdue-masking" and breach["subjects_approx"] == 2
    (mail,) = deployment.mails()
    assert "2 ended bot chats" in text_of(mail)


def test_no_overdue_chat_no_breach(deployment: Deployment) -> None:
    engine = create_db_engine(deployment.url)
    chats = ConversationService(engine, utc_now)
    chats.record_user_message("fresh", "rest", "nb")
    chats.end("fresh", "goodbye")  # ended just now: masking is due in 15 minutes, not overdue
    engine.dispose()
    overdue_masking_job(deployment.settings)
    assert breaches(deployment) == [] and deployment.mails() == []


def test_repeated_bad_signatures_across_replicas_open_one_breach(deployment: Deployment) -> None:
    client = redis.Redis.from_url(redis_url())
    prefix = f"vern:test-{uuid.uuid4().hex[:8]}:"
    settings = deployment.settings

    def replica() -> CompletionReceiver:
        store = RedisShortLivedStore(client, prefix=prefix)
        failures = SignatureFailures(store, lambda limit: open_connector_signatures(limit, settings), limit=5)
        return CompletionReceiver(lambda: None, ReplayCache(store), b"shared-secret", lambda: utc_now().timestamp(),
                                  failures=failures)  # type: ignore[arg-type, return-value]

    first, second = replica(), replica()
    body = json.dumps({"status": "completed"}).encode()
    try:
        for attempt in range(5):
            reply = asyncio.run((first if attempt % 2 else second).receive("K7Q2-9XPD", body, "t=1,v2=" + "0" * 64))
            assert reply.status == 401
        assert breaches(deployment) == [], "five failures in ten minutes can be a clock problem"
        for receiver in (first, second, first):
            asyncio.run(receiver.receive("K7Q2-9XPD", body, None))
        (breach,) = breaches(deployment)
        assert breach["cause"] == "connector-signatures" and "More than 5 completion reports" in breach["what_happened"]
        assert len(deployment.mails()) == 1
    finally:
        client.delete(*client.keys(prefix + "*") or [prefix])


def test_failures_within_the_limit_report_nothing() -> None:
    reported: list[int] = []
    clock = [1000.0]
    failures = SignatureFailures(MemoryShortLivedStore(), reported.append, limit=3, period=60, clock=lambda: clock[0])
    assert [failures.failed() for _ in range(3)] == [False, False, False]
    assert failures.failed() is True and reported == [3]
    assert failures.failed() is False, "reported once per window"
    clock[0] += 61
    assert failures.failed() is False, "an old window's failures have left it"


def test_the_retention_worker_runs_the_self_check_and_a_worker_that_masks_in_time_raises_no_alarm(
        deployment: Deployment) -> None:
    from bot.retention.rules import housekeeping_jobs

    assert "overdue_masking_self_check" in {job.name for job in housekeeping_jobs()}
    engine = create_db_engine(deployment.url)
    chats = ConversationService(engine, FrozenClock(utc_now() - timedelta(minutes=40)))
    chats.record_user_message("late-but-maskable", "rest", "nb")
    chats.end("late-but-maskable", "goodbye")
    engine.dispose()
    ran = deployment.vern("retention", "run", "--once")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout.splitlines()[-1])["masked"] == 1
    assert breaches(deployment) == [], "masked in this run: nothing is overdue afterwards"
