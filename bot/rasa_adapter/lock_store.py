"""Rasa's lock store for Vern: Redis when REDIS_URL is set (needed for several
Rasa replicas), otherwise in-process locks, which are right for one replica."""

from __future__ import annotations

import logging
from typing import Any

import redis
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

logger = logging.getLogger(__name__)


class VernLockStore:
    """The type named in endpoints.yml; Rasa calls it, it returns the concrete store."""

    def __new__(cls, endpoint_config: Any = None, **_kwargs: Any) -> LockStore:
        from bot.wiring import services

        settings = services().settings
        if not settings.redis_url:
            return InMemoryLockStore()
        url = redis.connection.parse_url(settings.redis_url)
        store = RedisLockStore(
            host=url.get("host", "localhost"),
            port=url.get("port", 6379),
            db=url.get("db", 0),
            username=url.get("username"),
            password=url.get("password"),
            use_ssl=settings.redis_url.startswith("rediss://"),
            key_prefix="vern",
        )
        try:
            store.red.ping()
        except redis.exceptions.RedisError as error:
            logger.critical("Cannot start: Redis lock store unreachable (%s)", type(error).__name__)
            raise SystemExit("Vern: Redis lock store unreachable. Refusing to start.") from None
        return store
