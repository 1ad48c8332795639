"""What the case service hands out: plain frozen values, no live database rows.

Callers (dialogue actions, the mailer, a case-worker page) get everything a
reply needs without a session, and cannot change a case behind the
workflow's back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from bot.cases.errors import InvalidDetails
from bot.cases.models import Case, CaseEvent
from bot.cases.request_types import RequestType
from bot.cases.status import CaseStatus

MAX_DETAILS_CHARS = 8000


@dataclass(frozen=True)
class CaseView:
    reference: str
    request_type: RequestType
    language: str
    channel: str
    # Left out of repr so a logged or printed view carries no personal data.
    subject_key: str = field(repr=False)
    status: CaseStatus
    received_at: datetime
    verified_at: datetime | None
    due_at: date
    extended_due_at: date | None
    extension_reason: str | None = field(repr=False)
    closed_at: datetime | None
    details: dict[str, Any] = field(repr=False)
    conversation_id: str | None = field(repr=False)
    duplicate_of: str | None
    # Days to the deadline in the controller's time zone when the view was made; None once closed.
    days_left: int | None
    # Made by a guardian for a child (bot.guardians.acting); None when the person asked for themselves.
    made_by: str | None = None
    guardian_verified: str | None = None
    child_reference: str | None = field(default=None, repr=False)  # decrypted; None if unreadable

    @property
    def by_guardian(self) -> bool:
        return self.made_by == "guardian"

    @property
    def deadline(self) -> date:
        """The date that counts: the extended one once there is an extension."""
        return self.extended_due_at or self.due_at

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def extended(self) -> bool:
        return self.extended_due_at is not None


@dataclass(frozen=True)
class OpenedCase:
    case: CaseView
    # True when an identical open request already existed and was returned instead.
    duplicate: bool

    @property
    def reference(self) -> str:
        return self.case.reference


@dataclass(frozen=True)
class CaseEventView:
    occurred_at: datetime
    kind: str
    from_status: str | None
    to_status: str | None
    actor: str | None
    note: str | None


def case_view(row: Case, days_left: int | None, child_reference: str | None = None) -> CaseView:
    return CaseView(
        reference=row.reference,
        request_type=RequestType(row.request_type),
        language=row.language,
        channel=row.channel,
        subject_key=row.subject_key,
        status=CaseStatus(row.status),
        received_at=_aware(row.received_at),
        verified_at=_aware_or_none(row.verified_at),
        due_at=row.due_at,
        extended_due_at=row.extended_due_at,
        extension_reason=row.extension_reason,
        closed_at=_aware_or_none(row.closed_at),
        details=json.loads(row.details or "{}"),
        conversation_id=row.conversation_id,
        duplicate_of=row.duplicate_of.reference if row.duplicate_of is not None else None,
        days_left=days_left,
        made_by=row.made_by,
        guardian_verified=row.guardian_verified,
        child_reference=child_reference,
    )


def event_view(row: CaseEvent) -> CaseEventView:
    return CaseEventView(
        occurred_at=_aware(row.occurred_at),
        kind=row.kind,
        from_status=row.from_status,
        to_status=row.to_status,
        actor=row.actor,
        note=row.note,
    )


def encode_details(details: dict[str, Any] | None) -> str:
    """Canonical JSON text of a request's details (sorted keys, so equal details store equally)."""
    if details is None:
        details = {}
    if not isinstance(details, dict) or not all(isinstance(key, str) for key in details):
        raise InvalidDetails("request details must be a JSON object with text keys")
    try:
        text = json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        raise InvalidDetails("request details must be JSON values (text, numbers, lists, objects)") from None
    if len(text) > MAX_DETAILS_CHARS:
        raise InvalidDetails(f"request details are limited to {MAX_DETAILS_CHARS} characters")
    return text


def details_fingerprint(details: Any) -> Any:
    """Details as compared for duplicates: "Wrong  Address " and "wrong address" are one request."""
    if isinstance(details, str):
        return " ".join(details.split()).casefold()
    if isinstance(details, dict):
        return {key: details_fingerprint(value) for key, value in details.items() if value not in (None, "", [], {})}
    if isinstance(details, list):
        return [details_fingerprint(value) for value in details]
    return details


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _aware_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _aware(moment)
