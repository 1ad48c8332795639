"""Art. 17 reaches everything of the person, and only what it should.

Defects (issue 14): an erasure left handoff rows and messages, consent records and events, guardian
invitations, the consent session (plain address) and verification keys, and every chat not linked to
a case; it also deleted the person's other *open* case, so it vanished from the console and the status
lookup, and it completed the erasure case before the connected systems had confirmed.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from bot.cases.models import Case
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.consent.service import consent_chat_key, consent_pseudonym
from bot.consent.sessions import ConsentSessions
from bot.fulfilment.downloads import DownloadStore
from bot.fulfilment.erasure import SubjectEraser
from bot.handoff.service import HandoffService
from bot.models.conversation import utc_naive
from bot.retention.erasure import ChatEraser
from bot.retention.record_rules import INVITATIONS, RECORDS
from bot.verification.store import MemoryShortLivedStore
from tests.retention.chats import SeededChat
from tests.retention.world import World, leaks, start_chats

SECRET = b"subject-erasure-secret-0123456789abcdef"


def _consent(world: World, clock: FrozenClock, consent_key: str, chat: str) -> str:
    record_id = str(uuid.uuid4())
    now = utc_naive(clock())
    with world.engine.begin() as connection:
        connection.execute(insert(RECORDS).values(
            record_id=record_id, subject_key=consent_key, controller="k", purpose_id="assistant-training",
            purpose_version=1, notice_language="nb", notice_hash="h", legal_basis="dpv:Consent",
            data_categories="[]", processing="[]", retention="P1Y", channel="web", rule="adult", status="given",
            created_at=now, updated_at=now, conversation_key=consent_chat_key(SECRET, chat)))
        connection.execute(insert(INVITATIONS).values(
            invitation_id=str(uuid.uuid4()), token_hash=uuid.uuid4().hex, code_hash=uuid.uuid4().hex,
            record_id=record_id, intent="approve", language="nb", conversation_id=chat, created_at=now,
            expires_at=now + timedelta(hours=72)))
    return record_id


def test_erasure_reaches_every_store_of_the_person_and_keeps_their_open_case(
    world: World, clock: FrozenClock, tmp_path: Path
) -> None:
    email = f"kari.{uuid.uuid4().hex[:8]}@example.no"
    requested, earlier, unanswered, consented, invited, stranger = (SeededChat() for _ in range(6))
    chats = [requested, earlier, unanswered, consented, invited, stranger]
    world.save(chats)
    start_chats(world.engine, clock, chats)
    cases = CaseService(world.engine, clock, SECRET)
    done = cases.open_case("access", email, "nb", "rest", conversation_id=earlier.sender_id).case
    cases.change_status(done.reference, "in_progress", None, "kari")
    cases.change_status(done.reference, "completed", None, "kari")
    still_open = cases.open_case("rectification", email, "nb", "rest", {"what": "x"}, unanswered.sender_id).case
    erasure = cases.open_case("erasure", email, "nb", "rest", conversation_id=requested.sender_id).case
    consent_key = consent_pseudonym(SECRET, email)
    _consent(world, clock, consent_key, consented.sender_id)
    _consent(world, clock, consent_key, invited.sender_id)
    handoffs = HandoffService(world.engine, clock, SECRET)
    handoff = handoffs.request(consented.sender_id, "nb", "rest", "")
    handoffs.person_says(consented.sender_id, f"jeg heter {consented.full_name}")
    handoffs.take(handoff.id, "ola")
    store = MemoryShortLivedStore()
    sessions = ConsentSessions(store, SECRET)
    sessions.grant(consented.sender_id, consent_key, email)
    journal: list[str] = []
    eraser = ChatEraser(world.stores, world.engine, clock, world.audit,
                        cleaners={"handoffs": handoffs.forget, "consent_sessions": sessions.forget})
    with world.engine.connect() as connection:
        erasure_id = connection.execute(select(Case.__table__.c.id)
                                        .where(Case.__table__.c.reference == erasure.reference)).scalar_one()

    result = SubjectEraser(world.engine, eraser, DownloadStore(world.engine, tmp_path, clock), SECRET,
                           on_erased=[journal.append]).erase(cases.subject_key(email), consent_key, erasure_id,
                                                             requested.sender_id)

    dump = world.dump()
    for chat in (earlier, unanswered, consented, invited):
        assert leaks(dump, [chat]) == [], "every chat linked to the person is gone, by case, consent or invitation"
    assert len(leaks(dump, [stranger])) == len(stranger.personal_values()), "someone else's chat stays"
    assert leaks(dump, [requested]), "the chat being answered goes after this turn, in the channel"
    assert sessions.email(consented.sender_id) is None, "the consent session held the plain address"
    with world.engine.connect() as connection:
        tables = {name: connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
                  for name in ("handoffs", "handoff_messages")}
        consents = connection.execute(select(RECORDS).where(RECORDS.c.subject_key == consent_key)).all()
    assert tables == {"handoffs": 0, "handoff_messages": 0} and consents == []
    assert [c.reference for c in cases.cases_for_subject(cases.subject_key(email))] == [
        still_open.reference, erasure.reference], "the open case stays for a caseworker; the closed one went"
    assert cases.contact_email(cases.subject_key(email)) == email, "kept: the open case must be answered"
    assert result.open_cases_kept == 1
    assert result.stores["consent_records"] == 2 and result.stores["closed_cases"] == 1
    assert result.stores["handoffs"] == 3 and result.stores["consent_sessions"] == 1  # 1 row + 2 messages
    assert journal == [cases.subject_key(email)]
    assert email not in json.dumps(world.audit_log) and consented.sender_id not in json.dumps(world.audit_log)
