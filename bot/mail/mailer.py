"""The one interface every sender of mail uses, and the choice of implementation.

Services receive a `Mailer`; they never know whether it is SMTP or the
development outbox. Log lines from either say only the kind of mail and
what happened to it.
"""

from __future__ import annotations

from typing import Protocol

from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.mail.errors import MailConfigError
from bot.mail.message import OutgoingMail
from bot.mail.outbox import OutboxMailer
from bot.mail.smtp import SmtpMailer

__all__ = ["Mailer", "OutboxMailer", "SmtpMailer", "build_mailer"]


class Mailer(Protocol):
    async def send(self, mail: OutgoingMail) -> None:
        """Deliver `mail`, retrying what can be retried.

        Raises `MailDeliveryFailed` (with no personal data in it) when the
        mail was finally not delivered.
        """
        ...


def build_mailer(settings: Settings, *, clock: Clock = utc_now) -> Mailer:
    """SMTP when SMTP_URL is set; otherwise the outbox folder (never in production)."""
    if settings.smtp_url:
        return SmtpMailer(settings.smtp_url, mail_from=settings.mail_from, clock=clock)
    if settings.is_production:
        # load_settings already refuses this; a hand-built Settings must not
        # silently drop citizens' mail into a folder on a server.
        raise MailConfigError("production needs SMTP_URL; the outbox is for development")
    return OutboxMailer(
        settings.outbox_dir,
        mail_from=settings.mail_from,
        announce=settings.environment == "development",
        clock=clock,
    )
