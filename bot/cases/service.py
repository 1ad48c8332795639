"""Opening, finding, moving and erasing data-subject request cases.

The service only returns data: telling the person (receipt, extension,
answer) and telling recipients (Art. 19) is the caller's job, with the
mailer. Every change is one transaction that also writes the history.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.cases import deadlines, queries
from bot.cases.errors import CaseError, ExtensionNotAllowed, UnknownLanguage
from bot.cases.keys import ChildReferenceCipher, ContactCipher, child_key, subject_key
from bot.cases.models import Case, CaseEvent
from bot.cases.reference import new_reference, unique_reference
from bot.cases.request_types import NOTIFY_RECIPIENTS, RequestType
from bot.cases.status import CLOSED_STATUSES, CaseStatus, check_transition
from bot.cases.views import CaseEventView, CaseView, OpenedCase, case_view, encode_details, event_view
from bot.clock import Clock
from bot.config import SUPPORTED_LANGUAGES
from bot.db.engine import session_scope
from bot.keys import KeyRing, Purpose
from bot.models.conversation import utc_naive

logger = logging.getLogger(__name__)

SYSTEM = "system"


class CaseService:
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        keys: KeyRing | bytes,
        timezone: str = deadlines.DEFAULT_TIMEZONE,
        downstream_recipients: Sequence[str] = (),
        reference_factory: Callable[[], str] = new_reference,
    ) -> None:
        self._engine = engine
        self._clock = clock
        # Bytes (tests, tools) stand for a deployment's SECRET_KEY: its keys are derived as wiring's are.
        ring = keys if isinstance(keys, KeyRing) else KeyRing(keys)
        self._secret_key = ring.key(Purpose.SUBJECT_KEYS)
        self._child_key = ring.key(Purpose.CHILD_KEYS)
        self._cipher = ContactCipher(ring.key(Purpose.CASE_CONTACTS), legacy_key=ring.legacy(Purpose.CASE_CONTACTS))
        self._child_cipher = ChildReferenceCipher(ring.key(Purpose.CHILD_REFERENCES),
                                                  legacy_key=ring.legacy(Purpose.CHILD_REFERENCES))
        self._zone = ZoneInfo(timezone)
        self._recipients = tuple(downstream_recipients)
        self._new_reference = reference_factory

    def subject_key(self, email: str) -> str:
        return subject_key(self._secret_key, email)

    def today(self) -> date:
        """The controller's calendar day: deadlines are dates in its time zone."""
        return deadlines.local_date(self._clock(), self._zone)

    def open_case(
        self,
        request_type: str | RequestType,
        email: str,
        language: str,
        channel: str,
        details: dict[str, Any] | None = None,
        conversation_id: str | None = None,
        received_at: datetime | None = None,
        for_child: str | None = None,
        guardian_verified: str | None = None,
        young_person: bool = False,
    ) -> OpenedCase:
        """A verified request becomes a case, unless the same request is already open.

        Call only after the e-mail code check. `received_at` is when the
        request reached Vern (default: now); the month of Art. 12(3) runs
        from it, not from the verification. `for_child`: a guardian (the
        address) asks for this child (the controller's reference), verified
        as `guardian_verified` says (bot.guardians.acting decided it);
        `young_person`: the child is 16-17, and a caseworker must tell them.
        """
        kind = RequestType.parse(request_type)
        if language not in SUPPORTED_LANGUAGES:
            # The case's language is the language of every letter about it.
            raise UnknownLanguage(f"the language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        key = self.subject_key(email)
        details_text = encode_details(details)
        now = self._clock()
        received = received_at or now
        with session_scope(self._engine) as session:
            queries.store_contact(session, key, self._cipher.encrypt(email), now)
            child = None if for_child is None else child_key(self._child_key, for_child)
            existing = queries.open_duplicate(session, key, kind, details or {}, child)
            if existing is not None:
                # A second "I want my data" while the first is pending is the same
                # request (one deadline, one answer), not a new case.
                existing.events.append(
                    _event(now, "duplicate_request", existing.status, existing.status, "bot", f"again via {channel}")
                )
                session.flush()
                logger.info("Case %s: identical request received again", existing.reference)
                return OpenedCase(self._view(existing), duplicate=True)
            reference = unique_reference(lambda ref: queries.find_case(session, ref) is not None, self._new_reference)
            row = Case(
                reference=reference,
                request_type=kind.value,
                language=language,
                channel=channel[:32],
                subject_key=key,
                status=CaseStatus.VERIFIED.value,
                received_at=utc_naive(received),
                verified_at=utc_naive(now),
                due_at=deadlines.due_date(received, self._zone),
                details=details_text,
                conversation_id=conversation_id,
            )
            row.events.append(_event(received, "received", None, CaseStatus.RECEIVED, "bot"))
            row.events.append(_event(now, "verified", CaseStatus.RECEIVED, CaseStatus.VERIFIED, "bot"))
            if for_child is not None:
                _made_by_guardian(row, for_child, child, guardian_verified, young_person, now,
                                  self._child_cipher.encrypt(for_child))
            session.add(row)
            session.flush()
            logger.info("Case %s opened: %s (Art. %d), due %s", row.reference, kind.value, kind.article, row.due_at)
            return OpenedCase(self._view(row), duplicate=False)

    def get_by_reference(self, reference: str, email: str) -> CaseView | None:
        """The case, only if `email` is the address it was opened with.

        A reference is not a password: whoever asks about one must first pass
        a fresh code check for the address, and the address must match.
        """
        key = self.subject_key(email)
        with session_scope(self._engine) as session:
            row = queries.find_case(session, reference)
            if row is None or not hmac.compare_digest(row.subject_key, key):
                return None
            return self._view(row)

    def get(self, reference: str) -> CaseView:
        """A case by its reference, for caseworkers (the person's own lookups go through the address)."""
        with session_scope(self._engine) as session:
            return self._view(queries.get_case(session, reference))

    def history(self, reference: str) -> list[CaseEventView]:
        with session_scope(self._engine) as session:
            return [event_view(event) for event in queries.get_case(session, reference).events]

    def status_of(self, reference: str) -> CaseStatus:
        """Raises CaseNotFound; for callers that are not the data subject (connectors, caseworkers)."""
        with session_scope(self._engine) as session:
            return CaseStatus(queries.get_case(session, reference).status)

    def change_status(self, reference: str, to_status: str | CaseStatus, note: str | None, actor: str) -> CaseView:
        now = self._clock()
        with session_scope(self._engine) as session:
            row = queries.get_case(session, reference)
            target = check_transition(row.status, to_status)
            row.events.append(_event(now, "status_changed", row.status, target, actor, note))
            row.status = target.value
            if target is CaseStatus.VERIFIED and row.verified_at is None:
                row.verified_at = utc_naive(now)
            if target in CLOSED_STATUSES:
                row.closed_at = utc_naive(now)
            session.flush()
            logger.info("Case %s: status %s", row.reference, target.value)
            return self._view(row)

    def note(self, reference: str, kind: str, note: str, actor: str = "bot") -> CaseView:
        """A history entry without a status change (the young person was told, or objects); raises CaseNotFound."""
        now = self._clock()
        with session_scope(self._engine) as session:
            row = queries.get_case(session, reference)
            row.events.append(_event(now, kind, row.status, row.status, actor, note))
            session.flush()
            logger.info("Case %s: %s", row.reference, kind)
            return self._view(row)

    def extend(self, reference: str, months: int, reason: str, actor: str = SYSTEM) -> CaseView:
        """Art. 12(3): up to two further months in total, with reasons, decided within the first month."""
        reason = (reason or "").strip()
        if not reason:
            raise ExtensionNotAllowed("an extension needs a reason (Art. 12(3) GDPR)",
                                      key="console_error_extension_reason")
        if not isinstance(months, int) or months < 1:
            raise ExtensionNotAllowed("an extension is a whole number of months, at least one",
                                      key="console_error_extension_months")
        now = self._clock()
        with session_scope(self._engine) as session:
            row = queries.get_case(session, reference)
            if not CaseStatus(row.status).is_open:
                raise ExtensionNotAllowed("a closed case cannot be extended", key="console_error_extension_closed")
            # The subject must hear of the extension within one month of receipt,
            # so it cannot be decided after the original deadline.
            if deadlines.local_date(now, self._zone) > row.due_at:
                raise ExtensionNotAllowed("the first month has passed; it is too late to extend",
                                          key="console_error_extension_late")
            already = deadlines.months_between(row.due_at, row.extended_due_at) if row.extended_due_at else 0
            total = already + months
            if total > deadlines.MAX_EXTENSION_MONTHS:
                raise ExtensionNotAllowed(f"at most {deadlines.MAX_EXTENSION_MONTHS} further months in total",
                                          key="console_error_extension_total",
                                          values={"months": deadlines.MAX_EXTENSION_MONTHS})
            row.extended_due_at = deadlines.extended_due_date(row.received_at, total, self._zone)
            row.extension_reason = reason
            row.events.append(_event(now, "extended", row.status, row.status, actor, reason))
            session.flush()
            logger.info("Case %s extended to %s", row.reference, row.extended_due_at)
            return self._view(row)

    def mark_duplicate(self, reference: str, original_reference: str, actor: str) -> CaseView:
        """A case worker found that a case repeats another of the same person: it is rejected, linked."""
        now = self._clock()
        with session_scope(self._engine) as session:
            row, original = queries.get_case(session, reference), queries.get_case(session, original_reference)
            if row.id == original.id or not hmac.compare_digest(row.subject_key, original.subject_key):
                raise CaseError("a case can only repeat another case of the same data subject")
            target = check_transition(row.status, CaseStatus.REJECTED)
            row.events.append(_event(now, "duplicate_of", row.status, target, actor, original.reference))
            row.status, row.closed_at, row.duplicate_of = target.value, utc_naive(now), original
            session.flush()
            return self._view(row)

    def list_cases(
        self,
        order: str = "deadline",
        request_type: str | RequestType | None = None,
        status: str | CaseStatus | None = None,
        language: str | None = None,
        open_only: bool = False,
    ) -> list[CaseView]:
        """Cases for the case workers; by deadline: open cases first, the most urgent on top."""
        query = queries.case_list_query(order, request_type, status, language, open_only)
        with session_scope(self._engine) as session:
            return [self._view(row) for row in session.execute(query).scalars()]

    def cases_for_subject(self, subject_key: str) -> list[CaseView]:
        query = select(Case).where(Case.subject_key == subject_key).order_by(Case.received_at, Case.id)
        with session_scope(self._engine) as session:
            return [self._view(row) for row in session.execute(query).scalars()]

    def contact_email(self, subject_key: str) -> str | None:
        with session_scope(self._engine) as session:
            token = queries.encrypted_contact(session, subject_key)
        return None if token is None else self._cipher.decrypt(token)

    def erase_subject(self, subject_key: str) -> dict[str, int]:
        """Art. 17 about the cases themselves: every row keyed by this subject, in one transaction."""
        with session_scope(self._engine) as session:
            counts = queries.delete_subject_rows(session, subject_key)
        logger.info("Erased a data subject's cases: %s", counts)
        return counts

    def recipients_for(self, case: CaseView) -> list[str]:
        """Art. 19: who must hear of this case's outcome (rectification, erasure, restriction), whatever its status."""
        return list(self._recipients) if case.request_type in NOTIFY_RECIPIENTS else []

    def recipients_to_notify(self, case: CaseView) -> list[str]:
        """Art. 19: recipients hear of a rectification, erasure or restriction once it is carried out."""
        if case.request_type in NOTIFY_RECIPIENTS and case.status is CaseStatus.COMPLETED:
            return list(self._recipients)
        return []

    def _view(self, row: Case) -> CaseView:
        due = row.extended_due_at or row.due_at
        left = deadlines.days_left(due, self.today()) if CaseStatus(row.status).is_open else None
        child = (self._child_cipher.decrypt(row.encrypted_child_reference)
                 if row.encrypted_child_reference else None)
        return case_view(row, left, child)


# What a caseworker reads in the history of a guardian's case (no personal data: the child is in its columns).
GUARDIAN_NOTES = {
    "register": "made by a guardian for a child; the guardian register confirmed the guardian",
    "email": "made by a guardian for a child; no guardian register: verify by hand that this is the guardian",
}
YOUNG_PERSON_TOLD = "young_person_told"
YOUNG_PERSON_OBJECTED = "young_person_objected"
YOUNG_PERSON_TOLD_NOTE = ("Vern e-mailed the young person that a guardian asked, with a one-click objection link "
                          "valid until the answer is due")
YOUNG_PERSON_OBJECTED_NOTE = ("the young person objects: do not carry out the guardian's request before a "
                              "caseworker has decided")
YOUNG_PERSON_NOTE = ("the child is 16-17: tell the young person that a guardian asked; they may object "
                     "(then the caseworker decides)")


def _made_by_guardian(row: Case, reference: str, key: str | None, verified: str | None, young_person: bool,
                      now: datetime, encrypted: str) -> None:
    row.made_by = "guardian"
    row.guardian_verified = verified or "email"
    row.child_key = key
    row.encrypted_child_reference = encrypted
    row.events.append(_event(now, "made_by_guardian", row.status, row.status, "bot",
                             GUARDIAN_NOTES.get(row.guardian_verified, GUARDIAN_NOTES["email"])))
    if young_person:
        row.events.append(_event(now, "young_person_to_be_told", row.status, row.status, "bot", YOUNG_PERSON_NOTE))


def _event(
    when: datetime,
    kind: str,
    from_status: str | CaseStatus | None,
    to_status: str | CaseStatus | None,
    actor: str,
    note: str | None = None,
) -> CaseEvent:
    return CaseEvent(
        occurred_at=utc_naive(when),
        kind=kind,
        from_status=None if from_status is None else CaseStatus(from_status).value,
        to_status=None if to_status is None else CaseStatus(to_status).value,
        actor=actor[:64],
        note=note,
    )
