"""What the verification service answers, and what it needs from whoever delivers the code.

Results carry statuses and numbers only: never the address, the code or
anything derived from the address, so the answer for an address Vern has a
case for and for one it has never seen are the same object.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class CodeSender(Protocol):
    async def send_code(self, email: str, code: str, language: str) -> None:
        """Deliver `code` to `email` in `language`; raise any exception when it was not delivered.

        Adapt bot.mail here (e.g. render `templates.verification_code` and
        `Mailer.send` it). Exception messages may end up in logs only by class
        name; the service never logs their text.
        """


class CodeRequestStatus(str, Enum):
    SENT = "sent"
    COOLDOWN = "cooldown"  # a code for this request went out less than a minute ago
    RATE_LIMITED = "rate_limited"  # an hourly cap is reached; `limited_by` says whose
    UNAVAILABLE = "unavailable"  # store down: nothing sent (fail closed)
    DELIVERY_FAILED = "delivery_failed"  # the sender raised: no slot used, the previous code still works


class RateLimitScope(str, Enum):
    """Whose hourly budget is spent, so the person hears the truth: their own asking, or the address's."""

    ADDRESS = "address"  # the inbox has had its codes this hour, whoever asked
    CLIENT = "client"  # this connection asked for this address too often
    CHAT = "chat"  # this chat asked too often (for this address, or in all)


@dataclass(frozen=True)
class CodeRequestResult:
    status: CodeRequestStatus
    retry_after_seconds: int | None = None  # COOLDOWN and RATE_LIMITED
    limited_by: RateLimitScope | None = None  # RATE_LIMITED only

    @property
    def retry_after_minutes(self) -> int:
        """Whole minutes to wait, rounded up, for words like "try again in 12 minutes"."""
        return max(1, -(-(self.retry_after_seconds or 3600) // 60))
    valid_for_seconds: int | None = None  # SENT only


class CodeCheckStatus(str, Enum):
    VERIFIED = "verified"
    WRONG = "wrong"
    EXPIRED = "expired"
    LOCKED = "locked"  # the limit of wrong entries is reached: the code is dead, ask for a new one
    NO_CODE = "no_code"  # none requested, already used, or cleared
    UNAVAILABLE = "unavailable"  # store down: not verified (fail closed)


@dataclass(frozen=True)
class CodeCheckResult:
    status: CodeCheckStatus
    attempts_left: int | None = None  # WRONG only

    @property
    def verified(self) -> bool:
        return self.status is CodeCheckStatus.VERIFIED
