"""Mail failures. Messages name the kind of mail, SMTP codes and settings,
never an address, a code, a link or any text of the mail: they end up in
logs and tracebacks, which are not a place for personal data."""

from __future__ import annotations

from bot.errors import Invalid, Unavailable, VernError


class MailError(VernError):
    """Base of every error raised by bot.mail."""


class InvalidMail(MailError, Invalid, ValueError):
    """A mail that must not be sent as it is (header injection, unknown language, unsafe link)."""


class MailConfigError(MailError):
    """SMTP_URL does not describe a server we can talk to."""


class MailDeliveryFailed(MailError, Unavailable):
    """The mail was not delivered, finally: retries are used up or the server refused it for good.

    `permanent` says whether trying again later can help (a 5xx rejection
    will not); `smtp_code` is the server's last reply code, when there was one.
    """

    def __init__(self, kind: str, attempts: int, *, permanent: bool, smtp_code: int | None = None) -> None:
        why = "rejected for good" if permanent else "server unavailable or busy"
        code = f", SMTP {smtp_code}" if smtp_code is not None else ""
        super().__init__(f"mail of kind {kind!r} not delivered after {attempts} attempt(s): {why}{code}")
        self.kind = kind
        self.attempts = attempts
        self.permanent = permanent
        self.smtp_code = smtp_code
