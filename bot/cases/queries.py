"""The SQL behind the case service: lookups, the case workers' list, the subject's rows.

Functions take the caller's session so each service call stays one unit of work.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.cases.errors import CaseNotFound
from bot.cases.models import Case, CaseEvent, SubjectContact
from bot.cases.reference import normalise_reference
from bot.cases.request_types import RequestType
from bot.cases.status import OPEN_STATUSES, CaseStatus, parse_status
from bot.cases.views import details_fingerprint
from bot.models.conversation import utc_naive

ORDERS = ("deadline", "received")
_OPEN = [status.value for status in OPEN_STATUSES]
# Bulk statements: nothing in the session to keep in step (each call is its own unit of work).
_BULK = {"synchronize_session": False}


def find_case(session: Session, reference: str) -> Case | None:
    canonical = normalise_reference(reference)
    if canonical is None:
        return None
    case: Case | None = session.execute(select(Case).where(Case.reference == canonical)).scalar_one_or_none()
    return case


def get_case(session: Session, reference: str) -> Case:
    row = find_case(session, reference)
    if row is None:
        raise CaseNotFound("no case has that reference", key="console_error_no_case")
    return row


def open_duplicate(session: Session, key: str, kind: RequestType, details: dict[str, Any],
                   child_key: str | None = None) -> Case | None:
    """The subject's open case of this type with the same details (and for the same child, if any)."""
    for_child = Case.child_key.is_(None) if child_key is None else Case.child_key == child_key
    candidates = session.execute(
        select(Case)
        .where(Case.subject_key == key, Case.request_type == kind.value, Case.status.in_(_OPEN), for_child)
        .order_by(Case.received_at, Case.id)
    ).scalars()
    wanted = details_fingerprint(details)
    for row in candidates:
        if details_fingerprint(json.loads(row.details or "{}")) == wanted:
            found: Case = row
            return found
    return None


def case_list_query(
    order: str,
    request_type: str | RequestType | None,
    status: str | CaseStatus | None,
    language: str | None,
    open_only: bool,
) -> Select:
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    query = select(Case)
    if request_type is not None:
        query = query.where(Case.request_type == RequestType.parse(request_type).value)
    if status is not None:
        query = query.where(Case.status == parse_status(status).value)
    if language is not None:
        query = query.where(Case.language == language)
    if open_only:
        query = query.where(Case.status.in_(_OPEN))
    if order == "received":
        return query.order_by(Case.received_at.desc(), Case.id.desc())
    # Most urgent first: open cases before closed ones, then by the deadline that counts.
    closed_last = sql_case((Case.status.in_(_OPEN), 0), else_=1)
    return query.order_by(closed_last, func.coalesce(Case.extended_due_at, Case.due_at), Case.received_at, Case.id)


def store_contact(session: Session, key: str, encrypted_email: str, now: datetime) -> None:
    """One encrypted copy per subject, then a row lock on it.

    The lock makes two identical requests sent at once (two tabs, a double
    click) take turns, so the second one sees the first case and becomes a
    duplicate instead of a second case. SQLite has no row locks; there the
    insert already takes the database's single write lock.
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(SubjectContact)
        .values(subject_key=key, encrypted_email=encrypted_email, created_at=utc_naive(now))
        .on_conflict_do_nothing(index_elements=["subject_key"])
    )
    session.execute(select(SubjectContact.id).where(SubjectContact.subject_key == key).with_for_update())


def encrypted_contact(session: Session, key: str) -> str | None:
    encrypted: str | None = session.execute(
        select(SubjectContact.encrypted_email).where(SubjectContact.subject_key == key)
    ).scalar_one_or_none()
    return encrypted


def delete_subject_rows(session: Session, key: str) -> dict[str, int]:
    """Every row keyed by this subject; counts per table."""
    case_ids = select(Case.id).where(Case.subject_key == key).scalar_subquery()
    events = session.execute(delete(CaseEvent).where(CaseEvent.case_id.in_(case_ids)), execution_options=_BULK)
    session.execute(
        update(Case).where(Case.duplicate_of_id.in_(case_ids)).values(duplicate_of_id=None), execution_options=_BULK
    )
    cases = session.execute(delete(Case).where(Case.subject_key == key), execution_options=_BULK)
    contacts = session.execute(delete(SubjectContact).where(SubjectContact.subject_key == key), execution_options=_BULK)
    return {"cases": cases.rowcount, "case_events": events.rowcount, "subject_contacts": contacts.rowcount}
