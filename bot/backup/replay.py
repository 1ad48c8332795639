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
                           settings.secret_key.reveal().encode())
    # No erasure case is spared here: in the restored copy it is one of the person's closed cases.
    result = eraser.erase(entry.subject_key, entry.consent_key or "", erasure_case_id=-1, spare_chat=None)
    return sum(result.stores.values())


def replay_erasures(
    settings: Settings, engine: Engine, clock: Callable[[], datetime], entries: Sequence[JournalEntry]
) -> ReplayReport:
    """Erase every journaled key again; any store that fails stops the replay (the caller discards the copy)."""
    audit = AuditTrail(engine, clock, settings.secret_key.reveal().encode(),
                       settings.audit_signing_key.reveal() if settings.audit_signing_key else None)
    found = records = 0
    for entry in entries:
        erased = erase_subject(settings, engine, clock, entry)
        if erased:
            found += 1
            records += erased
            audit.record("subject.erasure_reapplied", entry.subject_key, {"records": erased})
    return ReplayReport(len(entries), found, records)
