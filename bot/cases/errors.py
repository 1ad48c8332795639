"""Everything that can go wrong with a data-subject case.

Messages name statuses, request types and rules, never an address, a
reference typed by a user or any request details: they end up in logs and
tracebacks, which are not a place for personal data.
"""

from __future__ import annotations

from bot.errors import Conflict, Invalid, NotFound, VernError


class CaseError(VernError):
    """Base of every error raised by bot.cases."""


class InvalidEmail(CaseError, Invalid, ValueError):
    """The text is not an e-mail address we can key a data subject by."""


class UnknownRequestType(CaseError, Invalid, ValueError):
    """Not one of the rights of Articles 15-18, 20 and 21."""


class UnknownStatus(CaseError, Invalid, ValueError):
    """Not one of the case statuses."""


class UnknownLanguage(CaseError, Invalid, ValueError):
    """Not one of the languages Vern answers in (nb, nn, da, en)."""


class InvalidDetails(CaseError, Invalid, ValueError):
    """Request details that cannot be stored (not a JSON object, too large)."""


class IllegalTransition(CaseError, Conflict):
    """A status change the case workflow does not allow."""

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"a case cannot go from {from_status!r} to {to_status!r}", key="console_error_transition",
                         values={"from_status": from_status, "to_status": to_status})
        self.from_status = from_status
        self.to_status = to_status


class CaseNotFound(CaseError, NotFound, LookupError):
    """No case has that reference."""


class ExtensionNotAllowed(CaseError, Conflict):
    """An extension that Art. 12(3) GDPR does not allow."""


class ReferenceExhausted(CaseError):
    """No free reference after several attempts: the random source is broken."""


class ContactUnreadable(CaseError):
    """A stored address cannot be decrypted (the secret key has changed)."""
