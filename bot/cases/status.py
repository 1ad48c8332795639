"""The life of a case: which status may follow which.

    received -> verified -> in_progress -> completed
        |           |            |
        +-----------+------------+--> rejected

`received` is a request whose sender has not yet proved the address (the
chat opens cases only after the e-mail code check, so they start at
`verified`; `received` is there for channels that verify later). `rejected`
covers a failed verification and a refusal under Art. 12(5) or the
exceptions of the right concerned; it is terminal like `completed`. A closed
case is never reopened: a new request opens a new case, with its own month.

An extension under Art. 12(3) is NOT a status. It changes the deadline, not
where the work stands, and must stay visible after the case moves on (a
completed case that was extended is still one that took longer than a
month). It is kept as `Case.extended_due_at` + `extension_reason` and an
`extended` event in the history.
"""

from __future__ import annotations

from enum import Enum

from bot.cases.errors import IllegalTransition, UnknownStatus


class CaseStatus(str, Enum):
    RECEIVED = "received"
    VERIFIED = "verified"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REJECTED = "rejected"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


ALLOWED_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.RECEIVED: frozenset({CaseStatus.VERIFIED, CaseStatus.REJECTED}),
    CaseStatus.VERIFIED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.REJECTED}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.COMPLETED, CaseStatus.REJECTED}),
    CaseStatus.COMPLETED: frozenset(),
    CaseStatus.REJECTED: frozenset(),
}

OPEN_STATUSES = frozenset({CaseStatus.RECEIVED, CaseStatus.VERIFIED, CaseStatus.IN_PROGRESS})
CLOSED_STATUSES = frozenset({CaseStatus.COMPLETED, CaseStatus.REJECTED})


def parse_status(value: str | CaseStatus) -> CaseStatus:
    try:
        return CaseStatus(value)
    except ValueError:
        raise UnknownStatus(f"unknown status; expected one of {', '.join(s.value for s in CaseStatus)}",
                            key="console_error_unknown_status") from None


def check_transition(from_status: str | CaseStatus, to_status: str | CaseStatus) -> CaseStatus:
    """The target status, or `IllegalTransition` when the workflow forbids the step."""
    source = parse_status(from_status)
    target = parse_status(to_status)
    if target not in ALLOWED_TRANSITIONS[source]:
        raise IllegalTransition(source.value, target.value)
    return target
