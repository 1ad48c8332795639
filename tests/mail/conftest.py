"""Mail fixtures. Other test folders reuse them with
`from tests.mail.conftest import smtp_server  # noqa: F401`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from tests.support.smtp import CapturingSmtpServer

MAIL_SETTINGS = Settings(
    environment="test",
    mail_from="Vern <vern@kommune.example>",
    controller_name="Eksempel kommune",
    controller_contact="personvern@kommune.example",
)


@pytest.fixture
def smtp_server() -> Iterator[CapturingSmtpServer]:
    """A running capturing SMTP server on a free port, stopped after the test."""
    server = CapturingSmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_settings() -> Settings:
    return MAIL_SETTINGS
