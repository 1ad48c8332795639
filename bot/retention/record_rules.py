"""The record kinds: for each store of personal data besides chat logs, what is due and how it goes.

Every function takes the rule's `after` and works from `ctx.now`; each
deletion is one transaction per kind and idempotent, so a crashed run is
simply repeated. Counts only leave this module, never ids or contents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.engine import Connection

from bot.cases.models import Case, CaseEvent, SubjectContact
from bot.consent.models import ConsentEvent, ConsentRecord, GuardianInvitation
from bot.console.models import AccessLogEntry, ConsoleSession
from bot.fulfilment.models import ExportDownload
from bot.handoff.models import Handoff, HandoffMessage
from bot.models.conversation import Conversation
from bot.retention.record_kinds import RecordContext, RecordKind, register_record_kind

HANDOFFS, MESSAGES = Handoff.__table__, HandoffMessage.__table__
CASES, CASE_EVENTS, CONTACTS = Case.__table__, CaseEvent.__table__, SubjectContact.__table__
RECORDS, CONSENT_EVENTS, INVITATIONS = ConsentRecord.__table__, ConsentEvent.__table__, GuardianInvitation.__table__
ACCESS_LOG, DOWNLOADS, CONVERSATIONS = AccessLogEntry.__table__, ExportDownload.__table__, Conversation.__table__
SESSIONS = ConsoleSession.__table__
ENDED_CONSENT = ("withdrawn", "refused", "expired")
Prune = Callable[[RecordContext, timedelta], int]


def _count(ctx: RecordContext, query: object) -> int:
    with ctx.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def _rows_where(table: Any, where: Callable[[datetime], Any]) -> tuple[Prune, Prune]:
    """Count and delete for a kind whose due rows are one table's rows matching `where(cutoff)`."""
    def due(ctx: RecordContext, after: timedelta) -> int:
        return _count(ctx, select(func.count()).select_from(table).where(where(ctx.now - after)))

    def prune(ctx: RecordContext, after: timedelta) -> int:
        with ctx.engine.begin() as connection:
            return int(connection.execute(delete(table).where(where(ctx.now - after))).rowcount or 0)

    return due, prune


# --- handoffs: the annex (3) says a caseworker chat is deleted when it ends ----------------------
def _last_handoff_activity() -> Any:
    said = (select(func.max(MESSAGES.c.at)).where(MESSAGES.c.handoff_id == HANDOFFS.c.id,
                                                  MESSAGES.c.sender.in_(("person", "caseworker")))
            .scalar_subquery())
    return func.coalesce(said, HANDOFFS.c.taken_at)


def _idle_handoffs(cutoff: datetime) -> object:
    return and_(HANDOFFS.c.status == "active", _last_handoff_activity() <= cutoff)


def idle_handoffs_due(ctx: RecordContext, after: timedelta) -> int:
    return _count(ctx, select(func.count()).select_from(HANDOFFS).where(_idle_handoffs(ctx.now - after)))


def end_idle_handoffs(ctx: RecordContext, after: timedelta) -> int:
    """A taken chat the person left: ended like any other, so its messages and the chat log go now."""
    with ctx.engine.begin() as connection:
        rows = connection.execute(select(HANDOFFS.c.id, HANDOFFS.c.conversation_id, HANDOFFS.c.conversation_key)
                                  .where(_idle_handoffs(ctx.now - after))).all()
        for row in rows:
            connection.execute(delete(MESSAGES).where(MESSAGES.c.handoff_id == row.id))
            connection.execute(update(HANDOFFS).where(HANDOFFS.c.id == row.id).values(
                status="ended", ended_at=ctx.now, conversation_id=None, summary=""))
            # The chat ends with it; the handed_off_chat rule (run next) deletes its log.
            connection.execute(update(CONVERSATIONS).where(CONVERSATIONS.c.conversation_id == row.conversation_id,
                                                           CONVERSATIONS.c.ended_at.is_(None))
                               .values(ended_at=ctx.now, end_reason="inactivity", handed_off=True))
    if ctx.audit is not None:
        for row in rows:
            ctx.audit("handoff.ended", row.conversation_key, {"by": "inactivity"})
    return len(rows)


def _ended_handoffs(cutoff: datetime) -> object:
    return and_(HANDOFFS.c.status.in_(("ended", "expired")), HANDOFFS.c.ended_at <= cutoff)


