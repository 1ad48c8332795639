"""A code sender that keeps what it would have mailed, and can be made to fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
SECRET_KEY = b"verification-tests-secret-key-0123456789"


class SmtpDown(Exception):
    """What a mailer raises when it gives up (no personal data in the message)."""


@dataclass
class Delivered:
    email: str
    code: str
    language: str


@dataclass
class RecordingSender:
    delivered: list[Delivered] = field(default_factory=list)
    failing: bool = False
    attempts: int = 0

    async def send_code(self, email: str, code: str, language: str) -> None:
        self.attempts += 1
        if self.failing:
            raise SmtpDown("mail server unavailable")
        self.delivered.append(Delivered(email, code, language))

    @property
    def last_code(self) -> str:
        return self.delivered[-1].code


def other_code(code: str) -> str:
    """A well-formed code that is not `code`."""
    return f"{(int(code) + 1) % 1_000_000:06d}"
