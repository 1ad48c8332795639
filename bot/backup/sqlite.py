"""SQLite (the development default): the same contract with the sqlite3 backup API instead of pg_dump.

Copies are taken page by page under SQLite's own locking, so a running Vern
does not tear them; a restore is copied into the live file in one step, after
the erasure journal was replayed on the restored copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine, make_url

from bot.backup.errors import BackupError
from bot.db.engine import create_db_engine
from bot.private_files import private_file

T = TypeVar("T")


def database_path(database_url: str) -> Path:
    path = make_url(database_url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(path)


def _copy(source: Path, target: Path) -> None:
    connections: list[sqlite3.Connection] = []
    try:
        connections = [sqlite3.connect(source), sqlite3.connect(target)]
        connections[0].backup(connections[1])
    except sqlite3.Error as error:
        raise BackupError(f"SQLite copy failed ({type(error).__name__})") from None
    finally:
        for connection in connections:
            connection.close()


def snapshot(database_url: str, target: Path) -> None:
    """A consistent copy of the live database in `target` (created 0600)."""
    source = database_path(database_url)
    if not source.exists():
        raise BackupError("the SQLite database does not exist yet: nothing to back up")
    _copy(source, private_file(target))


def restore(database_url: str, copy: Path, replay: Callable[[Engine], T]) -> T:
    """Check and replay on the restored `copy`, then copy it over the live database."""
    try:
        check = sqlite3.connect(copy)
        try:
            verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
    except sqlite3.Error:
        verdict = "unreadable"
    if verdict != "ok":
        raise BackupError("the backup's database is damaged; nothing was changed")
    engine = create_db_engine(f"sqlite:///{copy}")
    try:
        result = replay(engine)
    finally:
        engine.dispose()
    live = database_path(database_url)
    private_file(live)
    _copy(copy, live)
    return result
