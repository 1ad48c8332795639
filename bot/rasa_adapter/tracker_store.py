"""Rasa's tracker store for Vern: Redis when REDIS_URL is set, else SQL on DATABASE_URL.

Rasa wraps every tracker store in `FailSafeTrackerStore`, which on any error
quietly continues with an in-memory store: a conversation would be lost (or
worse, a new empty one started) without anybody noticing. Vern's stores check
the connection on start and turn store errors into `TrackerStoreUnavailable`,
and `_fail_loudly()` makes the fail-safe wrapper re-raise every store error
instead of continuing in memory, so the channel can tell the person to try
again shortly.

endpoints.yml names `VernTrackerStore`; Rasa instantiates it, and `__new__`
hands back the concrete store the settings ask for.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
import sqlalchemy.exc
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import (
    FailSafeTrackerStore,
    RedisTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.db.engine import create_db_engine
from bot.rasa_adapter.errors import TrackerStoreUnavailable
from bot.wiring import services

logger = logging.getLogger(__name__)

REDIS_KEY_PREFIX = "vern"  # Rasa appends ":tracker:"; it accepts alphanumerics only


class VernRedisTrackerStore(RedisTrackerStore):
    """Redis tracker records expire (`record_exp`) so nothing outlives its retention."""

    def check_connection(self) -> None:
        try:
            self.red.ping()
        except redis.exceptions.RedisError as error:
            raise TrackerStoreUnavailable(
                f"Redis tracker store unreachable ({type(error).__name__})"
            ) from None

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        try:
            await super().save(tracker, timeout)
        except redis.exceptions.RedisError as error:
            raise TrackerStoreUnavailable(f"Redis save failed ({type(error).__name__})") from None

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> Any:
        try:
            return await super()._retrieve(sender_id, fetch_all_sessions)
        except redis.exceptions.RedisError as error:
            raise TrackerStoreUnavailable(
                f"Redis retrieve failed ({type(error).__name__})"
            ) from None

    async def keys(self) -> Any:
        try:
            return await super().keys()
        except redis.exceptions.RedisError as error:
            raise TrackerStoreUnavailable(f"Redis keys failed ({type(error).__name__})") from None


class VernSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL store on the same database as Vern's own tables."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except sqlalchemy.exc.DBAPIError as error:
            raise TrackerStoreUnavailable(f"SQL save failed ({type(error).__name__})") from None

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        try:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        except sqlalchemy.exc.DBAPIError as error:
            raise TrackerStoreUnavailable(
                f"SQL retrieve failed ({type(error).__name__})"
            ) from None

    async def keys(self) -> Any:
        try:
            return await super().keys()
        except sqlalchemy.exc.DBAPIError as error:
            raise TrackerStoreUnavailable(f"SQL keys failed ({type(error).__name__})") from None


def _check_database(url: str) -> None:
    """SQLTrackerStore retries an unreachable database forever; check first, fail fast."""
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except sqlalchemy.exc.DBAPIError as error:
        raise TrackerStoreUnavailable(
            f"SQL tracker store unreachable ({type(error).__name__})"
        ) from None
    finally:
        engine.dispose()


def build_tracker_store(
    settings: Settings, domain: Domain | None = None, event_broker: EventBroker | None = None
) -> TrackerStore:
    if settings.redis_url:
        url = redis.connection.parse_url(settings.redis_url)
        store: TrackerStore = VernRedisTrackerStore(
            domain=domain,
            host=url.get("host", "localhost"),
            port=url.get("port", 6379),
            db=url.get("db", 0),
            username=url.get("username"),
            password=url.get("password"),
            use_ssl=settings.redis_url.startswith("rediss://"),
            event_broker=event_broker,
            record_exp=settings.retention.tracker_expiry_days * 86400,
            key_prefix=REDIS_KEY_PREFIX,
        )
        store.check_connection()
        return store

    _check_database(settings.database_url)
    parsed = make_url(settings.database_url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        store = VernSQLTrackerStore(domain=domain, dialect="sqlite", db=parsed.database, event_broker=event_broker)
        _keep_sqlite_connection(store)
        return store
    return VernSQLTrackerStore(
        domain=domain,
        dialect=parsed.drivername,
        host=parsed.host,
        port=parsed.port,
        db=parsed.database or "",
        username=parsed.username,
        password=parsed.password,
        event_broker=event_broker,
    )


def _keep_sqlite_connection(store: SQLTrackerStore) -> None:
    """Rasa's SQLite engine with a pooled connection instead of a new one per read and save.

    For a SQLite file SQLAlchemy 1.4 defaults to NullPool: every tracker read and save opened a
    connection and closed it again, and closing the last connection to a WAL database checkpoints it
    (an fsync of the whole file) - the largest part of a turn's store time in the profile
    (docs/benchmarks.md). One kept connection serves the event loop and its threads; SQLite's own
    locking (WAL, busy timeout) still orders writers across Vern's processes, as before."""
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import QueuePool

    from bot.db.sqlite import sqlite_pragmas

    engine = sa_create_engine(
        store.engine.url, poolclass=QueuePool, pool_size=2, max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": 10},
    )
    event.listen(engine, "connect", sqlite_pragmas)  # secure_delete and WAL, as Vern's own engine
    store.engine.dispose()
    store.engine = engine
    store.sessionmaker = sessionmaker(bind=engine)


class VernTrackerStore:
    """The type named in endpoints.yml; Rasa calls it, it returns the concrete store."""

    def __new__(
        cls,
        host: str | None = None,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        **_kwargs: Any,
    ) -> TrackerStore:
        _fail_loudly()
        try:
            store = build_tracker_store(services().settings, domain, event_broker)
        except TrackerStoreUnavailable as error:
            logger.critical("Cannot start: %s. Rasa will not fall back to memory.", error)
            raise SystemExit(f"Vern: {error}. Refusing to start without the configured store.") from None
        logger.info("Tracker store: %s", type(store).__name__)
        return store


def _reraise(original: Any) -> Any:
    def handler(self: FailSafeTrackerStore, error: Exception) -> None:
        # Never continue in memory: the conversation would silently restart.
        raise error

    handler._vern_fail_loud = True  # type: ignore[attr-defined]
    return handler


def _fail_loudly() -> None:
    for name in ("on_tracker_store_error", "on_tracker_store_retrieve_error"):
        current = getattr(FailSafeTrackerStore, name)
        if not getattr(current, "_vern_fail_loud", False):
            setattr(FailSafeTrackerStore, name, _reraise(current))
