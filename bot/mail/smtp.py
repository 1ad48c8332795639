"""Delivery over SMTP, with bounded waits and retries for the failures that pass.

SMTP_URL is `smtp://user:pass@host:port` (STARTTLS when the server offers
it; required when a password would cross the network) or
`smtps://user:pass@host:port` (TLS from the first byte, port 465).
User and password may be percent-encoded (`%40` for @).

What is retried (RFC 5321 §4.2.1): connection failures, timeouts and 4xx
replies, which say "try again later". A 5xx reply is a permanent
rejection: sending the same mail again gets the same answer, so it fails
at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import aiosmtplib

from bot.clock import Clock, utc_now
from bot.config import Secret
from bot.mail.errors import MailConfigError, MailDeliveryFailed
from bot.mail.message import OutgoingMail, build_message

logger = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 3
DEFAULT_BASE_DELAY = 2.0
DEFAULT_TIMEOUT = 10.0
MAX_DELAY = 60.0

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class SmtpEndpoint:
    hostname: str
    port: int
    use_tls: bool
    username: str | None
    password: Secret | None

    def __repr__(self) -> str:
        # No user name: it is often the mailbox address.
        return f"SmtpEndpoint({self.hostname!r}, {self.port}, use_tls={self.use_tls})"

    @property
    def start_tls(self) -> bool | None:
        """None lets aiosmtplib upgrade exactly when the server offers STARTTLS.

        The exception: a password for a server across the network is never
        sent in clear, so there STARTTLS is required (a server without it
        fails the send as a permanent error). A relay on loopback may run without.
        """
        if self.use_tls:
            return False  # TLS from the first byte already
        if self.password is not None and not _is_loopback(self.hostname):
            return True
        return None


def _is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def parse_smtp_url(url: Secret | str) -> SmtpEndpoint:
    """The server behind SMTP_URL. Errors never repeat the URL: it holds the password."""
    raw = url.reveal() if isinstance(url, Secret) else url
    try:
        parts = urlsplit(raw.strip())
        port = parts.port
    except ValueError:
        raise MailConfigError("SMTP_URL is not a valid URL (check the port)") from None
    if parts.scheme not in ("smtp", "smtps"):
        raise MailConfigError("SMTP_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise MailConfigError("SMTP_URL has no host name")
    use_tls = parts.scheme == "smtps"
    return SmtpEndpoint(
        hostname=parts.hostname,
        port=port or (465 if use_tls else 25),
        use_tls=use_tls,
        username=unquote(parts.username) if parts.username else None,
        password=Secret(unquote(parts.password)) if parts.password else None,
    )


def _reply_code(error: BaseException) -> int | None:
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refusal.code for refusal in error.recipients]
        # Transient only if every refusal was; one 5xx makes the whole send hopeless.
        return max(codes) if codes else None
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return error.code
    return None


def _status(code: int | None) -> str:
    """The reply status as the logs write it: three digits, or "none" (a dropped connection has none)."""
    return f"{code:03d}" if isinstance(code, int) and 0 <= code <= 999 else "none"


def _is_transient(error: BaseException) -> bool:
    code = _reply_code(error)
    if code is not None:
        return 400 <= code < 500
    # No reply code: the connection failed, dropped or timed out.
    return isinstance(error, (ConnectionError, asyncio.TimeoutError, OSError))


class SmtpMailer:
    """Sends through one SMTP server; `send` returns once the server accepted the mail."""

    def __init__(
        self,
        url: Secret | str,
        *,
        mail_from: str,
        attempts: int = DEFAULT_ATTEMPTS,
        base_delay: float = DEFAULT_BASE_DELAY,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Clock = utc_now,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if attempts < 1:
            raise MailConfigError("mail delivery needs at least one attempt")
        self._endpoint = parse_smtp_url(url)
        self._mail_from = mail_from
        self._attempts = attempts
        self._base_delay = base_delay
        self._timeout = timeout
        self._clock = clock
        self._sleep = sleep

    def delay_before(self, retry: int) -> float:
        """Exponential back-off: base, 2*base, 4*base ... capped, so an outage is not hammered."""
        return float(min(self._base_delay * 2 ** (retry - 1), MAX_DELAY))

    async def send(self, mail: OutgoingMail) -> None:
        # Built once: every attempt carries the same Message-ID, so a mail that
        # was in fact delivered before a dropped connection is recognisable as a duplicate.
        message = build_message(mail, mail_from=self._mail_from, now=self._clock())
        last_code: int | None = None
        # What these lines log is safe to keep: the kind is a snake_case name checked when the mail was made
        # (message.py), the server's reply status a three-digit integer (or none) and the error a class name;
        # never the address, the subject, the body or the server's reply text, which may quote the address.
        for attempt in range(1, self._attempts + 1):
            try:
                await self._deliver(message)
            except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as error:
                last_code = _reply_code(error)
                if not _is_transient(error):
                    logger.error("mail kind=%s outcome=rejected smtp_status=%s", mail.kind, _status(last_code))
                    raise MailDeliveryFailed(mail.kind, attempt, permanent=True, smtp_code=last_code) from None
                logger.warning(
                    "mail kind=%s outcome=transient_failure attempt=%d/%d smtp_status=%s error=%s",
                    mail.kind, attempt, self._attempts, _status(last_code), type(error).__name__,
                )
                if attempt < self._attempts:
                    await self._sleep(self.delay_before(attempt))
                continue
            logger.info("mail kind=%s outcome=sent attempt=%d", mail.kind, attempt)
            return
        logger.error("mail kind=%s outcome=gave_up attempts=%d", mail.kind, self._attempts)
        # `from None`: the SMTP error's text may quote the recipient address.
        raise MailDeliveryFailed(mail.kind, self._attempts, permanent=False, smtp_code=last_code) from None

    async def _deliver(self, message: EmailMessage) -> None:
        endpoint = self._endpoint
        await aiosmtplib.send(
            message,
            hostname=endpoint.hostname,
            port=endpoint.port,
            username=endpoint.username,
            password=endpoint.password.reveal() if endpoint.password else None,
            use_tls=endpoint.use_tls,
            start_tls=endpoint.start_tls,
            # Bounds connecting and every reply, so a silent server cannot hold a chat turn.
            timeout=self._timeout,
        )
