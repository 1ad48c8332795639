"""Alembic environment: runs on the connection handed over by bot.db.migrate."""

from alembic import context

import bot.models  # noqa: F401  (registers every table)
from bot.db.base import Base
from bot.db.schema_filter import include_object


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        # Alembic's own command line, not bot.db.migrate: the process's database.
        from bot.wiring import services

        with services().engine.connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
