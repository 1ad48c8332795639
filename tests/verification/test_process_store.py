"""One short-lived store per process: what one component writes, every other component of it reads."""

from __future__ import annotations

from dataclasses import replace

from bot.verification.store import MemoryShortLivedStore, RedisShortLivedStore
from bot.wiring import build, process_store, services
from tests.support.services import redis_url


def test_without_redis_a_consent_session_granted_by_the_flow_is_seen_by_the_withdraw_action() -> None:
    settings = services().settings
    assert settings.redis_url is None, "the embedded default"
    build(settings).consent_sessions.grant("chat-process-store", "subject-key", "kari@example.org")
    assert services().consent_sessions.subject("chat-process-store") == "subject-key"
    assert isinstance(build(settings).store, MemoryShortLivedStore)


def test_with_redis_every_builder_gets_the_same_client() -> None:
    settings = replace(services().settings, redis_url=redis_url())
    store = build(settings).store
    assert isinstance(store, RedisShortLivedStore)
    assert build(replace(settings)).store is store
    assert process_store(settings.redis_url) is store
