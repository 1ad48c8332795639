"""Carrying out a verified request on the data Vern itself holds.

- access, portability: an export (bot.fulfilment.export) behind a single-use
  link that expires in 72 hours, sent by e-mail;
- erasure: bot.fulfilment.erasure (every store of the person, open cases kept
  for a caseworker); the erasure case keeps only what was deleted where
  (counts) and stays in progress until the connected systems confirm. The
  chat the request was made in is erased right after the turn that answers
  it (Rasa saves that turn first);
- restriction: the subject is entered in the restriction register, which the
  training export and any mailing consult (kept, not used);
- rectification, objection: recorded as cases for a caseworker (Vern holds no
  profile to correct; the controller's own systems hold the data concerned)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.backup.journal import journal_erasure
from bot.cases.models import Case, CaseEvent
from bot.cases.request_types import RequestType
from bot.cases.views import CaseView
from bot.config import Settings
from bot.consent.service import consent_pseudonym
from bot.fulfilment.downloads import LINK_TTL, DownloadStore
from bot.fulfilment.erasure import ErasureListener, SubjectEraser
from bot.fulfilment.export import build_export
from bot.fulfilment.holdings import collect_holdings
from bot.fulfilment.restrictions import RestrictionRegister
from bot.keys import KeyRing, Purpose
from bot.mail import templates
from bot.mail.message import OutgoingMail
from bot.models.conversation import utc_naive
from bot.retention.chat_stores import ChatLogStore
from bot.retention.erasure import ChatEraser

logger = logging.getLogger(__name__)
Audit = Callable[[str, "str | None", dict[str, Any]], None]


class Fulfilled(str, Enum):
    EXPORT_READY = "export_ready"
    ERASED = "erased"
    # Art. 17 is irreversible: the person sees what will go and confirms (bot.dsr.erasure_confirmation).
    ERASURE_PREVIEW = "erasure_preview"
    RESTRICTED = "restricted"
    FOR_CASEWORKER = "for_caseworker"


@dataclass(frozen=True)
class FulfilmentOutcome:
    result: Fulfilled
    mail: OutgoingMail | None = None
    erase_current_chat: bool = False
    # For ERASURE_PREVIEW: what the erasure would remove, per kind (counts), and the keys to confirm with.
    preview: dict[str, int] | None = None
    consent_key: str | None = None


class Fulfilment:
    def __init__(
        self, engine: Engine, stores: list[ChatLogStore], downloads: DownloadStore, eraser: ChatEraser,
        settings: Settings, clock: Callable[[], datetime], audit: Audit | None = None,
        on_erased: Iterable[ErasureListener] = (),
    ) -> None:
        self._engine = engine
        self._stores = stores
        self._downloads = downloads
        self._eraser = eraser
        self._settings = settings
        self._consent_key = KeyRing.from_settings(settings).key(Purpose.CONSENT_PSEUDONYMS)
        self._clock = clock
        self._audit = audit
        self._on_erased = tuple(on_erased)

    def fulfil(self, case: CaseView, email: str, subject_key: str, conversation_id: str) -> FulfilmentOutcome:
        kind = case.request_type
        if kind in (RequestType.ACCESS, RequestType.PORTABILITY):
            return self._export(case, email, subject_key)
        if kind is RequestType.ERASURE:
            return self._preview_erasure(subject_key, email, conversation_id)
        if kind is RequestType.RESTRICTION:
            # Kept, not used, from now on; lifting it is a caseworker's decision with the person told first.
            RestrictionRegister(self._engine, self._clock).restrict(subject_key, case.reference)
            self._record(case.reference, "subject.restricted", subject_key, {})
            return FulfilmentOutcome(Fulfilled.RESTRICTED)
        return FulfilmentOutcome(Fulfilled.FOR_CASEWORKER)

    def _export(self, case: CaseView, email: str, subject_key: str) -> FulfilmentOutcome:
        holdings = collect_holdings(
            self._engine, self._stores, subject_key, email, self._settings.art19_recipients,
            consent_pseudonym(self._consent_key, email),
        )
        now = self._clock()
        token = self._downloads.create(build_export(holdings, now), case.reference, subject_key, case.language)
        url = f"{self._settings.public_url.rstrip('/')}/download/{token}"
        mail = templates.export_ready(email, case.reference, url, now + LINK_TTL, case.language,
                                      settings=self._settings)
        self._record(case.reference, "export.created", subject_key, {"cases": len(holdings.cases),
                                                                      "conversations": len(holdings.conversations)})
        return FulfilmentOutcome(Fulfilled.EXPORT_READY, mail=mail)

    def _subject_eraser(self) -> SubjectEraser:
        return SubjectEraser(self._engine, self._eraser, self._downloads, self._consent_key,
                             self._on_erased)

    def _preview_erasure(self, subject_key: str, email: str, current_conversation: str) -> FulfilmentOutcome:
        consent_key = consent_pseudonym(self._consent_key, email)
        preview = self._subject_eraser().preview(subject_key, consent_key, current_conversation)
        return FulfilmentOutcome(Fulfilled.ERASURE_PREVIEW, preview=preview, consent_key=consent_key)

    def erase_confirmed(self, case: CaseView, subject_key: str, consent_key: str,
                        current_conversation: str) -> FulfilmentOutcome:
        """The person confirmed the preview: everything of theirs goes (bot.fulfilment.erasure)."""
        table, events = Case.__table__, CaseEvent.__table__
        this_case = _case_id(self._engine, case.reference)
        result = self._subject_eraser().erase(subject_key, consent_key, this_case, current_conversation)
        # The chat the request was made in goes right after this turn (the channel erases it).
        erased = {**result.stores, "conversations": result.stores.get("conversations", 0) + 1}
        # Connected systems hold data too: the case completes when they confirm (bot.connectors.completion),
        # not here. Without a connector Vern is the only system, and the erasure is complete.
        awaiting = bool(self._settings.case_webhook_url)
        target = "in_progress" if awaiting else "completed"
        now = utc_naive(self._clock())
        summary = {"erased": erased, "open_cases_kept": result.open_cases_kept,
                   "awaiting_connected_systems": awaiting}
        with self._engine.begin() as connection:
            # The erasure case keeps what was deleted where, and nothing the person wrote.
            connection.execute(update(table).where(table.c.id == this_case).values(
                details=json.dumps(summary, sort_keys=True), status=target, closed_at=None if awaiting else now,
            ))
            connection.execute(events.insert().values(
                case_id=this_case, occurred_at=now, kind="status_changed", from_status=case.status.value,
                to_status="in_progress", actor="system", note=None,
            ))
            connection.execute(events.insert().values(
                case_id=this_case, occurred_at=now, kind="erased", from_status="in_progress",
                to_status=target, actor="system", note=json.dumps(erased, sort_keys=True),
            ))
        self._record(case.reference, "subject.erased", subject_key,
                     {"stores": erased, "open_cases_kept": result.open_cases_kept})
        # Outside the database, so a restored backup taken before today cannot bring the person back.
        journal_erasure(self._settings, subject_key, self._clock(), consent_key)
        return FulfilmentOutcome(Fulfilled.ERASED, erase_current_chat=True)

    def _record(self, reference: str, event: str, subject_key: str, details: dict[str, Any]) -> None:
        logger.info("fulfilment %s for case %s: %s", event, reference, json.dumps(details, sort_keys=True))
        if self._audit is not None:
            self._audit(event, subject_key, {"case": reference, **details})


def _case_id(engine: Engine, reference: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(Case.__table__.c.id).where(Case.__table__.c.reference == reference))
                   .scalar_one())
