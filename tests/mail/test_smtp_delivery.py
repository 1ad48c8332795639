"""Real SMTP delivery to a capturing server: content, retries, refusals and outages."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import pytest

from bot.clock import FrozenClock
from bot.config import Secret
from bot.mail import templates
from bot.mail.errors import MailConfigError, MailDeliveryFailed
from bot.mail.message import OutgoingMail
from bot.mail.smtp import SmtpMailer, parse_smtp_url
from tests.mail.conftest import MAIL_SETTINGS
from tests.support.smtp import CapturingSmtpServer

ADDRESS = "kari.nordmann@example.no"
CODE = "482913"
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


class RecordingSleep:
    """Stands in for asyncio.sleep: records the back-off instead of waiting it out."""

    def __init__(self, on_sleep=None) -> None:
        self.delays: list[float] = []
        self._on_sleep = on_sleep

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        if self._on_sleep is not None:
            self._on_sleep(len(self.delays))


def code_mail(language: str = "nn") -> OutgoingMail:
    return templates.verification_code(ADDRESS, CODE, language, 10, settings=MAIL_SETTINGS)


def mailer_for(server: CapturingSmtpServer, sleep: RecordingSleep | None = None, **options) -> SmtpMailer:
    return SmtpMailer(
        options.pop("url", server.url()),
        mail_from=MAIL_SETTINGS.mail_from,
        clock=FrozenClock(NOW),
        sleep=sleep or RecordingSleep(),
        timeout=5.0,
        **options,
    )


async def test_a_code_mail_arrives_as_text_and_html_in_the_persons_language(smtp_server):
    await mailer_for(smtp_server).send(code_mail("nn"))

    [received] = smtp_server.received
    assert received.recipients == (ADDRESS,)
    assert received.sender == "vern@kommune.example"
    message = received.message
    assert message["To"] == ADDRESS
    assert message["From"] == "Vern <vern@kommune.example>"
    assert message["Subject"] == "Eingongskoden din frå Vern"
    assert message["Content-Language"] == "nn"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@kommune.example>")
    assert message["Date"] == "Sun, 22 Nov 2026 09:30:00 +0000"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    assert CODE in text.get_content() and "ikkje" in text.get_content()
    assert CODE in html.get_content() and '<html lang="nn">' in html.get_content()


async def test_transient_refusals_are_retried_with_growing_pauses_until_delivered(smtp_server):
    smtp_server.refuse_next(2, code=451, stage="data")
    sleep = RecordingSleep()

    await mailer_for(smtp_server, sleep, attempts=3, base_delay=0.5).send(code_mail())

    assert smtp_server.refused == 2
    assert len(smtp_server.messages) == 1
    assert sleep.delays == [0.5, 1.0]


async def test_a_busy_recipient_check_is_retried_too(smtp_server):
    smtp_server.refuse_next(1, code=451, stage="rcpt")

    await mailer_for(smtp_server, attempts=2).send(code_mail())

    assert [m["To"] for m in smtp_server.messages] == [ADDRESS]


@pytest.mark.parametrize("stage", ["rcpt", "data"])
async def test_a_permanent_rejection_fails_at_once_without_retrying(smtp_server, stage):
    smtp_server.refuse_next(5, code=550, stage=stage)
    sleep = RecordingSleep()

    with pytest.raises(MailDeliveryFailed) as failure:
        await mailer_for(smtp_server, sleep, attempts=3).send(code_mail())

    assert smtp_server.refused == 1
    assert sleep.delays == []
    assert failure.value.permanent and failure.value.smtp_code == 550
    assert smtp_server.messages == []


async def test_used_up_transient_retries_fail_with_the_last_code(smtp_server):
    smtp_server.refuse_next(5, code=451)

    with pytest.raises(MailDeliveryFailed) as failure:
        await mailer_for(smtp_server, attempts=3).send(code_mail())

    assert smtp_server.refused == 3
    assert not failure.value.permanent and failure.value.smtp_code == 451


async def test_a_server_that_is_down_fails_after_the_configured_attempts(smtp_server):
    smtp_server.stop()
    sleep = RecordingSleep()

    with pytest.raises(MailDeliveryFailed) as failure:
        await mailer_for(smtp_server, sleep, attempts=4, base_delay=1.0).send(code_mail())

    assert failure.value.attempts == 4 and not failure.value.permanent
    assert sleep.delays == [1.0, 2.0, 4.0]


async def test_mail_gets_through_when_the_server_comes_back_during_the_back_off(smtp_server):
    smtp_server.stop()
    sleep = RecordingSleep(on_sleep=lambda count: smtp_server.start() if count == 2 else None)

    await mailer_for(smtp_server, sleep, attempts=3).send(code_mail("da"))

    assert [m["Subject"] for m in smtp_server.messages] == ["Din engangskode fra Vern"]


async def test_failures_carry_no_address_or_code_into_logs_or_the_exception(smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    smtp_server.refuse_next(1, code=451, stage="rcpt")
    smtp_server.refuse_next(1, code=550, stage="rcpt")

    with pytest.raises(MailDeliveryFailed) as failure:
        await mailer_for(smtp_server, attempts=3).send(code_mail())

    assert failure.value.__cause__ is None and failure.value.__suppress_context__
    # "mail.log" is the test server's own protocol trace, not Vern's logging.
    ours = [record.getMessage() for record in caplog.records if record.name != "mail.log"]
    for text in [str(failure.value), *ours]:
        assert ADDRESS not in text and CODE not in text
    mail_lines = [r.getMessage() for r in caplog.records if r.name.startswith("bot.mail")]
    assert mail_lines and all("kind=verification_code" in line for line in mail_lines)
    assert any("outcome=rejected smtp_status=550" in line for line in mail_lines)  # the status, for the operator


async def test_credentials_from_the_url_are_used_to_log_in():
    server = CapturingSmtpServer(credentials=("vern", "p@ss:word"))
    server.start()
    try:
        good = server.url(userinfo="vern:p%40ss%3Aword")
        await mailer_for(server, url=Secret(good)).send(code_mail("en"))
        assert len(server.messages) == 1

        with pytest.raises(MailDeliveryFailed) as failure:
            await mailer_for(server, url=server.url(userinfo="vern:wrong"), attempts=3).send(code_mail("en"))
        assert failure.value.permanent and failure.value.attempts == 1
    finally:
        server.stop()


def test_smtp_urls_are_read_without_ever_repeating_the_password():
    plain = parse_smtp_url("smtp://relay.kommune.example")
    assert (plain.hostname, plain.port, plain.use_tls, plain.username) == ("relay.kommune.example", 25, False, None)
    assert plain.start_tls is None  # STARTTLS only if offered

    implicit = parse_smtp_url(Secret("smtps://vern%40kommune.example:hemmelig@smtp.kommune.example"))
    assert (implicit.port, implicit.use_tls, implicit.username) == (465, True, "vern@kommune.example")
    assert implicit.password is not None and implicit.password.reveal() == "hemmelig"
    assert "hemmelig" not in repr(implicit) and "vern@" not in repr(implicit)

    remote_login = parse_smtp_url("smtp://user:hemmelig@smtp.kommune.example:587")
    assert remote_login.port == 587 and remote_login.start_tls is True  # no password in clear over the network

    for bad in ("http://user:hemmelig@host", "smtp://user:hemmelig@host:notaport", "smtp://"):
        with pytest.raises(MailConfigError) as error:
            parse_smtp_url(bad)
        assert "hemmelig" not in str(error.value)


async def test_a_server_that_never_answers_cannot_hold_the_sender_forever():
    async def silent(reader, writer):
        await reader.read()  # accepts the connection, never greets
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        mailer = SmtpMailer(f"smtp://127.0.0.1:{port}", mail_from=MAIL_SETTINGS.mail_from, timeout=0.2,
                            attempts=2, sleep=RecordingSleep())
        with pytest.raises(MailDeliveryFailed) as failure:
            await mailer.send(code_mail())
        assert failure.value.attempts == 2 and not failure.value.permanent
    finally:
        server.close()
        await server.wait_closed()
