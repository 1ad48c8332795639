"""Erase again, in a restored copy, every person the erasure journal lists.

Run by `vern backup restore` on the restored copy before it replaces the live
database: a backup taken before an erasure still holds the person, and Art. 17
does not end because a disk failed (003 §4.3 and §7.3: erased from backups
within 30 days; here, erased again before the copy ever serves).

What is erased for a journal line is what the erasure request erased: the one
erasure service (bot.fulfilment.erasure.SubjectEraser) runs again with the
line's subject key and consent key, so chats, closed cases, exports, the
address and consent records go; cases that were open then stay, as they did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.backup.journal import JournalEntry
from bot.config import Settings
from bot.fulfilment.downloads import DownloadStore
from bot.fulfilment.erasure import SubjectEraser
from bot.keys import KeyRing, Purpose
from bot.retention.chat_stores import build_chat_stores
from bot.retention.erasure import ChatEraser


@dataclass(frozen=True)
class ReplayReport:
    subjects: int  # journaled keys looked for
    found: int  # of them, how many the restored copy still held
    records: int  # rows and chat events erased again


def erase_subject(settings: Settings, engine: Engine, clock: Callable[[], datetime], entry: JournalEntry) -> int:
    """Erase one journaled person from the database behind `engine`; returns how many records went."""
    chats = ChatEraser(build_chat_stores(settings, engine), engine, clock)
    eraser = SubjectEraser(engine, chats, DownloadStore(engine, settings.var_dir / "exports", clock),
                           KeyRing.from_settings(settings).key(Purpose.CONSENT_PSEUDONYMS))
    # No erasure case is spared here: in the restored copy it is one of the person's closed cases.
    result = eraser.erase(entry.subject_key, entry.consent_key or "", erasure_case_id=-1, spare_chat=None)
    return sum(result.stores.values())


def replay_erasures(
    settings: Settings, engine: Engine, clock: Callable[[], datetime], entries: Sequence[JournalEntry]
) -> ReplayReport:
    """Erase every journaled key again; any store that fails stops the replay (the caller discards the copy)."""
    audit = AuditTrail(engine, clock, KeyRing.from_settings(settings),
                       settings.audit_signing_key.reveal() if settings.audit_signing_key else None)
    found = records = 0
    for entry in entries:
        erased = erase_subject(settings, engine, clock, entry)
        if erased:
            found += 1
            records += erased
            audit.record("subject.erasure_reapplied", entry.subject_key, {"records": erased})
    return ReplayReport(len(entries), found, records)


def apply_retention(settings: Settings, engine: Engine, clock: Callable[[], datetime]) -> int:
    """The restored copy obeys the retention policy before it serves: what its rules removed from the live
    database since the backup was taken (an idle handoff, an expired consent) goes again. Returns how many."""
    import tempfile
    from datetime import timedelta
    from pathlib import Path

    from bot.consent.purposes import load_purposes
    from bot.pii import chat_masker
    from bot.retention.leader import DatabaseLeaderLock
    from bot.retention.policy import load_policy, with_overrides
    from bot.retention.record_kinds import RecordPlaces
    from bot.retention.worker import RetentionWorker

    purposes = load_purposes(settings.consent_purposes_file)
    policy = load_policy(settings.retention_policy_file)
    keep = {purpose.id: timedelta(days=purpose.retention_days) for purpose in purposes.values()}
    with tempfile.TemporaryDirectory() as lock_dir:
        # The copy's own advisory lock (PostgreSQL scopes them per database): the live worker is not held up.
        leader = DatabaseLeaderLock(engine, Path(lock_dir))
        worker = RetentionWorker(engine, build_chat_stores(settings, engine),
                                 with_overrides(policy, settings.retention.mask_within_minutes,
                                                settings.retention.masked_chat_days), clock, chat_masker(), None,
                                 leader, inactivity=timedelta(minutes=settings.retention.chat_inactivity_minutes),
                                 places=RecordPlaces(purpose_retention=keep))
        try:
            report = worker.run_once()
        finally:
            leader.release()
    return report.ended_for_inactivity + report.masked + report.deleted

