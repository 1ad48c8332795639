"""One mail to one person, and the MIME message it becomes on the wire."""

from __future__ import annotations

import email.policy
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from bot.config import SUPPORTED_LANGUAGES
from bot.mail.errors import InvalidMail

# The kind is the one thing logs say about a mail (bot/mail/smtp.py, outbox.py): letters and underscores only, so
# neither an address nor a code or a phone number can ever ride in it.
_KIND = re.compile(r"[a-z][a-z_]{0,63}")
_LINE_BREAKS = ("\r", "\n")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # maintype/subtype
    data: bytes


@dataclass(frozen=True)
class OutgoingMail:
    """A rendered mail. `kind` (e.g. "verification_code") is what logs may say
    about it; `to`, `subject` and the bodies are personal data and never logged.

    `idempotency_key` (optional, and itself free of personal data, e.g.
    "case:K7Q2-9XPD:received") makes the Message-ID stable, so a caller that
    sends the same mail twice produces one conversation in the mailbox and
    one outbox file, not two.
    """

    to: str
    subject: str
    text: str
    html: str
    language: str
    kind: str
    idempotency_key: str | None = None
    attachments: tuple[Attachment, ...] = ()

    def __post_init__(self) -> None:
        # A line break in a header is how header injection starts (an extra Bcc:).
        if any(brk in self.to for brk in _LINE_BREAKS) or "@" not in self.to:
            raise InvalidMail("the recipient is not a single e-mail address")
        if any(brk in self.subject for brk in _LINE_BREAKS):
            raise InvalidMail("a subject cannot contain line breaks")
        if self.language not in SUPPORTED_LANGUAGES:
            raise InvalidMail(f"mail language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        if not _KIND.fullmatch(self.kind):
            raise InvalidMail("a mail kind is a short snake_case name")


def sender_domain(mail_from: str) -> str:
    """The domain of the From address, for Message-IDs (never the host's FQDN, which leaks and may be slow)."""
    address = parseaddr(mail_from)[1]
    domain = address.rpartition("@")[2]
    return domain or "localhost"


def message_id(mail: OutgoingMail, domain: str) -> str:
    if mail.idempotency_key is None:
        return make_msgid(domain=domain)
    digest = hashlib.sha256(mail.idempotency_key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}@{domain}>"


def build_message(mail: OutgoingMail, *, mail_from: str, now: datetime) -> EmailMessage:
    """multipart/alternative with a plain-text part first and HTML second (RFC 2046:
    the last part is the preferred one, so clients that can show HTML do)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = mail_from
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(mail, sender_domain(mail_from))
    # RFC 3834: tells vacation responders and mailing lists not to answer a robot.
    message["Auto-Submitted"] = "auto-generated"
    # Exchange ignores Auto-Submitted; this stops its out-of-office replies too.
    message["X-Auto-Response-Suppress"] = "All"
    # Quoted-printable keeps the mail 7-bit clean for relays without 8BITMIME.
    message.set_content(mail.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(mail.html, subtype="html", charset="utf-8", cte="quoted-printable")
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    # After the parts exist: turning the message into a multipart moves every
    # Content-* header into the first part, where clients do not look for it.
    message["Content-Language"] = mail.language
    return message
