"""Erase again, in a restored copy, every person the erasure journal lists.

Run by `vern backup restore` on the restored copy before it replaces the live
database: a backup taken before an erasure still holds the person, and Art. 17
does not end because a disk failed (003 §4.3 and §7.3: erased from backups
within 30 days; here, erased again before the copy ever serves).

What is erased for a key is what an erasure request erases: the chats linked
to the person's cases (from the tracker store), their exports, their cases,
case events and encrypted contact address. When the erasure service of the
records inventory lands, `erase_subject` is the one place to call it from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.cases import queries
from bot.cases.models import Case
from bot.config import Settings
from bot.db.engine import session_scope
from bot.fulfilment.downloads import DownloadStore
from bot.retention.chat_stores import build_chat_stores
from bot.retention.erasure import ChatEraser


@dataclass(frozen=True)
class ReplayReport:
    subjects: int  # journaled keys looked for
    found: int  # of them, how many the restored copy still held
    records: int  # rows and chat events erased again


def erase_subject(settings: Settings, engine: Engine, clock: Callable[[], datetime], subject_key: str) -> int:
    """Erase one person from the database behind `engine`; returns how many records went."""
    with engine.connect() as connection:
        chats = connection.execute(
            select(Case.__table__.c.conversation_id)
            .where(Case.__table__.c.subject_key == subject_key, Case.__table__.c.conversation_id.is_not(None))
        ).scalars().all()
    erased = ChatEraser(build_chat_stores(settings, engine), engine, clock).erase(sorted(set(chats)))
    exports = DownloadStore(engine, settings.var_dir / "exports", clock).delete_for_subject(subject_key)
    with session_scope(engine) as session:
        counts = queries.delete_subject_rows(session, subject_key)
    return erased.events_deleted + exports + sum(counts.values())


def replay_erasures(
    settings: Settings, engine: Engine, clock: Callable[[], datetime], subject_keys: Sequence[str]
) -> ReplayReport:
    """Erase every journaled key again; any store that fails stops the replay (the caller discards the copy)."""
    audit = AuditTrail(engine, clock, settings.secret_key.reveal().encode(),
                       settings.audit_signing_key.reveal() if settings.audit_signing_key else None)
    found = records = 0
    for subject_key in subject_keys:
        erased = erase_subject(settings, engine, clock, subject_key)
        if erased:
            found += 1
            records += erased
            audit.record("subject.erasure_reapplied", subject_key, {"records": erased})
    return ReplayReport(len(subject_keys), found, records)
