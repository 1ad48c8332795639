"""A Vern deployment on its own SQLite file, mailing the local SMTP capture server, and `vern` run as an operator
runs it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.db.engine import create_db_engine
from bot.db.migrate import upgrade
from tests.console.conftest import console_web  # noqa: F401 - the running console, for the page's tests
from tests.support.cli import Ran, run_vern
from tests.support.smtp import CapturingSmtpServer

SECRET = "breach-test-secret-0123456789abcdef"
CONTACT = "sikkerhet@kommune.example"


@pytest.fixture(scope="session")
def smtp() -> Iterator[CapturingSmtpServer]:
    server = CapturingSmtpServer()
    server.start()
    yield server
    server.stop()


@dataclass
class Deployment:
    var_dir: Path
    smtp: CapturingSmtpServer
    extra: dict[str, str]

    @property
    def url(self) -> str:
        return f"sqlite:///{self.var_dir / 'vern.sqlite3'}"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update({"DATABASE_URL": self.url, "VERN_VAR_DIR": str(self.var_dir), "SECRET_KEY": SECRET,
                    "SMTP_URL": self.smtp.url(), "BREACH_CONTACT": CONTACT,
                    "MAIL_FROM": "Vern <vern@leverandor.example>",
                    "CONTROLLER_NAME": "Eksempel kommune", **self.extra})
        return env

    @property
    def settings(self) -> Settings:
        return load_settings(self.env)

    def vern(self, *args: str) -> Ran:
        return run_vern(args, self.env)

    def mails(self) -> list[EmailMessage]:
        return [r.message for r in self.smtp.received if CONTACT in r.recipients]


@pytest.fixture
def deployment(tmp_path: Path, smtp: CapturingSmtpServer) -> Iterator[Deployment]:
    smtp.clear()
    found = Deployment(tmp_path, smtp, {})
    engine = create_db_engine(found.url)
    upgrade(engine)
    engine.dispose()
    yield found


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return str(part.get_content()) if part else ""
