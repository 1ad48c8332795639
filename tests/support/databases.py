"""A PostgreSQL database of a suite's own on the machine's server, migrated, dropped afterwards.

The stack's `test` database is never touched by suites that use one of these."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from bot.db import migrate
from bot.db.engine import create_db_engine
from tests.support.services import postgres_url


@contextmanager
def own_postgres_database(name: str) -> Iterator[str]:
    admin = create_db_engine(postgres_url()).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = str(make_url(postgres_url()).set(database=name))
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@contextmanager
def migrated_sqlite(path: Path) -> Iterator[Engine]:
    """A fresh SQLite file with every migration applied: for tests that need one database, fast."""
    engine = create_db_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
