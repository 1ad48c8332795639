"""Migrations go up and down on SQLite and on the machine's PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

from bot.db import migrate
from bot.db.engine import create_db_engine
from tests.support.services import own_database_name, postgres_url

MIGRATION_DB = own_database_name("migrations")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")
        yield engine
        engine.dispose()
        return
    # A database of its own, so the running stack's tables are never touched.
    admin = create_db_engine(postgres_url()).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {MIGRATION_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {MIGRATION_DB}"))
    engine = create_db_engine(str(make_url(postgres_url()).set(database=MIGRATION_DB)))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {MIGRATION_DB} WITH (FORCE)"))
    admin.dispose()


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_downgrade_upgrade(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert "conversations" in tables(engine)
    assert migrate.is_up_to_date(engine)

    migrate.downgrade(engine, "base")
    assert "conversations" not in tables(engine)
    assert migrate.current_revisions(engine) == ()

    migrate.upgrade(engine)
    assert migrate.is_up_to_date(engine)


def test_upgrade_twice_is_harmless(engine: Engine) -> None:
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    assert migrate.is_up_to_date(engine)


def test_models_match_the_migrations(engine: Engine) -> None:
    """A model change without a migration would break production databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import bot.models  # noqa: F401
    from bot.db.base import Base
    from bot.db.schema_filter import include_object

    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": False}
        )
        assert compare_metadata(context, Base.metadata) == []
