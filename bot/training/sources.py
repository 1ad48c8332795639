"""Which chats a training export may read, decided at the moment of export.

Only chats that are masked, not deleted, not handed to a caseworker, from the
period asked for; never a chat of a person whose processing is restricted
(Art. 18); and, where the deployment bases training on consent, only chats in
which the person's consent to assistant training is active right now. Erased
chats are gone from the stores and the table, so they cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.models.conversation import Conversation, utc_naive

CONVERSATIONS = Conversation.__table__
TRAINING_PURPOSE = "assistant-training"


@dataclass(frozen=True)
class SourceChat:
    conversation_id: str
    language: str


@dataclass
class SourceReport:
    masked_chats: int = 0
    excluded_restricted: int = 0
    excluded_by_consent: int = 0  # no active consent (consent basis), or training consent withdrawn
    used: int = 0
    filters: list[str] = field(default_factory=list)


def usable_chats(
    engine: Engine, since: datetime, until: datetime, restricted: set[str],
    consent_allows: Callable[[str], bool] | None, default_language: str, *, consent_required: bool = False,
) -> tuple[list[SourceChat], SourceReport]:
    report = SourceReport(filters=[
        "masked (and not reopened since)", "not deleted", "not handed off", f"ended {since.date()}..{until.date()}",
        "not restricted (Art. 18)",
    ])
    if consent_allows is not None:
        report.filters.append(f"consent to {TRAINING_PURPOSE} active at export" if consent_required
                              else f"no withdrawn or refused consent to {TRAINING_PURPOSE}")
    with engine.connect() as connection:
        rows = connection.execute(
            select(CONVERSATIONS.c.conversation_id, CONVERSATIONS.c.language).where(
                CONVERSATIONS.c.masked_at.is_not(None), CONVERSATIONS.c.deleted_at.is_(None),
                # A chat reopened after masking holds unmasked turns until the worker masks it again.
                CONVERSATIONS.c.masked_at >= CONVERSATIONS.c.ended_at,
                CONVERSATIONS.c.masked_at >= CONVERSATIONS.c.last_activity_at,
                CONVERSATIONS.c.handed_off.is_(False), CONVERSATIONS.c.ended_at >= utc_naive(since),
                CONVERSATIONS.c.ended_at < utc_naive(until),
            ).order_by(CONVERSATIONS.c.ended_at, CONVERSATIONS.c.id)
        ).all()
    chats = []
    for row in rows:
        report.masked_chats += 1
        if row.conversation_id in restricted:
            report.excluded_restricted += 1
            continue
        if consent_allows is not None and not consent_allows(row.conversation_id):
            report.excluded_by_consent += 1
            continue
        chats.append(SourceChat(row.conversation_id, row.language or default_language))
    report.used = len(chats)
    return chats, report