def ended_handoffs_due(ctx: RecordContext, after: timedelta) -> int:
    return _count(ctx, select(func.count()).select_from(HANDOFFS).where(_ended_handoffs(ctx.now - after)))


def delete_ended_handoffs(ctx: RecordContext, after: timedelta) -> int:
    with ctx.engine.begin() as connection:
        ids = select(HANDOFFS.c.id).where(_ended_handoffs(ctx.now - after))
        connection.execute(delete(MESSAGES).where(MESSAGES.c.handoff_id.in_(ids)))
        return int(connection.execute(delete(HANDOFFS).where(_ended_handoffs(ctx.now - after))).rowcount or 0)


# --- cases and the encrypted contact address ------------------------------------------------------
def _closed_cases(cutoff: datetime) -> object:
    return and_(CASES.c.closed_at.isnot(None), CASES.c.closed_at <= cutoff)


def closed_cases_due(ctx: RecordContext, after: timedelta) -> int:
    return _count(ctx, select(func.count()).select_from(CASES).where(_closed_cases(ctx.now - after)))


def delete_closed_cases(ctx: RecordContext, after: timedelta) -> int:
    with ctx.engine.begin() as connection:
        ids = [row[0] for row in connection.execute(select(CASES.c.id).where(_closed_cases(ctx.now - after)))]
        return delete_cases(connection, ids)


def delete_cases(connection: Connection, ids: list[int]) -> int:
    if not ids:
        return 0
    connection.execute(update(CASES).where(CASES.c.duplicate_of_id.in_(ids)).values(duplicate_of_id=None))
    connection.execute(delete(CASE_EVENTS).where(CASE_EVENTS.c.case_id.in_(ids)))
    return int(connection.execute(delete(CASES).where(CASES.c.id.in_(ids))).rowcount or 0)


def _unneeded_contacts(cutoff: datetime) -> Any:
    # The address is needed to answer (Art. 12(1)); once no case of the person is open, and the
    # last one closed before the cutoff, it is not.
    open_case = exists().where(CASES.c.subject_key == CONTACTS.c.subject_key, CASES.c.closed_at.is_(None))
    recent_case = exists().where(CASES.c.subject_key == CONTACTS.c.subject_key, CASES.c.closed_at > cutoff)
    return and_(CONTACTS.c.created_at <= cutoff, ~open_case, ~recent_case)


# --- consent: the proof is kept for the purpose's retention after the consent ended --------------
def _purpose_retention(ctx: RecordContext) -> dict[str, timedelta]:
    if ctx.purpose_retention:
        return dict(ctx.purpose_retention)
    from bot.consent.purposes import default_purposes

    # A worker built without them still keeps each proof for its purpose's time, never less.
    return {purpose.id: timedelta(days=purpose.retention_days) for purpose in default_purposes().values()}


def _ended_consents(ctx: RecordContext, after: timedelta) -> object:
    keep = _purpose_retention(ctx)
    per_purpose = [and_(RECORDS.c.purpose_id == purpose, RECORDS.c.updated_at <= ctx.now - kept - after)
                   for purpose, kept in keep.items()]
    # A purpose no longer in purposes.yml: the longest known proof period, so no proof goes early.
    longest = max(keep.values(), default=timedelta(0))
    unknown = and_(RECORDS.c.purpose_id.notin_(list(keep)), RECORDS.c.updated_at <= ctx.now - longest - after)
    return and_(RECORDS.c.status.in_(ENDED_CONSENT), or_(unknown, *per_purpose))


def ended_consents_due(ctx: RecordContext, after: timedelta) -> int:
    return _count(ctx, select(func.count()).select_from(RECORDS).where(_ended_consents(ctx, after)))


def delete_ended_consents(ctx: RecordContext, after: timedelta) -> int:
    with ctx.engine.begin() as connection:
        ids = [row[0] for row in connection.execute(select(RECORDS.c.record_id).where(_ended_consents(ctx, after)))]
        return delete_consent_records(connection, ids)


def delete_consent_records(connection: Connection, ids: list[str]) -> int:
    if not ids:
        return 0
    connection.execute(delete(INVITATIONS).where(INVITATIONS.c.record_id.in_(ids)))
    connection.execute(delete(CONSENT_EVENTS).where(CONSENT_EVENTS.c.record_id.in_(ids)))
    return int(connection.execute(delete(RECORDS).where(RECORDS.c.record_id.in_(ids))).rowcount or 0)


