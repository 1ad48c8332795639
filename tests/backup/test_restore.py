"""A restored backup never brings an erased person back, on PostgreSQL (pg_dump) and SQLite (file copy).

Run as an operator runs it: `vern backup create`, `vern backup restore NAME` in their own processes,
on a database holding two people with a case and a chat each; one of them is erased between the
backup and the restore."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.db.engine import create_db_engine
from tests.backup.deployment import Deployment, erase, found, seed
from tests.retention.chats import SeededChat
from tests.support.databases import migrated_sqlite


def back_up_erase_restore(deployment: Deployment, engine: Engine) -> tuple[SeededChat, SeededChat]:
    kari, ola = SeededChat(), SeededChat()
    cases = seed(engine, [kari, ola])
    created = deployment.vern("create")
    assert created.returncode == 0, created.stderr
    erase(engine, deployment, cases, kari)
    assert found(engine, kari) == [] and len(found(engine, ola)) == len(ola.personal_values())
    engine.dispose()  # Vern is stopped for a restore

    restored = deployment.vern("restore", deployment.only_backup())
    assert restored.returncode == 0, restored.stderr
    assert "1 found in the backup and erased again" in restored.stdout
    return kari, ola


def assert_private(deployment: Deployment) -> None:
    backups = deployment.var_dir / "backups"
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    for path in [*backups.iterdir(), deployment.var_dir / "erasure-journal.jsonl"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert [path.suffix for path in backups.iterdir()] == [".vbak"], "no plaintext copy is left behind"


def test_postgres_an_erased_person_stays_erased_after_restoring_an_older_backup(postgres: Deployment) -> None:
    kari, ola = back_up_erase_restore(postgres, create_db_engine(postgres.url))
    engine = create_db_engine(postgres.url)
    try:
        assert found(engine, kari) == [], "the restore brought the erased person back"
        assert len(found(engine, ola)) == len(ola.personal_values()), "everyone else is restored"
        with engine.connect() as connection:
            reapplied = connection.execute(
                text("SELECT count(*) FROM audit_log WHERE event = 'subject.erasure_reapplied'")).scalar_one()
        assert reapplied == 1
    finally:
        engine.dispose()
    assert_private(postgres)


def test_sqlite_an_erased_person_stays_erased_after_restoring_an_older_backup(tmp_path: Path) -> None:
    path = tmp_path / "var" / "vern.sqlite3"
    deployment = Deployment(f"sqlite:///{path}", tmp_path / "var")
    with migrated_sqlite(path) as engine:
        kari, ola = back_up_erase_restore(deployment, engine)
    engine = create_db_engine(deployment.url)
    try:
        assert found(engine, kari) == []
        assert len(found(engine, ola)) == len(ola.personal_values())
    finally:
        engine.dispose()
    assert_private(deployment)


def test_verify_tries_a_restore_without_touching_the_live_database(postgres: Deployment) -> None:
    engine = create_db_engine(postgres.url)
    try:
        kari, ola = SeededChat(), SeededChat()
        cases = seed(engine, [kari, ola])
        assert postgres.vern("create").returncode == 0
        erase(engine, postgres, cases, kari)
        with engine.connect() as connection:
            live_before = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
        verified = postgres.vern("verify", postgres.only_backup())
        assert verified.returncode == 0, verified.stderr
        assert "1 erased subject(s) checked, 1 found and erased again" in verified.stdout
        # The live database stayed where it was, with open connections and all.
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == live_before
        assert found(engine, kari) == [] and len(found(engine, ola)) == len(ola.personal_values())
    finally:
        engine.dispose()
