"""A dead database or Redis, a busy database or a damaged backup: a plain error, exit status 1, and the
live database exactly as it was (never a half-restored one serving)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.db.engine import create_db_engine
from tests.backup.deployment import Deployment, backed_up, found

DEAD_POSTGRES = "postgresql://postgres@127.0.0.1:1/vern"
DEAD_REDIS = "redis://127.0.0.1:1/0"


def plain(stderr: str, command: str) -> bool:
    return stderr.startswith(f"vern backup {command}: ") and "Traceback" not in stderr and len(stderr.splitlines()) == 1


def test_a_dead_database_fails_the_backup_plainly_and_leaves_no_file(tmp_path: Path) -> None:
    deployment = Deployment(DEAD_POSTGRES, tmp_path / "var")
    result = deployment.vern("create")
    assert result.returncode == 1 and plain(result.stderr, "create"), result.stderr
    assert "pg_dump failed" in result.stderr
    assert list((tmp_path / "var" / "backups").iterdir()) == [], "no partial backup is left to be restored later"


def test_restore_refuses_while_redis_is_dead_or_the_database_is_in_use(postgres: Deployment) -> None:
    engine = create_db_engine(postgres.url)
    _, name = backed_up(postgres, engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM case_events"))
        connection.execute(text("DELETE FROM cases"))
    engine.dispose()

    dead = postgres.vern("restore", name, REDIS_URL=DEAD_REDIS)
    assert dead.returncode == 1 and plain(dead.stderr, "restore"), dead.stderr
    assert "Redis" in dead.stderr

    held = create_db_engine(postgres.url)  # a Vern process still running
    with held.connect() as connection:
        connection.execute(text("SELECT 1"))
        busy = postgres.vern("restore", name)
    held.dispose()
    assert busy.returncode == 1 and plain(busy.stderr, "restore"), busy.stderr
    assert "stop every Vern process" in busy.stderr

    engine = create_db_engine(postgres.url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 0, "live untouched"
            left = connection.execute(text("SELECT datname FROM pg_database WHERE datname LIKE '%_restoring'"))
            assert postgres.url.rsplit("/", 1)[1] + "_restoring" not in [row[0] for row in left]
    finally:
        engine.dispose()


def test_a_damaged_backup_is_refused_and_the_live_database_is_kept(postgres: Deployment) -> None:
    engine = create_db_engine(postgres.url)
    kari, name = backed_up(postgres, engine)
    backup = postgres.var_dir / "backups" / name
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    engine.dispose()

    result = postgres.vern("restore", name)
    assert result.returncode == 1 and plain(result.stderr, "restore"), result.stderr
    engine = create_db_engine(postgres.url)
    try:
        assert len(found(engine, kari)) == len(kari.personal_values()), "the live database is as it was"
    finally:
        engine.dispose()
