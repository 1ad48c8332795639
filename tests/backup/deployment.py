"""A Vern deployment for backup tests: its database, its var folder, and `vern backup` run as an operator runs it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text, update
from sqlalchemy.engine import Engine

from bot.cases.models import Case
from bot.cases.service import CaseService
from bot.clock import utc_now
from bot.config import load_settings
from bot.fulfilment.downloads import DownloadStore
from bot.fulfilment.service import Fulfilment
from bot.models.conversation import utc_naive
from bot.retention.chat_stores import SqlChatLogStore
from bot.retention.erasure import ChatEraser
from tests.retention.chats import SeededChat, rasa_sql_store, save_chats
from tests.retention.world import start_chats
from tests.support.cli import Ran, run_vern

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

    def vern(self, *args: str, **extra_env: str) -> Ran:
        return run_vern(("backup", *args), {**self.env, **extra_env})

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
        opened = cases.open_case("access", person.email, "nb", "rest", {"about": person.full_name},
                                 conversation_id=person.sender_id).case
        # Answered: an erasure takes closed cases; an open one would stay for a caseworker (bot.fulfilment.erasure).
        with engine.begin() as connection:
            connection.execute(update(Case.__table__).where(Case.__table__.c.reference == opened.reference)
                               .values(status="completed", closed_at=utc_naive(utc_now())))
    return cases


def erase(engine: Engine, deployment: Deployment, cases: CaseService, person: SeededChat) -> None:
    """What an Art. 17 request does once the code is checked: the fulfilment of the erasure case."""
    settings = load_settings(deployment.env)
    stores = [SqlChatLogStore(engine)]
    fulfilment = Fulfilment(engine, stores, DownloadStore(engine, deployment.var_dir / "exports", utc_now),
                            ChatEraser(stores, engine, utc_now), settings, utc_now)
    case = cases.open_case("erasure", person.email, "nb", "rest", conversation_id="erasure-chat").case
    subject_key = cases.subject_key(person.email)
    preview = fulfilment.fulfil(case, person.email, subject_key, "erasure-chat")  # shown, then confirmed
    assert preview.consent_key is not None
    fulfilment.erase_confirmed(case, subject_key, preview.consent_key, "erasure-chat")


def backed_up(deployment: Deployment, engine: Engine) -> tuple[SeededChat, str]:
    """One person with a case and a chat, and the name of the backup that holds them."""
    person = SeededChat()
    seed(engine, [person])
    created = deployment.vern("create")
    assert created.returncode == 0, created.stderr
    return person, deployment.only_backup()
