"""A child cannot approve their own guardian consent.

The attack that worked on main: a 14-year-old records consent with child@example.org, opens the
/guardian/<token> link and enters the same address; the record became `given` with guardian_key ==
subject_key. Now the child's verified address, every address the chat asked a code for (before or after the
link was made) and the Telegram account the chat came from are refused, and both sides hear why."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import Settings
from bot.consent.chat_addresses import ChatAddresses
from bot.consent.guardian_page import GuardianPageServices
from bot.consent.invitations import INVITATIONS, SELF_ANSWER, GuardianInvitations, IssuedInvitation
from bot.consent.service import ConsentService
from bot.consent.sessions import ConsentSessions
from bot.dsr import PendingRequestStore
from bot.dsr.flow import CompletionStatus, RequestFlow
from bot.dsr.kinds import CONSENT_LOOKUP, GIVE_CONSENT
from bot.i18n import translate
from bot.verification import MemoryShortLivedStore, VerificationService
from bot.web.guardian_pages import GuardianPages
from tests.dsr.test_flow import RecordingMailer
from tests.verification.fakes import RecordingSender

SECRET = b"consent-test-secret-0123456789"
PURPOSE = "training-videos"
CHILD = "child@example.org"
CHAT = "child-chat"


@dataclass
class Family:
    consents: ConsentService
    invitations: GuardianInvitations
    flow: RequestFlow
    child_codes: RecordingSender
    page: GuardianPages
    page_codes: RecordingSender
    told: list[str] = field(default_factory=list)


@pytest.fixture
def family(engine: Engine, consents: ConsentService, clock: FrozenClock) -> Family:
    store = MemoryShortLivedStore()
    invitations = GuardianInvitations(engine, consents, clock, SECRET)
    child_codes, page_codes = RecordingSender(), RecordingSender()
    flow = RequestFlow(
        PendingRequestStore(store, SECRET), VerificationService(store, child_codes, clock, SECRET),
        CaseService(engine, clock, SECRET), RecordingMailer(), Settings(), clock,
        consents=(consents, ConsentSessions(store, SECRET)), invitations=invitations,
        chat_addresses=ChatAddresses(store, SECRET),
    )
    told: list[str] = []

    async def notify_child(conversation_id: str) -> None:
        told.append(conversation_id)

    page = GuardianPages(GuardianPageServices(
        consents, invitations, VerificationService(store, page_codes, clock, SECRET), SECRET, "Demo idrettslag",
        "personvern@example.org", notify_child))
    return Family(consents, invitations, flow, child_codes, page, page_codes, told)


async def child_consents(family: Family, chat: str = CHAT, channel: str = "web") -> IssuedInvitation:
    """The chat as a 14-year-old goes through it: purpose, birth year, own address, the code."""
    await family.flow.begin(chat, GIVE_CONSENT, CHILD, "nb", channel, {"purpose": PURPOSE, "birth_year": "2011"})
    await family.flow.check_code(chat, family.child_codes.last_code)
    done = await family.flow.complete(chat)
    assert done.status is CompletionStatus.CONSENT_RECORDED and done.invitation is not None
    assert done.consents[0].status == "pending_guardian"
    return done.invitation


async def answer_on_the_page(family: Family, token: str, email: str, lang: str | None = None) -> tuple[int, str]:
    sent = await family.page.send_code(token, email, lang)
    assert sent.status == 200
    answered = await family.page.answer(token, email, family.page_codes.last_code, "approve", lang)
    return answered.status, html.unescape(answered.body.decode())


async def test_the_child_cannot_approve_with_their_own_verified_address(family: Family) -> None:
    issued = await child_consents(family)
    record_id = family.consents.records_for(family.consents.pseudonym(CHILD))[0].record_id

    status, page = await answer_on_the_page(family, issued.token, CHILD, "en")
    assert status == 403
    assert translate("tg_child_itself", "en") in page, "the guardian's language"
    assert family.consents.get(record_id).status == "pending_guardian", "nothing was approved"
    assert family.told == [CHAT], "the child's chat is told at once"
    (notice,) = family.invitations.untold_answers(CHAT)
    assert notice.answer == SELF_ANSWER and notice.purpose_id == PURPOSE
    for language in ("nb", "nn", "da", "en"):
        assert "{" not in translate(f"guardian_{notice.answer}_child", language, title="Video")

    # The link still works for the parent.
    status, page = await answer_on_the_page(family, issued.token, "mor@example.org", "nb")
    assert status == 200
    record = family.consents.receipt(record_id)
    assert record["status"] == "given"
    assert record["given_by"]["guardian"]["pseudonymous_key"] != record["data_subject"]["pseudonymous_key"]


async def test_an_address_the_chat_used_before_or_after_the_link_is_refused_too(family: Family) -> None:
    await family.flow.begin(CHAT, CONSENT_LOOKUP, "typed.earlier@example.org", "nb", "web")
    issued = await child_consents(family)
    await family.flow.begin(CHAT, CONSENT_LOOKUP, "typed.later@example.org", "nb", "web")

    for address in ("Typed.Earlier@example.org", "typed.later@example.org"):
        status, page = await answer_on_the_page(family, issued.token, address, "da")
        assert status == 403 and translate("tg_child_itself", "da") in page, address
    with family.invitations._engine.connect() as connection:  # noqa: SLF001 - what is kept at rest
        kept = connection.execute(select(INVITATIONS.c.excluded_keys)).scalar_one()
    assert "@" not in kept and "example" not in kept, "only keyed hashes, never addresses"


async def test_a_chat_that_came_from_telegram_excludes_that_account(family: Family) -> None:
    issued = await child_consents(family, chat="777000", channel="telegram")
    opener = family.consents.pseudonym("telegram:777000")
    with pytest.raises(Exception) as refused:
        family.invitations.open(issued.token, opener)
    assert getattr(refused.value, "problem", None) is not None and refused.value.problem.value == "child_itself"
    assert family.invitations.open(issued.token, family.consents.pseudonym("telegram:4242")).purpose_id == PURPOSE
