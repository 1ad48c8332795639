from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.db import migrate
from bot.db.engine import create_db_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """Vern's tables on a fresh SQLite file."""
    db = create_db_engine(f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    migrate.upgrade(db)
    yield db
    db.dispose()
