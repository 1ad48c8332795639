"""Vern's one way of e-mailing people: verification codes, case letters, download links.

`templates` renders an `OutgoingMail` in the person's language; a `Mailer`
(SMTP in production, an outbox folder in development) delivers it.
"""

from bot.mail.errors import InvalidMail, MailConfigError, MailDeliveryFailed, MailError
from bot.mail.mailer import Mailer, OutboxMailer, SmtpMailer, build_mailer
from bot.mail.message import OutgoingMail, build_message

__all__ = [
    "InvalidMail",
    "MailConfigError",
    "MailDeliveryFailed",
    "MailError",
    "Mailer",
    "OutboxMailer",
    "OutgoingMail",
    "SmtpMailer",
    "build_mailer",
    "build_message",
]
