"""Case tests run on SQLite and on the machine's PostgreSQL, in a database of their own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.db import migrate
from bot.db.engine import create_db_engine
from tests.support.services import own_database_name, postgres_url

CASES_DB = own_database_name("cases")
SECRET = b"test-secret-key-for-cases-0123456789"
RECIPIENTS = ("Folkeregisteret", "Skolesystemet")


def _recreate_postgres_database(admin: Engine) -> None:
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {CASES_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {CASES_DB}"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('cases') / 'cases.sqlite3'}")
        migrate.upgrade(engine)
        yield engine
        engine.dispose()
        return
    # Never the shared `test` database: the running stack's tables live there.
    admin = create_db_engine(postgres_url()).execution_options(isolation_level="AUTOCOMMIT")
    _recreate_postgres_database(admin)
    engine = create_db_engine(str(make_url(postgres_url()).set(database=CASES_DB)))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {CASES_DB} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture()
def engine(migrated_engine: Engine) -> Iterator[Engine]:
    yield migrated_engine
    with migrated_engine.begin() as connection:
        for table in ("case_events", "cases", "subject_contacts"):
            connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture()
def clock() -> FrozenClock:
    # 10:00 UTC is 11:00 in Oslo: the same calendar day in both.
    return FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc))


@pytest.fixture()
def service(engine: Engine, clock: FrozenClock) -> CaseService:
    return CaseService(engine, clock, SECRET, downstream_recipients=RECIPIENTS)
