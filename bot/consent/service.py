"""Giving, answering, withdrawing and checking consent; receipts to ISO/IEC TS 27560.

Withdrawal takes effect at once: everything that processes for a purpose asks
`is_active` at the moment of use (the training export, mailings), so there is
no nightly job to wait for."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from bot.config import AgeBands
from bot.consent.ages import ConsentRule, audience_for, guardian_audience, rule_for
from bot.consent.models import ConsentEvent, ConsentRecord
from bot.consent.purposes import Purpose, notice_hash
from bot.errors import NotFound, Refused, VernError
from bot.models.conversation import utc_naive

RECORDS = ConsentRecord.__table__
EVENTS = ConsentEvent.__table__
Audit = Callable[[str, "str | None", dict[str, Any]], None]
ACTIVE = "given"


class ConsentError(VernError):
    """A consent operation that cannot be done; the message holds no personal data."""


class UnknownPurpose(ConsentError, NotFound, LookupError):
    pass


class RecordNotFound(ConsentError, NotFound, LookupError):
    pass


class NotAllowed(ConsentError, Refused):
    pass


@dataclass(frozen=True)
class ConsentView:
    record_id: str
    purpose_id: str
    status: str
    rule: ConsentRule
    subject_consented: bool
    guardian_relation: str | None
    guardian_informed: bool
    created_at: datetime
    updated_at: datetime
    notice_version: str | None = None  # child, young, adult: the words the person was shown

    @property
    def active(self) -> bool:
        return self.status == ACTIVE


def consent_chat_key(secret_key: bytes, conversation_id: str) -> str:
    """Keyed hash of the chat a consent was given in (erasure matches live chats against it)."""
    return hmac.new(secret_key, b"consent-chat:" + conversation_id.encode(), hashlib.sha256).hexdigest()


def consent_pseudonym(secret_key: bytes, identifier: str) -> str:
    """Keyed hash of an address or account id: records never hold the identifier itself."""
    return hmac.new(secret_key, b"consent:" + identifier.strip().casefold().encode(), hashlib.sha256).hexdigest()


def verification_label(method: str) -> str:
    """How a guardian was verified, as the record and receipt say it: register, email or telegram."""
    if method == "register":
        return "register"
    return "telegram" if method == "telegram" else "email"


def consent_roles(rule: ConsentRule, subject_consented: bool, guardian_answered: bool) -> str:
    """Who consented: the subject, the guardian, or both (ISO/IEC TS 27560 'consenting party')."""
    if subject_consented and guardian_answered and rule.needs_guardian:
        return "both"
    if guardian_answered and rule.needs_guardian:
        return "guardian"
    return "subject" if subject_consented else "none"


def _view(row: Any) -> ConsentView:
    return ConsentView(row.record_id, row.purpose_id, row.status, ConsentRule(row.rule), bool(row.subject_consented),
                       row.guardian_relation, bool(row.guardian_informed), row.created_at, row.updated_at,
                       row.notice_version)


class ConsentService:
    def __init__(
        self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes, purposes: Mapping[str, Purpose],
        bands: AgeBands, controller: str, audit: Audit | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key
        self._purposes = purposes
        self._bands = bands
        self._controller = controller
        self._audit = audit

    def pseudonym(self, identifier: str) -> str:
        """The key a person (or a guardian's Telegram account) is recorded under."""
        return consent_pseudonym(self._secret, identifier)

    def purpose(self, purpose_id: str) -> Purpose:
        try:
            return self._purposes[purpose_id]
        except KeyError:
            raise UnknownPurpose("no such purpose") from None

    def conversation_key(self, conversation_id: str) -> str:
        return consent_chat_key(self._secret, conversation_id)

    def active_conversation_keys(self, purpose_id: str) -> set[str]:
        """The chats whose person's consent to `purpose_id` is active now (read at the moment of use)."""
        return self.conversation_keys(purpose_id, (ACTIVE,))

    def conversation_keys(self, purpose_id: str, statuses: tuple[str, ...]) -> set[str]:
        with self._engine.connect() as connection:
            return set(connection.execute(
                select(RECORDS.c.conversation_key).where(
                    RECORDS.c.purpose_id == purpose_id, RECORDS.c.status.in_(statuses),
                    RECORDS.c.conversation_key.is_not(None),
                )
            ).scalars())

    def child_reference_key(self, reference: str) -> str:
        """Keyed hash of the controller's reference for a child: the record proves which child, not who."""
        return hmac.new(self._secret, b"consent-child:" + reference.strip().upper().encode(),
                        hashlib.sha256).hexdigest()

    def give(self, subject_key: str, purpose_id: str, language: str, channel: str, age: int,
             conversation_id: str | None = None, child_reference: str | None = None) -> ConsentView:
        """The person says yes. Whether that is enough depends on their age and the purpose."""
        purpose = self.purpose(purpose_id)
        rule = rule_for(age, self._bands, purpose)
        # The words for the age: the dialogue showed the version for the same age (audience_for), and the hash
        # is of exactly that text.
        audience = audience_for(age, self._bands)
        status = "pending_guardian" if rule.needs_guardian else ACTIVE
        now = utc_naive(self._clock())
        record_id = str(uuid.uuid4())
        with self._engine.begin() as connection:
            connection.execute(RECORDS.insert().values(
                record_id=record_id, subject_key=subject_key, controller=self._controller, purpose_id=purpose.id,
                purpose_version=purpose.version, notice_language=language,
                notice_hash=notice_hash(purpose, language, audience), notice_version=audience,
                legal_basis=purpose.legal_basis,
                data_categories=json.dumps(list(purpose.data_categories)),
                processing=json.dumps(list(purpose.processing)), retention=purpose.retention, channel=channel,
                rule=rule.value, subject_consented=rule is not ConsentRule.GUARDIAN_ONLY, guardian_informed=False,
                status=status, created_at=now, updated_at=now,
                conversation_key=self.conversation_key(conversation_id) if conversation_id else None,
                child_reference_key=self.child_reference_key(child_reference) if child_reference else None,
            ))
            self._event(connection, record_id, status, "subject", channel, now)
        self._record("consent.given" if status == ACTIVE else "consent.requested", subject_key, purpose.id, rule)
        return self.get(record_id)

    def guardian_answer(
        self, record_id: str, guardian_key: str, relation: str, approve: bool, method: str,
        verified: str | None = None, notice_language: str | None = None,
    ) -> ConsentView:
        """`verified`: how the guardian was proven (email, telegram, register); `notice_language`: the
        notice they were shown, whose hash the record keeps next to the child's."""
        record = self.get(record_id)
        if record.status != "pending_guardian":
            raise NotAllowed("this consent is not waiting for a guardian")
        status = ACTIVE if approve else "refused"
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(RECORDS).where(RECORDS.c.record_id == record_id, RECORDS.c.status == "pending_guardian")
                .values(status=status, guardian_key=guardian_key, guardian_relation=relation[:32], updated_at=now,
                        **self._guardian_evidence(record.purpose_id, verified or method, notice_language,
                                                  record.notice_version))
            ).rowcount
            if not changed:
                raise NotAllowed("this consent was answered already")  # a second tap, or another guardian
            self._event(connection, record_id, status, "guardian", method, now)
        self._record(f"consent.guardian_{'approved' if approve else 'refused'}", guardian_key, record.purpose_id,
                     record.rule)
        return self.get(record_id)

    def mark_guardian_informed(self, record_id: str, guardian_key: str | None = None,
                               relation: str | None = None, method: str = "notice", verified: str | None = None,
                               notice_language: str | None = None) -> None:
        """16-17: the child's consent stands; the record notes that (and which) guardian was told."""
        values: dict[str, Any] = {"guardian_informed": True}
        if guardian_key is not None:
            record = self.get(record_id)
            values.update(guardian_key=guardian_key, guardian_relation=(relation or "guardian")[:32],
                          **self._guardian_evidence(record.purpose_id, verified or method, notice_language,
                                                    record.notice_version))
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            connection.execute(update(RECORDS).where(RECORDS.c.record_id == record_id).values(**values))
            self._event(connection, record_id, "informed", "guardian" if guardian_key else "system", method, now)

    def _guardian_evidence(self, purpose_id: str, verified: str, notice_language: str | None,
                           subject_audience: str | None) -> dict[str, Any]:
        values: dict[str, Any] = {"guardian_verified": verification_label(verified)}
        purpose = self._purposes.get(purpose_id)
        if notice_language and purpose is not None:
            # The guardian saw the child's words for a child under 13, the adult notice otherwise (as the web
            # page and the Telegram bot show them: OpenInvitation.audience).
            audience = guardian_audience(subject_audience)
            values.update(guardian_notice_language=notice_language, guardian_notice_version=audience,
                          guardian_notice_hash=notice_hash(purpose, notice_language, audience))
        return values

    def expire_pending(self, record_id: str) -> int:
        """A consent that waited for a guardian past every invitation expires (1 if it did)."""
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(RECORDS).where(RECORDS.c.record_id == record_id, RECORDS.c.status == "pending_guardian")
                .values(status="expired", updated_at=now)
            ).rowcount
            if changed:
                self._event(connection, record_id, "expired", "system", "expiry", now)
        return int(changed or 0)

    def withdraw(self, record_id: str, by_key: str, method: str) -> ConsentView:
        """At once, by the person or the guardian who answered; a withdrawn record stays as evidence."""
        with self._engine.connect() as connection:
            row = connection.execute(select(RECORDS).where(RECORDS.c.record_id == record_id)).first()
        if row is None:
            raise RecordNotFound("no such consent")
        actor = "subject" if by_key == row.subject_key else "guardian" if by_key == row.guardian_key else None
        if actor is None or (actor == "guardian" and not ConsentRule(row.rule).needs_guardian):
            # 16-17: the guardian was informed, but the consent is the child's to give and to withdraw.
            raise NotAllowed("only the person or their guardian can withdraw this consent")
        if row.status not in (ACTIVE, "pending_guardian"):
            return _view(row)
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            connection.execute(update(RECORDS).where(RECORDS.c.record_id == record_id)
                               .values(status="withdrawn", updated_at=now))
            self._event(connection, record_id, "withdrawn", actor, method, now)
        self._record("consent.withdrawn", row.subject_key, row.purpose_id, ConsentRule(row.rule))
        return self.get(record_id)

    def is_active(self, subject_key: str, purpose_id: str) -> bool:
        with self._engine.connect() as connection:
            return connection.execute(
                select(RECORDS.c.record_id).where(
                    RECORDS.c.subject_key == subject_key, RECORDS.c.purpose_id == purpose_id,
                    RECORDS.c.status == ACTIVE,
                ).limit(1)
            ).first() is not None

    def get(self, record_id: str) -> ConsentView:
        with self._engine.connect() as connection:
            row = connection.execute(select(RECORDS).where(RECORDS.c.record_id == record_id)).first()
        if row is None:
            raise RecordNotFound("no such consent")
        return _view(row)

    def records_for(self, subject_key: str) -> list[ConsentView]:
        return self._select(RECORDS.c.subject_key == subject_key)

    def records_for_guardian(self, guardian_key: str) -> list[ConsentView]:
        return self._select(RECORDS.c.guardian_key == guardian_key)

    def forget_guardian(self, guardian_key: str) -> int:
        """/stop in Telegram: the records keep what the guardian answered and how they were verified, but no
        longer which account (its keyed hash becomes a random one). Returns how many records changed."""
        changed = 0
        with self._engine.begin() as connection:
            ids = connection.execute(
                select(RECORDS.c.record_id).where(RECORDS.c.guardian_key == guardian_key)).scalars().all()
            for record_id in ids:
                changed += connection.execute(update(RECORDS).where(RECORDS.c.record_id == record_id).values(
                    guardian_key="forgotten:" + uuid.uuid4().hex)).rowcount or 0
        if changed and self._audit is not None:
            self._audit("consent.guardian_forgotten", None, {"records": changed})
        return changed

    def is_childs_own(self, key: str, reference: str) -> bool:
        """Is `key` (a pseudonymous address) the child's own: the subject of a consent for this child reference?"""
        with self._engine.connect() as connection:
            return connection.execute(select(RECORDS.c.record_id).where(
                RECORDS.c.subject_key == key,
                RECORDS.c.child_reference_key == self.child_reference_key(reference)).limit(1)).first() is not None

    def records_for_child(self, guardian_key: str, reference: str) -> list[ConsentView]:
        """The consents this guardian answered (as the one who decides) for this child; records made without a
        child reference (no register then) are included: this guardian answered them, so nothing new is shown."""
        child = self.child_reference_key(reference)
        return [record for record in self._select(
            (RECORDS.c.guardian_key == guardian_key)
            & ((RECORDS.c.child_reference_key == child) | RECORDS.c.child_reference_key.is_(None)))
            if record.rule.needs_guardian]

    def records_managed_by(self, key: str) -> list[ConsentView]:
        """A verified address's own consents and those it answered as the guardian who decides: a parent who
        answered on the web page finds (and may withdraw) those in the chat too."""
        own = self.records_for(key)
        seen = {record.record_id for record in own}
        answered = [record for record in self.records_for_guardian(key)
                    if record.rule.needs_guardian and record.record_id not in seen]
        return own + answered

    def _select(self, condition: Any) -> list[ConsentView]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(RECORDS).where(condition).order_by(RECORDS.c.created_at)).all()
        return [_view(row) for row in rows]

    def receipt(self, record_id: str) -> dict[str, Any]:
        """The record as a consent receipt: the information elements of ISO/IEC TS 27560, DPV terms."""
        with self._engine.connect() as connection:
            row = connection.execute(select(RECORDS).where(RECORDS.c.record_id == record_id)).first()
            if row is None:
                raise RecordNotFound("no such consent")
            events = connection.execute(
                select(EVENTS).where(EVENTS.c.record_id == record_id).order_by(EVENTS.c.id)
            ).all()
        return {
            "schema": "ISO/IEC TS 27560:2023 consent record (JSON), DPV terms",
            "record_id": row.record_id,
            "timestamp": row.created_at.isoformat() + "Z",
            "controller": {"name": row.controller},
            "data_subject": {"pseudonymous_key": row.subject_key},
            "purpose": {"id": row.purpose_id, "version": row.purpose_version},
            "legal_basis": row.legal_basis,
            "personal_data_categories": json.loads(row.data_categories),
            "processing": json.loads(row.processing),
            "storage_duration": row.retention,
            "notice": _notice(row.notice_language, row.notice_hash, row.notice_version),
            "method": {"channel": row.channel, "age_rule": row.rule},
            "given_by": {
                "data_subject": bool(row.subject_consented),
                "guardian": None if row.guardian_key is None
                else {"pseudonymous_key": row.guardian_key, "declared_relation": row.guardian_relation},
            },
            # Who consented in which role, how the guardian was proven, and the notice each one saw.
            "consenting_parties": _parties(row, events),
            "consented_by": consent_roles(ConsentRule(row.rule), bool(row.subject_consented),
                                          row.guardian_key is not None and _guardian_approved(events)),
            "guardian_verified": row.guardian_verified,
            "child_reference_key": row.child_reference_key,
            "status": row.status,
            "status_history": [
                {"at": e.at.isoformat() + "Z", "status": e.status, "by": e.actor, "method": e.method} for e in events
            ],
        }

    def _event(self, connection: Connection, record_id: str, status: str, actor: str, method: str,
               at: datetime) -> None:
        connection.execute(EVENTS.insert().values(record_id=record_id, at=at, status=status, actor=actor,
                                                  method=method))

    def _record(self, event: str, subject: str, purpose_id: str, rule: ConsentRule) -> None:
        if self._audit is not None:
            self._audit(event, subject, {"purpose": purpose_id, "rule": rule.value})


