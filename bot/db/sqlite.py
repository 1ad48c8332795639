"""Vern's SQLite file (the embedded default): how every connection is set up, and emptying the write-ahead
log after data was masked or erased. No imports from the rest of Vern: the retention code uses it too."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """For every connection to Vern's SQLite file, Vern's own and Rasa's tracker store's."""
    # WAL lets the Rasa server, the action server and the web app share one
    # file without "database is locked" on every concurrent write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # A masked or erased value must not live on in the file's free space (the annex: "permanently").
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def clear_sqlite_wal(engine: Engine) -> None:
    """Copy the write-ahead log into the database file and empty it. The log keeps whole old pages,
    values from before a masking or an erasure among them, until a checkpoint; a process that keeps its
    connection open (Rasa's tracker store) would otherwise keep them there. Nothing to do elsewhere."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as error:  # noqa: BLE001 - a reader in the way: the next erasure or run checkpoints
        logger.warning("SQLite checkpoint after an erasure did not complete (%s)", type(error).__name__)
