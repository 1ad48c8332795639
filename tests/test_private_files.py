"""Files Vern creates are readable by Vern's account only: 0600 files in 0700 folders.

Each test runs under the common umask 022, under which the old code created the SQLite file, the
exports and the generated secrets world-readable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_settings
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.fulfilment.downloads import DownloadStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_generated_development_secrets_are_private(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    load_settings({"VERN_VAR_DIR": str(var_dir)})
    assert mode(var_dir) == 0o700
    assert mode(var_dir / "dev-secrets.json") == 0o600


def test_the_sqlite_database_and_its_journal_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "vern.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine)
        assert mode(path.parent) == 0o700
        for file in path.parent.glob("vern.sqlite3*"):  # the database, and its -wal and -shm files
            assert mode(file) == 0o600, file.name
    finally:
        engine.dispose()


def test_an_older_world_readable_database_is_narrowed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "vern.sqlite3"
    path.touch(mode=0o644)
    create_db_engine(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


def test_exports_are_private(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    try:
        migrate.upgrade(engine)
        folder = tmp_path / "exports"
        store = DownloadStore(engine, folder, lambda: datetime(2026, 12, 6, tzinfo=timezone.utc))
        store.create(b"zip", "REF-1", "subject", "nb")
        assert mode(folder) == 0o700
        (export,) = folder.iterdir()
        assert mode(export) == 0o600
    finally:
        engine.dispose()


def test_every_vern_command_creates_private_files(tmp_path: Path) -> None:
    """`vern db upgrade` on the embedded default, run as an operator would: the var folder, the
    database and the secrets are private, whatever the operator's umask."""
    var_dir = tmp_path / "var"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env["VERN_VAR_DIR"] = str(var_dir)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "db", "upgrade"], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert mode(var_dir) == 0o700
    created = [path for path in var_dir.rglob("*")]
    assert created, "the command created its database"
    for path in created:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path.name
