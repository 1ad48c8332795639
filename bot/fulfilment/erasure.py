"""Art. 17 on what Vern itself holds about one person: everything of theirs, and only that.

Reached through the person's subject key (cases, exports, the encrypted
address) and consent key (consent records, their events and guardian
invitations), and through every chat linked to either (a case's chat, a
consent's chat, a guardian invitation's chat), each erased in every store
(bot.retention.erasure). What stays, and why:
- the erasure case itself, scrubbed to counts, so the person can ask about it
  by reference until every connected system has confirmed (then the
  closed_case rule of the retention policy applies);
- the person's other *open* cases: a caseworker answers or closes them
  (Art. 12); deleting them silently left requests unanswered;
- the encrypted address, while any of their cases is open (the answer needs it);
  the contact_address rule deletes it once none is.
`on_erased` listeners get the subject key when an erasure is done (the backup
erasure journal appends it there, so a restore can apply it again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, select
from sqlalchemy.engine import Engine

from bot.consent.service import consent_chat_key
from bot.db.sqlite import clear_sqlite_wal
from bot.fulfilment.downloads import DownloadStore
from bot.models.conversation import Conversation
from bot.retention.erasure import ChatEraser
from bot.retention.record_rules import CASES, CONTACTS, INVITATIONS, RECORDS, delete_cases, delete_consent_records

logger = logging.getLogger(__name__)
ErasureListener = Callable[[str], object]


@dataclass(frozen=True)
class SubjectErasure:
    # Store name (as in the inventory) -> records removed. Counts only: no ids, no contents.
    stores: dict[str, int]
    open_cases_kept: int


class SubjectEraser:
    def __init__(self, engine: Engine, chats: ChatEraser, downloads: DownloadStore, secret_key: bytes,
                 on_erased: Iterable[ErasureListener] = ()) -> None:
        self._engine = engine
        self._chats = chats
        self._downloads = downloads
        self._secret = secret_key
        self._listeners = list(on_erased)

    def chats_of(self, subject_key: str, consent_key: str) -> set[str]:
        """Every chat Vern can link to the person: by their cases, their consents and guardian invitations."""
        with self._engine.connect() as connection:
            chats = set(connection.execute(select(CASES.c.conversation_id).where(
                CASES.c.subject_key == subject_key, CASES.c.conversation_id.isnot(None))).scalars())
            records = select(RECORDS.c.record_id).where(RECORDS.c.subject_key == consent_key)
            chats |= set(connection.execute(select(INVITATIONS.c.conversation_id).where(
                INVITATIONS.c.record_id.in_(records), INVITATIONS.c.conversation_id.isnot(None))).scalars())
            consent_chats = set(connection.execute(select(RECORDS.c.conversation_key).where(
                RECORDS.c.subject_key == consent_key, RECORDS.c.conversation_key.isnot(None))).scalars())
            if consent_chats:
                # Consent records hold a keyed hash of their chat; the live chats are matched against it.
                live = Conversation.__table__
                for conversation_id in connection.execute(select(live.c.conversation_id)
                                                          .where(live.c.deleted_at.is_(None))).scalars():
                    if consent_chat_key(self._secret, conversation_id) in consent_chats:
                        chats.add(conversation_id)
        return chats

    def preview(self, subject_key: str, consent_key: str, current_chat: str) -> dict[str, int]:
        """What `erase` would remove (counts per kind), for the person to confirm first."""
        with self._engine.connect() as connection:
            theirs = CASES.c.subject_key == subject_key
            closed = connection.execute(select(func.count()).select_from(CASES).where(
                theirs, CASES.c.closed_at.isnot(None))).scalar_one()
            still_open = connection.execute(select(func.count()).select_from(CASES).where(
                theirs, CASES.c.closed_at.is_(None))).scalar_one()
            consents = connection.execute(select(func.count()).select_from(RECORDS).where(
                RECORDS.c.subject_key == consent_key)).scalar_one()
        chats = self.chats_of(subject_key, consent_key) | {current_chat}
        # The erasure case itself is open and stays, answerable by reference.
        return {"chats": len(chats), "consents": int(consents), "closed_cases": int(closed),
                "open_cases_kept": max(0, int(still_open) - 1)}

    def erase(self, subject_key: str, consent_key: str, erasure_case_id: int, spare_chat: str | None) -> SubjectErasure:
        """`spare_chat`: the chat the request is being answered in; the channel erases it after this turn."""
        chats = self.chats_of(subject_key, consent_key) - ({spare_chat} if spare_chat else set())
        report = self._chats.erase(sorted(chats))
        stores = {"conversations": report.conversations, **report.stores}
        stores["export_downloads"] = self._downloads.delete_for_subject(subject_key)
        with self._engine.begin() as connection:
            theirs = CASES.c.subject_key == subject_key
            closed = list(connection.execute(select(CASES.c.id).where(
                theirs, CASES.c.closed_at.isnot(None), CASES.c.id != erasure_case_id)).scalars())
            open_kept = len(list(connection.execute(select(CASES.c.id).where(
                theirs, CASES.c.closed_at.is_(None), CASES.c.id != erasure_case_id)).scalars()))
            stores["closed_cases"] = delete_cases(connection, closed)
            if not open_kept:
                # The erasure case is answered by reference after a fresh code check; the address is not needed.
                stores["subject_contacts"] = int(connection.execute(delete(CONTACTS).where(
                    and_(CONTACTS.c.subject_key == subject_key))).rowcount or 0)
            records = list(connection.execute(select(RECORDS.c.record_id)
                                              .where(RECORDS.c.subject_key == consent_key)).scalars())
            stores["consent_records"] = delete_consent_records(connection, records)
        for listener in self._listeners:
            try:
                listener(subject_key)
            except Exception as error:  # noqa: BLE001 - the erasure itself is done; the log says which failed
                logger.error("an erasure listener failed (%s)", type(error).__name__)
        clear_sqlite_wal(self._engine)
        return SubjectErasure(stores, open_kept)