def _spent_invitations(cutoff: datetime) -> Any:
    return or_(INVITATIONS.c.expires_at <= cutoff, and_(INVITATIONS.c.used_at <= cutoff, INVITATIONS.c.child_told))


# --- logs and files ---------------------------------------------------------------------------------
def _accessed(cutoff: datetime) -> Any:
    return ACCESS_LOG.c.at <= cutoff


def _unused_session(cutoff: datetime) -> Any:
    # A session nobody presents again is never ended by its own timeout check (bot.console.sessions).
    return SESSIONS.c.last_seen_at <= cutoff


def exports_due(ctx: RecordContext, after: timedelta) -> int:
    return _count(ctx, select(func.count()).select_from(DOWNLOADS).where(DOWNLOADS.c.expires_at <= ctx.now - after))


def delete_exports(ctx: RecordContext, after: timedelta) -> int:
    if ctx.exports_dir is None:
        return 0  # the rows name the files: without the folder they would be orphaned, so both wait
    with ctx.engine.begin() as connection:
        hashes = list(connection.execute(select(DOWNLOADS.c.token_hash)
                                         .where(DOWNLOADS.c.expires_at <= ctx.now - after)).scalars())
        if hashes:
            connection.execute(delete(DOWNLOADS).where(DOWNLOADS.c.token_hash.in_(hashes)))
    for token_hash in hashes:
        (ctx.exports_dir / f"{token_hash}.bin").unlink(missing_ok=True)
    return len(hashes)


def _old_outbox_files(ctx: RecordContext, after: timedelta) -> list[Path]:
    if ctx.outbox_dir is None or not ctx.outbox_dir.is_dir():
        return []
    cutoff = _epoch(ctx.now - after)
    return [path for path in ctx.outbox_dir.glob("*.eml") if path.stat().st_mtime <= cutoff]


def _epoch(naive_utc: datetime) -> float:
    from datetime import timezone

    return naive_utc.replace(tzinfo=timezone.utc).timestamp()


def outbox_due(ctx: RecordContext, after: timedelta) -> int:
    return len(_old_outbox_files(ctx, after))


def delete_outbox(ctx: RecordContext, after: timedelta) -> int:
    files = _old_outbox_files(ctx, after)
    for path in files:
        path.unlink(missing_ok=True)
    return len(files)


def audit_due(ctx: RecordContext, after: timedelta) -> int:
    from bot.audit.models import AuditEntry

    table = AuditEntry.__table__
    return _count(ctx, select(func.count()).select_from(table).where(table.c.recorded_at <= ctx.now - after))


def prune_audit(ctx: RecordContext, after: timedelta) -> int:
    return ctx.prune_audit(ctx.now - after) if ctx.prune_audit is not None else 0


for _kind in (
    RecordKind("idle_handoff", "a chat taken by a caseworker that neither side wrote in", "the last message",
               5, idle_handoffs_due, end_idle_handoffs),
    RecordKind("ended_handoff", "the pseudonymous row left of an ended handoff", "the handoff's end",
               40, ended_handoffs_due, delete_ended_handoffs),
    RecordKind("closed_case", "a closed data-subject request case and its history", "the case's closing",
               50, closed_cases_due, delete_closed_cases),
    RecordKind("contact_address", "the encrypted e-mail address of a person with no open case",
               "the last case's closing", 55, *_rows_where(CONTACTS, _unneeded_contacts)),
    RecordKind("ended_consent", "a withdrawn, refused or expired consent record and its events",
               "the end of the purpose's retention (purposes.yml) after the consent ended",
               60, ended_consents_due, delete_ended_consents),
    RecordKind("guardian_invitation", "a guardian invitation that expired or was answered and told",
               "its expiry or use", 65, *_rows_where(INVITATIONS, _spent_invitations)),
    RecordKind("console_access_log", "a line of the caseworker console's access log", "the access",
               70, *_rows_where(ACCESS_LOG, _accessed)),
    RecordKind("console_session", "a caseworker's console session nobody used since", "its last use",
               72, *_rows_where(SESSIONS, _unused_session)),
    RecordKind("export_download", "an encrypted access export and its download link", "the link's expiry",
               75, exports_due, delete_exports),
    RecordKind("outbox_mail", "a development mail file in the outbox folder", "the file's writing",
               80, outbox_due, delete_outbox),
    RecordKind("audit_entry", "an audit log entry (pseudonymous subject, counts)", "its recording",
               90, audit_due, prune_audit),
):
    register_record_kind(_kind)
