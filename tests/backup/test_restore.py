"""A restored backup never brings an erased person back, on PostgreSQL (pg_dump) and SQLite (file copy).

Run as an operator runs it: `vern backup create`, `vern backup restore NAME` in their own processes,
on a database holding two people with a case and a chat each; one of them is erased between the
backup and the restore."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.cases.service import CaseService
from bot.clock import utc_now
from bot.config import PROJECT_ROOT, load_settings
from bot.db.engine import create_db_engine
from bot.fulfilment.downloads import DownloadStore
from bot.fulfilment.service import Fulfilment
from bot.retention.chat_stores import SqlChatLogStore
from bot.retention.erasure import ChatEraser
from tests.retention.chats import SeededChat, rasa_sql_store, save_chats
from tests.retention.world import start_chats
from tests.support.databases import migrated_sqlite, own_postgres_database

SECRET = "backup-test-secret-0123456789abcdef"


@dataclass
class Deployment:
    url: str
    var_dir: Path

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        env.update({"DATABASE_URL": self.url, "VERN_VAR_DIR": str(self.var_dir), "SECRET_KEY": SECRET})
        return env

    def vern(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", "backup", *args], cwd=PROJECT_ROOT,
                              env={**self.env, **extra_env}, capture_output=True, text=True, timeout=180)

    def only_backup(self) -> str:
        listed = self.vern("list")
        assert listed.returncode == 0, listed.stderr
        (line,) = listed.stdout.splitlines()
        return line.split()[0]


def everything(engine: Engine) -> str:
    """Every row of every table, as text: where a person could still be found."""
    parts = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            parts += [repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{table}"'))]
    return "\n".join(parts)


def found(engine: Engine, person: SeededChat) -> list[str]:
    dump = everything(engine)
    return [value for value in person.personal_values() if value in dump]


def seed(engine: Engine, people: list[SeededChat]) -> CaseService:
    rasa = rasa_sql_store(engine)
    try:
        save_chats(rasa, people)
    finally:
        rasa.engine.dispose()
    start_chats(engine, utc_now, people)
    cases = CaseService(engine, utc_now, SECRET.encode())
    for person in people:
        cases.open_case("access", person.email, "nb", "rest", {"about": person.full_name},
                        conversation_id=person.sender_id)
    return cases


def erase(engine: Engine, deployment: Deployment, cases: CaseService, person: SeededChat) -> None:
    """What an Art. 17 request does once the code is checked: the fulfilment of the erasure case."""
    settings = load_settings(deployment.env)
    stores = [SqlChatLogStore(engine)]
    fulfilment = Fulfilment(engine, stores, DownloadStore(engine, deployment.var_dir / "exports", utc_now),
                            ChatEraser(stores, engine, utc_now), settings, utc_now)
    case = cases.open_case("erasure", person.email, "nb", "rest", conversation_id="erasure-chat").case
    fulfilment.fulfil(case, person.email, cases.subject_key(person.email), "erasure-chat")


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


@pytest.fixture
def postgres(tmp_path: Path) -> Iterator[Deployment]:
    with own_postgres_database(f"{_database_prefix()}_bk") as url:
        yield Deployment(url, tmp_path / "var")


def _database_prefix() -> str:
    from sqlalchemy.engine import make_url

    from tests.support.services import postgres_url

    return make_url(postgres_url()).database or "vern"


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
