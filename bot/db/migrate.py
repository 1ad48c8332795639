"""Alembic migrations, applied programmatically on start.

Several processes may start at once (web app, action server, a second
replica); on PostgreSQL an advisory lock makes them take turns so a migration
never runs twice concurrently. SQLite serialises writers on its own.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every Vern process.
_ADVISORY_LOCK_ID = 727_274_001


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _locked(connection: Connection) -> bool:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _ADVISORY_LOCK_ID})
        return True
    return False


def _unlock(connection: Connection) -> None:
    connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _ADVISORY_LOCK_ID})


def upgrade(engine: Engine, revision: str = "heads") -> None:
    with engine.connect() as connection:
        locked = _locked(connection)
        try:
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
        finally:
            if locked:
                _unlock(connection)
                connection.commit()


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.connect() as connection:
        locked = _locked(connection)
        try:
            command.downgrade(alembic_config(connection), revision)
            connection.commit()
        finally:
            if locked:
                _unlock(connection)
                connection.commit()


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        return tuple(sorted(MigrationContext.configure(connection).get_current_heads()))


def head_revisions() -> tuple[str, ...]:
    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def is_up_to_date(engine: Engine) -> bool:
    return current_revisions(engine) == head_revisions()
