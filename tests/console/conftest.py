"""For the console's tests: a PostgreSQL database of this suite's own for what only a real server shows (row
locks, parallel logins), and the running web app on such a database, behind a trusted proxy, mailing a local
SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine, make_url

from bot.db.engine import create_db_engine
from tests.support.databases import own_postgres_database
from tests.support.services import postgres_url, redis_url
from tests.support.smtp import CapturingSmtpServer
from tests.support.stack import VernStack


def own_database_name(suffix: str) -> str:
    # Named after this checkout's test database, so two checkouts on one server never share it.
    return f"{make_url(postgres_url()).database}_{suffix}"


@pytest.fixture(scope="module")
def postgres_engine() -> Iterator[Engine]:
    with own_postgres_database(own_database_name("console_unit")) as url:
        engine = create_db_engine(url)
        yield engine
        engine.dispose()


CONSOLE_SECRET = "console-web-test-secret-0123456789abcdef"
ALLOWED = "10.0.0.0/8"  # the controller's network; the tests' clients come through a proxy on 127.0.0.1
ALERT_TO = "console-admins@example.org"
REVEALS_PER_HOUR = 2
CASES_PER_HOUR = 4


@dataclass
class ConsoleWeb:
    """Vern's web process alone (no Rasa needed for the console) on a database of its own."""

    stack: VernStack
    engine: Engine
    smtp: CapturingSmtpServer
    models_dir: Path

    @property
    def url(self) -> str:
        return self.stack.web_url


@pytest.fixture(scope="session")
def console_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleWeb]:
    smtp = CapturingSmtpServer()
    smtp.start()
    models_dir = tmp_path_factory.mktemp("console-models")
    with own_postgres_database(own_database_name("console_web")) as url:
        stack = VernStack({
            "MODELS_DIR": str(models_dir),
            "DATABASE_URL": url, "REDIS_URL": redis_url(), "SMTP_URL": smtp.url(), "SECRET_KEY": CONSOLE_SECRET,
            "TRUSTED_PROXIES": "127.0.0.1/32, ::1/128", "CONSOLE_ALLOWED_NETWORKS": ALLOWED,
            "CONSOLE_ALERT_REVEALS_PER_HOUR": str(REVEALS_PER_HOUR),
            "CONSOLE_ALERT_CASES_PER_HOUR": str(CASES_PER_HOUR), "CONSOLE_ALERT_EMAILS": ALERT_TO,
        }, tmp_path_factory.mktemp("console-web"), smtp=smtp)
        engine = create_db_engine(url)
        try:
            stack.start("web")
            yield ConsoleWeb(stack, engine, smtp, models_dir)
        finally:
            stack.stop()
            engine.dispose()
            smtp.stop()


@pytest.fixture
def browser_page(console_web: ConsoleWeb) -> Iterator[Any]:
    """A page in Debian's Chromium (never a downloaded browser), as a client in the office network."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            context = chromium.new_context(extra_http_headers={"X-Forwarded-For": "10.1.1.1"})
            yield context.new_page()
        finally:
            chromium.close()