def _notice(language: str, sha256: str, version: str | None) -> dict[str, Any]:
    # A record from before the versions existed was shown the adult notice.
    return {"language": language, "sha256": sha256, "version": version or "adult"}


def _guardian_approved(events: list[Any]) -> bool:
    return any(e.actor == "guardian" and e.status == ACTIVE for e in events)


def _parties(row: Any, events: list[Any]) -> list[dict[str, Any]]:
    """One entry per person who acted: role, what they did, how they were verified, the notice they saw."""
    parties: list[dict[str, Any]] = []
    if row.subject_consented:
        parties.append({"role": "data_subject", "action": "consented", "verified_by": "email",
                        "pseudonymous_key": row.subject_key,
                        "notice": _notice(row.notice_language, row.notice_hash, row.notice_version)})
    if row.guardian_key is not None:
        answered = next((e for e in events if e.actor == "guardian"), None)
        action = {ACTIVE: "consented", "refused": "refused", "informed": "informed"}.get(
            answered.status if answered else "", "answered")
        parties.append({
            "role": "guardian", "action": action, "verified_by": row.guardian_verified,
            "pseudonymous_key": row.guardian_key, "declared_relation": row.guardian_relation,
            "notice": None if row.guardian_notice_hash is None
            else _notice(row.guardian_notice_language, row.guardian_notice_hash, row.guardian_notice_version),
        })
    return parties
