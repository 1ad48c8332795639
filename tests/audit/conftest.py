"""The audit log on both databases: a SQLite file and a PostgreSQL database of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.clock import FrozenClock
from bot.db import migrate
from bot.db.engine import create_db_engine
from tests.support.databases import own_postgres_database
from tests.support.services import own_database_name

AUDIT_DB = own_database_name("audit")
SECRET = b"audit-test-secret-0123456789abcdef"


@pytest.fixture(scope="session")
def audit_pg_url() -> Iterator[str]:
    with own_postgres_database(AUDIT_DB) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        db = create_db_engine(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
        migrate.upgrade(db)
    else:
        db = create_db_engine(request.getfixturevalue("audit_pg_url"))
        with db.begin() as connection:
            connection.execute(text("DELETE FROM audit_log"))
            connection.execute(text("DELETE FROM audit_head"))
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))


@pytest.fixture
def trail(engine: Engine, clock: FrozenClock) -> AuditTrail:
    return AuditTrail(engine, clock, SECRET)
