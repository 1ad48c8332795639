"""Everything Vern holds about one verified address, gathered for an export."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.cases.models import Case, CaseEvent
from bot.cases.request_types import NOTIFY_RECIPIENTS, RequestType
from bot.consent.models import ConsentRecord
from bot.retention.chat_stores import ChatLogStore


@dataclass
class Holdings:
    email: str
    cases: list[dict[str, Any]] = field(default_factory=list)
    case_history: list[dict[str, Any]] = field(default_factory=list)
    conversations: list[dict[str, Any]] = field(default_factory=list)
    # Consent records join here once consent lands (see the consent issue).
    consents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def conversation_ids(self) -> list[str]:
        return [c["conversation"] for c in self.conversations]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _consents(engine: Engine, consent_key: str) -> list[dict[str, Any]]:
    table = ConsentRecord.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(table).where(table.c.subject_key == consent_key)
                                  .order_by(table.c.created_at)).all()
    return [
        {"record_id": r.record_id, "purpose": r.purpose_id, "purpose_version": r.purpose_version,
         "status": r.status, "given_at": _iso(r.created_at), "updated_at": _iso(r.updated_at),
         "guardian_relation": r.guardian_relation, "notice_sha256": r.notice_hash}
        for r in rows
    ]


def collect_holdings(
    engine: Engine, stores: list[ChatLogStore], subject_key: str, email: str, recipients: tuple[str, ...] = (),
    consent_key: str | None = None,
) -> Holdings:
    holdings = Holdings(email=email)
    conversation_ids: list[str] = []
    with engine.connect() as connection:
        cases = connection.execute(
            select(Case.__table__).where(Case.__table__.c.subject_key == subject_key).order_by(Case.__table__.c.id)
        ).all()
        for row in cases:
            holdings.cases.append({
                "reference": row.reference, "type": row.request_type, "status": row.status,
                "language": row.language, "channel": row.channel, "received_at": _iso(row.received_at),
                "verified_at": _iso(row.verified_at), "due": _iso(row.extended_due_at or row.due_at),
                "closed_at": _iso(row.closed_at), "details": json.loads(row.details or "{}"),
                # Art. 19: who is told of a rectification, erasure or restriction.
                "notify_recipients": list(recipients) if RequestType(row.request_type) in NOTIFY_RECIPIENTS else [],
            })
            if row.conversation_id and row.conversation_id not in conversation_ids:
                conversation_ids.append(row.conversation_id)
        ids = [row.id for row in cases]
        references = {row.id: row.reference for row in cases}
        if ids:
            events = connection.execute(
                select(CaseEvent.__table__).where(CaseEvent.__table__.c.case_id.in_(ids))
                .order_by(CaseEvent.__table__.c.id)
            ).all()
            for event in events:
                holdings.case_history.append({
                    "reference": references[event.case_id], "at": _iso(event.occurred_at), "what": event.kind,
                    "from_status": event.from_status, "to_status": event.to_status, "by": event.actor,
                })
    holdings.consents = _consents(engine, consent_key) if consent_key else []
    for conversation_id in conversation_ids:
        lines: list[dict[str, Any]] = []
        for store in stores:
            lines += store.transcript(conversation_id)
        holdings.conversations.append({"conversation": conversation_id, "messages": lines})
    return holdings
