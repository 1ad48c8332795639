"""A guardian acts for a child: access, erasure and consents, after the e-mail code and the register check.

Real parts on both databases: cases and consents in SQLite and PostgreSQL, the memory store for codes,
the demo register as a CSV file, and a real SMTP server that captures the receipt."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import AgeBands, Settings
from bot.consent.purposes import DEFAULT_FILE, load_purposes
from bot.consent.service import ConsentService
from bot.consent.sessions import ConsentSessions
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.dsr import PendingRequestStore
from bot.dsr.flow import CompletionStatus, RequestCompletion, RequestFlow
from bot.dsr.kinds import CONSENT_LOOKUP, GIVE_CONSENT, RequestKind
from bot.guardians.acting import guardian_details, mentions_own_child, stash
from bot.guardians.registry import FileGuardianRegistry, GuardianRegistry
from bot.guardians.young_notice import YoungObjections
from bot.mail.smtp import SmtpMailer
from bot.verification import MemoryShortLivedStore, VerificationService
from tests.dsr.test_flow import RecordingMailer
from tests.support.databases import own_postgres_database
from tests.support.services import own_database_name
from tests.support.smtp import CapturingSmtpServer
from tests.verification.fakes import RecordingSender

SECRET = b"guardian-acts-secret-0123456789"
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc)
MOTHER = "mor@example.org"
CHILD = "ada@example.org"
REFERENCE = "ELEV-4711"
TEN_YEARS_OLD = "2015"  # the younger possible age on NOW: 10
CHAT = "guardian-chat"
HEALTH = "health-adaptations"  # a purpose whose guardian answer the register decides


@pytest.fixture(scope="module")
def acting_pg_url() -> Iterator[str]:
    with own_postgres_database(own_database_name("guardact")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        db = create_db_engine(f"sqlite:///{tmp_path / 'acting.sqlite3'}")
        migrate.upgrade(db)
    else:
        db = create_db_engine(request.getfixturevalue("acting_pg_url"))
        with db.begin() as connection:
            for table in ("guardian_invitations", "consent_events", "consent_records", "case_events", "cases",
                          "subject_contacts"):
                connection.execute(text(f"DELETE FROM {table}"))
    yield db
    db.dispose()


@pytest.fixture
def register(tmp_path: Path) -> FileGuardianRegistry:
    path = tmp_path / "guardians.csv"
    path.write_text(f"child_reference,guardian\n{REFERENCE},{MOTHER}\nELEV-0815,far@example.org\n", encoding="utf-8")
    return FileGuardianRegistry(path)


class World:
    def __init__(self, engine: Engine, registry: GuardianRegistry | None, mailer: object | None = None,
                 settings: Settings | None = None, young_objections: YoungObjections | None = None) -> None:
        store = MemoryShortLivedStore()
        self.clock = FrozenClock(NOW)
        self.codes = RecordingSender()
        self.mailer = mailer or RecordingMailer()
        self.cases = CaseService(engine, self.clock, SECRET)
        self.consents = ConsentService(engine, self.clock, SECRET, load_purposes(DEFAULT_FILE), AgeBands(),
                                       "Demo skole")
        self.sessions = ConsentSessions(store, SECRET)
        self.flow = RequestFlow(
            PendingRequestStore(store, SECRET), VerificationService(store, self.codes, self.clock, SECRET),
            self.cases, self.mailer, settings or Settings(), self.clock,  # type: ignore[arg-type]
            consents=(self.consents, self.sessions), registry=registry, young_objections=young_objections)

    async def ask(self, kind: RequestKind, email: str, birth_year: str, reference: str,
                  extra: dict[str, str] | None = None, chat: str = CHAT) -> RequestCompletion:
        # What the dialogue hands over: the stash in the reference slot, read into the server's details.
        details = guardian_details({"reference": stash(int(birth_year), reference), "birth_year": birth_year,
                                    **(extra or {})})
        await self.flow.begin(chat, kind, email, "nb", "web", details)
        await self.flow.check_code(chat, self.codes.last_code)
        return await self.flow.complete(chat)


@pytest.mark.parametrize("said", [
    "Jeg vil ha innsyn i hva dere har om datteren min", "kan eg få innsyn for dottera mi", "guten min vil slette",
    "sønnen min", "Jeg vil se samtykkene for mitt barn", "Jeg vil have indsigt for min søn",
    "slet data om mit barn", "access to my daughter's data", "delete my 10-year-old son's data", "barnet mitt",
    "/for_child",
])
def test_child_words_in_the_four_languages(said: str) -> None:
    assert mentions_own_child(said)


@pytest.mark.parametrize("said", ["Jeg vil ha innsyn", "I want my data", "slett meg", "barnehagen min",
                                  "Hva er barns samtykke?", "min søknad"])
def test_no_child_words_no_guardian(said: str) -> None:
    assert not mentions_own_child(said)


async def test_a_registered_guardians_access_request_for_a_10_year_old_names_guardian_and_child(
        engine: Engine, register: FileGuardianRegistry) -> None:
    smtp = CapturingSmtpServer()
    smtp.start()
    try:
        mailer = SmtpMailer(smtp.url(), mail_from="Vern <vern@example.org>", clock=FrozenClock(NOW), timeout=5.0)
        world = World(engine, register, mailer)
        done = await world.ask(RequestType.ACCESS, MOTHER, TEN_YEARS_OLD, "elev-4711", {"scope": "everything"})
        assert done.status is CompletionStatus.OPENED and done.case is not None, done
        case = world.cases.get(done.case.reference)
        assert case.by_guardian and case.child_reference == REFERENCE and case.guardian_verified == "register"
        assert case.subject_key == world.cases.subject_key(MOTHER), "the case is the guardian's: answers go there"
        assert world.cases.contact_email(case.subject_key) == MOTHER
        assert case.details == {"scope": "everything", "child_birth_year": TEN_YEARS_OLD}, \
            "the stated year is for the caseworker; who the child is lives in the case's own columns"
        assert "made_by_guardian" in [event.kind for event in world.cases.history(case.reference)]
        assert done.fulfilled is None, "nothing is carried out automatically: a caseworker answers the guardian"
        assert done.receipt_sent
        (received,) = smtp.received
        assert received.recipients == (MOTHER,) and case.reference in received.message.get_body(
            preferencelist=("plain",)).get_content()
    finally:
        smtp.stop()
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT details, encrypted_child_reference, child_key FROM cases")).one()
    assert "4711" not in " ".join(str(value) for value in stored), "the reference is encrypted and hashed at rest"


async def test_an_unregistered_guardian_is_refused(engine: Engine, register: FileGuardianRegistry) -> None:
    world = World(engine, register)
    for someone in ("nabo@example.org", "far@example.org"):  # unknown; a guardian of another child
        done = await world.ask(RequestType.ERASURE, someone, TEN_YEARS_OLD, REFERENCE)
        assert done.status is CompletionStatus.GUARDIAN_REFUSED and done.refusal == "not_guardian"
    assert world.cases.list_cases() == []


async def test_the_childs_own_address_is_refused_as_guardian(engine: Engine) -> None:
    world = World(engine, None)
    # The child (10) asked for a consent in the chat with the reference; then tries to act as its own guardian.
    await world.flow.begin("child-chat", GIVE_CONSENT, CHILD, "nb", "web",
                           {"purpose": HEALTH, "birth_year": TEN_YEARS_OLD, "reference": REFERENCE})
    await world.flow.check_code("child-chat", world.codes.last_code)
    assert (await world.flow.complete("child-chat")).status is CompletionStatus.CONSENT_RECORDED
    done = await world.ask(RequestType.ACCESS, CHILD, TEN_YEARS_OLD, REFERENCE)
    assert done.status is CompletionStatus.GUARDIAN_REFUSED and done.refusal == "childs_own"
    assert world.cases.list_cases() == []


async def test_without_a_register_the_case_says_email_and_waits_for_a_caseworker(engine: Engine) -> None:
    world = World(engine, None)
    done = await world.ask(RequestType.ERASURE, MOTHER, TEN_YEARS_OLD, REFERENCE)
    assert done.status is CompletionStatus.OPENED and done.case is not None
    assert done.case.guardian_verified == "email" and done.acting is not None
    notes = [event.note or "" for event in world.cases.history(done.case.reference)]
    assert any("verify by hand" in note for note in notes)


async def test_a_child_of_16_asks_for_themselves(engine: Engine, register: FileGuardianRegistry) -> None:
    world = World(engine, register)
    done = await world.ask(RequestType.ACCESS, MOTHER, "2009", REFERENCE)  # 16 at the youngest
    assert done.status is CompletionStatus.GUARDIAN_REFUSED and done.refusal == "too_old"


async def test_with_a_higher_age_a_16_year_olds_case_goes_to_a_caseworker_who_tells_them(
        engine: Engine, register: FileGuardianRegistry) -> None:
    settings = dataclasses.replace(Settings(), guardian_acts_below=18)
    world = World(engine, register, settings=settings)
    done = await world.ask(RequestType.ACCESS, MOTHER, "2009", REFERENCE)
    assert done.status is CompletionStatus.OPENED and done.case is not None and done.acting is not None
    assert done.acting.young_person
    kinds = [event.kind for event in world.cases.history(done.case.reference)]
    assert "young_person_to_be_told" in kinds
    # Consents stay the young person's from 16 whatever the setting: the guardian is only informed.
    refused = await world.ask(CONSENT_LOOKUP, MOTHER, "2009", REFERENCE, chat="other-chat")
    assert refused.status is CompletionStatus.GUARDIAN_REFUSED and refused.refusal == "too_old"


async def test_a_guardian_lists_and_withdraws_the_childs_consents(engine: Engine,
                                                                  register: FileGuardianRegistry) -> None:
    world = World(engine, register)
    record = world.consents.give(world.consents.pseudonym(CHILD), HEALTH, "nb", "web", 10, "child-chat", REFERENCE)
    world.consents.guardian_answer(record.record_id, world.consents.pseudonym(MOTHER), "mother", True, "web",
                                   "register", "nb")
    other = world.consents.give(world.consents.pseudonym("bror@example.org"), HEALTH, "nb", "web", 9, None,
                                "ELEV-0815")
    world.consents.guardian_answer(other.record_id, world.consents.pseudonym(MOTHER), "mother", True, "web",
                                   "register", "nb")
    done = await world.ask(CONSENT_LOOKUP, MOTHER, TEN_YEARS_OLD, REFERENCE)
    assert done.status is CompletionStatus.CONSENTS_FOUND
    assert [view.record_id for view in done.consents] == [record.record_id], "only this child's"
    assert world.sessions.subject(CHAT) == world.consents.pseudonym(MOTHER), "this chat may withdraw them now"
    assert world.consents.withdraw(record.record_id, world.consents.pseudonym(MOTHER), "web").status == "withdrawn"


async def test_a_duplicate_is_per_child(engine: Engine, register: FileGuardianRegistry) -> None:
    world = World(engine, register)
    first = await world.ask(RequestType.ACCESS, "far@example.org", "2017", "ELEV-0815")
    again = await world.ask(RequestType.ACCESS, "far@example.org", "2017", "ELEV-0815", chat="chat-2")
    assert first.case is not None and again.duplicate and again.case is not None
    assert again.case.reference == first.case.reference
    # The father's request for himself is another case, and so is one for another child.
    await world.flow.begin("chat-3", RequestType.ACCESS, "far@example.org", "nb", "web")
    await world.flow.check_code("chat-3", world.codes.last_code)
    own = await world.flow.complete("chat-3")
    assert own.case is not None and not own.duplicate and not own.case.by_guardian
