"""Carrying out a verified request on the data Vern itself holds.

- access, portability: an export (bot.fulfilment.export) behind a single-use
  link that expires in 72 hours, sent by e-mail;
- erasure: every conversation linked to the person, their other cases, their
  encrypted address and any export are deleted at once; the erasure case keeps
  only what was deleted where (counts), under the pseudonymous subject key,
  and the audit log records it. The chat the request was made in is erased
  right after the turn that answers it (Rasa saves that turn first);
- restriction: the subject is entered in the restriction register, which the
  training export and any mailing consult (kept, not used);
- rectification, objection: recorded as cases for a caseworker (Vern holds no
  profile to correct; the controller's own systems hold the data concerned)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from bot.backup.journal import journal_erasure
from bot.cases.models import Case, CaseEvent, SubjectContact
from bot.cases.request_types import RequestType
from bot.cases.views import CaseView
from bot.config import Settings
from bot.consent.service import consent_pseudonym
from bot.fulfilment.downloads import LINK_TTL, DownloadStore
from bot.fulfilment.export import build_export
from bot.fulfilment.holdings import collect_holdings
from bot.fulfilment.restrictions import RestrictionRegister
from bot.mail import templates
from bot.mail.message import OutgoingMail
from bot.models.conversation import utc_naive
from bot.retention.chat_stores import ChatLogStore
from bot.retention.erasure import ChatEraser

logger = logging.getLogger(__name__)
Audit = Callable[[str, "str | None", dict], None]


class Fulfilled(str, Enum):
    EXPORT_READY = "export_ready"
    ERASED = "erased"
    RESTRICTED = "restricted"
    FOR_CASEWORKER = "for_caseworker"


@dataclass(frozen=True)
class FulfilmentOutcome:
    result: Fulfilled
    mail: OutgoingMail | None = None
    erase_current_chat: bool = False


class Fulfilment:
    def __init__(
        self, engine: Engine, stores: list[ChatLogStore], downloads: DownloadStore, eraser: ChatEraser,
        settings: Settings, clock: Callable[[], datetime], audit: Audit | None = None,
    ) -> None:
        self._engine = engine
        self._stores = stores
        self._downloads = downloads
        self._eraser = eraser
        self._settings = settings
        self._clock = clock
        self._audit = audit

    def fulfil(self, case: CaseView, email: str, subject_key: str, conversation_id: str) -> FulfilmentOutcome:
        kind = case.request_type
        if kind in (RequestType.ACCESS, RequestType.PORTABILITY):
            return self._export(case, email, subject_key)
        if kind is RequestType.ERASURE:
            return self._erase(case, subject_key, conversation_id)
        if kind is RequestType.RESTRICTION:
            # Kept, not used, from now on; lifting it is a caseworker's decision with the person told first.
            RestrictionRegister(self._engine, self._clock).restrict(subject_key, case.reference)
            self._record(case.reference, "subject.restricted", subject_key, {})
            return FulfilmentOutcome(Fulfilled.RESTRICTED)
        return FulfilmentOutcome(Fulfilled.FOR_CASEWORKER)

    def _export(self, case: CaseView, email: str, subject_key: str) -> FulfilmentOutcome:
        holdings = collect_holdings(
            self._engine, self._stores, subject_key, email, self._settings.art19_recipients,
            consent_pseudonym(self._settings.secret_key.reveal().encode(), email),
        )
        now = self._clock()
        token = self._downloads.create(build_export(holdings, now), case.reference, subject_key, case.language)
        url = f"{self._settings.public_url.rstrip('/')}/download/{token}"
        mail = templates.export_ready(email, case.reference, url, now + LINK_TTL, case.language,
                                      settings=self._settings)
        self._record(case.reference, "export.created", subject_key, {"cases": len(holdings.cases),
                                                                      "conversations": len(holdings.conversations)})
        return FulfilmentOutcome(Fulfilled.EXPORT_READY, mail=mail)

    def _erase(self, case: CaseView, subject_key: str, current_conversation: str) -> FulfilmentOutcome:
        table, events = Case.__table__, CaseEvent.__table__
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(table.c.id, table.c.conversation_id).where(table.c.subject_key == subject_key)
            ).all()
        this_case = next(row.id for row in rows if row.id == _case_id(self._engine, case.reference))
        linked = {row.conversation_id for row in rows if row.conversation_id} - {current_conversation}
        chats = self._eraser.erase(sorted(linked))
        exports = self._downloads.delete_for_subject(subject_key)
        other_ids = [row.id for row in rows if row.id != this_case]
        now = utc_naive(self._clock())
        deleted = {
            "conversations": chats.conversations + 1,  # the current chat goes right after this turn
            "conversation_events": chats.events_deleted,
            "other_cases": len(other_ids),
            "exports": exports,
        }
        with self._engine.begin() as connection:
            if other_ids:
                connection.execute(update(table).where(table.c.duplicate_of_id.in_(other_ids)).values(duplicate_of_id=None))
                connection.execute(delete(events).where(events.c.case_id.in_(other_ids)))
                connection.execute(delete(table).where(table.c.id.in_(other_ids)))
            contacts = connection.execute(
                delete(SubjectContact.__table__).where(SubjectContact.__table__.c.subject_key == subject_key)
            ).rowcount
            deleted["contact_addresses"] = int(contacts or 0)
            # The erasure case keeps what was deleted where, and nothing the person wrote.
            connection.execute(update(table).where(table.c.id == this_case).values(
                details=json.dumps({"erased": deleted}, sort_keys=True), status="completed", closed_at=now,
            ))
            # Through in_progress, as every case goes (bot.cases.status).
            connection.execute(events.insert().values(
                case_id=this_case, occurred_at=now, kind="status_changed", from_status=case.status.value,
                to_status="in_progress", actor="system", note=None,
            ))
            connection.execute(events.insert().values(
                case_id=this_case, occurred_at=now, kind="erased", from_status="in_progress",
                to_status="completed", actor="system", note=json.dumps(deleted, sort_keys=True),
            ))
        self._record(case.reference, "subject.erased", subject_key, deleted)
        # Outside the database, so a restored backup taken before today cannot bring the person back.
        journal_erasure(self._settings, subject_key, self._clock())
        return FulfilmentOutcome(Fulfilled.ERASED, erase_current_chat=True)

    def _record(self, reference: str, event: str, subject_key: str, details: dict) -> None:
        logger.info("fulfilment %s for case %s: %s", event, reference, json.dumps(details, sort_keys=True))
        if self._audit is not None:
            self._audit(event, subject_key, {"case": reference, **details})


def _case_id(engine: Engine, reference: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(Case.__table__.c.id).where(Case.__table__.c.reference == reference))
                   .scalar_one())
