"""A child's consent counts only when the guardian who answers is in the controller's register for that child.

The child (12) gives the controller's reference in the chat; the guardian answers on the web page after
the e-mail code; the register (a file here, as in the demo) decides. Without a register the old behaviour
stays, and the record says the guardian was verified by e-mail only."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import Settings
from bot.consent.chat_addresses import ChatAddresses
from bot.consent.guardian_page import GuardianPageServices
from bot.consent.invitations import GuardianInvitations, IssuedInvitation
from bot.consent.service import ConsentService
from bot.consent.sessions import ConsentSessions
from bot.dsr import PendingRequestStore
from bot.dsr.flow import CompletionStatus, RequestCompletion, RequestFlow
from bot.dsr.kinds import GIVE_CONSENT
from bot.guardians.registry import FileGuardianRegistry, GuardianRegistry
from bot.i18n import translate
from bot.verification import MemoryShortLivedStore, VerificationService
from bot.web.guardian_pages import GuardianPages
from tests.dsr.test_flow import RecordingMailer
from tests.verification.fakes import RecordingSender

SECRET = b"consent-test-secret-0123456789"
HEALTH = "health-adaptations"  # registry_required: true in the shipped purposes file
VIDEOS = "training-videos"  # no register check
CHILD = "ada@example.org"
MOTHER = "mor@example.org"
CHAT = "ada-chat"


class Family:
    def __init__(self, engine: Engine, consents: ConsentService, clock: FrozenClock,
                 registry: GuardianRegistry | None) -> None:
        store = MemoryShortLivedStore()
        self.consents = consents
        self.invitations = GuardianInvitations(engine, consents, clock, SECRET)
        self.child_codes, self.page_codes = RecordingSender(), RecordingSender()
        self.mailer = RecordingMailer()
        self.flow = RequestFlow(
            PendingRequestStore(store, SECRET), VerificationService(store, self.child_codes, clock, SECRET),
            CaseService(engine, clock, SECRET), self.mailer, Settings(), clock,
            consents=(consents, ConsentSessions(store, SECRET)), invitations=self.invitations,
            chat_addresses=ChatAddresses(store, SECRET),
        )
        self.page = GuardianPages(GuardianPageServices(
            consents, self.invitations, VerificationService(store, self.page_codes, clock, SECRET), SECRET,
            "Demo skole", "personvern@example.org", None, registry))

    async def child_asks(self, purpose: str, birth_year: str, reference: str | None) -> IssuedInvitation:
        done = await self.child_completes(purpose, birth_year, reference)
        assert done.invitation is not None
        return done.invitation

    async def child_completes(self, purpose: str, birth_year: str, reference: str | None,
                              language: str = "nb") -> RequestCompletion:
        details = {"purpose": purpose, "birth_year": birth_year, **({"reference": reference} if reference else {})}
        await self.flow.begin(CHAT, GIVE_CONSENT, CHILD, language, "web", details)
        await self.flow.check_code(CHAT, self.child_codes.last_code)
        done = await self.flow.complete(CHAT)
        assert done.status is CompletionStatus.CONSENT_RECORDED
        return done

    async def guardian_answers(self, token: str, email: str, decision: str = "approve") -> tuple[int, str]:
        assert (await self.page.send_code(token, email, "en")).status == 200
        answered = await self.page.answer(token, email, self.page_codes.last_code, decision, "en")
        return answered.status, html.unescape(answered.body.decode())

    def record_of_child(self) -> str:
        return self.consents.records_for(self.consents.pseudonym(CHILD))[-1].record_id


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "guardians.csv"
    path.write_text(f"child_reference,guardian\nELEV-4711,{MOTHER}\nELEV-0815,far@example.org\n", encoding="utf-8")
    return path


@pytest.fixture
def family(engine: Engine, consents: ConsentService, clock: FrozenClock, register_file: Path) -> Family:
    return Family(engine, consents, clock, FileGuardianRegistry(register_file))


async def test_a_12_year_olds_consent_is_given_by_a_registered_guardian(family: Family) -> None:
    issued = await family.child_asks(HEALTH, "2013", "elev-4711")
    status, page = await family.guardian_answers(issued.token, MOTHER)
    assert status == 200, page
    receipt = family.consents.receipt(family.record_of_child())
    assert receipt["status"] == "given"
    assert receipt["guardian_verified"] == "register"
    assert receipt["consented_by"] == "guardian", "under 13 only the guardian consents"
    (guardian,) = [p for p in receipt["consenting_parties"] if p["role"] == "guardian"]
    assert guardian["verified_by"] == "register" and guardian["notice"]["language"] == "en"
    assert receipt["child_reference_key"] and "4711" not in str(receipt), "only a keyed hash of the reference"


async def test_an_unregistered_guardian_is_refused_and_the_consent_keeps_waiting(family: Family) -> None:
    issued = await family.child_asks(HEALTH, "2013", "ELEV-4711")
    for someone in ("nabo@example.org", "far@example.org"):  # unknown; a guardian of another child
        status, page = await family.guardian_answers(issued.token, someone)
        assert status == 403
        assert translate("guardian_not_in_register", "en", controller="Demo skole",
                         contact="personvern@example.org") in page
    assert family.consents.get(family.record_of_child()).status == "pending_guardian"
    status, _ = await family.guardian_answers(issued.token, MOTHER, "decline")
    assert status == 200 and family.consents.get(family.record_of_child()).status == "refused"


async def test_without_a_reference_no_answer_counts(family: Family) -> None:
    issued = await family.child_asks(HEALTH, "2013", None)
    status, _ = await family.guardian_answers(issued.token, MOTHER)
    assert status == 403 and family.consents.get(family.record_of_child()).status == "pending_guardian"


async def test_a_purpose_without_registry_required_keeps_the_email_check_and_says_so(family: Family) -> None:
    issued = await family.child_asks(VIDEOS, "2013", None)
    status, _ = await family.guardian_answers(issued.token, "anyone@example.org")
    assert status == 200
    receipt = family.consents.receipt(family.record_of_child())
    assert receipt["status"] == "given" and receipt["guardian_verified"] == "email"


async def test_without_a_register_configured_the_email_code_is_enough_and_labelled(
        engine: Engine, consents: ConsentService, clock: FrozenClock) -> None:
    family = Family(engine, consents, clock, None)
    issued = await family.child_asks(HEALTH, "2013", None)
    status, _ = await family.guardian_answers(issued.token, MOTHER)
    assert status == 200
    receipt = family.consents.receipt(family.record_of_child())
    assert receipt["status"] == "given" and receipt["guardian_verified"] == "email"


async def test_a_14_year_old_and_a_guardian_both_consent_and_the_receipt_shows_both_roles(family: Family) -> None:
    issued = await family.child_asks(VIDEOS, "2011", None)
    await family.guardian_answers(issued.token, MOTHER)
    receipt = family.consents.receipt(family.record_of_child())
    assert receipt["consented_by"] == "both"
    roles = {p["role"]: p for p in receipt["consenting_parties"]}
    assert roles["data_subject"]["notice"]["language"] == "nb" and roles["guardian"]["notice"]["language"] == "en"
    assert roles["data_subject"]["notice"]["sha256"] != roles["guardian"]["notice"]["sha256"]


async def test_the_receipt_mail_says_who_consented_and_how_the_guardian_was_checked(family: Family) -> None:
    from bot.mail import templates

    issued = await family.child_asks(HEALTH, "2013", "ELEV-4711")
    await family.guardian_answers(issued.token, MOTHER)
    receipt = family.consents.receipt(family.record_of_child())
    for language, by, checked in (("nb", "foresatt", "i registeret over foresatte"),
                                  ("en", "a guardian", "in the register of guardians")):
        mail = templates.consent_receipt(CHILD, receipt, "Health", "given", language, settings=Settings())
        assert by in mail.text and checked in mail.text, language
