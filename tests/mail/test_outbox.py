"""The development outbox: mails become private .eml files, and logs learn nothing personal."""

from __future__ import annotations

import email
import email.policy
import logging
import stat
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from bot.clock import FrozenClock
from bot.config import Secret
from bot.mail import templates
from bot.mail.errors import MailConfigError
from bot.mail.mailer import OutboxMailer, SmtpMailer, build_mailer
from tests.mail.conftest import MAIL_SETTINGS

ADDRESS = "ola.nordmann@example.no"
CODE = "730155"
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


async def test_the_outbox_writes_a_private_eml_file_named_without_the_address(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    outbox = tmp_path / "outbox"
    mailer = OutboxMailer(outbox, mail_from=MAIL_SETTINGS.mail_from, clock=FrozenClock(NOW))

    await mailer.send(templates.verification_code(ADDRESS, CODE, "nb", 10, settings=MAIL_SETTINGS))

    [path] = outbox.iterdir()
    assert path.suffix == ".eml" and "verification_code" in path.name
    assert "ola" not in path.name and "example" not in path.name
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == ADDRESS and message["Content-Language"] == "nb"
    assert CODE in message.get_body(preferencelist=("plain",)).get_content()

    assert caplog.records, "the outbox says what it did"
    for record in caplog.records:
        assert ADDRESS not in record.getMessage() and CODE not in record.getMessage()
        assert str(outbox) not in record.getMessage()


async def test_only_development_prints_where_the_mail_went(tmp_path, capsys):
    mail = templates.verification_code(ADDRESS, CODE, "en", 10, settings=MAIL_SETTINGS)

    await build_mailer(replace(MAIL_SETTINGS, environment="test", outbox_dir=tmp_path / "quiet")).send(mail)
    assert capsys.readouterr().err == ""

    await build_mailer(replace(MAIL_SETTINGS, environment="development", outbox_dir=tmp_path / "dev")).send(mail)
    [line] = capsys.readouterr().err.splitlines()
    [path] = (tmp_path / "dev").iterdir()
    assert str(path) in line
    assert ADDRESS not in line and CODE not in line


async def test_the_same_idempotent_mail_is_written_once(tmp_path):
    mailer = OutboxMailer(tmp_path, mail_from=MAIL_SETTINGS.mail_from, clock=FrozenClock(NOW))
    mail = templates.case_completed(ADDRESS, "K7Q2-9XPD", "da", settings=MAIL_SETTINGS)

    await mailer.send(mail)
    await mailer.send(mail)

    assert len(list(tmp_path.glob("*.eml"))) == 1


async def test_an_existing_outbox_folder_is_made_private(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir(mode=0o755)
    outbox.chmod(0o755)

    await OutboxMailer(outbox, mail_from=MAIL_SETTINGS.mail_from).send(
        templates.case_completed(ADDRESS, "K7Q2-9XPD", "en", settings=MAIL_SETTINGS)
    )

    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700


def test_build_mailer_uses_smtp_when_configured_and_never_the_outbox_in_production(tmp_path):
    assert isinstance(build_mailer(replace(MAIL_SETTINGS, outbox_dir=tmp_path)), OutboxMailer)
    configured = replace(MAIL_SETTINGS, smtp_url=Secret("smtp://127.0.0.1:2525"))
    assert isinstance(build_mailer(configured), SmtpMailer)
    with pytest.raises(MailConfigError):
        build_mailer(replace(MAIL_SETTINGS, environment="production", smtp_url=None))
