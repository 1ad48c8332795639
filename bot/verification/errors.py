"""Verification failures. Messages name the operation and the kind of fault,
never an address, a code, a digest or a conversation: they end up in logs and
tracebacks, which are not a place for personal data or secrets."""

from __future__ import annotations

from bot.errors import Unavailable, VernError


class VerificationError(VernError):
    """Base of every error raised by bot.verification."""


class StoreUnavailable(VerificationError, Unavailable):
    """The short-lived store (Redis) could not be reached or refused the operation.

    Callers fail closed: no code is sent, no entry is accepted, nobody counts
    as verified while the store is down.
    """

    def __init__(self, operation: str) -> None:
        super().__init__(f"short-lived store unavailable during {operation!r}")
        self.operation = operation


class VerificationConfigError(VerificationError):
    """The verification service was built with settings it cannot work with (e.g. a short secret key)."""
