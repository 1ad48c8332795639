"""Engine and session factory built from the settings' DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker

from bot.db.sqlite import sqlite_pragmas
from bot.private_files import private_dir, private_file

_engines: dict[str, Engine] = {}


def _create_private_sqlite_file(path: Path) -> None:
    """The file exists, mode 0600, before SQLite opens it: SQLite would create it 0644 (under the usual
    umask), and its -wal and -shm files take the main file's mode."""
    if not path.parent.exists():
        private_dir(path.parent)
    private_file(path)


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _create_private_sqlite_file(Path(parsed.database))
        kwargs["connect_args"] = {"timeout": 10}
    else:
        # Fail fast when the database is down instead of hanging a chat turn.
        kwargs["connect_args"] = {"connect_timeout": 5}
        kwargs["pool_size"] = 5
        kwargs["max_overflow"] = 5
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
    return engine


def get_engine(url: str) -> Engine:
    """One engine per URL per process (bot.wiring's `Services.engine` is the process's)."""
    if url not in _engines:
        _engines[url] = create_db_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commits on success, rolls back on any error."""
    factory = sessionmaker(bind=engine, future=True, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
