"""Consent records on both databases: a SQLite file and a PostgreSQL database of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.config import AgeBands
from bot.consent.purposes import DEFAULT_FILE, load_purposes
from bot.consent.service import ConsentService
from bot.db import migrate
from bot.db.engine import create_db_engine
from tests.support.databases import own_postgres_database
from tests.support.services import own_database_name

CONSENT_DB = own_database_name("consent")


@pytest.fixture(scope="session")
def consent_pg_url() -> Iterator[str]:
    with own_postgres_database(CONSENT_DB) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        db = create_db_engine(f"sqlite:///{tmp_path / 'consent.sqlite3'}")
        migrate.upgrade(db)
    else:
        db = create_db_engine(request.getfixturevalue("consent_pg_url"))
        with db.begin() as connection:
            connection.execute(text("DELETE FROM guardian_invitations"))
            connection.execute(text("DELETE FROM consent_events"))
            connection.execute(text("DELETE FROM consent_records"))
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))


@pytest.fixture
def audit() -> list[tuple[str, str | None, dict]]:
    return []


@pytest.fixture
def consents(engine: Engine, clock: FrozenClock, audit: list[tuple[str, str | None, dict]]) -> ConsentService:
    return ConsentService(engine, clock, b"consent-test-secret-0123456789", load_purposes(DEFAULT_FILE), AgeBands(),
                          "Demo idrettslag", lambda *entry: audit.append(entry))
